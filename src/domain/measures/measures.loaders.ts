import { RequestContext } from '../../platform/common/context';
import { inForce } from '../../platform/common/validity';
import DataLoader from 'dataloader';
import { EntityManager, In, IsNull } from 'typeorm';
import { groupedLoader } from '../../platform/common/loaders';
import { unknownMeasure } from '../../platform/common/errors';
import { Measure } from './measure.entity';
import { Observation } from './observation.entity';
import { fastFind } from '../../platform/db/fast-find';

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
    (ids, filter) => fastFind(db, Observation, { where: { forbundId: In(ids), ...where(filter), ...inForce(ctx.asOf) }, order }),
    (o) => o.forbundId!,
  );

/** National figures (rikssnitt) are observations without a förbund. */
export const nationalObservations = (db: EntityManager, ctx: RequestContext) =>
  new DataLoader<string, Observation[]>(async (filters) =>
    Promise.all(filters.map((f) => fastFind(db, Observation, { where: { forbundId: IsNull(), ...where(JSON.parse(f)), ...inForce(ctx.asOf) }, order }))),
  );

/** Every measure, read once per data version: the list is small and nearly every resolver needs it. */
export const allMeasures = (db: EntityManager, ctx: RequestContext) =>
  new DataLoader<'all', Map<string, Measure>>(async (keys) => {
    const measures = await ctx.shared('measures', async () => new Map((await fastFind(db, Measure, { order: { code: 'ASC' } })).map((m) => [m.code, m])));
    return keys.map(() => measures);
  });

/** The measure with this code, or UNKNOWN_MEASURE listing the valid codes. */
export async function requireMeasure(ctx: RequestContext, code: string): Promise<Measure> {
  const measures = await ctx.loader(allMeasures).load('all');
  const measure = measures.get(code);
  if (!measure) throw unknownMeasure(code, [...measures.keys()]);
  return measure;
}
