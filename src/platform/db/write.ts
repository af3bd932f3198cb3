import { GraphQLError } from 'graphql';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode } from '../common/errors';

/**
 * An import's statements may run longer than a read's (a 100 000-row report): the server's statement
 * timeout is lifted inside its transaction; the import's own deadline still stops it between statements.
 */
const UNBOUNDED_STATEMENTS = 'SET LOCAL statement_timeout = 0';

/** How often a write that met another is tried in all before it is given up as WRITE_CONFLICT. */
const ATTEMPTS = 3;

/** SQLSTATEs of a write that met another: a serialization failure, a deadlock, a key the other wrote first. */
const CONFLICTS = new Set(['40001', '40P01', '23505']);

function sqlState(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

export function writeConflict(): GraphQLError {
  return new GraphQLError('Another write to the same förbund or document was under way and this one could not be completed; nothing of it was written. Send it again: it will succeed.', {
    extensions: { code: ErrorCode.WRITE_CONFLICT, retryable: true, http: { status: 409 } },
  });
}

/**
 * A write transaction that takes turns with every other write to the same things: it first takes a
 * transaction-scoped advisory lock per key (a förbund's slug, a document's id), in sorted order so two writers
 * never wait on each other crosswise, and so reads what the writer before it committed and stamps its rows later. Should a write still
 * meet another (a key written by one that took no lock), the whole transaction is tried again, up to ATTEMPTS
 * times, then refused as WRITE_CONFLICT (409): retryable, never an internal error.
 */
export async function lockedWrite<T>(dataSource: DataSource, keys: string[], work: (em: EntityManager) => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(async (em) => {
        await em.query(UNBOUNDED_STATEMENTS);
        for (const key of sorted) await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`finsam-write:${key}`]);
        // Its rows are stamped from here (finsam_write_at()), after every write it waited for committed.
        await em.query(`SELECT set_config('finsam.write_at', clock_timestamp()::text, true)`);
        return work(em);
      });
    } catch (e) {
      const state = sqlState(e);
      if (!state || !CONFLICTS.has(state)) throw e;
      if (attempt >= ATTEMPTS) throw writeConflict();
    }
  }
}
