import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { groupedLoader } from '../../platform/common/loaders';
import { inForce } from '../../platform/common/validity';
import { BoardMember } from './board.entity';

export const boardByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, BoardMember>(
    (ids) => db.find(BoardMember, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { year: 'ASC', sourceDocumentId: 'ASC', position: 'ASC' } }),
    (b) => b.forbundId,
  );
