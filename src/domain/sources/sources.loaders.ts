import { RequestContext } from '../../platform/common/context';
import { createdBy } from '../../platform/common/validity';
import { EntityManager, In } from 'typeorm';
import { byKeyLoader, groupedLoader } from '../../platform/common/loaders';
import { SourceDocument } from './source-document.entity';
import { fastFind } from '../../platform/db/fast-find';

/** Documents by id: all of them read once per data version (a few per förbund and year), else those asked for. */
export const documentById = (db: EntityManager, ctx: RequestContext) =>
  byKeyLoader<string, SourceDocument>(
    (ids) => (ctx.canShare ? ctx.shared('documents', () => fastFind(db, SourceDocument, {})) : fastFind(db, SourceDocument, { where: { id: In(ids) } })),
    (d) => d.id,
  );

export const documentsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, SourceDocument>(
    (ids) => fastFind(db, SourceDocument, { where: { forbundId: In(ids), ...createdBy(ctx.asOf) }, order: { id: 'ASC' } }),
    (d) => d.forbundId!,
  );
