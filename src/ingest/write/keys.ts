import { EntityManager } from 'typeorm';
import { Forbund } from '../../domain/forbund/forbund.entity';
import { Organisation } from '../../domain/members/organisation.entity';
import { Keys } from './sections';

/** Ids of every förbund and organisation, by slug and key. */
export async function loadKeys(em: EntityManager): Promise<Keys> {
  return {
    forbund: new Map((await em.find(Forbund)).map((f) => [f.slug, f.id])),
    organisation: new Map((await em.find(Organisation)).map((o) => [o.key, o.id])),
  };
}
