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
  /** Redis for the response cache, persisted queries and rate limits shared by every replica; in memory when absent. */
  redisUrl: string | undefined;
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Trust X-Forwarded-For from a proxy or CDN in front (the client address rate limits count by). */
  trustProxy: boolean;
  caching: Caching;
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
}

export type SeedScope = 'all' | 'reference' | 'none';

/** HTTP caching of public answers (Cache-Control), and of the server-side response cache. */
export interface Caching {
  /** max-age of a public answer: browsers and CDNs reuse it this long without asking. */
  maxAgeSeconds: number;
  /** stale-while-revalidate: how long after that a cache may serve it while it fetches a fresh one. */
  staleWhileRevalidateSeconds: number;
  /** max-age of an answer as of a settled moment in the past (asOf), which never changes. */
  settledMaxAgeSeconds: number;
}

export const DEFAULT_CACHING: Caching = { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 300, settledMaxAgeSeconds: 86_400 };

const CACHING_VARIABLES: Record<keyof Caching, string> = {
  maxAgeSeconds: 'FINSAM_CACHE_MAX_AGE',
  staleWhileRevalidateSeconds: 'FINSAM_CACHE_STALE_WHILE_REVALIDATE',
  settledMaxAgeSeconds: 'FINSAM_CACHE_SETTLED_MAX_AGE',
};

/**
 * What one request may ask of the server. The defaults were chosen by measurement: every query of the
 * README and the tests, and a national dashboard over 80 förbund, pass with room to spare (README, "Limits
 * and errors").
 */
export interface Limits {
  /** Bytes of a GraphQL document, checked before it is parsed. */
  maxDocumentBytes: number;
  /** Lexical tokens of a document; the parser stops at this many. */
  maxTokens: number;
  /** Nesting of fields (introspection is not counted). */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Computed cost: every field 1, a list field's selection times the rows it can return. */
  maxCost: number;
  /** Bytes of a request body without a valid API key. */
  maxBodyBytes: number;
  /** Bytes of a request body with a valid API key (an importReport with its CSV files). */
  maxImportBodyBytes: number;
  /** Bytes of a GraphQL response; a larger answer is replaced by RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Deadline of a read request; its SQL is cancelled then too (PostgreSQL statement_timeout). */
  requestTimeoutMs: number;
  /** Deadline of a write (import) request. */
  importTimeoutMs: number;
  /** Requests per minute per API key, else per client address; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDocumentBytes: 20_000,
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 20,
  maxCost: 100_000,
  maxBodyBytes: 100_000,
  maxImportBodyBytes: 8_000_000,
  maxResponseBytes: 10_000_000,
  requestTimeoutMs: 10_000,
  importTimeoutMs: 300_000,
  rateLimitPerMinute: 600,
};

/** Environment variable of each limit. */
export const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  maxDocumentBytes: 'FINSAM_MAX_DOCUMENT_BYTES',
  maxTokens: 'FINSAM_MAX_TOKENS',
  maxDepth: 'FINSAM_MAX_DEPTH',
  maxAliases: 'FINSAM_MAX_ALIASES',
  maxDirectives: 'FINSAM_MAX_DIRECTIVES',
  maxCost: 'FINSAM_MAX_COST',
  maxBodyBytes: 'FINSAM_MAX_BODY_BYTES',
  maxImportBodyBytes: 'FINSAM_MAX_IMPORT_BODY_BYTES',
  maxResponseBytes: 'FINSAM_MAX_RESPONSE_BYTES',
  requestTimeoutMs: 'FINSAM_REQUEST_TIMEOUT_MS',
  importTimeoutMs: 'FINSAM_IMPORT_TIMEOUT_MS',
  rateLimitPerMinute: 'FINSAM_RATE_LIMIT',
};

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
    trustProxy: env.FINSAM_TRUST_PROXY === 'true',
    dataDir: env.FINSAM_DATA_DIR || '.data',
    seedDir: env.FINSAM_SEED_DIR || 'seeds',
    seed: seedScope(env.FINSAM_SEED),
    limits: readNumbers(env, DEFAULT_LIMITS, LIMIT_VARIABLES, ['rateLimitPerMinute']),
    caching: readNumbers(env, DEFAULT_CACHING, CACHING_VARIABLES, ['maxAgeSeconds', 'staleWhileRevalidateSeconds']),
  };
}
