import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { Goal } from './goal.entity';
import { perYear } from '../../platform/graphql/cost';
import { goalsByForbund } from './goals.loaders';

@Resolver(() => Forbund)
export class ForbundGoalsResolver {
  @FieldResolver(() => [Goal], { complexity: perYear(30, 400), description: 'Goals (mål) with results and attainment (måluppfyllelse), optionally for one year.' })
  goals(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Goal[]> {
    return ctx.loader(goalsByForbund).load({ id: forbund.id, filter: { year } });
  }
}
