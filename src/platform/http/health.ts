import { FastifyInstance, FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { classifyDatabaseError, RETRY_AFTER_SECONDS } from '../db/errors';
import { PRIVATE } from './caching';
import { Metrics } from './metrics';

/** Liveness, readiness and metrics, for monitors and load balancers: never rate limited. */
export function registerHealthRoutes(app: FastifyInstance, read: DataSource, write: DataSource, metrics: Metrics): void {
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
  app.get('/metrics', always, async (_request, reply) => reply.header('cache-control', PRIVATE).type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  app.get('/', async (_request, reply) => reply.redirect('/graphql'));
}
