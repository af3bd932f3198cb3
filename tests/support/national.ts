/**
 * A server as `npm start` runs it, on a database of national scale: the seed documents plus 80 synthetic
 * förbund × 15 years from the benchmark's generator (made-up figures: test data only), on PGlite (a data folder
 * unpacked from the test run's template) or on a scratch PostgreSQL database.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertSyntheticOutcomes } from '../../scripts/perf/dataset';
import { openAppDatabase } from '../../src/app/modules';
import { loadSeeds } from '../../src/ingest/seed';
import { Backend, createScratchDatabase } from './database';
import { ServerProcess, startServerProcess } from './server-process';

export const NATIONAL = { forbund: 80, fromYear: 2011, years: 15, revisedShare: 0, seed: 1 };

export async function startNationalServer(backend: Backend, env: Record<string, string>): Promise<{ server: ServerProcess; dispose(): Promise<void> }> {
  if (backend === 'pglite') {
    const work = mkdtempSync(join(tmpdir(), 'finsam-national-'));
    const dataDir = join(work, 'data');
    const db = await openAppDatabase({ dataDir, loadDataDir: new Blob([readFileSync(process.env.FINSAM_TEST_TEMPLATE!)]) });
    await insertSyntheticOutcomes(db.dataSource.manager, NATIONAL);
    await db.close();
    // FINSAM_SEED=all matches the template's seeds: the server loads nothing again.
    const server = await startServerProcess({ FINSAM_DATA_DIR: dataDir, FINSAM_SEED: 'all', FINSAM_LOG_LEVEL: 'warn', ...env }, 120_000);
    return { server, dispose: async () => { await server.stop(); rmSync(work, { recursive: true, force: true }); } };
  }
  const scratch = await createScratchDatabase();
  const db = await openAppDatabase({ databaseUrl: scratch.url });
  await db.dataSource.runMigrations({ transaction: 'each' });
  await loadSeeds(db.dataSource, 'seeds');
  await insertSyntheticOutcomes(db.dataSource.manager, NATIONAL);
  await db.close();
  const server = await startServerProcess({ DATABASE_URL: scratch.url, FINSAM_LOG_LEVEL: 'warn', ...env }, 120_000);
  return { server, dispose: async () => { await server.stop(); await scratch.drop(); } };
}
