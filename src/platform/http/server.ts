import { createHash, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { constants as zlib } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { actorForKey } from '../../domain/auth/keys';
import { Auth, RequestContext } from '../common/context';
import { ErrorCode } from '../common/errors';
import { Limits } from '../common/limits';
import { classifyDatabaseError, RETRY_AFTER_SECONDS } from '../db/errors';
import { RequestScope, withRequestScope } from '../db/request-scope';
import { observationsCsv } from '../../export/csv-export';
import { chartParams, funnelChart } from '../../compare/charts/funnel-chart';
import { renderFunnelSvg } from '../../compare/charts/funnel-svg';
import { createApollo } from '../graphql/apollo';
import { graphiqlHtml, wantsHtml } from '../graphql/graphiql';
import { Caching, etagFor, notModified, PRIVATE, publicCacheControl, sendStaticFile, staticFile } from './caching';
import { DataVersionSource, READ_EVERY_TIME, readDataVersion } from '../db/data-version';
import { Metrics, PoolStats } from './metrics';
import { ANSWER_KEY_PREFIX, SharedStore } from './shared-store';
import { VersionMemo } from '../common/version-memo';
import { registerWidgetRoutes } from '../../widget/widget.routes';

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
    /** The GraphQL request's context, once Apollo has made it. */
    graphql: RequestContext | null;
    /** The data version a public read is answered at, and its ETag, both known before it runs. */
    dataVersion: string | null;
    etag: string | null;
    /** The code of an error answered outside GraphQL execution, for metrics. */
    errorCode: string | null;
    /** The asOf a GET resource (CSV export, chart) asks for; GraphQL keeps its own on its context. */
    resourceAsOf: Date | null;
    /** The operation of an answer served from the response cache (for metrics). */
    keptOperation: string | null;
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

/** Nesting a request body may have: a report needs 6 (meetings.decisions.grants inside variables.report). */
const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion and only up to just past `limit`. */
function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

/** How long a stop waits for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

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

const isExport = (request: FastifyRequest) => request.url.startsWith('/export/');
/** The GET resources beside GraphQL (the CSV export, charts): errors as { error, code }, public caching like a query. */
const isResource = (request: FastifyRequest) => isExport(request) || request.url.startsWith('/charts/');

/** The client sees an error in the format of the route it called: GraphQL's, or the export's. */
function errorBody(request: FastifyRequest, code: string, message: string, extra: Record<string, unknown>): string {
  if (isResource(request)) return JSON.stringify({ error: message, code, ...extra });
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  request.errorCode = code;
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  reply.header('cache-control', PRIVATE);
  return reply.code(status).type('application/json').send(errorBody(request, code, message, extra));
}

/** Fastify's own errors (body parsing, limits) and ours, each to a status and a stable code; nothing else is 5xx. */
function handleError(error: FastifyError | HttpError | GraphQLError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return sendError(request, reply, error.statusCode, error.code, error.message, error.extra);
  const known = error instanceof GraphQLError ? error : classifyDatabaseError(error);
  if (known) {
    const code = String(known.extensions.code ?? ErrorCode.BAD_USER_INPUT);
    return sendError(request, reply, code === ErrorCode.DATABASE_UNAVAILABLE ? 503 : 400, code, known.message);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 413) return sendError(request, reply, 413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.');
  if (status === 415) return sendError(request, reply, 415, ErrorCode.BAD_USER_INPUT, 'Send GraphQL requests as Content-Type: application/json.');
  if (status >= 400 && status < 500) return sendError(request, reply, status, ErrorCode.BAD_USER_INPUT, error.message);
  request.log.error({ err: error }, 'unexpected error');
  return sendError(request, reply, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}

/** The pool's connection counts, for /metrics; null where the driver has no pool to show (PGlite's is one connection). */
function poolStats(dataSource: DataSource): PoolStats | null {
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  return pool && typeof pool.totalCount === 'number' ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

export interface RunningApi {
  url: string;
  metrics: Metrics;
  /** Stops taking requests, lets those in flight finish, then stops. */
  stop(): Promise<void>;
}

export interface ApiOptions {
  port: number;
  host?: string;
  limits: Limits;
  caching: Caching;
  store: SharedStore;
  /** Where public reads learn the data version; read by a statement per request when absent. */
  dataVersion?: DataVersionSource;
  logLevel?: string;
  trustProxy?: boolean;
}

export interface ApiDatabases {
  /** Where queries read (a replica when DATABASE_READ_URL is set). */
  read: DataSource;
  /** Where writes go: imports, mutations, key lookups. */
  write: DataSource;
}

/**
 * The HTTP API: GraphQL (GET and POST, GraphiQL for browsers) at /graphql, the CSV export, the funnel chart,
 * the embeddable widget, health, readiness and metrics. Public reads are open to every origin and cacheable (Cache-Control, ETags from the
 * data version); every request is authenticated before its body is read, rate limited per key or address,
 * bounded by a deadline that also stops its SQL, and stopped when its client hangs up.
 */
export async function startApi(schema: GraphQLSchema, databases: ApiDatabases, options: ApiOptions): Promise<RunningApi> {
  const { limits, caching, store } = options;
  const dataVersion = options.dataVersion ?? READ_EVERY_TIME;
  const { read, write } = databases;
  const apollo: ApolloServer<RequestContext> = await createApollo(schema, { limits, cache: store.cache });
  const metrics = new Metrics(() => store.cache, () => poolStats(read));
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: limits.maxImportBodyBytes,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
  });
  // Declared up front (Fastify keeps request objects one shape); set by the hooks below.
  app.decorateRequest('auth', null as never);
  app.decorateRequest('scope', null as never);
  app.decorateRequest('graphql', null);
  app.decorateRequest('dataVersion', null);
  app.decorateRequest('etag', null);
  app.decorateRequest('errorCode', null);
  app.decorateRequest('resourceAsOf', null);
  app.decorateRequest('keptOperation', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'NOT_FOUND', `No route ${request.url.split('?')[0]}; the API is at /graphql`));
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.auth = await authenticate(write, request.headers.authorization);
    // A hung-up client and the deadline both stop the scope: no more SQL is sent for this request. A CSV
    // download has no overall deadline (it may be long, page by page); each of its statements has one.
    const controller = new AbortController();
    const timeoutMs = request.auth.kind === 'actor' ? limits.importTimeoutMs : limits.requestTimeoutMs;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new GraphQLError('The client closed the connection.', { extensions: { code: ErrorCode.REQUEST_TIMEOUT } }));
    });
    request.scope = { signal: controller.signal, deadline: isExport(request) ? Infinity : Date.now() + timeoutMs, statements: 0 };
  });

  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.auth.kind === 'actor') return payload;
    const length = Number(request.headers['content-length']);
    if (length > limits.maxBodyBytes) throw payloadTooLarge(limits.maxBodyBytes);
    return payload.pipe(limitedStream(limits.maxBodyBytes));
  });

  app.addHook('preValidation', async (request) => {
    const depth = jsonDepth(request.body, MAX_JSON_DEPTH);
    if (depth > MAX_JSON_DEPTH) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `The request body is JSON nested deeper than ${MAX_JSON_DEPTH} levels.`, { limit: MAX_JSON_DEPTH });
  });

  // Registered before compression, so they see the answer as text.
  app.addHook('onSend', async (request, reply, payload) => {
    // The writer's next request, and everyone's, sees its write even before PostgreSQL's notification arrives.
    if (request.graphql?.outcome.operation?.startsWith('mutation ')) await dataVersion.refresh(() => readDataVersion(write.manager));
    if (request.url.startsWith('/graphql') && typeof payload === 'string' && Buffer.byteLength(payload) > limits.maxResponseBytes) {
      reply.code(400).header('cache-control', PRIVATE);
      return errorBody(request, ErrorCode.RESPONSE_TOO_LARGE, `The answer is over the limit of ${limits.maxResponseBytes} bytes; ask for fewer rows or fields, or page with first/after.`, {
        limit: limits.maxResponseBytes,
      });
    }
    if (reply.getHeader('cache-control')) return payload;
    const outcome = request.graphql?.outcome;
    // An ETag is made only for a keyless read (revalidate below).
    const cacheable =
      reply.statusCode === 200 && request.etag !== null && (outcome ? !outcome.errorCodes.length && outcome.operation?.startsWith('query ') : isResource(request));
    if (cacheable) {
      const asOf = outcome ? outcome.asOf : request.resourceAsOf;
      const cacheControl = publicCacheControl(caching, asOf);
      reply.header('etag', request.etag);
      reply.header('cache-control', cacheControl);
      if (outcome && typeof payload === 'string') await keepAnswer(request, String(reply.getHeader('content-type')), cacheControl, payload, asOf);
    } else {
      reply.header('cache-control', PRIVATE);
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    const status = String(reply.statusCode);
    const outcome = request.graphql?.outcome;
    metrics.requests.inc({ route, operation: outcome?.operation ?? request.keptOperation ?? '', status });
    for (const code of request.errorCode ? [request.errorCode] : (outcome?.errorCodes ?? [])) metrics.errors.inc({ code });
    metrics.duration.observe({ route }, reply.elapsedTime / 1000);
    if (request.scope) metrics.statements.observe({ route }, request.scope.statements);
  });

  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'if-none-match', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['etag', 'retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 86_400,
  });

  if (limits.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: limits.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'preParsing',
      redis: store.redis ?? undefined,
      nameSpace: 'finsam-rate-limit:',
      // Counters that cannot be reached must not take the API down with them.
      skipOnError: true,
      allowList: (request) => request.method === 'OPTIONS' || ['/healthz', '/readyz', '/health', '/metrics'].includes(request.url),
      // A valid key has its own budget; anyone else (invalid keys too) shares the address's. Keys are hashed here as in the database.
      keyGenerator: (request) => (request.auth.kind === 'actor' ? `key:${createHash('sha256').update(request.headers.authorization ?? '').digest('hex')}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, ErrorCode.RATE_LIMITED, `Rate limit of ${context.max} requests a minute reached; try again in ${context.after}.`, { limit: context.max }),
    });
  }

  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'], brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } });

  // Results computed once per data version (national comparisons, measures, documents), shared by this server's requests.
  const memo = new VersionMemo();
  /** A request's GraphQL context: its key, the databases, the shared memo and the data version it reads at. */
  const contextFor = (request: FastifyRequest): RequestContext => {
    const ctx = new RequestContext(read.manager, request.auth, write, memo);
    ctx.dataVersion = request.dataVersion;
    return ctx;
  };
  const graphql = fastifyApolloHandler(apollo, {
    context: async (request) => (request.graphql = contextFor(request)),
  });
  const graphqlArgs = (request: FastifyRequest): Record<string, unknown> =>
    (request.method === 'GET' ? request.query : request.body) as Record<string, unknown>;

  /** For a public read: its ETag from the data version, and whether the client already has the answer. */
  async function revalidate(request: FastifyRequest, reply: FastifyReply, asked: string): Promise<boolean> {
    // Anonymous means no Authorization header at all: an invalid key is not anonymous.
    if (request.auth.kind !== 'anonymous') return false;
    request.dataVersion = await dataVersion.current(() => withRequestScope(request.scope, () => readDataVersion(read.manager)));
    request.etag = etagFor(request.dataVersion, asked);
    if (!['GET', 'HEAD'].includes(request.method) || !notModified(request.headers['if-none-match'], request.etag)) return false;
    reply.code(304).header('etag', request.etag).header('cache-control', publicCacheControl(caching, null)).send();
    return true;
  }

  /**
   * The response cache: a public query's whole answer, kept under its ETag (the data version and the request)
   * and the media types the client accepts (Apollo answers application/json or
   * application/graphql-response+json by them), so asking again skips GraphQL altogether. A write moves the
   * data version, so no answer is served stale. In memory, or in Redis where replicas share it; kept before
   * the answer leaves, so the next request finds it (a cache that does not answer within its timeout is
   * skipped). Stored as "operation\ncontent-type\ncache-control\nbody".
   */
  const answerKey = (request: FastifyRequest) =>
    `${ANSWER_KEY_PREFIX}${request.etag}|${createHash('sha1').update(request.headers.accept ?? '').digest('base64url').slice(0, 16)}`;

  async function keepAnswer(request: FastifyRequest, contentType: string, cacheControl: string, body: string, asOf: Date | null): Promise<void> {
    if (caching.maxAgeSeconds === 0) return;
    const ttl = asOf === null ? caching.maxAgeSeconds + caching.staleWhileRevalidateSeconds : caching.settledMaxAgeSeconds;
    await store.cache.set(answerKey(request), [request.graphql!.outcome.operation, contentType, cacheControl, body].join('\n'), { ttl });
  }

  function sendKeptAnswer(request: FastifyRequest, reply: FastifyReply, kept: string): FastifyReply {
    const [operation, contentType, cacheControl] = kept.split('\n', 3);
    request.keptOperation = operation;
    const body = kept.slice(operation.length + contentType.length + cacheControl.length + 3);
    return reply.header('etag', request.etag).header('cache-control', cacheControl).type(contentType).send(body);
  }

  const graphiqlPage = staticFile(graphiqlHtml('/graphql', EXAMPLE_QUERY), 'text/html; charset=utf-8');

  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    handler: async (request, reply) => {
      const args = graphqlArgs(request) ?? {};
      if (request.method === 'GET' && wantsHtml(request.headers.accept) && !args.query && !args.extensions) {
        return sendStaticFile(request, reply, graphiqlPage);
      }
      if (typeof args.query === 'string' && Buffer.byteLength(args.query) > limits.maxDocumentBytes) {
        throw new HttpError(400, ErrorCode.DOCUMENT_TOO_LARGE, `The GraphQL document is over the limit of ${limits.maxDocumentBytes} bytes; send large values as variables.`, {
          limit: limits.maxDocumentBytes,
        });
      }
      const asked = JSON.stringify([args.query ?? null, args.operationName ?? null, args.variables ?? null, args.extensions ?? null]);
      if (await revalidate(request, reply, asked)) return reply;
      const kept = request.etag && caching.maxAgeSeconds > 0 ? await store.cache.get(answerKey(request)) : undefined;
      if (kept !== undefined) return sendKeptAnswer(request, reply, kept);
      type Args = Parameters<typeof graphql>;
      return withRequestScope(request.scope, () => graphql.call(app, request as Args[0], reply as Args[1]));
    },
  });

  app.get('/export/observations.csv', async (request, reply) => {
    const search = request.url.split('?')[1] ?? '';
    const params = new URLSearchParams(search);
    if (await revalidate(request, reply, `csv?${search}`)) return reply;
    const { asOf, rows } = await withRequestScope(request.scope, () => observationsCsv(read.manager, params));
    request.resourceAsOf = asOf;
    // Readable.from pulls the next page only when the client has taken the last: backpressure, and a client that goes stops the reading.
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="finsam-observations.csv"')
      .send(Readable.from(withScopedIterator(request.scope, rows)));
  });

  app.get('/charts/funnel.svg', async (request, reply) => {
    const search = request.url.split('?')[1] ?? '';
    const params = chartParams(new URLSearchParams(search));
    // The picture is stamped with the day it was read, so the day is part of what it is.
    const readAt = new Date();
    if (await revalidate(request, reply, `funnel.svg?${search}|${readAt.toISOString().slice(0, 10)}`)) return reply;
    const chart = await withRequestScope(request.scope, () => funnelChart(schema, contextFor(request), params));
    request.resourceAsOf = params.asOf;
    return reply.type('image/svg+xml; charset=utf-8').send(renderFunnelSvg(chart, readAt));
  });

  registerWidgetRoutes(app);

  const always = { config: { rateLimit: false } };
  app.get('/healthz', always, async (_request, reply) => reply.header('cache-control', PRIVATE).send({ status: 'alive' }));

  /** Ready when the database answers and every migration this code knows has run. */
  async function readiness(reply: FastifyReply): Promise<FastifyReply> {
    reply.header('cache-control', PRIVATE);
    try {
      await read.query('SELECT 1');
      if (read !== write) await write.query('SELECT 1');
      if (await write.showMigrations()) return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ status: 'unavailable', reason: 'Migrations are pending.' });
      return reply.send({ status: 'ok' });
    } catch (e) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.code(503).send({ status: 'unavailable', reason: classifyDatabaseError(e)?.message ?? 'The database does not answer.' });
    }
  }
  app.get('/readyz', always, async (_request, reply) => readiness(reply));
  // The name earlier versions used, kept for monitors that call it.
  app.get('/health', always, async (_request, reply) => readiness(reply));
  app.get('/metrics', always, async (_request, reply) => reply.header('cache-control', PRIVATE).type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  app.get('/', async (_request, reply) => reply.redirect('/graphql'));

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/graphql`,
    metrics,
    stop: async () => {
      // In-flight requests finish; a client that stopped reading is cut off after a while rather than holding the stop forever.
      const cutOff = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await app.close();
      clearTimeout(cutOff);
      await apollo.stop();
    },
  };
}

/** Runs each step of an iterator inside the request's scope, so the export's later pages obey it too. */
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
