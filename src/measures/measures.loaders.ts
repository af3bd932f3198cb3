import { RequestContext } from '../common/context';
import { inForce } from '../common/validity';
import DataLoader from 'dataloader';
import { EntityManager, In, IsNull } from 'typeorm';
import { groupedLoader } from '../common/loaders';
import { Measure } from './measure.entity';
import { Observation } from './observation.entity';

export interface ObservationFilter {
  measure?: string;
  year?: number;
}

const where = (filter: ObservationFilter) => ({
  ...(filter.measure === undefined ? {} : { measureCode: filter.measure }),
  ...(filter.year === undefined ? {} : { year: filter.year }),
});

const order = { measureCode: 'ASC', year: 'ASC', gender: 'ASC', id: 'ASC' } as const;

export const observationsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<ObservationFilter, Observation>(
    (ids, filter) => db.find(Observation, { where: { forbundId: In(ids), ...where(filter), ...inForce(ctx.asOf) }, order }),
    (o) => o.forbundId!,
  );

/** National figures (rikssnitt) are observations without a förbund. */
export const nationalObservations = (db: EntityManager, ctx: RequestContext) =>
  new DataLoader<string, Observation[]>(async (filters) =>
    Promise.all(filters.map((f) => db.find(Observation, { where: { forbundId: IsNull(), ...where(JSON.parse(f)), ...inForce(ctx.asOf) }, order }))),
  );

/** Every measure, read once per request: the list is small and nearly every resolver needs it. */
export const allMeasures = (db: EntityManager) =>
  new DataLoader<'all', Map<string, Measure>>(async (keys) => {
    const measures = new Map((await db.find(Measure, { order: { code: 'ASC' } })).map((m) => [m.code, m]));
    return keys.map(() => measures);
  });
