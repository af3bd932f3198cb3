import { RequestContext } from '../common/context';
import { createdBy } from '../common/validity';
import { EntityManager, In } from 'typeorm';
import { byKeyLoader, groupedLoader } from '../common/loaders';
import { SourceDocument } from './source-document.entity';

export const documentById = (db: EntityManager) =>
  byKeyLoader<string, SourceDocument>((ids) => db.find(SourceDocument, { where: { id: In(ids) } }), (d) => d.id);

export const documentsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, SourceDocument>(
    (ids) => db.find(SourceDocument, { where: { forbundId: In(ids), ...createdBy(ctx.asOf) }, order: { id: 'ASC' } }),
    (d) => d.forbundId!,
  );
