import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { byKeyLoader } from '../../platform/common/loaders';
import { createdBy } from '../../platform/common/validity';
import { fastFind } from '../../platform/db/fast-find';
import { Forbund } from './forbund.entity';

/** Every förbund by slug, as of the request's moment: read once per data version for current data (there are about 75). */
export function allForbund(ctx: RequestContext): Promise<Forbund[]> {
  return ctx.shared('forbund', () => fastFind(ctx.db, Forbund, { where: createdBy(ctx.asOf), order: { slug: 'ASC' } }));
}

export const forbundById = (db: EntityManager, ctx: RequestContext) =>
  byKeyLoader<number, Forbund>((ids) => (ctx.canShare ? allForbund(ctx) : fastFind(db, Forbund, { where: { id: In(ids) } })), (f) => f.id);
