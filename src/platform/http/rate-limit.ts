import rateLimit from '@fastify/rate-limit';
import { FastifyInstance } from 'fastify';
import { ErrorCode } from '../common/errors';
import { Limits } from '../common/limits';
import { hashKey } from './auth';
import { HttpError } from './errors';
import { SharedStore } from './shared-store';
import './request';

/** Routes that a monitor calls, never counted. */
const UNCOUNTED = ['/healthz', '/readyz', '/health', '/metrics'];

/** Requests per minute per API key, else per client address, counted in the shared store (Redis across replicas). */
export async function registerRateLimit(app: FastifyInstance, limits: Limits, store: SharedStore): Promise<void> {
  if (limits.rateLimitPerMinute <= 0) return;
  await app.register(rateLimit, {
    max: limits.rateLimitPerMinute,
    timeWindow: 60_000,
    hook: 'preParsing',
    redis: store.redis ?? undefined,
    nameSpace: 'finsam-rate-limit:',
    // Counters that cannot be reached must not take the API down with them.
    skipOnError: true,
    allowList: (request) => request.method === 'OPTIONS' || UNCOUNTED.includes(request.url),
    // A valid key has its own budget; anyone else (invalid keys too) shares the address's.
    keyGenerator: (request) => (request.auth.kind === 'actor' ? `key:${hashKey(request.headers.authorization ?? '')}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, ErrorCode.RATE_LIMITED, `Rate limit of ${context.max} requests a minute reached; try again in ${context.after}.`, { limit: context.max }),
  });
}
