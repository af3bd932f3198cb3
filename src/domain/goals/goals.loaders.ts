import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { groupedLoader } from '../../platform/common/loaders';
import { inForce } from '../../platform/common/validity';
import { Goal } from './goal.entity';

export const goalsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<{ year?: number }, Goal>(
    (ids, { year }) =>
      db.find(Goal, { where: { forbundId: In(ids), ...(year === undefined ? {} : { year }), ...inForce(ctx.asOf) }, order: { year: 'ASC', sourceDocumentId: 'ASC', position: 'ASC' } }),
    (g) => g.forbundId,
  );
