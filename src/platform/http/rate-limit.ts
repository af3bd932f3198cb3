import { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors';
import { Limits } from '../common/limits';
import { hashKey } from './auth';
import { Charge, CostLimiter, secondsUntil } from './cost-limit';
import { HttpError, refuse } from './errors';
import { SharedStore } from './shared-store';
import './request';

/** Every request pays this on arrival: a refused or cached answer still costs its client something. */
const REQUEST_COST = 1;

/** The window budgets are counted in. */
const WINDOW_MS = 60_000;

/** Whose budget a request spends: a valid key's own, else its address's (an invalid key shares the address's). */
function clientOf(request: FastifyRequest): string {
  return request.auth.kind === 'actor' ? `key:${hashKey(request.headers.authorization ?? '')}` : `ip:${request.ip}`;
}

/** The charge as a GraphQL answer reports it in extensions.rateLimit. */
const rateLimitJson = (c: Charge) => JSON.stringify({ limit: c.limit, cost: c.cost, remaining: c.remaining, resetAt: new Date(c.resetAt).toISOString() });

/**
 * The rate limit's place at the end of a GraphQL answer, which the cost plugin leaves there (null) for this
 * layer to fill per request — also in answers kept by the response cache, which carry another request's.
 * Only the layer's own JSON (no braces inside) can stand there, so nothing a client sent can be mistaken for it.
 */
const RATE_LIMIT_TAIL = /"rateLimit":(?:null|\{[^{}]*\})\}\}(\n?)$/;

/** A refusal of `more` points on top of what the request has already paid (c.cost): it names the request's whole cost. */
function refusal(c: Charge, more: number): { message: string; extra: Record<string, unknown>; retryAfter: number } {
  const retryAfter = secondsUntil(c.resetAt);
  const cost = c.cost + more;
  return {
    message: `The cost budget of ${c.limit} points a minute is used up: this request costs ${cost}, ${c.remaining} are left; try again in ${retryAfter} s. Cheaper queries (a year, fewer fields under lists) and cached answers cost less.`,
    extra: { limit: c.limit, cost, remaining: c.remaining, resetAt: new Date(c.resetAt).toISOString() },
    retryAfter,
  };
}

export interface CostLimit {
  enabled: boolean;
  /** Spends `cost` points for the request (see RouteTools.spend); throws RATE_LIMITED when they do not fit. */
  spend(request: FastifyRequest, cost: number, force?: boolean): Promise<void>;
}

/**
 * Budgets in cost points per client and a cap on each client's requests in flight: a request over either is
 * refused with 429 RATE_LIMITED and Retry-After before its body is read; every answer says what it cost and
 * what is left (x-ratelimit-* headers, and extensions.rateLimit in GraphQL answers).
 */
export function registerCostLimit(app: FastifyInstance, limits: Limits, store: SharedStore): CostLimit {
  const limiter = new CostLimiter({ budget: limits.costBudget, windowMs: WINDOW_MS, maxInFlight: limits.maxInFlight }, store.redis);

  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS' || request.routeOptions.config?.uncounted) return;
    request.client = clientOf(request);
    if (!limiter.enter(request.client)) {
      throw new HttpError(
        429,
        ErrorCode.RATE_LIMITED,
        `${limiter.settings.maxInFlight} of your requests are in flight, the most one client may have at once; wait for an answer before sending another.`,
        { limit: limiter.settings.maxInFlight },
        { 'retry-after': '1' },
      );
    }
    reply.raw.once('close', () => limiter.leave(request.client));
    const { allowed, charge } = await limiter.spend(request.client, REQUEST_COST, null);
    request.charge = charge;
    if (!allowed && charge) {
      const { message, extra, retryAfter } = refusal(charge, REQUEST_COST);
      throw new HttpError(429, ErrorCode.RATE_LIMITED, message, extra, { 'retry-after': String(retryAfter) });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const c = request.charge;
    if (!c) return payload;
    reply.header('x-ratelimit-limit', String(c.limit));
    reply.header('x-ratelimit-remaining', String(c.remaining));
    reply.header('x-ratelimit-reset', String(Math.ceil(c.resetAt / 1000)));
    reply.header('x-ratelimit-cost', String(c.cost));
    if (typeof payload !== 'string') return payload;
    // Only the end is looked at: a large answer is not scanned again.
    const at = Math.max(0, payload.length - 256);
    const tail = payload.slice(at);
    return RATE_LIMIT_TAIL.test(tail) ? payload.slice(0, at) + tail.replace(RATE_LIMIT_TAIL, (_, end: string) => `"rateLimit":${rateLimitJson(c)}}}${end}`) : payload;
  });

  return {
    enabled: limiter.enabled,
    async spend(request, cost, force = false) {
      if (cost <= 0 || !request.client) return;
      const { allowed, charge } = await limiter.spend(request.client, cost, request.charge, force);
      if (charge) request.charge = charge;
      if (allowed || !charge) return;
      const { message, extra, retryAfter } = refusal(charge, cost);
      throw refuse(request, 429, ErrorCode.RATE_LIMITED, message, extra, { 'retry-after': String(retryAfter) });
    },
  };
}
