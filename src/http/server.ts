import { Readable, Transform } from 'node:stream';
import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import rateLimit from '@fastify/rate-limit';
import Fastify, { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { actorForKey } from '../auth/keys';
import { Auth, RequestContext } from '../common/context';
import { ErrorCode } from '../common/errors';
import { Limits } from '../config';
import { classifyDatabaseError, RETRY_AFTER_SECONDS } from '../db/errors';
import { RequestScope, withRequestScope } from '../db/request-scope';
import { observationsCsv } from '../exports/csv-export';
import { createApollo } from '../graphql/apollo';
import { graphiqlHtml, wantsHtml } from '../graphql/graphiql';

export const EXAMPLE_QUERY = `# Finsam Compare: figures of Sweden's samordningsförbund, with their sources.
{
  forbund(slug: "uppsala") {
    name
    allocation(year: 2017) { totalSek byMember { label amountSek } }
    outcome(year: 2017) {
      participants women men ended
      toWorkOrStudies { numerator denominator value measure { code } }
    }
  }
}
`;

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
    scope: RequestScope;
  }
}

/** An error answered over HTTP with a stable code, outside GraphQL execution. */
class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const MAX_AUTHORIZATION_BYTES = 512;

/** Reads a bearer token; an unusable header counts as an invalid key, never as anonymous. */
async function authenticate(dataSource: DataSource, header: string | undefined): Promise<Auth> {
  if (!header) return { kind: 'anonymous' };
  if (header.length > MAX_AUTHORIZATION_BYTES) return { kind: 'invalid' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const actor = match ? await actorForKey(dataSource.manager, match[1]) : null;
  return actor ? { kind: 'actor', actor } : { kind: 'invalid' };
}

/** Counts a body's bytes as they arrive and stops at the limit, for bodies sent without a Content-Length. */
function limitedStream(limit: number): Transform & { receivedEncodedLength: number } {
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      stream.receivedEncodedLength += chunk.length;
      if (stream.receivedEncodedLength > limit) done(payloadTooLarge(limit));
      else done(null, chunk);
    },
  }) as Transform & { receivedEncodedLength: number };
  stream.receivedEncodedLength = 0;
  return stream;
}

function payloadTooLarge(limit: number): HttpError {
  return new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is over the limit of ${limit} bytes${limit < 1_000_000 ? ' for a request without an API key' : ''}.`, { limit });
}

/** The client sees an error in the format of the route it called: GraphQL's, or the export's. */
function errorBody(request: FastifyRequest, code: string, message: string, extra: Record<string, unknown>): string {
  if (request.url.startsWith('/export/')) return JSON.stringify({ error: message, code, ...extra });
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(status).type('application/json').send(errorBody(request, code, message, extra));
}

/** Fastify's own errors (body parsing, limits) and ours, each to a status and a stable code; nothing else is 5xx. */
function handleError(error: FastifyError | HttpError | GraphQLError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return sendError(request, reply, error.statusCode, error.code, error.message, error.extra);
  if (error instanceof GraphQLError) {
    const code = String(error.extensions.code ?? ErrorCode.BAD_USER_INPUT);
    return sendError(request, reply, code === ErrorCode.DATABASE_UNAVAILABLE ? 503 : 400, code, error.message);
  }
  const known = classifyDatabaseError(error);
  if (known) {
    const code = String(known.extensions.code);
    return sendError(request, reply, code === ErrorCode.DATABASE_UNAVAILABLE ? 503 : 400, code, known.message);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 413) return sendError(request, reply, 413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.');
  if (status === 415) return sendError(request, reply, 415, ErrorCode.BAD_USER_INPUT, 'Send GraphQL requests as Content-Type: application/json.');
  if (status >= 400 && status < 500) return sendError(request, reply, status, ErrorCode.BAD_USER_INPUT, error.message);
  request.log.error({ err: error }, 'unexpected error');
  return sendError(request, reply, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}

export interface RunningApi {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export interface ApiOptions {
  port: number;
  host?: string;
  limits: Limits;
}

/**
 * The HTTP API: GraphQL (and its GraphiQL page) at /graphql, the CSV export, a health check at /health.
 * Every request is authenticated before its body is read (a body without a valid key may be only
 * maxBodyBytes long), rate limited per key or address, bounded by a deadline that also stops its SQL, and
 * stopped when its client hangs up.
 */
export async function startApi(schema: GraphQLSchema, dataSource: DataSource, options: ApiOptions): Promise<RunningApi> {
  const { limits } = options;
  const apollo: ApolloServer<RequestContext> = await createApollo(schema, limits);
  const app = Fastify({ logger: { level: 'warn' }, bodyLimit: limits.maxImportBodyBytes, return503OnClosing: true });
  // Declared up front (Fastify keeps request objects one shape); set by the onRequest hook below.
  app.decorateRequest('auth', null as never);
  app.decorateRequest('scope', null as never);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'NOT_FOUND', `No route ${request.url.split('?')[0]}; the API is at /graphql`));

  app.addHook('onRequest', async (request, reply) => {
    request.auth = await authenticate(dataSource, request.headers.authorization);
    // The deadline and a hung-up client both stop the scope: no more SQL is sent for this request. A CSV
    // download has no overall deadline (it may be long, page by page); each of its statements has one.
    const controller = new AbortController();
    const timeoutMs = request.auth.kind === 'actor' ? limits.importTimeoutMs : limits.requestTimeoutMs;
    const exporting = request.url.startsWith('/export/');
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new GraphQLError('The client closed the connection.', { extensions: { code: ErrorCode.REQUEST_TIMEOUT } }));
    });
    request.scope = { signal: controller.signal, deadline: exporting ? Infinity : Date.now() + timeoutMs, statements: 0 };
  });

  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.auth.kind === 'actor') return payload;
    const length = Number(request.headers['content-length']);
    if (length > limits.maxBodyBytes) throw payloadTooLarge(limits.maxBodyBytes);
    return payload.pipe(limitedStream(limits.maxBodyBytes));
  });

  if (limits.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: limits.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'preParsing',
      // A valid key has its own budget; anyone else (invalid keys too) shares the address's. Keys are hashed here as in the database.
      keyGenerator: (request) => (request.auth.kind === 'actor' ? `key:${createHash('sha256').update(request.headers.authorization ?? '').digest('hex')}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, ErrorCode.RATE_LIMITED, `Rate limit of ${context.max} requests a minute reached; try again in ${context.after}.`, { limit: context.max }),
    });
  }

  const graphql = fastifyApolloHandler(apollo, { context: async (request) => new RequestContext(dataSource.manager, request.auth) });
  const documentOf = (request: FastifyRequest): unknown =>
    request.method === 'GET' ? (request.query as Record<string, unknown>).query : (request.body as Record<string, unknown> | null)?.query;

  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    handler: async (request, reply) => {
      if (request.method === 'GET' && wantsHtml(request.headers.accept) && !(request.query as Record<string, unknown>).query) {
        return reply.type('text/html; charset=utf-8').send(graphiqlHtml('/graphql', EXAMPLE_QUERY));
      }
      const document = documentOf(request);
      if (typeof document === 'string' && Buffer.byteLength(document) > limits.maxDocumentBytes) {
        throw new HttpError(400, ErrorCode.DOCUMENT_TOO_LARGE, `The GraphQL document is over the limit of ${limits.maxDocumentBytes} bytes; send large values as variables.`, {
          limit: limits.maxDocumentBytes,
        });
      }
      type Args = Parameters<typeof graphql>;
      return withRequestScope(request.scope, () => graphql.call(app, request as Args[0], reply as Args[1]));
    },
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/graphql') || typeof payload !== 'string' || Buffer.byteLength(payload) <= limits.maxResponseBytes) return payload;
    reply.code(400);
    return errorBody(request, ErrorCode.RESPONSE_TOO_LARGE, `The answer is over the limit of ${limits.maxResponseBytes} bytes; ask for fewer rows or fields, or page with first/after.`, {
      limit: limits.maxResponseBytes,
    });
  });

  app.get('/export/observations.csv', async (request, reply) => {
    const params = new URLSearchParams(request.url.split('?')[1] ?? '');
    const rows = await withRequestScope(request.scope, () => observationsCsv(dataSource.manager, params));
    // Readable.from pulls the next page only when the client has taken the last: backpressure, and a client that goes stops the reading.
    const stream = Readable.from(withScopedIterator(request.scope, rows));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="finsam-observations.csv"')
      .send(stream);
  });

  app.get('/health', { config: { rateLimit: false } }, async (_request, reply) => {
    try {
      await dataSource.query('SELECT 1');
      return { status: 'ok' };
    } catch (e) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.code(503).send({ status: 'unavailable', reason: classifyDatabaseError(e)?.message ?? 'The database does not answer.' });
    }
  });

  app.get('/', async (_request, reply) => reply.redirect('/graphql'));

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    app,
    url: `http://${host}:${address.port}/graphql`,
    stop: async () => {
      await app.close();
      await apollo.stop();
    },
  };
}

/** Runs each step of an iterator inside the request's scope, so the export's later pages obey its deadline too. */
async function* withScopedIterator<T>(scope: RequestScope, source: AsyncIterable<T>): AsyncGenerator<T> {
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
