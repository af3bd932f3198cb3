import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EntityManager, In } from 'typeorm';
import { OptionalYearArgs } from '../common/args';
import { RequestContext } from '../common/context';
import { groupedLoader } from '../common/loaders';
import { Forbund } from '../forbund/forbund.entity';
import { Insats, InsatsFigure } from './insats.entity';

export const insatserByForbund = (db: EntityManager) =>
  groupedLoader<null, Insats>((ids) => db.find(Insats, { where: { forbundId: In(ids) }, order: { name: 'ASC' } }), (i) => i.forbundId);

export const figuresByInsats = (db: EntityManager) =>
  groupedLoader<null, InsatsFigure>((ids) => db.find(InsatsFigure, { where: { insatsId: In(ids) }, order: { year: 'ASC', id: 'ASC' } }), (f) => f.insatsId);

/** Whether an insats ran in a year: its period covers the year, or a source gives money for it that year. */
export function activeInYear(insats: Insats, figures: InsatsFigure[], year: number): boolean {
  const start = insats.periodStart ? Number(insats.periodStart.slice(0, 4)) : null;
  const end = insats.periodEnd ? Number(insats.periodEnd.slice(0, 4)) : null;
  const periodCovers = (start !== null || end !== null) && (start === null || start <= year) && (end === null || end >= year);
  return periodCovers || figures.some((f) => f.year === year);
}

@Resolver(() => Forbund)
export class ForbundInsatserResolver {
  @FieldResolver(() => [Insats], { description: 'Interventions financed by the förbund (insatser, projekt), optionally those active in a year.' })
  async insatser(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Insats[]> {
    const insatser = await ctx.loader(insatserByForbund).load({ id: forbund.id, filter: null });
    if (year === undefined) return insatser;
    const figures = await ctx.loader(figuresByInsats).loadMany(insatser.map((i) => ({ id: i.id, filter: null })));
    return insatser.filter((insats, i) => activeInYear(insats, figures[i] as InsatsFigure[], year));
  }
}

@Resolver(() => Insats)
export class InsatsResolver {
  @FieldResolver(() => [InsatsFigure], { description: 'Money per year (kostnad, budget, skuld, återstående åtagande), optionally one year.' })
  async figures(@Root() insats: Insats, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<InsatsFigure[]> {
    const figures = await ctx.loader(figuresByInsats).load({ id: insats.id, filter: null });
    return year === undefined ? figures : figures.filter((f) => f.year === year);
  }
}
