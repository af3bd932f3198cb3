import { createHash, timingSafeEqual } from 'node:crypto';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors';
import { DataSource } from 'typeorm';
import { classifyDatabaseError, RETRY_AFTER_SECONDS } from '../db/errors';
import { PRIVATE } from './caching';
import { sendError } from './errors';
import { Metrics } from './metrics';

/** Whether an address is this machine's own. */
const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

/**
 * Who may read /metrics: with FINSAM_METRICS_TOKEN set, whoever sends it as a Bearer token; without one, only
 * this machine, and not through a proxy (a request that carries forwarding headers came from elsewhere).
 */
function metricsRefusal(request: FastifyRequest, token: string | undefined): { status: number; code: string; message: string; headers: Record<string, string> } | null {
  if (token !== undefined) {
    const sent = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1] ?? '';
    const [a, b] = [createHash('sha256').update(sent).digest(), createHash('sha256').update(token).digest()];
    if (timingSafeEqual(a, b)) return null;
    return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: 'The metrics need the token FINSAM_METRICS_TOKEN names: send it as "Authorization: Bearer <token>".', headers: { 'www-authenticate': 'Bearer realm="metrics"' } };
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (isLoopback(request.ip) && isLoopback(request.socket.remoteAddress ?? '') && !forwarded) return null;
  return { status: 404, code: 'NOT_FOUND', message: 'No route /metrics: without FINSAM_METRICS_TOKEN the metrics are served to this machine only.', headers: {} };
}

/** Liveness, readiness and metrics, for monitors and load balancers: never rate limited. */
export function registerHealthRoutes(app: FastifyInstance, read: DataSource, write: DataSource, metrics: Metrics, metricsToken: string | undefined): void {
  const always = { config: { uncounted: true } };
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
  // For operators only: never to a web page (no CORS, not even a preflight), and no API key is looked up for it.
  const operators = { config: { uncounted: true, ownToken: true, cors: false as const } };
  app.get('/metrics', operators, async (request, reply) => {
    reply.header('cache-control', PRIVATE);
    const refusal = metricsRefusal(request, metricsToken);
    if (refusal) return sendError(request, reply.headers(refusal.headers), refusal.status, refusal.code, refusal.message);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.options('/metrics', operators, async (request, reply) => sendError(request, reply, 404, 'NOT_FOUND', 'No route OPTIONS /metrics: metrics are not for web pages.'));
  app.get('/', async (_request, reply) => reply.redirect('/graphql'));
}
