import { AsOfArgs } from '../common/args';
import { createdBy } from '../common/validity';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../common/context';
import { Forbund } from './forbund.entity';
import { rows } from '../graphql/cost';
import { fastFind } from '../db/fast-find';

@Resolver(() => Forbund)
export class ForbundResolver {
  @Query(() => [Forbund], { complexity: rows(100), description: 'Every samordningsförbund in the database, by slug.' })
  forbunds(@Args() _asOf: AsOfArgs, @Ctx() ctx: RequestContext): Promise<Forbund[]> {
    return fastFind(ctx.db, Forbund, { where: createdBy(ctx.asOf), order: { slug: 'ASC' } });
  }

  @Query(() => Forbund, { nullable: true, description: 'One samordningsförbund by its slug; null when there is none with that slug.' })
  forbund(
    @Arg('slug', { description: 'The förbund\'s slug, e.g. "uppsala".' }) slug: string,
    @Args() _asOf: AsOfArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Forbund | null> {
    return ctx.db.findOne(Forbund, { where: { slug, ...createdBy(ctx.asOf) } });
  }
}
