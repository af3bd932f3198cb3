import { createHash } from 'node:crypto';
import { Actor, Auth } from '../common/context';

/** Who holds a key, or null for an unknown or revoked one: the auth module's lookup, given to the server by the app. */
export type KeyLookup = (secret: string) => Promise<Actor | null>;

const MAX_AUTHORIZATION_BYTES = 512;

/** What a request with a wrong key is told, wherever it is refused. */
export const INVALID_KEY = 'The API key is not valid (unknown or revoked).';

/** Reads a bearer token; an unusable header counts as an invalid key, never as anonymous. */
export async function authenticate(lookup: KeyLookup, header: string | undefined): Promise<Auth> {
  if (!header) return { kind: 'anonymous' };
  if (header.length > MAX_AUTHORIZATION_BYTES) return { kind: 'invalid' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const actor = match ? await lookup(match[1]) : null;
  return actor ? { kind: 'actor', actor } : { kind: 'invalid' };
}

/** Keys are 32 random bytes: a plain SHA-256 is enough to store them, and to count a key's requests by. */
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
