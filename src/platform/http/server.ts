import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { RequestContext } from '../common/context';
import { ErrorCode } from '../common/errors';
import { Limits } from '../common/limits';
import { Lane, LaneFull } from '../common/lane';
import { VersionMemo } from '../common/version-memo';
import { DataVersionSource, READ_EVERY_TIME, readDataVersion } from '../db/data-version';
import { withRequestScope } from '../db/request-scope';
import { createApollo } from '../graphql/apollo';
import { authenticate, INVALID_KEY, KeyLookup } from './auth';
import { registerBodyLimits } from './body-limits';
import { capConnections, Connections, TIMEOUT_CHECK_MS } from './connections';
import { registerCostLimit } from './rate-limit';
import { Caching, etagFor, notModified, PRIVATE, publicCacheControl } from './caching';
import { errorBody, handleError, HttpError, refuse, sendError } from './errors';
import { registerGraphqlRoute } from './graphql-route';
import { registerHealthRoutes } from './health';
import { logSerializers, RequestLog, requestOutcome } from './log';
import { Metrics, PoolStats } from './metrics';
import { Module, RouteTools } from './module';
import { ResponseCache } from './response-cache';
import { SharedStore } from './shared-store';
import './request';

/** How long a stop waits for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Retry-After of a SERVER_BUSY refusal: about one heavy operation's time. */
const BUSY_RETRY_SECONDS = 1;

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
  connections: Connections;
  caching: Caching;
  store: SharedStore;
  /** Who holds a bearer key (the auth module's lookup). */
  lookupKey: KeyLookup;
  /** The modules whose routes are served beside GraphQL. */
  modules: readonly Module[];
  /** Where public reads learn the data version; read by a statement per request when absent. */
  dataVersion?: DataVersionSource;
  logLevel?: string;
  /** Proxies whose X-Forwarded-For names the client: true for any, or their addresses and CIDR ranges. */
  trustProxy?: boolean | string;
  /** The Bearer token /metrics asks for (FINSAM_METRICS_TOKEN); without one it answers this machine only. */
  metricsToken?: string;
  /** Worker threads of each module that has long computations (FINSAM_WORKERS); 0 runs them on the event loop; their own default when absent. */
  workers?: number;
}

export interface ApiDatabases {
  /** Where queries read (a replica when DATABASE_READ_URL is set). */
  read: DataSource;
  /** Where writes go: imports, mutations, key lookups. */
  write: DataSource;
}

/**
 * The HTTP API: GraphQL (GET and POST, GraphiQL for browsers) at /graphql, the modules' routes, health,
 * readiness and metrics. Public reads are open to every origin and cacheable (Cache-Control, ETags from the
 * data version); every request is authenticated before its body is read, charged its cost against a budget per key or address,
 * bounded by a deadline that also stops its SQL, and stopped when its client hangs up.
 */
export async function startApi(schema: GraphQLSchema, databases: ApiDatabases, options: ApiOptions): Promise<RunningApi> {
  const { limits, connections, caching, store } = options;
  if (options.workers !== undefined) for (const module of options.modules) await module.workers?.setThreads(options.workers);
  const dataVersion = options.dataVersion ?? READ_EVERY_TIME;
  const { read, write } = databases;
  const apollo = await createApollo(schema, { limits, cache: store.cache });
  const workerPools = () => options.modules.flatMap((m) => (m.workers ? [{ module: m.name, stats: m.workers.stats() }] : []));
  const metrics = new Metrics(() => store.cache, () => poolStats(read), workerPools);
  const responseCache = new ResponseCache(store, caching);
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', serializers: logSerializers },
    logController: new RequestLog(),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: limits.maxImportBodyBytes,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    requestTimeout: connections.receiveTimeoutMs,
    keepAliveTimeout: connections.keepAliveTimeoutMs,
    http: { headersTimeout: Math.min(connections.headersTimeoutMs, connections.receiveTimeoutMs), connectionsCheckingInterval: TIMEOUT_CHECK_MS },
  });
  // Behind a proxy every connection is the proxy's: a cap per address would cap everyone together.
  capConnections(app.server, options.trustProxy ? { ...connections, maxConnectionsPerAddress: 0 } : connections);
  // Declared up front (Fastify keeps request objects one shape); set by the hooks below.
  for (const name of ['auth', 'scope', 'client'] as const) app.decorateRequest(name, null as never);
  for (const name of ['graphql', 'dataVersion', 'etag', 'errorCode', 'resourceAsOf', 'keptOperation', 'charge'] as const) app.decorateRequest(name, null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'NOT_FOUND', `No route ${request.url.split('?')[0]}; the API is at /graphql`));
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  // First of the hooks: a refusal by any later one (a wrong key, a budget used up) is still readable by a page on another origin.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'if-none-match', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['etag', 'www-authenticate', 'retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-cost'],
    maxAge: 86_400,
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A route with a token of its own (/metrics) is not an API key's business.
    request.auth = request.routeOptions.config?.ownToken ? { kind: 'anonymous' } : await authenticate(options.lookupKey, request.headers.authorization);
    // A hung-up client and the deadline both stop the scope: no more SQL is sent for this request. A streamed
    // download has no overall deadline (it may be long, page by page); each of its statements has one.
    const controller = new AbortController();
    const timeoutMs = request.auth.kind === 'actor' ? limits.importTimeoutMs : limits.requestTimeoutMs;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new GraphQLError('The client closed the connection.', { extensions: { code: ErrorCode.REQUEST_TIMEOUT } }));
    });
    request.scope = { signal: controller.signal, deadline: request.routeOptions.config?.streamed ? Infinity : Date.now() + timeoutMs, statements: 0 };
  });

  const costLimit = registerCostLimit(app, limits, store);
  // A key that is wrong is refused, after the address has paid for the try: a typo in a key must not pass as a public read.
  app.addHook('onRequest', async (request) => {
    if (request.auth.kind === 'invalid') {
      throw new HttpError(401, ErrorCode.UNAUTHENTICATED, INVALID_KEY, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
  });
  registerBodyLimits(app, limits, connections.bodyIdleTimeoutMs);

  // Registered before compression, so they see the answer as text.
  app.addHook('onSend', async (request, reply, payload) => {
    // The writer's next request, and everyone's, sees its write even before PostgreSQL's notification arrives.
    if (request.graphql?.outcome.operation?.startsWith('mutation ') || request.routeOptions.config?.writes) await dataVersion.refresh(() => readDataVersion(write.manager));
    if (request.url.startsWith('/graphql') && typeof payload === 'string' && Buffer.byteLength(payload) > limits.maxResponseBytes) {
      reply.code(400).header('cache-control', PRIVATE);
      return errorBody(request, ErrorCode.RESPONSE_TOO_LARGE, `The answer is over the limit of ${limits.maxResponseBytes} bytes; ask for fewer rows or fields, or page with first/after.`, {
        limit: limits.maxResponseBytes,
      });
    }
    // One URL answers JSON, GraphQL's own media type or the GraphiQL page by Accept: caches must keep them apart.
    if (request.routeOptions.url === '/graphql') reply.header('vary', 'Accept');
    if (reply.getHeader('cache-control')) return payload;
    const outcome = request.graphql?.outcome;
    // An ETag is made only for a keyless read (revalidate below).
    const cacheable =
      reply.statusCode === 200 && request.etag !== null && (outcome ? !outcome.errorCodes.length && outcome.operation?.startsWith('query ') : request.routeOptions.config?.resource === true);
    if (cacheable) {
      const asOf = outcome ? outcome.asOf : request.resourceAsOf;
      const cacheControl = publicCacheControl(caching, asOf);
      reply.header('etag', request.etag);
      reply.header('cache-control', cacheControl);
      if (outcome && typeof payload === 'string') await responseCache.keep(request, String(reply.getHeader('content-type')), cacheControl, payload, asOf);
    } else {
      reply.header('cache-control', PRIVATE);
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    // An operation whose client hung up before its answer was sent still frees its place.
    request.graphql?.outcome.leaveLane?.();
    const route = request.routeOptions.url ?? 'unknown';
    const status = String(reply.statusCode);
    const { operation, errorCodes } = requestOutcome(request);
    metrics.requests.inc({ route, operation, status });
    for (const code of errorCodes) metrics.errors.inc({ code });
    metrics.duration.observe({ route }, reply.elapsedTime / 1000);
    if (request.scope) metrics.statements.observe({ route }, request.scope.statements);
  });

  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'], brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } });

  // Results computed once per data version (national comparisons, measures, documents), shared by this server's requests.
  const memo = new VersionMemo();
  const lane = new Lane(limits.heavyLane, limits.heavyQueue);
  /**
   * A place in the heavy lane for the request, waited for no longer than its deadline or its client. Heavy work
   * that cannot have one is told so at once (429 SERVER_BUSY) rather than left to time out: the client can retry,
   * or ask for less and skip the lane.
   */
  async function enterLane(request: FastifyRequest): Promise<() => void> {
    const { signal, deadline } = request.scope;
    const waitable = Number.isFinite(deadline) ? AbortSignal.any([signal, AbortSignal.timeout(Math.max(0, deadline - Date.now()))]) : signal;
    try {
      return await lane.enter(waitable);
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      const why = e instanceof LaneFull ? `${lane.queued} heavy request${lane.queued === 1 ? ' is' : 's are'} already waiting, the most that may` : 'the request waited for its turn among the heavy requests until its deadline';
      throw refuse(
        request,
        429,
        ErrorCode.SERVER_BUSY,
        `The server is busy: ${why}. Try again in ${BUSY_RETRY_SECONDS} s, or ask for less: work costing under ${limits.heavyCost} points never waits.`,
        { limit: limits.heavyQueue, heavyCost: limits.heavyCost },
        { 'retry-after': String(BUSY_RETRY_SECONDS) },
      );
    }
  }
  const contextFor = (request: FastifyRequest): RequestContext => {
    const ctx = new RequestContext(read.manager, request.auth, write, memo);
    ctx.dataVersion = request.dataVersion;
    if (costLimit.enabled) ctx.spend = (cost) => costLimit.spend(request, cost);
    ctx.enterHeavyLane = () => enterLane(request);
    return ctx;
  };

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

  registerGraphqlRoute(app, { apollo, limits, responseCache, contextFor, revalidate });
  const tools: RouteTools = {
    read,
    write,
    schema,
    contextFor,
    revalidate,
    spend: (request, cost, force) => costLimit.spend(request, cost, force),
    async inLane(request, work) {
      const leave = await enterLane(request);
      try {
        return await work();
      } finally {
        leave();
      }
    },
  };
  for (const module of options.modules) module.routes?.(app, tools);
  registerHealthRoutes(app, read, write, metrics, options.metricsToken);

  // The address is told to the person at the terminal in a plain line (main.ts), not as Fastify's log line among them.
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } finally {
    app.log.level = level;
  }
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
      // Worker threads would keep the process alive; they are started again by a later server's first task.
      await Promise.all(options.modules.map((module) => module.workers?.close()));
    },
  };
}
