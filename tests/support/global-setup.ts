import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppDatabase } from '../../src/app/modules';
import { loadSeeds } from '../../src/ingest/seed';

/**
 * Compiles the server (incrementally: a no-op when nothing changed), so tests that start it as `npm start`
 * does run the code as it is now. Then builds one migrated, seeded PGlite database per test run; every
 * test file starts from a copy of it.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const db = await openAppDatabase({});
  await db.dataSource.runMigrations({ transaction: 'each' });
  await loadSeeds(db.dataSource, 'seeds');
  const dump = await db.pglite!.dumpDataDir('none');
  const path = join(tmpdir(), `finsam-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  process.env.FINSAM_TEST_TEMPLATE = path;
  await db.close();
}
