import { GraphQLError } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { AsOfArgs, MAX_YEAR, MIN_YEAR, YearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { badInput, ErrorCode, unknownForbund } from '../../platform/common/errors';
import { Gender } from '../../platform/common/enums';
import { Forbund } from '../../domain/forbund/forbund.entity';
import { allForbund, forbundById } from '../../domain/forbund/forbund.loaders';
import { Measure } from '../../domain/measures/measure.entity';
import { requireMeasure } from '../../domain/measures/measures.loaders';
import { observationsByForbund } from '../../domain/measures/measures.loaders';
import { BenchmarkEntry, ComparisonPreview, NationalComparison, NotComparable, PeerGroupKind, ProposedShare } from './comparison.types';
import { nationalComparisons, previewComparison } from './national.loaders';
import { rows } from '../../platform/graphql/cost';
import { nextTurn } from '../../platform/common/turns';
import { FUNNEL_METHOD, labelledTrend, RANK_INTERVAL_DRAWS } from '../stats/analysis';
import { TREND_YEARS } from '../stats/trend';
import { Funnel, FunnelLimits, FunnelTarget, Interval, Overdispersion, Trend } from '../stats/methods.types';

@ArgsType()
class ComparisonArgs extends YearArgs {
  @Field({ description: 'Code of a SHARE measure, e.g. "to_work_or_studies".' })
  measure: string;

  @Field(() => PeerGroupKind, { nullable: true, description: 'Peer grouping for peerMean; none when absent.' })
  peerGroup?: PeerGroupKind;

  @Field(() => Gender, { defaultValue: Gender.ALL, description: 'Whose shares (kön): everyone\'s, women\'s or men\'s, each against that gender\'s rikssnitt where one exists.' })
  gender: Gender;
}

/** The largest count a preview takes: far above any förbund's participants in a year (the largest report a few thousand). */
const MAX_PREVIEW_COUNT = 1_000_000;

@ArgsType()
class PreviewArgs extends ComparisonArgs {
  @Field({ description: 'Slug of the förbund whose figure is previewed, e.g. "uppsala".' })
  forbund: string;

  @Field(() => Int, { description: `Persons counted in the share (täljare), 0–${MAX_PREVIEW_COUNT}, at most the denominator.` })
  @Min(0)
  @Max(MAX_PREVIEW_COUNT)
  numerator: number;

  @Field(() => Int, { description: `Persons the share is of (nämnare), 1–${MAX_PREVIEW_COUNT}.` })
  @Min(1)
  @Max(MAX_PREVIEW_COUNT)
  denominator: number;
}

@ArgsType()
class FunnelArgs {
  @Field(() => Int, { defaultValue: 100, description: 'How many denominators to give the limits at, 2–1000.' })
  @Min(2)
  @Max(1000)
  points: number;
}

@ArgsType()
class TrendArgs {
  @Field({ description: 'Code of a SHARE measure, e.g. "to_work_or_studies".' })
  measure: string;

  @Field(() => Int, { nullable: true, description: 'First year (från år); the earliest with data when absent.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  fromYear?: number;

  @Field(() => Int, { nullable: true, description: 'Last year (till år); the latest with data when absent.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  toYear?: number;

  @Field(() => PeerGroupKind, { nullable: true, description: 'Peer grouping for peerMean; none when absent.' })
  peerGroup?: PeerGroupKind;
}

async function requireShareMeasure(ctx: RequestContext, code: string): Promise<Measure> {
  const measure = await requireMeasure(ctx, code);
  if (measure.unit !== 'SHARE') {
    throw new GraphQLError(`Measure "${code}" is ${measure.unit}, not a share; comparisons take SHARE measures such as "to_work_or_studies".`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return measure;
}

@Resolver(() => NationalComparison)
export class NationalComparisonResolver {
  @Query(() => NationalComparison, {
    description:
      'Every förbund with the measure in the year against the national average (rikssnitt), its peers and each other, with Wilson intervals and significance tests. A year with no data gives no entries but still the reference.',
  })
  async nationalComparison(@Args() { measure, year, peerGroup, gender }: ComparisonArgs, @Args() _asOf: AsOfArgs, @Ctx() ctx: RequestContext): Promise<NationalComparison> {
    await requireShareMeasure(ctx, measure);
    const comparison = await ctx.loader(nationalComparisons).load({ measure, year, peerGroup: peerGroup ?? null, gender });
    // Each year's ~4 000 fields (80 entries with every field, ~0.2 ms an entry) in a turn of the event loop of its
    // own: seven years kept per data version would otherwise be resolved in one. (The entries' own loaders then
    // batch per year asked, as they already do when the years' statistics come back from the pool one by one.)
    await nextTurn();
    return comparison;
  }

  @Query(() => ComparisonPreview, {
    description:
      'What nationalComparison would say of a förbund\'s share once the figure is stored (förhandsvisning), before it is: the share, both intervals, the outcome against rikssnitt, the funnel position, rank and percentile, computed as nationalComparison computes them with this figure as the förbund\'s and the other förbund\'s figures and the reference as stored. Public: it reads only public figures and stores nothing.',
  })
  async comparisonPreview(@Args() args: PreviewArgs, @Ctx() ctx: RequestContext): Promise<ComparisonPreview> {
    const { measure, year, peerGroup, gender, forbund: slug, numerator, denominator } = args;
    await requireShareMeasure(ctx, measure);
    if (numerator > denominator) throw badInput(`numerator ${numerator} is larger than its denominator ${denominator}`);
    const all = await allForbund(ctx);
    const forbund = all.find((f) => f.slug === slug);
    if (!forbund) throw unknownForbund(slug, all.map((f) => f.slug));
    const key = { measure, year, peerGroup: peerGroup ?? null, gender };
    const [preview, stored] = await Promise.all([
      previewComparison(ctx.db, ctx, key, { forbundId: forbund.id, numerator, denominator }),
      ctx.loader(nationalComparisons).load(key),
    ]);
    const entry = preview.entries.find((e) => e.forbundId === forbund.id)!;
    return Object.assign(new ComparisonPreview(), entry, {
      value: Object.assign(new ProposedShare(), { numerator, denominator, value: numerator / denominator }),
      forbundCompared: preview.entries.length,
      current: stored.entries.find((e) => e.forbundId === forbund.id) ?? null,
    });
  }

  @FieldResolver(() => Measure, { description: 'The measure compared (mått).' })
  measure(@Root() c: NationalComparison, @Ctx() ctx: RequestContext): Promise<Measure> {
    return requireMeasure(ctx, c.measureCode);
  }

  @FieldResolver(() => Funnel, {
    complexity: ({ args, childComplexity }) => 1 + childComplexity + Number(args.points ?? 100),
    description: 'The year\'s funnel plot (trattdiagram): target, control limits at `points` denominators, and whether förbund vary more than chance. Drawn by GET /charts/funnel.svg.',
  })
  async funnel(@Root() c: NationalComparison, @Args() { points }: FunnelArgs): Promise<Funnel> {
    const { target, overdispersion } = c.analysis;
    return Object.assign(new Funnel(), {
      target: target && Object.assign(new FunnelTarget(), target),
      method: FUNNEL_METHOD,
      overdispersion: Object.assign(new Overdispersion(), overdispersion),
      // Named one by one: a rest and a spread per line take 1.5–2 ms for the ~275 lines of a national funnel, this 0.1 ms.
      limits: (await c.funnelLinesAt(points)).map((line) =>
        Object.assign(new FunnelLimits(), {
          denominator: line.denominator,
          lower95: line.lower95,
          upper95: line.upper95,
          lower998: line.lower998,
          upper998: line.upper998,
          adjustedLower95: line.adjusted?.lower95 ?? null,
          adjustedUpper95: line.adjusted?.upper95 ?? null,
          adjustedLower998: line.adjusted?.lower998 ?? null,
          adjustedUpper998: line.adjusted?.upper998 ?? null,
        }),
      ),
    });
  }
}

@Resolver(() => BenchmarkEntry)
export class BenchmarkEntryResolver {
  @FieldResolver(() => Forbund, { description: 'The förbund (samordningsförbund).' })
  async forbund(@Root() e: BenchmarkEntry, @Ctx() ctx: RequestContext): Promise<Forbund> {
    return (await ctx.loader(forbundById).load(e.forbundId))!;
  }

  @FieldResolver(() => Interval, {
    nullable: true,
    description:
      `95 % interval of the rank (rangintervall), whole numbers, 1 = highest: a seeded parametric bootstrap of ${RANK_INTERVAL_DRAWS} draws, each förbund's share drawn from its Jeffreys posterior Beta(x + ½, n − x + ½) and all ranked; the 2.5 % and 97.5 % quantiles of this förbund's ranks. ` +
      'The same for a given data version. Figures stated only as a percentage are held fixed and get null. A wide interval says the rank is mostly noise.',
  })
  async rankInterval(@Root() e: BenchmarkEntry): Promise<Interval | null> {
    const interval = await e.comparison.rankIntervalOf(e.forbundId);
    return interval && Object.assign(new Interval(), interval);
  }

  @FieldResolver(() => Trend, { description: 'The recent trend (senaste trend) of the share over the five years up to this one, as Fingertips marks it.' })
  async recentTrend(@Root() e: BenchmarkEntry, @Ctx() ctx: RequestContext): Promise<Trend> {
    const { measureCode: measure, peerGroup, gender } = e.comparison;
    const years = Array.from({ length: TREND_YEARS }, (_, i) => e.year - i).filter((y) => y >= MIN_YEAR);
    const comparisons = await ctx.loader(nationalComparisons).loadMany(years.map((year) => ({ measure, year, peerGroup, gender })));
    const points = comparisons.flatMap((c) => {
      if (c instanceof Error) throw c;
      const own = c.entries.find((x) => x.forbundId === e.forbundId)?.figure;
      return own && own.numerator !== null && own.denominator ? [{ year: c.year, numerator: own.numerator, denominator: own.denominator }] : [];
    });
    return Object.assign(new Trend(), labelledTrend(points, e.outcome.polarity));
  }
}

@Resolver(() => ComparisonPreview)
export class ComparisonPreviewResolver {
  @FieldResolver(() => Measure, { description: 'The measure previewed (mått).' })
  measure(@Root() p: ComparisonPreview, @Ctx() ctx: RequestContext): Promise<Measure> {
    return requireMeasure(ctx, p.comparison.measureCode);
  }
}

@Resolver(() => NotComparable)
export class NotComparableResolver {
  @FieldResolver(() => Forbund, { description: 'The förbund (samordningsförbund).' })
  async forbund(@Root() e: NotComparable, @Ctx() ctx: RequestContext): Promise<Forbund> {
    return (await ctx.loader(forbundById).load(e.forbundId))!;
  }
}

@Resolver(() => Forbund)
export class ForbundBenchmarkResolver {
  @FieldResolver(() => BenchmarkEntry, {
    nullable: true,
    description: 'This förbund\'s entry in nationalComparison for the measure and year (for member portals and widgets); null when it has no such figure.',
  })
  async benchmark(@Root() forbund: Forbund, @Args() { measure, year, peerGroup, gender }: ComparisonArgs, @Ctx() ctx: RequestContext): Promise<BenchmarkEntry | null> {
    await requireShareMeasure(ctx, measure);
    const comparison = await ctx.loader(nationalComparisons).load({ measure, year, peerGroup: peerGroup ?? null, gender });
    return comparison.entries.find((e) => e.forbundId === forbund.id) ?? null;
  }

  @FieldResolver(() => [BenchmarkEntry], { complexity: rows(20), description: 'This förbund\'s entry for every year it has the measure (tidsserie), oldest first.' })
  async trend(@Root() forbund: Forbund, @Args() { measure, fromYear, toYear, peerGroup }: TrendArgs, @Ctx() ctx: RequestContext): Promise<BenchmarkEntry[]> {
    await requireShareMeasure(ctx, measure);
    const own = await ctx.loader(observationsByForbund).load({ id: forbund.id, filter: { measure } });
    const years = [...new Set(own.map((o) => o.year))].filter((y) => (fromYear === undefined || y >= fromYear) && (toYear === undefined || y <= toYear)).sort();
    const comparisons = await ctx.loader(nationalComparisons).loadMany(years.map((year) => ({ measure, year, peerGroup: peerGroup ?? null, gender: Gender.ALL })));
    return comparisons.flatMap((c) => (c instanceof Error ? [] : c.entries.filter((e) => e.forbundId === forbund.id)));
  }
}
