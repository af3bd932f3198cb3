import { Config } from './config';
import { Database } from '../platform/db/data-source';
import { assertDataDirFree, claimDataDir } from '../platform/db/data-dir-lock';
import { loadSeeds, SeedResult } from '../ingest/seed';
import { RunningApi } from '../platform/http/server';
import { openAppDatabase, startAppApi } from './modules';
import { openSharedStore } from '../platform/http/shared-store';
import { READ_EVERY_TIME, watchDataVersion } from '../platform/db/data-version';

export interface App {
  db: Database;
  api: RunningApi;
  seeds: SeedResult | null;
  stop(): Promise<void>;
}

/** What start-up is doing, for a person watching the terminal. */
export type Progress = (message: string) => void;

/** Any number, the same in every process: the key of the advisory lock below. */
const PREPARATION_LOCK = 730_1210;

/**
 * Replicas starting together take turns at migrating and seeding (a PostgreSQL advisory lock held on a
 * connection of its own while the work runs on others). PGlite has one process and needs none.
 */
async function preparationLock(db: Database): Promise<() => Promise<void>> {
  if (db.backend !== 'postgres') return async () => {};
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  await runner.query('SELECT pg_advisory_lock($1)', [PREPARATION_LOCK]);
  return async () => {
    await runner.query('SELECT pg_advisory_unlock($1)', [PREPARATION_LOCK]);
    await runner.release();
  };
}

/**
 * The configured database, migrated and seeded as FINSAM_SEED says (a no-op when the seed files are
 * unchanged): what the server and the command-line tools work on. The server passes a statement timeout
 * (its request deadline); the command-line tools run without one.
 */
export async function openPrepared(
  config: Config,
  options: { statementTimeoutMs?: number; progress?: Progress } = {},
): Promise<{ db: Database; seeds: SeedResult | null }> {
  const progress = options.progress ?? (() => {});
  if (!config.databaseUrl) assertDataDirFree(config.dataDir);
  progress(config.databaseUrl ? 'Connecting to PostgreSQL (DATABASE_URL)…' : `Opening the embedded database in ${config.dataDir} (the first start creates it: a few seconds)…`);
  const db = await openAppDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, statementTimeoutMs: options.statementTimeoutMs });
  try {
    const unlock = await preparationLock(db);
    try {
      progress('Applying migrations…');
      await db.dataSource.runMigrations({ transaction: 'each' });
      if (config.seed !== 'none') progress('Checking the seed data…');
      const seeds = config.seed === 'none' ? null : await loadSeeds(db.dataSource, config.seedDir, config.seed);
      return { db, seeds };
    } finally {
      await unlock();
    }
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** Opens and prepares the database (and its read replica, if any) and serves the API. */
export async function startApp(config: Config, progress?: Progress): Promise<App> {
  const { db, seeds } = await openPrepared(config, { statementTimeoutMs: config.limits.requestTimeoutMs, progress });
  const replica = config.databaseReadUrl ? await openAppDatabase({ databaseUrl: config.databaseReadUrl, statementTimeoutMs: config.limits.requestTimeoutMs }) : null;
  const store = openSharedStore(config.redisUrl);
  // A replica's data can lag the primary's notifications: with one, every request reads the version where it reads the data.
  const dataVersion = replica ? READ_EVERY_TIME : await watchDataVersion(db);
  try {
    const api = await startAppApi({ read: (replica ?? db).dataSource, write: db.dataSource }, {
      dataVersion,
      port: config.port,
      host: config.host,
      limits: config.limits,
      caching: config.caching,
      connections: config.connections,
      store,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      workers: config.workers,
      metricsToken: config.metricsToken,
    });
    const release = config.databaseUrl ? () => {} : claimDataDir(config.dataDir, api.url);
    return {
      db,
      api,
      seeds,
      stop: async () => {
        await api.stop();
        release();
        await dataVersion.close();
        await store.close();
        await replica?.close();
        await db.close();
      },
    };
  } catch (e) {
    await dataVersion.close();
    await store.close();
    await replica?.close();
    await db.close();
    throw e;
  }
}
