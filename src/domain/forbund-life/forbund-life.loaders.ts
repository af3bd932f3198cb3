import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { groupedLoader } from '../../platform/common/loaders';
import { inForce } from '../../platform/common/validity';
import { fastFind } from '../../platform/db/fast-find';
import { ForbundFact, ForbundFactKind } from './forbund-fact.entity';

/** A förbund's dated facts (founded, dissolved, merged into, county-wide), as of the request's moment. */
export const factsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, ForbundFact>((ids) => fastFind(db, ForbundFact, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { id: 'ASC' } }), (f) => f.forbundId);

/** The MERGED_INTO facts that name a förbund as successor: its predecessors. */
export const mergersInto = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, ForbundFact>(
    (ids) => fastFind(db, ForbundFact, { where: { relatedForbundId: In(ids), fact: ForbundFactKind.MERGED_INTO, ...inForce(ctx.asOf) }, order: { id: 'ASC' } }),
    (f) => f.relatedForbundId!,
  );
