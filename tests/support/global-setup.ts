import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/data-source';
import { loadSeeds } from '../../src/seeding/load';

/** Builds one migrated, seeded PGlite database per test run; every test file starts from a copy of it. */
export default async function globalSetup(): Promise<void> {
  const db = await openDatabase({});
  await db.dataSource.runMigrations({ transaction: 'each' });
  await loadSeeds(db.dataSource, 'seeds');
  const dump = await db.pglite!.dumpDataDir('none');
  const path = join(tmpdir(), `finsam-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  process.env.FINSAM_TEST_TEMPLATE = path;
  await db.close();
}
