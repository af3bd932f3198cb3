import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { WorkerPoolStats } from '../common/worker-pool';

/** Connection counts of the database pool, read when /metrics is scraped. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * Prometheus metrics of one server (its own registry, so several servers in one test process do not
 * share counters): requests by operation and status, errors by code, latency, SQL statements per request,
 * the response cache's hits and misses, the database pool.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'finsam_http_requests_total',
    help: 'HTTP requests by route, GraphQL operation (type and first root field) and status.',
    labelNames: ['route', 'operation', 'status'],
    registers: [this.registry],
  });
  readonly errors = new Counter({ name: 'finsam_errors_total', help: 'Errors answered, by extensions.code.', labelNames: ['code'], registers: [this.registry] });
  readonly duration = new Histogram({
    name: 'finsam_http_request_duration_seconds',
    help: 'Time from request to response, by route.',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly statements = new Histogram({
    name: 'finsam_sql_statements_per_request',
    help: 'SQL statements a request sent.',
    labelNames: ['route'],
    buckets: [0, 1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  constructor(cacheCounts: () => { hits: number; misses: number }, pool: () => PoolStats | null, workerPools: () => Array<{ module: string; stats: WorkerPoolStats }> = () => []) {
    collectDefaultMetrics({ register: this.registry, prefix: 'finsam_' });
    new Gauge({
      name: 'finsam_response_cache_lookups',
      help: 'Response cache lookups since start, by result (hit, miss).',
      labelNames: ['result'],
      registers: [this.registry],
      collect() {
        const { hits, misses } = cacheCounts();
        this.set({ result: 'hit' }, hits);
        this.set({ result: 'miss' }, misses);
      },
    });
    new Gauge({
      name: 'finsam_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting clients).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = pool();
        if (!stats) return;
        for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, stats[state]);
      },
    });
    new Gauge({
      name: 'finsam_worker_pool_tasks',
      help: 'Tasks of the worker pools (long computations off the event loop), by module and state: queued, running, and since start done in a worker thread or inline.',
      labelNames: ['module', 'state'],
      registers: [this.registry],
      collect() {
        for (const { module, stats } of workerPools()) {
          this.set({ module, state: 'queued' }, stats.queued);
          this.set({ module, state: 'running' }, stats.running);
          this.set({ module, state: 'done_worker' }, stats.done.worker);
          this.set({ module, state: 'done_inline' }, stats.done.inline);
        }
      },
    });
    new Gauge({
      name: 'finsam_worker_pool_threads',
      help: 'Worker threads running, by module (started on the first task).',
      labelNames: ['module'],
      registers: [this.registry],
      collect() {
        for (const { module, stats } of workerPools()) this.set({ module }, stats.threads);
      },
    });
  }
}
