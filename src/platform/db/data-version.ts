import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { Database } from './data-source';

/** The channel the data-version trigger notifies (migration DataVersionNotify). */
export const DATA_VERSION_CHANNEL = 'finsam_data_version';

/** How long to wait before listening again after the listening connection was lost. */
const RELISTEN_MS = 1000;

/** One statement: the version the data is at now. */
export async function readDataVersion(db: EntityManager): Promise<string> {
  const [row] = await db.query('SELECT version FROM data_version WHERE id = 1');
  return String(row.version);
}

/** Where the data version comes from: read per request, or known from PostgreSQL's notifications. */
export interface DataVersionSource {
  /** The version now; `read` is the per-request statement, used whenever the version is not known. */
  current(read: () => Promise<string>): Promise<string>;
  /** After a write through this server: the version is read again, so its next request sees the write. */
  refresh(read: () => Promise<string>): Promise<void>;
  close(): Promise<void>;
}

/** One statement per request: with a read replica, whose data may lag the primary's notifications. */
export const READ_EVERY_TIME: DataVersionSource = { current: (read) => read(), refresh: async () => {}, close: async () => {} };

type Unlisten = () => Promise<void>;

/** LISTENs on the database's own connection: PGlite in process, or a dedicated client to PostgreSQL. */
async function listen(db: Database, onVersion: (v: string) => void, onLost: () => void): Promise<Unlisten> {
  if (db.pglite) return db.pglite.listen(DATA_VERSION_CHANNEL, onVersion);
  const { url } = db.dataSource.options as PostgresDataSourceOptions;
  const client = new Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000 });
  client.on('notification', (n) => n.payload && onVersion(n.payload));
  client.on('error', onLost);
  client.on('end', onLost);
  await client.connect();
  await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
  return async () => {
    client.removeListener('end', onLost);
    await client.end().catch(() => {});
  };
}

/**
 * The data version kept in memory, moved by the trigger's NOTIFY on every write by any process: a public
 * read then needs no statement before its ETag and cached answer are known. While not listening (the
 * database away, the connection lost) every request reads the version itself, as without a watch. A write
 * by another process is seen once PostgreSQL delivers its notification, which it sends at commit; a write
 * through this server is seen by its next request (refresh).
 */
export async function watchDataVersion(db: Database): Promise<DataVersionSource> {
  const read = () => readDataVersion(db.dataSource.manager);
  let known: bigint | null = null;
  let unlisten: Unlisten | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  // Versions only grow; a notification and a read can arrive in either order.
  const advance = (version: string) => {
    const v = BigInt(version);
    if (known === null || v > known) known = v;
  };
  const lost = () => {
    known = null;
    unlisten = null;
    if (!closed && !timer) timer = setTimeout(start, RELISTEN_MS).unref();
  };
  async function start(): Promise<void> {
    timer = undefined;
    try {
      unlisten = await listen(db, advance, lost);
      // Read after LISTEN: a write between the two is in the read or in a notification.
      advance(await read());
    } catch {
      lost();
    }
  }
  await start();
  return {
    async current(readNow) {
      return known === null ? readNow() : String(known);
    },
    async refresh(readNow) {
      if (known === null) return;
      try {
        advance(await readNow());
      } catch {
        // The database did not answer: until it does, every request reads the version itself.
        known = null;
      }
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await unlisten?.();
    },
  };
}
