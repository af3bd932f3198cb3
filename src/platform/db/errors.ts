import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';

/** Seconds a client is told to wait (Retry-After) when the database cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Connection is closed|PGlite is closed/i;

function driverError(e: unknown): { code?: string; message?: string } | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown };
  const inner = err.driverError && typeof err.driverError === 'object' ? (err.driverError as typeof err) : err;
  return { code: typeof inner.code === 'string' ? inner.code : undefined, message: typeof inner.message === 'string' ? inner.message : String(err.message ?? '') };
}

/**
 * What a database error means for the client, by SQLSTATE class: the server is unreachable (08, 57P),
 * a statement ran out of time (57014), or the input was something PostgreSQL refuses (22, data exception:
 * an input check missed it, but it is still the client's input, never a server fault).
 */
export function classifyDatabaseError(e: unknown): GraphQLError | null {
  const d = driverError(e);
  if (!d) return null;
  const code = d.code ?? '';
  if (CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || CONNECTION_MESSAGES.test(d.message ?? '')) {
    return new GraphQLError(`The database cannot be reached; try again in ${RETRY_AFTER_SECONDS} s.`, {
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS },
    });
  }
  if (code === '57014') {
    return new GraphQLError('The request ran past its deadline and its database work was cancelled; ask for less (filter by year or förbund, or page with first/after).', {
      extensions: { code: ErrorCode.REQUEST_TIMEOUT },
    });
  }
  if (code.startsWith('22')) {
    return new GraphQLError(`Invalid input: ${d.message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  return null;
}
