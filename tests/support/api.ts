import { startAppApi } from '../../src/app/modules';
import { DEFAULT_LIMITS, Limits } from '../../src/platform/common/limits';
import { DEFAULT_WORKERS } from '../../src/platform/common/worker-pool';
import { DEFAULT_CACHING } from '../../src/platform/http/caching';
import { DEFAULT_CONNECTIONS } from '../../src/platform/http/connections';
import { ApiOptions, RunningApi } from '../../src/platform/http/server';
import { openSharedStore } from '../../src/platform/http/shared-store';
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

/**
 * Tests run with the production limits, except the cost budget and the cap on requests in flight (a test file
 * sends hundreds of requests, many at once) unless it asks, and the statistics in one worker thread
 * (FINSAM_WORKERS's default) unless `workers` says otherwise.
 */
export async function startTestApi(
  backend: Backend,
  options?: TestDatabaseOptions & { limits?: Partial<Limits>; workers?: number } & Pick<ApiOptions, 'host' | 'metricsToken'>,
): Promise<TestApi> {
  const db = await openTestDatabase(backend, options);
  const api = await startAppApi(
    { read: db.dataSource, write: db.dataSource },
    {
      port: 0,
      limits: { ...DEFAULT_LIMITS, costBudget: 0, maxInFlight: 0, ...options?.limits },
      connections: DEFAULT_CONNECTIONS,
      caching: DEFAULT_CACHING,
      store: openSharedStore(undefined),
      logLevel: 'warn',
      workers: options?.workers ?? DEFAULT_WORKERS,
      host: options?.host,
      metricsToken: options?.metricsToken,
    },
  );
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

/** A request with an API key. */
export async function as(t: TestApi, key: string | null, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(t.api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
}
