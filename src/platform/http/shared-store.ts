import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import KeyvRedis from '@keyv/redis';
import { Redis } from 'ioredis';
import Keyv from 'keyv';

/** A cache that does not answer in this time is treated as a miss: the database answers meanwhile. */
const CACHE_TIMEOUT_MS = 250;

function within<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), CACHE_TIMEOUT_MS)));
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/** Keys of the response cache (whole answers, http/server.ts); persisted queries' keys start "apq:". */
export const ANSWER_KEY_PREFIX = 'answer:';

/**
 * The cache as the API uses it: it counts the response cache's hits and misses, and a cache that fails or
 * hangs is a miss, never an error or a wait.
 */
class CountingCache implements KeyValueCache<string> {
  hits = 0;
  misses = 0;
  constructor(private readonly inner: KeyValueCache<string>) {}
  async get(key: string): Promise<string | undefined> {
    const value = await within(this.inner.get(key), undefined);
    if (key.startsWith(ANSWER_KEY_PREFIX)) value === undefined ? this.misses++ : this.hits++;
    return value;
  }
  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return within(this.inner.set(key, value, options), undefined);
  }
  async delete(key: string): Promise<boolean | void> {
    return within(this.inner.delete(key), false);
  }
}

/**
 * What replicas share: the response cache and persisted queries (Apollo's KeyValueCache), and the rate
 * limits' counters. In memory for one process; in Redis when REDIS_URL is set, so every replica sees them.
 */
export interface SharedStore {
  cache: CountingCache;
  /** For the cost budgets shared by every replica; null in memory. */
  redis: Redis | null;
  close(): Promise<void>;
}

/**
 * A response cache in memory is bounded: about 5 MB of answers (sized in characters), least recently used
 * leave first. It is for one small server; at national scale the cache lives in Redis.
 */
const MEMORY_CACHE_BYTES = 5_000_000;

export function openSharedStore(redisUrl: string | undefined): SharedStore {
  if (!redisUrl) {
    return { cache: new CountingCache(new InMemoryLRUCache<string>({ maxSize: MEMORY_CACHE_BYTES })), redis: null, close: async () => {} };
  }
  // Commands fail at once while Redis is away (no offline queue), and the client keeps reconnecting.
  const keyvRedis = new KeyvRedis<string>({
    url: redisUrl,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), 2000) },
  });
  // A cache that cannot be reached is a miss, not an error: the API answers from the database meanwhile.
  const keyv = new Keyv<string>({ store: keyvRedis, namespace: 'finsam', throwOnErrors: false });
  keyv.on('error', () => {});
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', () => {});
  return {
    cache: new CountingCache(new KeyvAdapter(keyv)),
    redis,
    close: async () => {
      await keyv.disconnect().catch(() => {});
      redis.disconnect();
    },
  };
}
