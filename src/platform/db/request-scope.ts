import { AsyncLocalStorage } from 'node:async_hooks';
import { EntitySubscriberInterface, EventSubscriber } from 'typeorm';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';

/** What the database layer knows of the HTTP request it is working for. */
export interface RequestScope {
  /** Aborted when the request's client hangs up. */
  signal: AbortSignal;
  /**
   * The deadline (ms since the epoch), compared at each statement rather than kept as a timer: an embedded
   * database answers in microtasks, so a run of statements may never let a timer fire.
   */
  deadline: number;
  /** SQL statements sent so far. */
  statements: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (and every statement it sends, however deep in loaders) inside a request's scope. */
export function withRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** Why a request was stopped: the reason its signal was aborted with, else its deadline. */
function stoppedError(scope: RequestScope): GraphQLError {
  const reason = scope.signal.reason;
  if (reason instanceof GraphQLError) return reason;
  return new GraphQLError('The request ran past its deadline and was stopped; ask for less (a year, fewer förbund or fields), or page with first/after.', {
    extensions: { code: ErrorCode.REQUEST_TIMEOUT },
  });
}

function check(scope: RequestScope): void {
  if (scope.signal.aborted || Date.now() > scope.deadline) throw stoppedError(scope);
}

/**
 * Every statement passes here before it is sent: a request that has run out of time, or whose client has
 * gone, sends no more SQL, so its remaining resolvers fail fast instead of holding the database.
 */
@EventSubscriber()
export class RequestScopeSubscriber implements EntitySubscriberInterface {
  beforeQuery(): void {
    const scope = storage.getStore();
    if (!scope) return;
    check(scope);
    scope.statements++;
  }
}

/**
 * The same check of the current request, to make later and elsewhere (as a queued task starts): throws once
 * the request's client has gone or its deadline has passed. Outside a request it never throws.
 */
export function scopeCheck(): () => void {
  const scope = storage.getStore();
  return scope ? () => check(scope) : () => {};
}

/** Runs each step of an iterator inside the request's scope, so a streamed answer's later pages obey it too. */
export async function* withScopedIterator<T>(scope: RequestScope, source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await withRequestScope(scope, () => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}
