import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Logger } from 'typeorm';
import { openAppDatabase } from '../../src/app/modules';
import { Database } from '../../src/platform/db/data-source';
import { loadSeeds } from '../../src/ingest/seed';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
/** Every förbund the seeds register, in slug order (the two with annual reports and the registry's 17). */
export const REGISTERED_SLUGS: string[] = (JSON.parse(readFileSync('seeds/reference.json', 'utf8')) as { forbund: Array<{ slug: string }> }).forbund.map((f) => f.slug).sort();

export const backends: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Counts the SQL statements a piece of work sends, so tests can prove batching. */
export class StatementCounter implements Logger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string): void {
    this.count++;
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): void {
    this.count = 0;
    this.statements = [];
  }
}

export interface TestDatabase extends Database {
  counter: StatementCounter;
}

export interface TestDatabaseOptions {
  /** Load the project's seed data (default true); "reference" loads measures, organisations and national figures only; false gives migrated, empty tables. */
  seed?: boolean | 'reference';
}

/**
 * A fresh database for one test file: on PGlite a copy of the seeded template built in globalSetup, on
 * PostgreSQL a new database created for the file and dropped by close().
 */
export async function openTestDatabase(backend: Backend, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const seed = options.seed ?? true;
  const counter = new StatementCounter();
  if (backend === 'pglite') {
    const template = process.env.FINSAM_TEST_TEMPLATE;
    const db = await openAppDatabase({ logger: counter, loadDataDir: template ? new Blob([readFileSync(template)]) : undefined });
    await db.dataSource.runMigrations({ transaction: 'each' });
    if (seed !== true) await db.dataSource.query('TRUNCATE forbund, organisation, source_document, measure, seed_state, import_batch RESTART IDENTITY CASCADE');
    if (seed) await loadSeeds(db.dataSource, 'seeds', seed === true ? 'all' : 'reference');
    counter.reset();
    return { ...db, counter };
  }
  const scratch = await createScratchDatabase();
  const db = await openAppDatabase({ databaseUrl: scratch.url, logger: counter });
  await db.dataSource.runMigrations({ transaction: 'each' });
  if (seed) await loadSeeds(db.dataSource, 'seeds', seed === true ? 'all' : 'reference');
  counter.reset();
  return {
    ...db,
    counter,
    close: async () => {
      await db.close();
      await scratch.drop();
    },
  };
}

/** A new, empty database on the TEST_DATABASE_URL server, and how to drop it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `finsam_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name}`) };
}

/** One md5 per table over every row: equal before and after means nothing was written. */
export async function tableChecksums(db: Database): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await db.dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum FROM "${name}" t`);
    sums[name] = `${row.n}:${row.sum}`;
  }
  return sums;
}
