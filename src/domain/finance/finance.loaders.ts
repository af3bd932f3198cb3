import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { groupedLoader } from '../../platform/common/loaders';
import { inForce } from '../../platform/common/validity';
import { FinancialLine } from './financial-line.entity';

export const financialLinesByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<{ year: number }, FinancialLine>(
    (ids, { year }) =>
      db.find(FinancialLine, { where: { forbundId: In(ids), year, ...inForce(ctx.asOf) }, order: { statement: 'ASC', sourceDocumentId: 'ASC', position: 'ASC', id: 'ASC' } }),
    (l) => l.forbundId,
  );
