import { randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Actor } from '../../platform/common/context';
import { hashKey } from '../../platform/http/auth';
import { Forbund } from '../forbund/forbund.entity';
import { ApiKey } from './api-key.entity';

/** An EDITOR key asked for a förbund the registry does not have. */
export class UnknownForbundError extends Error {
  constructor(
    message: string,
    readonly valid: string[],
  ) {
    super(message);
  }
}

export async function createApiKey(
  em: EntityManager,
  options: { name: string; role: 'EDITOR' | 'ADMIN'; forbundSlug?: string },
): Promise<{ id: number; secret: string }> {
  let forbundId: number | null = null;
  if (options.role === 'EDITOR') {
    if (!options.forbundSlug) throw new Error('An EDITOR key needs --forbund <slug>');
    const forbund = await em.findOne(Forbund, { where: { slug: options.forbundSlug } });
    if (!forbund) {
      const slugs = (await em.find(Forbund, { order: { slug: 'ASC' } })).map((f) => f.slug);
      throw new UnknownForbundError(
        `No förbund "${options.forbundSlug}" is registered, so it can have no EDITOR key yet: register it first (registerForbund, npm run register), then make its key. Registered: ${slugs.join(', ')}`,
        slugs,
      );
    }
    forbundId = forbund.id;
  } else if (options.forbundSlug) {
    throw new Error('An ADMIN key is national: give no --forbund');
  }
  const secret = `fck_${randomBytes(32).toString('base64url')}`;
  const saved = await em.save(ApiKey, em.create(ApiKey, { name: options.name, role: options.role, forbundId, keyHash: hashKey(secret) }));
  return { id: saved.id, secret };
}

/** The holder of a bearer token, or null for an unknown or revoked key. */
export async function actorForKey(em: EntityManager, secret: string): Promise<Actor | null> {
  const key = await em.findOne(ApiKey, { where: { keyHash: hashKey(secret), revokedAt: IsNull() } });
  return key ? { name: key.name, role: key.role, forbundId: key.forbundId } : null;
}
