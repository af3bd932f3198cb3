import { Caching, CACHING_VARIABLES, DEFAULT_CACHING } from '../platform/http/caching';
import { CONNECTION_VARIABLES, Connections, DEFAULT_CONNECTIONS } from '../platform/http/connections';
import { DEFAULT_LIMITS, Limits, LIMIT_VARIABLES } from '../platform/common/limits';
import { DEFAULT_WORKERS } from '../platform/common/worker-pool';

/** Configuration, read once from environment variables; every variable has a default (see README). */
export interface Config {
  /** HTTP port of the API. */
  port: number;
  /** Address to listen on; loopback by default, so an embedded setup is not exposed by accident. */
  host: string;
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** A read replica of DATABASE_URL for queries; writes and imports always go to DATABASE_URL. */
  databaseReadUrl: string | undefined;
  /** Redis for the response cache, persisted queries and cost budgets shared by every replica; in memory when absent. */
  redisUrl: string | undefined;
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /**
   * Proxies whose X-Forwarded-For names the client (the address budgets count by): false for none, true for any
   * (only when nothing but the proxy can reach the API), or their addresses and CIDR ranges.
   */
  trustProxy: boolean | string;
  caching: Caching;
  connections: Connections;
  /** Folder of the embedded PGlite database. */
  dataDir: string;
  /** Folder holding the seed files. */
  seedDir: string;
  /**
   * Which seed data to load on start: "all" (reference data, national figures and the förbund documents),
   * "reference" (measures, organisations and national figures only: a database for förbund to import
   * into) or "none".
   */
  seed: SeedScope;
  limits: Limits;
  /** Worker threads for the comparison statistics (FINSAM_WORKERS); 0 computes them on the event loop. */
  workers: number;
  /** The Bearer token /metrics asks for (FINSAM_METRICS_TOKEN); without one, /metrics answers this machine only. */
  metricsToken: string | undefined;
}

export type SeedScope = 'all' | 'reference' | 'none';

function seedScope(value: string | undefined): SeedScope {
  const scope = value || 'all';
  if (scope !== 'all' && scope !== 'reference' && scope !== 'none') throw new Error(`FINSAM_SEED must be all, reference or none, got "${value}"`);
  return scope;
}

/** Whole-number settings, each from its variable or its default; `zeroAllowed` names those 0 may turn off. */
function readNumbers<T extends object>(env: NodeJS.ProcessEnv, defaults: T, variables: Record<keyof T, string>, zeroAllowed: Array<keyof T> = []): T {
  const values = { ...defaults };
  for (const [key, name] of Object.entries(variables) as Array<[keyof T, string]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const min = zeroAllowed.includes(key) ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
    (values as Record<keyof T, number>)[key] = value;
  }
  return values;
}

/** An address (IPv4 or IPv6) with an optional prefix length: what Fastify's trustProxy takes in a list. */
const PROXY = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)(\/\d{1,3})?$/;

function trustedProxies(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  const list = value.split(',').map((p) => p.trim());
  const bad = list.find((p) => !PROXY.test(p));
  if (bad !== undefined) throw new Error(`FINSAM_TRUST_PROXY must be true, false or proxy addresses and CIDR ranges separated by commas, got "${bad}"`);
  return list.join(',');
}

/** A token short enough to guess would make the metrics public in all but name. */
const MIN_METRICS_TOKEN = 16;

function metricsToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < MIN_METRICS_TOKEN || /\s/.test(value)) throw new Error(`FINSAM_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN} characters without spaces (e.g. openssl rand -hex 32)`);
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const logLevel = env.FINSAM_LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`FINSAM_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  if (env.DATABASE_READ_URL && !env.DATABASE_URL) throw new Error('DATABASE_READ_URL is a replica of DATABASE_URL: set DATABASE_URL too');
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    logLevel,
    trustProxy: trustedProxies(env.FINSAM_TRUST_PROXY),
    dataDir: env.FINSAM_DATA_DIR || '.data',
    seedDir: env.FINSAM_SEED_DIR || 'seeds',
    seed: seedScope(env.FINSAM_SEED),
    limits: readNumbers(env, DEFAULT_LIMITS, LIMIT_VARIABLES, ['costBudget', 'maxInFlight']),
    caching: readNumbers(env, DEFAULT_CACHING, CACHING_VARIABLES, ['maxAgeSeconds', 'staleWhileRevalidateSeconds']),
    connections: readNumbers(env, DEFAULT_CONNECTIONS, CONNECTION_VARIABLES, ['maxConnectionsPerAddress']),
    workers: readNumbers(env, { workers: DEFAULT_WORKERS }, { workers: 'FINSAM_WORKERS' }, ['workers']).workers,
    metricsToken: metricsToken(env.FINSAM_METRICS_TOKEN),
  };
}
