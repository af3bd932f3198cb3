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

/** Opens the database, migrates it, loads the seed data (a no-op when unchanged) and serves the API. */
export async function startApp(config: Config): Promise<App> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await db.dataSource.runMigrations({ transaction: 'each' });
    const seeds = config.seedOnStart ? await loadSeeds(db.dataSource, config.seedDir) : null;
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
