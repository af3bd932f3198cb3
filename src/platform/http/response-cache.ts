import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Caching } from './caching';
import { ANSWER_KEY_PREFIX, SharedStore } from './shared-store';
import './request';

/**
 * The response cache: a public query's whole answer, kept under its ETag (the data version and the request)
 * and the media types the client accepts (Apollo answers application/json or
 * application/graphql-response+json by them), so asking again skips GraphQL altogether. A write moves the
 * data version, so no answer is served stale. In memory, or in Redis where replicas share it; kept before
 * the answer leaves, so the next request finds it (a cache that does not answer within its timeout is
 * skipped). Stored as "operation\ncontent-type\ncache-control\nbody".
 */
export class ResponseCache {
  constructor(
    private readonly store: SharedStore,
    private readonly caching: Caching,
  ) {}

  get enabled(): boolean {
    return this.caching.maxAgeSeconds > 0;
  }

  private key(request: FastifyRequest): string {
    return `${ANSWER_KEY_PREFIX}${request.etag}|${createHash('sha1').update(request.headers.accept ?? '').digest('base64url').slice(0, 16)}`;
  }

  async keep(request: FastifyRequest, contentType: string, cacheControl: string, body: string, asOf: Date | null): Promise<void> {
    if (!this.enabled) return;
    const ttl = asOf === null ? this.caching.maxAgeSeconds + this.caching.staleWhileRevalidateSeconds : this.caching.settledMaxAgeSeconds;
    await this.store.cache.set(this.key(request), [request.graphql!.outcome.operation, contentType, cacheControl, body].join('\n'), { ttl });
  }

  /** Answers from the cache when it holds the answer; false when the request must run. */
  async answer(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (!request.etag || !this.enabled) return false;
    const kept = await this.store.cache.get(this.key(request));
    if (kept === undefined) return false;
    const [operation, contentType, cacheControl] = kept.split('\n', 3);
    request.keptOperation = operation;
    const body = kept.slice(operation.length + contentType.length + cacheControl.length + 3);
    reply.header('etag', request.etag).header('cache-control', cacheControl).type(contentType).send(body);
    return true;
  }
}
