import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { byKeyLoader, groupedLoader } from '../../platform/common/loaders';
import { createdBy, inForce } from '../../platform/common/validity';
import { fastFind } from '../../platform/db/fast-find';
import { ForbundFact, ForbundFactKind } from './forbund-fact.entity';
import { Forbund } from './forbund.entity';

/** Every förbund by slug, as of the request's moment: read once per data version for current data (there are about 75). */
export function allForbund(ctx: RequestContext): Promise<Forbund[]> {
  return ctx.shared('forbund', () => fastFind(ctx.db, Forbund, { where: createdBy(ctx.asOf), order: { slug: 'ASC' } }));
}

export const forbundById = (db: EntityManager, ctx: RequestContext) =>
  byKeyLoader<number, Forbund>((ids) => (ctx.canShare ? allForbund(ctx) : fastFind(db, Forbund, { where: { id: In(ids) } })), (f) => f.id);

/** A förbund's dated facts (founded, dissolved, merged into, county-wide), as of the request's moment. */
export const factsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, ForbundFact>((ids) => fastFind(db, ForbundFact, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { id: 'ASC' } }), (f) => f.forbundId);

/** The MERGED_INTO facts that name a förbund as successor: its predecessors. */
export const mergersInto = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, ForbundFact>(
    (ids) => fastFind(db, ForbundFact, { where: { relatedForbundId: In(ids), fact: ForbundFactKind.MERGED_INTO, ...inForce(ctx.asOf) }, order: { id: 'ASC' } }),
    (f) => f.relatedForbundId!,
  );
