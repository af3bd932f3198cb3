import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Share } from '../../domain/measures/share.type';
import { Observation } from '../../domain/measures/observation.entity';
import { Provenance } from '../../domain/sources/provenance';
import { rows } from '../../platform/graphql/cost';
import { Gender } from '../../platform/common/enums';
import { FunnelPosition, Interval, Outcome, Shrunken } from '../stats/methods.types';
import { Shared } from '../../platform/common/version-memo';
import { Figure, FunnelLine, YearAnalysis } from '../stats/analysis';
import { funnelLines, rankIntervals } from './stats-pool';

export enum PeerGroupKind {
  COUNTY = 'COUNTY',
  ALLOCATION_BAND = 'ALLOCATION_BAND',
}
registerEnumType(PeerGroupKind, {
  name: 'PeerGroupKind',
  description: 'How peers (jämförbara förbund) are grouped.',
  valuesConfig: {
    COUNTY: { description: 'Förbund in the same county (län).' },
    ALLOCATION_BAND: {
      description: 'Förbund whose allocation (tilldelning) that year falls in the same size band: under 10 mkr, 10–20, 20–40, 40 mkr and over. The bands are this API\'s own grouping, not an official one.',
    },
  },
});

@ObjectType({ description: 'The national reference (rikssnitt) a comparison uses.' })
export class ReferenceUsed {
  constructor(readonly observation: Observation, isFallback: boolean, value: number) {
    this.year = observation.year;
    this.value = value;
    this.statedPercent = observation.statedPercent;
    this.isFallback = isFallback;
    this.gender = observation.gender;
  }

  @Field(() => Gender, { description: 'Whose share the national figure is (kön): a comparison of women or men uses their own rikssnitt where one exists, else everyone\'s (ALL).' })
  gender: Gender;

  @Field(() => Int, { description: 'Year of the national figure (år).' })
  year: number;

  @Field(() => Float, { description: 'The national share as a fraction 0–1.' })
  value: number;

  @Field(() => Float, { nullable: true, description: 'The national percentage as printed (angiven procentsats).' })
  statedPercent: number | null;

  @Field({
    description:
      'True when that year\'s rikssnitt is not yet published and the latest earlier one is used instead, as förbund reports do (Uppsala\'s 2017 report compares with 2016\'s 33 %).',
  })
  isFallback: boolean;

  @Field(() => Provenance, { description: 'Source of the national figure (källa).' })
  get provenance(): Provenance {
    return this.observation.provenance;
  }
}

@ObjectType({ description: 'A two-sided test of a share against the national reference (signifikanstest).' })
export class SignificanceTest {
  @Field({
    description:
      '"exact binomial" (two-sided, as R\'s binom.test) when the sample is small (n < 30, or n·p0 or n·(1−p0) < 5), else "score z-test" (one-sample z-test of a proportion against the fixed reference p0, z = (p̂ − p0)/√(p0(1−p0)/n)).',
  })
  method: string;

  @Field(() => Float, { description: 'The z statistic (p̂ − p0)/√(p0(1−p0)/n).' })
  z: number;

  @Field(() => Float, { description: 'Two-sided p-value.' })
  pValue: number;
}

@ObjectType({ description: 'The peer group (jämförelsegrupp) an entry is compared within.' })
export class PeerGroup {
  @Field(() => PeerGroupKind, { description: 'How the group is formed.' })
  kind: PeerGroupKind;

  @Field({ description: 'Key of the group, e.g. "Uppsala län" or "20-40-mkr".' })
  key: string;

  @Field({ description: 'Readable label of the group.' })
  label: string;

  @Field(() => Int, { description: 'Förbund in the group with a value for this measure and year.' })
  count: number;

  @Field(() => Float, { nullable: true, description: 'Unweighted mean of the group\'s shares (medelvärde), fraction 0–1.' })
  mean: number | null;
}

@ObjectType({
  description:
    'Who an outcome share covers. SUS outcomes are known only for participants registered with personal data; anonymous participants (anonyma) are outside the share.',
})
export class Coverage {
  @Field(() => Int, { nullable: true, description: 'Participants registered with personal data (med personuppgifter).' })
  registeredWithPersonalData: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants registered anonymously (anonyma), not covered by the share.' })
  anonymous: number | null;

  @Field(() => Float, { nullable: true, description: 'registeredWithPersonalData / (registeredWithPersonalData + anonymous), fraction 0–1.' })
  shareWithPersonalData: number | null;
}

/** What a stored figure's entry and a proposed figure's preview share: everything the comparison says of one share. */
@ObjectType({ description: 'One förbund\'s share compared with the national reference and its peers (jämförelse).' })
export abstract class ComparedShare {
  forbundId: number;

  /** The comparison the entry belongs to, for what is computed for all entries at once (rank intervals). */
  comparison: NationalComparison;

  /** The counts and rank the analysis used. */
  figure: Figure;

  @Field(() => Int, { description: 'Year compared (år).' })
  year: number;

  @Field(() => ReferenceUsed, { nullable: true, description: 'The national reference used; null when none is published for the year or before.' })
  reference: ReferenceUsed | null;

  @Field(() => Float, { nullable: true, description: 'Difference from the reference in percentage points (procentenheter): (share − reference) × 100.' })
  differencePp: number | null;

  @Field(() => Float, { nullable: true, description: 'Share divided by the reference.' })
  ratio: number | null;

  @Field(() => Interval, { nullable: true, description: 'Wilson score 95 % interval of the share (konfidensintervall); null when the source gives only a percentage.' })
  ci95: Interval | null;

  @Field(() => Interval, { nullable: true, description: 'Wilson score 99.8 % interval of the share; null when the source gives only a percentage.' })
  ci998: Interval | null;

  @Field(() => Outcome, { description: 'Better, similar or worse than rikssnitt at 95 % and 99.8 % (or higher/lower for a measure with no good direction), with the method and the reason when not compared.' })
  outcome: Outcome;

  @Field(() => FunnelPosition, { nullable: true, description: 'Where the share falls in the funnel plot (trattdiagram) around the funnel\'s target; null without counts or target.' })
  funnel: FunnelPosition | null;

  @Field(() => Shrunken, { nullable: true, description: 'The share shrunk towards the national value (empirical Bayes); null without counts, or with fewer than 5 förbund to fit the prior to.' })
  shrunken: Shrunken | null;

  @Field(() => Int, { nullable: true, description: 'Quintile (kvintil) by rank among comparable förbund, ⌈5 × rank / count⌉, 1 = highest; null when fewer than 5 are compared (see quintileReason).' })
  quintile: number | null;

  @Field(() => String, { nullable: true, description: 'Why there is no quintile; null when there is one.' })
  quintileReason: string | null;

  @Field({ description: 'Whether the measure\'s small-number rule (små tal) applies: the denominator is under Measure.smallNumberRule.minDenominator. Ranks and single-year changes of such figures are mostly noise.' })
  smallNumbers: boolean;

  @Field(() => SignificanceTest, { nullable: true, description: 'The test behind significantlyDifferent; null without counts or reference.' })
  test: SignificanceTest | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the share differs from the reference at the 5 % level, by a two-sided exact binomial test for small samples and a one-sample score z-test otherwise (see test.method). Null when the source gives only a percentage or no reference exists.',
  })
  significantlyDifferent: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Rank among comparable förbund, 1 = highest share; ties share a rank (1, 2, 2, 4).' })
  rank: number | null;

  @Field(() => Float, { nullable: true, description: 'Percentile 0–100 among comparable förbund, mid-rank for ties: 100 × (below + ½ × (equal − 1)) / (count − 1); 50 when alone.' })
  percentile: number | null;

  @Field(() => PeerGroup, { nullable: true, description: 'The entry\'s peer group; null when the grouping fact (county, allocation) is unknown.' })
  peerGroup: PeerGroup | null;

  @Field(() => Float, { nullable: true, description: 'Mean share of the entry\'s peer group (the entry included), fraction 0–1.' })
  peerMean: number | null;

  @Field(() => Coverage, { description: 'Who the share covers: registered with personal data vs anonymous.' })
  coverage: Coverage;
}

@ObjectType({ description: 'One förbund\'s share compared with the national reference and its peers (jämförelse).' })
export class BenchmarkEntry extends ComparedShare {
  @Field(() => Share, { description: 'The förbund\'s share: numerator, denominator, value 0–1.' })
  value: Share;
}

@ObjectType({ description: 'A share not yet stored (föreslagen andel): the counts a comparison preview was asked for.' })
export class ProposedShare {
  @Field(() => Int, { description: 'Persons counted in the share (täljare).' })
  numerator: number;

  @Field(() => Int, { description: 'Persons the share is of (nämnare).' })
  denominator: number;

  @Field(() => Float, { description: 'numerator / denominator, fraction 0–1.' })
  value: number;
}

@ObjectType({
  description:
    'What the national comparison would say of a förbund\'s share once it is stored (förhandsvisning): computed as nationalComparison computes it, as if this figure were the förbund\'s and every other förbund\'s and the reference were as stored.',
})
export class ComparisonPreview extends ComparedShare {
  @Field(() => ProposedShare, { description: 'The share previewed.' })
  value: ProposedShare;

  @Field(() => Int, { description: 'Förbund in the previewed comparison (antal jämförda), this one included; rank and percentile are among them.' })
  forbundCompared: number;

  @Field(() => BenchmarkEntry, { nullable: true, description: 'The förbund\'s entry as stored now (nuvarande), for before and after; null when it has no such figure yet.' })
  current: BenchmarkEntry | null;
}

@ObjectType({ description: 'Pooled share (sammanvägd andel): sum of numerators / sum of denominators over the förbund with counts. Weighted by size: large förbund dominate.' })
export class PooledShare {
  @Field(() => Int, { description: 'Sum of numerators.' })
  numerator: number;

  @Field(() => Int, { description: 'Sum of denominators.' })
  denominator: number;

  @Field(() => Float, { nullable: true, description: 'numerator / denominator, fraction 0–1.' })
  value: number | null;

  @Field(() => Int, { description: 'Förbund pooled (those whose source gives counts, not only a percentage).' })
  forbundCount: number;

  @Field({ description: 'What this figure is, in words.' })
  description: string;
}

@ObjectType({ description: 'Unweighted mean of the förbund\'s shares (medelvärde av förbundens andelar): every förbund counts once, whatever its size.' })
export class MeanOfShares {
  @Field(() => Float, { nullable: true, description: 'Mean share, fraction 0–1.' })
  value: number | null;

  @Field(() => Int, { description: 'Förbund averaged.' })
  forbundCount: number;

  @Field({ description: 'What this figure is, in words.' })
  description: string;
}

@ObjectType({ description: 'A förbund left out of the ranking because its figure that year is of a different definition (ej jämförbar).' })
export class NotComparable {
  forbundId: number;

  @Field(() => Share, { description: 'The förbund\'s own figure, under its own measure.' })
  value: Share;

  @Field({ description: 'Why it is not comparable (orsak), in English, naming both measures; their definitions and sources are in value.measure and the comparison\'s measure.' })
  reason: string;

  @Field({ description: 'Why it is not comparable (orsak), in Swedish, naming both measures.' })
  reasonSv: string;
}

/** Funnel lines kept with a comparison: at most this many sizes, each of at most this many points. */
const KEPT_FUNNEL_SIZES = 3;
const KEPT_FUNNEL_POINTS = 200;

@ObjectType({ description: 'Every förbund with the measure in the year against the national reference (rikssnitt) and its peers (nationell jämförelse).' })
export class NationalComparison {
  measureCode: string;

  /** The year's analysis (funnel target, overdispersion) the entries were made from. */
  analysis: YearAnalysis;

  private readonly rankIntervals = new Shared<Map<number, { low: number; high: number } | null>>();

  /** Computed on first use (in the worker pool) and kept with the comparison, so once per data version: the bootstrap is the costly part. */
  async rankIntervalOf(forbundId: number): Promise<{ low: number; high: number } | null> {
    const byForbund = await this.rankIntervals.get(async () => {
      const intervals = await rankIntervals({ figures: this.entries.map((e) => e.figure), seedText: `${this.measureCode}|${this.year}` });
      return new Map(this.entries.map((e, i) => [e.forbundId, intervals[i]]));
    });
    return byForbund.get(forbundId) ?? null;
  }

  private readonly funnels = new Map<number, Shared<FunnelLine[]>>();

  /** The funnel's lines at `points` denominators (computed in the worker pool), kept with the comparison per number of points asked. */
  funnelLinesAt(points: number): Promise<FunnelLine[]> {
    const compute = () => {
      const largest = Math.max(0, ...this.entries.map((e) => e.figure.denominator ?? 0));
      return funnelLines({ target: this.analysis.target, overdispersion: this.analysis.overdispersion, maxDenominator: largest, points });
    };
    let kept = this.funnels.get(points);
    // The sizes pages draw (the chart's 200, the widget's 60, the default 100) are kept; a comparison is kept
    // with up to 200 others, so larger or further sizes are computed each time (1 000 points take ~5–15 ms).
    if (!kept && points <= KEPT_FUNNEL_POINTS && this.funnels.size < KEPT_FUNNEL_SIZES) this.funnels.set(points, (kept = new Shared()));
    return kept ? kept.get(compute) : compute();
  }

  @Field(() => Int, { description: 'Year compared (år).' })
  year: number;

  @Field(() => PeerGroupKind, { nullable: true, description: 'The peer grouping used for peerMean; null when none was asked for.' })
  peerGroup: PeerGroupKind | null;

  @Field(() => Gender, { description: 'Whose shares are compared (kön).' })
  gender: Gender;

  @Field(() => ReferenceUsed, { nullable: true, description: 'The official national reference used (rikssnitt), shown even when no förbund has data.' })
  reference: ReferenceUsed | null;

  @Field(() => PooledShare, { description: 'Pooled share over the förbund in the database (not the official rikssnitt).' })
  pooled: PooledShare;

  @Field(() => MeanOfShares, { description: 'Unweighted mean of the förbund\'s shares (not the official rikssnitt).' })
  meanOfForbund: MeanOfShares;

  @Field(() => [BenchmarkEntry], { complexity: rows(100), description: 'One entry per förbund with this measure in the year, by rank.' })
  entries: BenchmarkEntry[];

  @Field(() => [NotComparable], { complexity: rows(100), description: 'Förbund reporting a different definition of the outcome that year, with the reason; never ranked here.' })
  notComparable: NotComparable[];
}
