import { Config } from './config';
import { Database, openDatabase } from './db/data-source';
import { createSchema } from './schema';
import { loadSeeds, SeedResult } from './seeding/load';
import { RunningApi, startApi } from './server/http';

export interface App {
  db: Database;
  api: RunningApi;
  seeds: SeedResult | null;
  stop(): Promise<void>;
}

/**
 * The configured database, migrated and seeded as FINSAM_SEED says (a no-op when the seed files are
 * unchanged): what the server and the command-line tools work on.
 */
export async function openPrepared(config: Config): Promise<{ db: Database; seeds: SeedResult | null }> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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
  const { db, seeds } = await openPrepared(config);
  try {
    const api = await startApi(await createSchema(), db.dataSource, config.port);
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
