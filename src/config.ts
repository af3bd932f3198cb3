/** Configuration, read once from environment variables; every variable has a default (see README). */
export interface Config {
  /** HTTP port of the API. */
  port: number;
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
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
}

export type SeedScope = 'all' | 'reference' | 'none';

function seedScope(value: string | undefined): SeedScope {
  const scope = value || 'all';
  if (scope !== 'all' && scope !== 'reference' && scope !== 'none') throw new Error(`FINSAM_SEED must be all, reference or none, got "${value}"`);
  return scope;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.FINSAM_DATA_DIR || '.data',
    seedDir: env.FINSAM_SEED_DIR || 'seeds',
    seed: seedScope(env.FINSAM_SEED),
  };
}
