import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import KeyvRedis from '@keyv/redis';
import { Redis } from 'ioredis';
import Keyv from 'keyv';

/** Counts the response cache's hits and misses (its keys start "fqc:"; persisted queries' "apq:"). */
class CountingCache implements KeyValueCache<string> {
  hits = 0;
  misses = 0;
  constructor(private readonly inner: KeyValueCache<string>) {}
  async get(key: string): Promise<string | undefined> {
    const value = await this.inner.get(key);
    if (key.startsWith('fqc:')) value === undefined ? this.misses++ : this.hits++;
    return value;
  }
  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.inner.set(key, value, options);
  }
  delete(key: string): Promise<boolean | void> {
    return this.inner.delete(key);
  }
}

/**
 * What replicas share: the response cache and persisted queries (Apollo's KeyValueCache), and the rate
 * limits' counters. In memory for one process; in Redis when REDIS_URL is set, so every replica sees them.
 */
export interface SharedStore {
  cache: CountingCache;
  /** For @fastify/rate-limit's shared counters; null in memory. */
  redis: Redis | null;
  close(): Promise<void>;
}

/** A response cache in memory is bounded: about 50 MB of answers, least recently used leave first. */
const MEMORY_CACHE_BYTES = 50_000_000;

export function openSharedStore(redisUrl: string | undefined): SharedStore {
  if (!redisUrl) {
    return { cache: new CountingCache(new InMemoryLRUCache<string>({ maxSize: MEMORY_CACHE_BYTES })), redis: null, close: async () => {} };
  }
  const keyvRedis = new KeyvRedis<string>(redisUrl);
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
