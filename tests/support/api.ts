import { createSchema } from '../../src/schema';
import { RunningApi, startApi } from '../../src/server/http';
import { Backend, openTestDatabase, TestDatabase, TestDatabaseOptions } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestApi {
  db: TestDatabase;
  api: RunningApi;
  /** POSTs a query to the running server over HTTP, as any client would. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestApi(backend: Backend, options?: TestDatabaseOptions): Promise<TestApi> {
  const db = await openTestDatabase(backend, options);
  const api = await startApi(await createSchema(), db.dataSource, 0);
  return {
    db,
    api,
    async query(query, variables) {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await api.stop();
      await db.close();
    },
  };
}
