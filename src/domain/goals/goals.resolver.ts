import { inForce } from '../../platform/common/validity';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EntityManager, In } from 'typeorm';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { groupedLoader } from '../../platform/common/loaders';
import { Forbund } from '../forbund/forbund.entity';
import { Goal } from './goal.entity';
import { perYear } from '../../platform/graphql/cost';

export const goalsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<{ year?: number }, Goal>(
    (ids, { year }) =>
      db.find(Goal, { where: { forbundId: In(ids), ...(year === undefined ? {} : { year }), ...inForce(ctx.asOf) }, order: { year: 'ASC', sourceDocumentId: 'ASC', position: 'ASC' } }),
    (g) => g.forbundId,
  );

@Resolver(() => Forbund)
export class ForbundGoalsResolver {
  @FieldResolver(() => [Goal], { complexity: perYear(30, 400), description: 'Goals (mål) with results and attainment (måluppfyllelse), optionally for one year.' })
  goals(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Goal[]> {
    return ctx.loader(goalsByForbund).load({ id: forbund.id, filter: { year } });
  }
}
