/**
 * The data version kept in memory from PostgreSQL's notifications (src/platform/db/data-version.ts): a write by any
 * connection moves it without a read per request, and a lost listening connection falls back to reading.
 */
import { Client } from 'pg';
import { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { DataVersionSource, readDataVersion, watchDataVersion } from '../../src/platform/db/data-version';
import { backends, openTestDatabase, TestDatabase } from '../support/database';
import { eventually } from '../support/tools';

/** A write the way another process makes one: on a connection of its own where there can be one. */
async function writeElsewhere(db: TestDatabase): Promise<void> {
  const sql = `UPDATE measure SET note = note WHERE code = 'to_work_or_studies'`;
  if (db.backend === 'pglite') {
    await db.dataSource.query(sql);
    return;
  }
  const client = new Client({ connectionString: (db.dataSource.options as PostgresDataSourceOptions).url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe.each(backends)('data version from notifications (%s)', (backend) => {
  let db: TestDatabase;
  let watch: DataVersionSource;
  let reads = 0;
  const read = () => {
    reads++;
    return readDataVersion(db.dataSource.manager);
  };

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    watch = await watchDataVersion(db);
  });
  afterAll(async () => {
    await watch.close();
    await db.close();
  });

  it('knows the version without a statement, and follows a write made on another connection', async () => {
    const before = await readDataVersion(db.dataSource.manager);
    reads = 0;
    expect(await watch.current(read)).toBe(before);
    await writeElsewhere(db);
    const { value: after } = await eventually(() => watch.current(read), (v) => v !== before, 3000);
    expect(BigInt(after)).toBe(BigInt(before) + 1n);
    expect(after).toBe(await readDataVersion(db.dataSource.manager));
    expect(reads).toBe(0);
  });

  if (backend === 'postgres') {
    it('reads the version per request while its connection is lost, and listens again', async () => {
      await db.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
      await eventually(async () => (reads = 0, await watch.current(read), reads), (n) => n === 1, 2000);
      expect(reads).toBe(1);
      await writeElsewhere(db);
      expect(await watch.current(read)).toBe(await readDataVersion(db.dataSource.manager));
      // Listening again within about a second, it needs no statement once more.
      const { value: settled } = await eventually(async () => (reads = 0, await watch.current(read), reads), (n) => n === 0, 4000);
      expect(settled).toBe(0);
      await writeElsewhere(db);
      const latest = await readDataVersion(db.dataSource.manager);
      expect((await eventually(() => watch.current(read), (v) => v === latest, 3000)).value).toBe(latest);
    });
  }
});
