import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { Insats, InsatsFigure } from './insats.entity';
import { perYear } from '../../platform/graphql/cost';
import { activeInYear, distinctInsatser, figuresOf, insatserByForbund } from './insatser.loaders';

@Resolver(() => Forbund)
export class ForbundInsatserResolver {
  @FieldResolver(() => [Insats], { complexity: perYear(40, 200), description: 'Interventions financed by the förbund (insatser, projekt), optionally those active in a year.' })
  async insatser(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Insats[]> {
    const insatser = distinctInsatser(await ctx.loader(insatserByForbund).load({ id: forbund.id, filter: null }));
    if (year === undefined) return insatser;
    const figures = await Promise.all(insatser.map((insats) => figuresOf(ctx, insats)));
    return insatser.filter((insats, i) => activeInYear(insats, figures[i], year));
  }
}

@Resolver(() => Insats)
export class InsatsResolver {
  @FieldResolver(() => [InsatsFigure], { complexity: perYear(1, 15), description: 'Money per year (kostnad, budget, skuld, återstående åtagande), optionally one year.' })
  async figures(@Root() insats: Insats, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<InsatsFigure[]> {
    const figures = await figuresOf(ctx, insats);
    return year === undefined ? figures : figures.filter((f) => f.year === year);
  }
}
