import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';

/** HTTP caching of public answers (Cache-Control), and of the server-side response cache. */
export interface Caching {
  /** max-age of a public answer: browsers and CDNs reuse it this long without asking. */
  maxAgeSeconds: number;
  /** stale-while-revalidate: how long after that a cache may serve it while it fetches a fresh one. */
  staleWhileRevalidateSeconds: number;
  /** max-age of an answer as of a settled moment in the past (asOf), which never changes. */
  settledMaxAgeSeconds: number;
}

export const DEFAULT_CACHING: Caching = { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 300, settledMaxAgeSeconds: 86_400 };

export const CACHING_VARIABLES: Record<keyof Caching, string> = {
  maxAgeSeconds: 'FINSAM_CACHE_MAX_AGE',
  staleWhileRevalidateSeconds: 'FINSAM_CACHE_STALE_WHILE_REVALIDATE',
  settledMaxAgeSeconds: 'FINSAM_CACHE_SETTLED_MAX_AGE',
};

/**
 * A weak ETag (the bytes differ by compression, not the meaning) of an answer: the data version and what
 * was asked. It is known before anything runs, so a client that has the answer gets 304 without any work.
 */
export function etagFor(dataVersion: string, request: string): string {
  return `W/"${dataVersion}-${createHash('sha1').update(request).digest('base64url').slice(0, 22)}"`;
}

/** True when If-None-Match names this ETag (or is "*"). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t.replace(/^W\//, '') === etag.replace(/^W\//, '');
  });
}

/** Before this long ago a moment is settled: no import still running can write figures stamped earlier. */
const SETTLED_AFTER_MS = 60 * 60 * 1000;

export const PRIVATE = 'private, no-store';

/** Cache-Control of a public answer: as of a settled past moment it never changes; otherwise it is fresh a while. */
export function publicCacheControl(caching: Caching, asOf: Date | null): string {
  if (asOf && asOf.getTime() < Date.now() - SETTLED_AFTER_MS) return `public, max-age=${caching.settledMaxAgeSeconds}`;
  return `public, max-age=${caching.maxAgeSeconds}, stale-while-revalidate=${caching.staleWhileRevalidateSeconds}`;
}

/** A file the server makes once (a page, a script, a stylesheet): its body, media type and content ETag. */
export interface StaticFile {
  body: string;
  type: string;
  etag: string;
}

export function staticFile(body: string, type: string): StaticFile {
  return { body, type, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` };
}

/** Cache-Control of what changes only with a deploy: the server's pages and files. */
export const STATIC_CACHE = 'public, max-age=3600';

/** Cached by content: 304 when the client has it. */
export function sendStaticFile(request: FastifyRequest, reply: FastifyReply, file: StaticFile): FastifyReply {
  reply.header('cache-control', STATIC_CACHE).header('etag', file.etag).header('x-content-type-options', 'nosniff');
  if (notModified(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}
