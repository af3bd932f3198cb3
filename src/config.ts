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
  /** Load the seed files on start. */
  seedOnStart: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.FINSAM_DATA_DIR || '.data',
    seedDir: env.FINSAM_SEED_DIR || 'seeds',
    seedOnStart: (env.FINSAM_SEED ?? 'true') !== 'false',
  };
}
