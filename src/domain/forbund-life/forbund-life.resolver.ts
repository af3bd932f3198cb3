import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../platform/common/context';
import { rows } from '../../platform/graphql/cost';
import { Forbund } from '../forbund/forbund.entity';
import { forbundById } from '../forbund/forbund.loaders';
import { ForbundFact, ForbundFactKind } from './forbund-fact.entity';
import { factsByForbund, mergersInto } from './forbund-life.loaders';

/** The fact of a kind a förbund's sources give, the one stated most precisely (then the latest recorded) when several do. */
function factOf(facts: ForbundFact[], kind: ForbundFactKind): ForbundFact | null {
  const of = facts.filter((f) => f.fact === kind);
  return of.sort((a, b) => (b.date?.length ?? 0) - (a.date?.length ?? 0) || b.id - a.id)[0] ?? null;
}

@Resolver(() => Forbund)
export class ForbundLifeResolver {
  @FieldResolver(() => [ForbundFact], { complexity: rows(10), description: 'Every dated fact the sources give about the förbund (bildades, upplöstes, sammanslogs), each with its source.' })
  facts(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<ForbundFact[]> {
    return ctx.loader(factsByForbund).load({ id: forbund.id, filter: null });
  }

  @FieldResolver(() => ForbundFact, { nullable: true, description: 'When the förbund was formed (bildades), with its source; null when no source says.' })
  async founded(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<ForbundFact | null> {
    return factOf(await this.facts(forbund, ctx), ForbundFactKind.FOUNDED);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Year the förbund was formed (bildades), where a source states it.' })
  async foundedYear(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await this.founded(forbund, ctx))?.year ?? null;
  }

  @FieldResolver(() => ForbundFact, { nullable: true, description: 'When the förbund was dissolved or merged into another (upplöstes); null while it exists or when no source says.' })
  async dissolved(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<ForbundFact | null> {
    const facts = await this.facts(forbund, ctx);
    return factOf(facts, ForbundFactKind.DISSOLVED) ?? factOf(facts, ForbundFactKind.MERGED_INTO);
  }

  @FieldResolver(() => [Forbund], { complexity: rows(5), description: 'The förbund this one was merged into (efterföljare), where a source says so.' })
  async successors(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<Forbund[]> {
    const into = (await this.facts(forbund, ctx)).filter((f) => f.fact === ForbundFactKind.MERGED_INTO);
    return (await ctx.loader(forbundById).loadMany(into.map((f) => f.relatedForbundId!))).filter((f): f is Forbund => f instanceof Forbund);
  }

  @FieldResolver(() => [Forbund], { complexity: rows(10), description: 'The förbund merged into this one (föregångare), where a source says so.' })
  async predecessors(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<Forbund[]> {
    const from = await ctx.loader(mergersInto).load({ id: forbund.id, filter: null });
    return (await ctx.loader(forbundById).loadMany(from.map((f) => f.forbundId))).filter((f): f is Forbund => f instanceof Forbund);
  }
}
