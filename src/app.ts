import { Config } from './config';
import { Database, openDatabase } from './db/data-source';
import { createSchema } from './graphql/schema';
import { loadSeeds, SeedResult } from './seeding/load';
import { RunningApi, startApi } from './http/server';

export interface App {
  db: Database;
  api: RunningApi;
  seeds: SeedResult | null;
  stop(): Promise<void>;
}

/**
 * The configured database, migrated and seeded as FINSAM_SEED says (a no-op when the seed files are
 * unchanged): what the server and the command-line tools work on. The server passes a statement timeout
 * (its request deadline); the command-line tools run without one.
 */
export async function openPrepared(config: Config, options: { statementTimeoutMs?: number } = {}): Promise<{ db: Database; seeds: SeedResult | null }> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, statementTimeoutMs: options.statementTimeoutMs });
  try {
    await db.dataSource.runMigrations({ transaction: 'each' });
    const seeds = config.seed === 'none' ? null : await loadSeeds(db.dataSource, config.seedDir, config.seed);
    return { db, seeds };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** Opens and prepares the database and serves the API. */
export async function startApp(config: Config): Promise<App> {
  const { db, seeds } = await openPrepared(config, { statementTimeoutMs: config.limits.requestTimeoutMs });
  try {
    const api = await startApi(await createSchema(), db.dataSource, { port: config.port, host: config.host, limits: config.limits });
    return {
      db,
      api,
      seeds,
      stop: async () => {
        await api.stop();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
