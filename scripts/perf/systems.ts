/**
 * The systems the benchmark compares, each started on the benchmark's database and asked the benchmark's
 * queries in its own way: this API without and with its caches, PostGraphile, and the hand-written floor.
 */
import { startServerProcess } from '../../tests/support/server-process';
import { startFloor } from './floor';
import { POSTGRAPHILE_QUERIES, startPostgraphile } from './postgraphile';
import { BenchQuery } from './queries';

export type SystemName = 'project' | 'projectCached' | 'postgraphile' | 'floor';

export interface Running {
  base: string;
  pid: number;
  stop(): Promise<void>;
  rssMb(): number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface System {
  name: SystemName;
  title: string;
  start(databaseUrl: string): Promise<Running>;
  /** How this system is asked the query; null when it has no equivalent. */
  request(query: BenchQuery): HttpRequest | null;
}

function graphqlRequest(query: string, variables: Record<string, unknown>, get: boolean | undefined): HttpRequest {
  if (get) {
    return { method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`, headers: {} };
  }
  return { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
}

/** This API as `npm start` runs it, rate limits off (one client sends everything); `cached` keeps the response cache on. */
function project(cached: boolean): System {
  return {
    name: cached ? 'projectCached' : 'project',
    title: cached ? 'this API, caches on' : 'this API, caches off',
    async start(databaseUrl) {
      const server = await startServerProcess({
        DATABASE_URL: databaseUrl,
        FINSAM_COST_BUDGET: '0',
        FINSAM_LOG_LEVEL: 'warn',
        // A max-age of 0 turns the response cache off (nothing is cacheable for any time).
        ...(cached ? {} : { FINSAM_CACHE_MAX_AGE: '0' }),
      });
      return { base: server.base, pid: server.pid, rssMb: () => server.rssMb(), stop: async () => void (await server.stop()) };
    },
    request: (q) => graphqlRequest(q.query, q.variables, q.get),
  };
}

export const SYSTEMS: System[] = [
  project(false),
  project(true),
  {
    name: 'postgraphile',
    title: 'PostGraphile 5.1.5',
    start: startPostgraphile,
    request: (q) => {
      const peer = q.key === 'q2' ? null : POSTGRAPHILE_QUERIES[q.key];
      return peer ? graphqlRequest(peer.query, peer.variables, peer.get) : null;
    },
  },
  {
    name: 'floor',
    title: 'floor: one hand-written SQL statement',
    start: startFloor,
    request: (q) => graphqlRequest(q.query, q.variables, q.get),
  },
];

export async function send(base: string, req: HttpRequest): Promise<{ status: number; body: { data?: unknown; errors?: unknown } }> {
  const res = await fetch(`${base}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown } };
}
