import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AsOfArgs, OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { forbundById } from '../forbund/forbund.loaders';
import { Measure } from './measure.entity';
import { allMeasures, nationalObservations, observationsByForbund, requireMeasure } from './measures.loaders';
import { Observation } from './observation.entity';
import { NationalReference, Share } from './share.type';
import { perYear, rows } from '../../platform/graphql/cost';

@ArgsType()
class ObservationArgs extends OptionalYearArgs {
  @Field(() => String, { nullable: true, description: 'Measure code, e.g. "participants_registered"; all measures when absent.' })
  measure?: string;
}

@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => [Measure], { complexity: rows(100), description: 'Every measure (mått) with its definition in the source\'s own words; with term, the one a report\'s word names.' })
  async measures(
    @Arg('term', () => String, { nullable: true, description: 'A word as reports and SUS write it, e.g. "inskrivna" or "avslutade" (case and surrounding spaces ignored).' }) term: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Measure[]> {
    const all = [...(await ctx.loader(allMeasures).load('all')).values()];
    if (term === undefined) return all;
    const word = term.trim().toLocaleLowerCase('sv');
    return all.filter((m) => m.terms.some((t) => t.toLocaleLowerCase('sv') === word));
  }

  @Query(() => [NationalReference], { complexity: rows(300), description: 'National reference values (rikssnitt, nationella siffror) per measure and year, with their sources.' })
  async nationalReferences(
    @Arg('measure', () => String, { nullable: true, description: 'Measure code; all measures when absent.' }) measure: string | undefined,
    @Args() _asOf: AsOfArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<NationalReference[]> {
    if (measure !== undefined) await requireMeasure(ctx, measure);
    const rows = await ctx.loader(nationalObservations).load(JSON.stringify({ measure }));
    return rows.map((o) => new NationalReference(o));
  }
}

@Resolver(() => NationalReference)
export class NationalReferenceResolver {
  @FieldResolver(() => Measure, { description: 'The measure (mått).' })
  async measure(@Root() r: NationalReference, @Ctx() ctx: RequestContext): Promise<Measure> {
    return requireMeasure(ctx, r.observation.measureCode);
  }
}

@Resolver(() => Share)
export class ShareResolver {
  @FieldResolver(() => Measure, { description: 'The measure the share is of; different definitions are different measures.' })
  async measure(@Root() s: Share, @Ctx() ctx: RequestContext): Promise<Measure> {
    return requireMeasure(ctx, s.observation.measureCode);
  }
}

@Resolver(() => Observation)
export class ObservationResolver {
  @FieldResolver(() => Measure, { description: 'The measure (mått).' })
  async measure(@Root() o: Observation, @Ctx() ctx: RequestContext): Promise<Measure> {
    return requireMeasure(ctx, o.measureCode);
  }

  @FieldResolver(() => Forbund, { nullable: true, description: 'The förbund; null for a national figure.' })
  forbund(@Root() o: Observation, @Ctx() ctx: RequestContext): Promise<Forbund | null> | null {
    return o.forbundId === null ? null : ctx.loader(forbundById).load(o.forbundId);
  }

  @FieldResolver(() => Share, { nullable: true, description: 'For SHARE measures, the figure as a share with its value 0–1.' })
  async share(@Root() o: Observation, @Ctx() ctx: RequestContext): Promise<Share | null> {
    return (await requireMeasure(ctx, o.measureCode)).unit === 'SHARE' ? new Share(o) : null;
  }
}

@Resolver(() => Forbund)
export class ForbundObservationsResolver {
  @FieldResolver(() => [Observation], {
    complexity: perYear(100, 1500),
    description: 'Every figure (observation) of the förbund in long format, optionally one measure and/or one year; preliminary and final sources both appear.',
  })
  async observations(@Root() forbund: Forbund, @Args() { measure, year }: ObservationArgs, @Ctx() ctx: RequestContext): Promise<Observation[]> {
    if (measure !== undefined) await requireMeasure(ctx, measure);
    return ctx.loader(observationsByForbund).load({ id: forbund.id, filter: { measure, year } });
  }
}
