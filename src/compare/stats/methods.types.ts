import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Polarity } from '../../domain/measures/measure.enums';
import { rows } from '../../platform/graphql/cost';
import { TargetBasis } from './analysis';
import { ComparisonOutcome } from './comparison';
import { FunnelZone } from './funnel';
import { TrendMarker } from './trend';

/**
 * The GraphQL types of the comparison methods' results: what the pure functions beside this file return,
 * declared once, with the words a reader of the schema sees. The enums are defined where they are decided
 * (comparison.ts, funnel.ts, trend.ts, analysis.ts) and registered here.
 */

@ObjectType({ description: 'An interval (intervall) with its lower and upper bound.' })
export class Interval {
  @Field(() => Float, { description: 'Lower bound (nedre gräns).' })
  low: number;

  @Field(() => Float, { description: 'Upper bound (övre gräns).' })
  high: number;
}

registerEnumType(ComparisonOutcome, {
  name: 'ComparisonOutcome',
  description: 'A förbund\'s figure against rikssnitt (jämförelse med rikssnittet), read with the measure\'s polarity.',
  valuesConfig: {
    BETTER: { description: 'Bättre: the interval lies wholly on the good side of rikssnitt.' },
    SIMILAR: { description: 'Liknande: the interval touches or contains rikssnitt.' },
    WORSE: { description: 'Sämre: the interval lies wholly on the bad side of rikssnitt.' },
    HIGHER: { description: 'Högre: wholly above rikssnitt, for a measure with no good direction.' },
    LOWER: { description: 'Lägre: wholly below rikssnitt, for a measure with no good direction.' },
    NOT_COMPARED: { description: 'Inte jämförd: no counts, no rikssnitt, or a measure that is not compared; the reason says which.' },
  },
});

@ObjectType({ description: 'The comparison with rikssnitt at 95 % and 99.8 % (jämförelse), with the method and the words a report would use.' })
export class Outcome {
  @Field(() => ComparisonOutcome, { description: 'Against rikssnitt with the 95 % interval.' })
  at95: ComparisonOutcome;

  @Field(() => ComparisonOutcome, { description: 'Against rikssnitt with the 99.8 % interval: a difference here is very unlikely to be chance.' })
  at998: ComparisonOutcome;

  @Field(() => Polarity, { description: 'The measure\'s polarity (polaritet) the outcome is read with.' })
  polarity: Polarity;

  @Field(() => Float, { nullable: true, description: 'The national value compared with (rikssnitt), fraction 0–1; null when there is none.' })
  benchmark: number | null;

  @Field({ description: 'The comparison method, named (jämförelsemetod), in English.' })
  method: string;

  @Field({ description: 'The comparison method in Swedish (jämförelsemetod), for a page\'s visitors: no codes or file names.' })
  methodSv: string;

  @Field({ description: 'The 95 % outcome in Swedish, e.g. "Sämre än rikssnittet".' })
  labelSv: string;

  @Field({ description: 'The 95 % outcome in English, e.g. "Worse than the national average".' })
  labelEn: string;

  @Field(() => String, { nullable: true, description: 'Why the figure is NOT_COMPARED (orsak), in English; null otherwise.' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'Why the figure is NOT_COMPARED (orsak), in Swedish; null otherwise.' })
  reasonSv: string | null;
}

registerEnumType(FunnelZone, {
  name: 'FunnelZone',
  description: 'Where a förbund lies in the funnel plot (trattdiagram), between the control limits at its denominator.',
  valuesConfig: {
    ABOVE_998: { description: 'Above the upper 99.8 % limit: almost surely above the target, not chance.' },
    ABOVE_95: { description: 'Between the upper 95 % and 99.8 % limits: possibly above the target.' },
    INSIDE: { description: 'Within the 95 % limits: consistent with the target (a value on a limit counts as inside).' },
    BELOW_95: { description: 'Between the lower 95 % and 99.8 % limits: possibly below the target.' },
    BELOW_998: { description: 'Below the lower 99.8 % limit: almost surely below the target, not chance.' },
  },
});

@ObjectType({ description: 'A förbund\'s place in the funnel plot (position i trattdiagrammet): the control limits at its own denominator and where its share falls.' })
export class FunnelPosition {
  @Field(() => FunnelZone, { description: 'Against the exact binomial limits.' })
  position: FunnelZone;

  @Field(() => Float, { description: 'Lower 95 % limit at this denominator (exact binomial, interpolated).' })
  lower95: number;

  @Field(() => Float, { description: 'Upper 95 % limit at this denominator.' })
  upper95: number;

  @Field(() => Float, { description: 'Lower 99.8 % limit at this denominator.' })
  lower998: number;

  @Field(() => Float, { description: 'Upper 99.8 % limit at this denominator.' })
  upper998: number;

  @Field(() => FunnelZone, {
    nullable: true,
    description: 'Against the limits widened for overdispersion (överspridning); null when förbund vary no more than chance allows and the limits are not widened.',
  })
  adjustedPosition: FunnelZone | null;
}

registerEnumType(TargetBasis, {
  name: 'TargetBasis',
  description: 'What a funnel\'s target or a shrinkage prior\'s mean is (målvärde).',
  valuesConfig: {
    REFERENCE: { description: 'The official rikssnitt (possibly an earlier year\'s, see the comparison\'s reference).' },
    POOLED: { description: 'No rikssnitt is published: the pooled share of the förbund compared (Σ numerators / Σ denominators).' },
  },
});

@ObjectType({ description: 'The value a funnel is centred on (målvärde).' })
export class FunnelTarget {
  @Field(() => Float, { description: 'Fraction 0–1.' })
  value: number;

  @Field(() => TargetBasis, { description: 'Rikssnitt, or the pooled share when none is published.' })
  basis: TargetBasis;
}

@ObjectType({
  description:
    'Whether förbund vary more than chance allows (överspridning), by Spiegelhalter\'s method: z-scores on the arcsine-square-root scale, winsorised at 10 % / 90 %, φ = mean(z²), kφ tested against χ²(k − 1), τ² the additive random-effect variance.',
})
export class Overdispersion {
  @Field(() => Int, { description: 'Förbund with counts, k.' })
  k: number;

  @Field(() => Float, { nullable: true, description: 'Overdispersion factor φ = mean of the winsorised z²; about 1 when förbund vary as chance allows. Null with fewer than 5 förbund.' })
  phi: number | null;

  @Field(() => Float, { nullable: true, description: 'Between-förbund variance τ² = max(0, (kφ − (k − 1)) / (Σw − Σw²/Σw)), w = 4n, on the arcsine scale.' })
  tau2: number | null;

  @Field(() => Float, { nullable: true, description: 'kφ, compared with χ²(k − 1).' })
  chiSquare: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper tail of χ²(k − 1) at kφ.' })
  pValue: number | null;

  @Field(() => Int, { description: 'How many z-scores were pulled in to the 10th or 90th percentile (winsoriserade).' })
  winsorised: number;

  @Field({ description: 'True when the limits are widened: kφ is significant at 5 % and τ² > 0.' })
  adjusted: boolean;

  @Field(() => String, { nullable: true, description: 'Why φ is not estimated (too few förbund); null otherwise.' })
  reason: string | null;
}

@ObjectType({ description: 'The funnel\'s control limits at one denominator (kontrollgränser).' })
export class FunnelLimits {
  @Field(() => Int, { description: 'Denominator n (nämnare).' })
  denominator: number;

  @Field(() => Float, { description: 'Lower 95 % limit, exact binomial with interpolation.' })
  lower95: number;

  @Field(() => Float, { description: 'Upper 95 % limit.' })
  upper95: number;

  @Field(() => Float, { description: 'Lower 99.8 % limit.' })
  lower998: number;

  @Field(() => Float, { description: 'Upper 99.8 % limit.' })
  upper998: number;

  @Field(() => Float, { nullable: true, description: 'Lower 95 % limit widened for overdispersion; null when not adjusted.' })
  adjustedLower95: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper 95 % limit widened for overdispersion.' })
  adjustedUpper95: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower 99.8 % limit widened for overdispersion.' })
  adjustedLower998: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper 99.8 % limit widened for overdispersion.' })
  adjustedUpper998: number | null;
}

@ObjectType({
  description:
    'A funnel plot (trattdiagram, Spiegelhalter 2005): each förbund\'s share against its denominator, with control limits around the target that narrow as the denominator grows. Fairer than a league table: only förbund outside the limits differ by more than chance.',
})
export class Funnel {
  @Field(() => FunnelTarget, { nullable: true, description: 'The centre line; null when there is neither a rikssnitt nor a förbund with counts.' })
  target: FunnelTarget | null;

  @Field({ description: 'How the limits are computed, named.' })
  method: string;

  @Field(() => Overdispersion, { description: 'Whether förbund vary more than chance allows, and by how much.' })
  overdispersion: Overdispersion;

  @Field(() => [FunnelLimits], { complexity: rows(1000), description: 'The limits at `points` denominators spread evenly from 1 to a tenth past the largest förbund\'s (fewer when the range is narrow).' })
  limits: FunnelLimits[];
}

@ObjectType({ description: 'The beta prior of the shrinkage (förhandsfördelning), estimated from every förbund that year.' })
export class Prior {
  @Field(() => Float, { description: 'α of Beta(α, β).' })
  alpha: number;

  @Field(() => Float, { description: 'β of Beta(α, β).' })
  beta: number;

  @Field(() => Float, { description: 'Its mean α/(α + β): the value shares are shrunk towards.' })
  mean: number;

  @Field(() => TargetBasis, { description: 'Whether that mean is rikssnitt or the pooled share.' })
  basis: TargetBasis;

  @Field(() => Float, { description: 'α + β, worth that many participants: fitted by maximum marginal likelihood; 100 000 means förbund vary no more than chance (full pooling).' })
  strength: number;

  @Field(() => Int, { description: 'Förbund the prior is fitted to.' })
  forbundCount: number;
}

@ObjectType({
  description:
    'The share shrunk towards the national value (krympt skattning): empirical Bayes with a beta-binomial model. A small förbund moves far towards the prior, a large one barely; the interval is the posterior\'s 95 % interval.',
})
export class Shrunken {
  @Field(() => Float, { description: 'Posterior mean (α + x)/(α + β + n), fraction 0–1.' })
  value: number;

  @Field(() => Float, { description: '2.5 % quantile of Beta(α + x, β + n − x).' })
  low: number;

  @Field(() => Float, { description: '97.5 % quantile of Beta(α + x, β + n − x).' })
  high: number;

  @Field(() => Prior, { description: 'The prior used.' })
  prior: Prior;
}

registerEnumType(TrendMarker, {
  name: 'TrendMarker',
  description: 'The recent trend (senaste trend) of a förbund\'s share, as Fingertips marks it.',
  valuesConfig: {
    INCREASING: { description: 'Ökande: a significant rise over the last five years.' },
    DECREASING: { description: 'Minskande: a significant fall over the last five years.' },
    NO_CHANGE: { description: 'Ingen signifikant förändring.' },
    CANNOT_BE_CALCULATED: { description: 'Kan inte beräknas: five consecutive years with counts are needed; the reason says what is missing.' },
  },
});

@ObjectType({ description: 'The recent trend (senaste trend) of a förbund\'s share over the last five years up to the year compared.' })
export class Trend {
  @Field(() => TrendMarker, { description: 'The marker.' })
  marker: TrendMarker;

  @Field({ description: 'In Swedish with the polarity, e.g. "ökande och bättre", "ingen signifikant förändring".' })
  labelSv: string;

  @Field({ description: 'In English, e.g. "increasing and getting better".' })
  labelEn: string;

  @Field(() => Float, { nullable: true, description: 'Slope of the weighted fit, fraction per year (× 100 for percentage points a year); null when not calculable.' })
  slope: number | null;

  @Field(() => Float, { nullable: true, description: 'χ² = (β/SEβ)²; significant above 9.5495 (99.8 %).' })
  chiSquare: number | null;

  @Field(() => [Int], { complexity: rows(5), description: 'The years used (or, when not calculable, those with counts), oldest first.' })
  years: number[];

  @Field({ description: 'How the trend is computed, named (metod), in English.' })
  method: string;

  @Field({ description: 'How the trend is computed (metod), in Swedish.' })
  methodSv: string;

  @Field(() => String, { nullable: true, description: 'Why there is no trend marker, or why a significant χ² is still NO_CHANGE (orsak), in English; null otherwise.' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The same reason (orsak) in Swedish; null otherwise.' })
  reasonSv: string | null;
}
