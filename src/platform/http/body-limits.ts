import { Transform } from 'node:stream';
import { FastifyInstance } from 'fastify';
import { ErrorCode } from '../common/errors';
import { Limits } from '../common/limits';
import { HttpError, payloadTooLarge } from './errors';
import './request';

/** Nesting a request body may have: a report needs 6 (meetings.decisions.grants inside variables.report). */
const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion and only up to just past `limit`. */
function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    // A file sent as the body (an upload) is bytes, not JSON: never walked byte by byte.
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

function bodyIdle(idleMs: number): HttpError {
  return new HttpError(408, ErrorCode.REQUEST_TIMEOUT, `The request body sent nothing for ${idleMs} ms, the limit; send the body without pauses.`, { limit: idleMs });
}

/**
 * Watches a body as it arrives: counts its bytes and stops at the limit (for bodies sent without a
 * Content-Length, or sending more than they declared), and cuts a body that pauses longer than `idleMs`.
 */
function guardedBody(limit: number, idleMs: number): Transform & { receivedEncodedLength: number } {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stream.destroy(bodyIdle(idleMs)), idleMs);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      arm();
      stream.receivedEncodedLength += chunk.length;
      if (stream.receivedEncodedLength > limit) done(payloadTooLarge(limit));
      else done(null, chunk);
    },
    flush(done) {
      clearTimeout(timer);
      done();
    },
  }) as Transform & { receivedEncodedLength: number };
  stream.once('close', () => clearTimeout(timer));
  stream.receivedEncodedLength = 0;
  arm();
  return stream;
}

/**
 * A body without a valid API key may be only maxBodyBytes, refused before it is read when its length is
 * declared and cut as it arrives when not; with a key, maxImportBodyBytes. A body that pauses too long is
 * cut; a parsed JSON body may nest only so deep.
 */
export function registerBodyLimits(app: FastifyInstance, limits: Limits, bodyIdleTimeoutMs: number): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    const limit = request.auth.kind === 'actor' ? limits.maxImportBodyBytes : limits.maxBodyBytes;
    const length = Number(request.headers['content-length']);
    if (length > limit) throw payloadTooLarge(limit);
    const guarded = guardedBody(limit, bodyIdleTimeoutMs);
    payload.on('error', (e) => guarded.destroy(e));
    // A body no parser reads (a type refused with 415) goes with its answer: its idle timer must not fire later
    // on a stream no one listens to, which would throw out of the event loop and stop the process.
    guarded.on('error', () => {});
    reply.raw.once('close', () => guarded.destroy());
    return payload.pipe(guarded);
  });

  app.addHook('preValidation', async (request) => {
    const depth = jsonDepth(request.body, MAX_JSON_DEPTH);
    if (depth > MAX_JSON_DEPTH) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `The request body is JSON nested deeper than ${MAX_JSON_DEPTH} levels.`, { limit: MAX_JSON_DEPTH });
  });
}
