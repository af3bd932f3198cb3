import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import { classifyDatabaseError, RETRY_AFTER_SECONDS } from '../db/errors';
import { PRIVATE } from './caching';
import './request';

/** An error answered over HTTP with a stable code, outside GraphQL execution. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Headers the answer needs, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A refusal in the format of what was refused: a GraphQL operation through Apollo (its own error format, the
 * status and headers in extensions.http), a route through the HTTP layer's.
 */
export function refuse(request: FastifyRequest, status: number, code: string, message: string, extra: Record<string, unknown>, headers: Record<string, string>): Error {
  if (request.graphql) return new GraphQLError(message, { extensions: { code, ...extra, http: { status, headers: new Map(Object.entries(headers)) } } });
  return new HttpError(status, code, message, extra, headers);
}

export function payloadTooLarge(limit: number): HttpError {
  return new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is over the limit of ${limit} bytes${limit < 1_000_000 ? ' for a request without an API key' : ''}.`, { limit });
}

/** The client sees an error in the format of the route it called: GraphQL's, or a GET resource's. */
export function errorBody(request: FastifyRequest, code: string, message: string, extra: Record<string, unknown>): string {
  if (request.routeOptions.config?.resource) return JSON.stringify({ error: message, code, ...extra });
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  request.errorCode = code;
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  // Refused while its body was still arriving: the connection goes too, rather than reading the rest of a body
  // no one will use, and a dripping client holds nothing.
  if (status === 408 || !request.raw.complete) reply.header('connection', 'close');
  reply.header('cache-control', PRIVATE);
  return reply.code(status).type('application/json').send(errorBody(request, code, message, extra));
}

/** Fastify's own errors (body parsing, limits) and ours, each to a status and a stable code; nothing else is 5xx. */
export function handleError(error: FastifyError | HttpError | GraphQLError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return sendError(request, reply.headers(error.headers), error.statusCode, error.code, error.message, error.extra);
  const known = error instanceof GraphQLError ? error : classifyDatabaseError(error);
  if (known) {
    // The same extensions GraphQL would give (validMeasures, validForbund, limit …), beside the code.
    const { code: given, http: _http, ...extra } = known.extensions;
    const code = String(given ?? ErrorCode.BAD_USER_INPUT);
    return sendError(request, reply, code === ErrorCode.DATABASE_UNAVAILABLE ? 503 : 400, code, known.message, extra);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 413) return sendError(request, reply, 413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.');
  if (status === 415) return sendError(request, reply, 415, ErrorCode.BAD_USER_INPUT, 'Send GraphQL requests as Content-Type: application/json.');
  if (status >= 400 && status < 500) return sendError(request, reply, status, ErrorCode.BAD_USER_INPUT, error.message);
  request.log.error({ err: error }, 'unexpected error');
  return sendError(request, reply, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}
