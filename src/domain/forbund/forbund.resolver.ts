import { AsOfArgs } from '../../platform/common/args';
import { createdBy } from '../../platform/common/validity';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from './forbund.entity';
import { rows } from '../../platform/graphql/cost';
import { allForbund } from './forbund.loaders';

@Resolver(() => Forbund)
export class ForbundResolver {
  @Query(() => [Forbund], { complexity: rows(100), description: 'Every samordningsförbund in the database, by slug.' })
  forbunds(@Args() _asOf: AsOfArgs, @Ctx() ctx: RequestContext): Promise<Forbund[]> {
    return allForbund(ctx);
  }

  @Query(() => Forbund, { nullable: true, description: 'One samordningsförbund by its slug; null when there is none with that slug.' })
  async forbund(
    @Arg('slug', { description: 'The förbund\'s slug, e.g. "uppsala".' }) slug: string,
    @Args() _asOf: AsOfArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Forbund | null> {
    if (ctx.canShare) return (await allForbund(ctx)).find((f) => f.slug === slug) ?? null;
    return ctx.db.findOne(Forbund, { where: { slug, ...createdBy(ctx.asOf) } });
  }
}
