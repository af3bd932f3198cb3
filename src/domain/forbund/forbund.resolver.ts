import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AsOfArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { createdBy } from '../../platform/common/validity';
import { rows } from '../../platform/graphql/cost';
import { countyName } from '../counties/counties.loaders';
import { Forbund } from './forbund.entity';
import { allForbund } from './forbund.loaders';

@Resolver(() => Forbund)
export class ForbundResolver {
  @Query(() => [Forbund], { complexity: rows(100), description: 'Every samordningsförbund in the registry, by slug; those of one county with `countyCode`.' })
  async forbunds(
    @Arg('countyCode', () => String, { nullable: true, description: 'SCB\'s county code (länskod), e.g. "03": only the förbund of that county.' }) countyCode: string | undefined,
    @Args() _asOf: AsOfArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Forbund[]> {
    const all = await allForbund(ctx);
    return countyCode === undefined || countyCode === null ? all : all.filter((f) => f.countyCode === countyCode);
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

  @FieldResolver(() => String, { nullable: true, description: 'Name of the county (län) the förbund works in, e.g. "Uppsala län".' })
  county(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<string | null> {
    return countyName(ctx, forbund.countyCode);
  }
}
