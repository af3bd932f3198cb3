import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '../../src/domain/auth/keys';
import { openAppDatabase } from '../../src/app/modules';
import { Database } from '../../src/platform/db/data-source';
import { loadSeeds } from '../../src/ingest/seed';
import { createScratchDatabase, tableChecksums } from '../../tests/support/database';
import { Keys } from './types';
import { keyFrom, runTool } from '../../tests/support/tools';

export type BackendName = 'pglite' | 'postgres';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one run: the server's environment, how to open it here, and how to throw it away. */
export interface FuzzDatabase {
  name: BackendName;
  env: Record<string, string>;
  /** On PGlite only while no server holds the folder. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** `template`: a PGlite data-dir dump (the test suite's seeded template) to start from instead of an empty folder. */
export async function createFuzzDatabase(name: BackendName, adminUrl: string, template?: string): Promise<FuzzDatabase> {
  if (name === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'finsam-fuzz-'));
    let load = template;
    return {
      name,
      env: { FINSAM_DATA_DIR: dataDir },
      open: () => {
        const loadDataDir = load ? new Blob([readFileSync(load)]) : undefined;
        load = undefined;
        return openAppDatabase({ dataDir, loadDataDir });
      },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  // createScratchDatabase creates on TEST_DATABASE_URL's server; the fuzzer may have been pointed elsewhere.
  process.env.TEST_DATABASE_URL = adminUrl;
  const scratch = await createScratchDatabase();
  return { name, env: { DATABASE_URL: scratch.url }, open: () => openAppDatabase({ databaseUrl: scratch.url }), dispose: () => scratch.drop() };
}

async function withDatabase<T>(db: FuzzDatabase, work: (d: Database) => Promise<T>): Promise<T> {
  const d = await db.open();
  try {
    return await work(d);
  } finally {
    await d.close();
  }
}

export const checksums = (db: FuzzDatabase) => withDatabase(db, tableChecksums);

/** Creates a key with the project's own command, as an operator would (it also migrates and seeds a new database). */
async function createKey(env: Record<string, string>, args: string[]): Promise<string> {
  const { stdout, stderr } = await runTool(env, 'keys', 'create', '--name', 'fuzz', ...args);
  return keyFrom(`${stdout}
${stderr}`);
}

export async function createKeys(db: FuzzDatabase): Promise<Keys> {
  return { admin: await createKey(db.env, ['--role', 'ADMIN']), editor: await createKey(db.env, ['--role', 'EDITOR', '--forbund', 'uppsala']) };
}

/** The same database and keys made in this process: seconds instead of two more Node processes (the test suite's short run). */
export function createKeysInProcess(db: FuzzDatabase): Promise<Keys> {
  return withDatabase(db, async (d) => {
    await d.dataSource.runMigrations({ transaction: 'each' });
    await loadSeeds(d.dataSource, 'seeds');
    const em = d.dataSource.manager;
    const admin = await createApiKey(em, { name: 'fuzz', role: 'ADMIN' });
    const editor = await createApiKey(em, { name: 'fuzz', role: 'EDITOR', forbundSlug: 'uppsala' });
    return { admin: admin.secret, editor: editor.secret };
  });
}
