/**
 * Limits in cost, not requests, as GitHub's and Shopify's GraphQL APIs have them: every client (its API key,
 * else its address) has a budget of cost points per window, and every request spends from it what it costs —
 * a query its computed cost, a chart its query's, a CSV export its rows — so a client that asks for ten
 * thousand times the work of another runs out ten thousand times as fast. The budget lives in the shared
 * store (Redis across replicas) and a store that cannot be reached never takes the API down: the request is
 * let through, uncounted. Requests in flight are capped per client in each process.
 */
import { Redis } from 'ioredis';

/** What one request spent and what its client has left, as every answer reports it. */
export interface Charge {
  /** Points per window. */
  limit: number;
  /** Points this request spent so far. */
  cost: number;
  /** Points left in the window (never below 0). */
  remaining: number;
  /** When the window ends and the budget is whole again (ms since the epoch). */
  resetAt: number;
}

/** The outcome of asking for points: spent, or refused because the budget does not hold them. */
export interface Take {
  allowed: boolean;
  used: number;
  resetAt: number;
}

/** Where budgets are counted. */
interface BudgetStore {
  /** Spends `cost` of `client`'s budget if it fits (or always, with `force`); null when the store cannot answer. */
  take(client: string, cost: number, limit: number, windowMs: number, force: boolean): Promise<Take | null>;
}

/** Budgets in this process: one small record per client, dropped once its window has passed. */
class MemoryBudgets implements BudgetStore {
  private readonly windows = new Map<string, { used: number; resetAt: number }>();

  async take(client: string, cost: number, limit: number, windowMs: number, force: boolean): Promise<Take> {
    const now = Date.now();
    let w = this.windows.get(client);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= 100_000) this.sweep(now);
      w = { used: 0, resetAt: now + windowMs };
      this.windows.set(client, w);
    }
    if (!force && w.used + cost > limit) return { allowed: false, used: w.used, resetAt: w.resetAt };
    w.used += cost;
    return { allowed: true, used: w.used, resetAt: w.resetAt };
  }

  private sweep(now: number): void {
    for (const [client, w] of this.windows) if (w.resetAt <= now) this.windows.delete(client);
  }
}

/** One round trip: read, check, spend and start the window's expiry atomically (a fixed window per client). */
const TAKE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if ARGV[4] ~= '1' and used + cost > tonumber(ARGV[2]) then
  return {used, redis.call('PTTL', KEYS[1]), 0}
end
used = redis.call('INCRBY', KEYS[1], cost)
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
return {used, ttl, 1}`;

/** A store that does not answer in this time is treated as unreachable: the request goes on, uncounted. */
const REDIS_TIMEOUT_MS = 250;

class RedisBudgets implements BudgetStore {
  constructor(private readonly redis: Redis) {}

  async take(client: string, cost: number, limit: number, windowMs: number, force: boolean): Promise<Take | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REDIS_TIMEOUT_MS)));
    const asked = this.redis
      .eval(TAKE_SCRIPT, 1, `finsam-budget:${client}`, cost, limit, windowMs, force ? '1' : '0')
      .then((r) => {
        const [used, ttl, allowed] = r as [number, number, number];
        return { allowed: allowed === 1, used, resetAt: Date.now() + Math.max(0, ttl) };
      })
      .catch(() => null);
    return Promise.race([asked, late]).finally(() => clearTimeout(timer));
  }
}

export interface CostLimitSettings {
  /** Points per client per window; 0 turns the budget off. */
  budget: number;
  windowMs: number;
  /** Requests one client may have in flight in this process at once; 0 = no cap. */
  maxInFlight: number;
}

/** Budgets and requests in flight, per client. */
export class CostLimiter {
  private readonly store: BudgetStore;
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly settings: CostLimitSettings,
    redis: Redis | null,
  ) {
    this.store = redis ? new RedisBudgets(redis) : new MemoryBudgets();
  }

  get enabled(): boolean {
    return this.settings.budget > 0;
  }

  /**
   * Spends `cost` from the client's budget and adds it to what the request has spent. Refused (null) when the
   * budget does not hold it; `force` spends it anyway (the pages of an export already under way: the debt is
   * paid by the client's next requests). Unknown (the store unreachable): allowed, with no charge to report.
   */
  async spend(client: string, cost: number, spent: Charge | null, force = false): Promise<{ allowed: boolean; charge: Charge | null }> {
    if (!this.enabled) return { allowed: true, charge: null };
    const { budget, windowMs } = this.settings;
    const take = await this.store.take(client, cost, budget, windowMs, force);
    if (!take) return { allowed: true, charge: spent };
    const charge = { limit: budget, cost: (spent?.cost ?? 0) + (take.allowed ? cost : 0), remaining: Math.max(0, budget - take.used), resetAt: take.resetAt };
    return { allowed: take.allowed, charge };
  }

  /** Counts a request in flight; false when the client already has the most it may. */
  enter(client: string): boolean {
    const n = this.inFlight.get(client) ?? 0;
    if (this.settings.maxInFlight > 0 && n >= this.settings.maxInFlight) return false;
    this.inFlight.set(client, n + 1);
    return true;
  }

  leave(client: string): void {
    const n = (this.inFlight.get(client) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(client);
    else this.inFlight.set(client, n);
  }
}

/** Seconds until a window ends, for Retry-After (at least 1). */
export const secondsUntil = (at: number) => Math.max(1, Math.ceil((at - Date.now()) / 1000));
