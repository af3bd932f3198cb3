/**
 * Everything a national comparison says about each förbund beyond its rank: the 99.8 % interval, the outcome
 * against rikssnitt, the funnel position, the shrunken share, the quintile and the small-number flag, and the
 * funnel's lines and rank intervals for the whole year. Pure: the loader gathers the figures, the measure's
 * rules come as data, and every formula lives in math.ts, funnel.ts, ranks.ts, shrinkage.ts and trend.ts.
 */
import { Polarity } from '../../domain/measures/measure.enums';
import { ComparisonOutcome, outcomeAgainst, outcomeLabel, trendLabel } from './comparison';
import { recentTrend } from './trend';
import { adjustedLimits, funnelDenominators, funnelLimits, funnelPosition, Limits, overdispersion } from './funnel';
import type { FunnelPosition, FunnelTarget, Interval, Outcome, Overdispersion, Shrunken } from './methods.types';
import { wilsonInterval, Z_998 } from './math';
import { quintile, MIN_QUINTILE_UNITS, rankIntervals, seedFrom } from './ranks';
import { betaBinomialPrior, shrink } from './shrinkage';

export interface Rules {
  polarity: Polarity;
  /** False for a measure whose rule is not to compare with a benchmark. */
  compared: boolean;
  /** Why the measure is not compared, when it is not. */
  comparisonReason: string | null;
  smallNumberMinDenominator: number | null;
}

export interface Reference {
  value: number;
  year: number;
  isFallback: boolean;
}

export interface Figure {
  numerator: number | null;
  denominator: number | null;
  /** The share, from counts or a stated percentage. */
  value: number | null;
  /** Competition rank among the figures with a value. */
  rank: number | null;
  /** Stated approximately ("ca", "drygt"): its counts are shown but carry no interval, test or funnel position. */
  approximate?: boolean;
}

/** What a funnel's target or a prior's mean is; registered for GraphQL in methods.types.ts. */
export const TargetBasis = { REFERENCE: 'REFERENCE', POOLED: 'POOLED' } as const;
export type TargetBasis = (typeof TargetBasis)[keyof typeof TargetBasis];

export interface EntryAnalysis {
  ci998: Interval | null;
  outcome: Outcome;
  funnel: FunnelPosition | null;
  shrunken: Shrunken | null;
  quintile: number | null;
  quintileReason: string | null;
  smallNumbers: boolean;
}

export interface YearAnalysis {
  target: FunnelTarget | null;
  overdispersion: Overdispersion;
  entries: EntryAnalysis[];
}

type Counted = Figure & { numerator: number; denominator: number };
const counted = (f: Figure): f is Counted => !f.approximate && f.numerator !== null && f.denominator !== null && f.denominator > 0;
const percent = (v: number) => `${Math.round(v * 1000) / 10} %`;
/** A percentage as Swedish writes it: decimal comma. */
const percentSv = (v: number) => percent(v).replace('.', ',');
/** A text in English and in Swedish: what a reader of a report or a visitor of a municipality's page gets. */
type Words = { en: string; sv: string };

export const FUNNEL_METHOD =
  'Exact binomial control limits at 95 % and 99.8 % around the target, interpolated between counts (Spiegelhalter, Statistics in Medicine 2005;24:1185–1202); ' +
  'when förbund vary more than chance allows (kφ against χ²(k − 1) at 5 %), also limits widened by an additive random effect τ² on the arcsine-square-root scale, z-scores winsorised at 10 %/90 %.';

function outcomeMethod(reference: Reference | null): Words {
  const [en, sv] = reference
    ? [
        `rikssnitt ${reference.year} (${percent(reference.value)}${reference.isFallback ? ', the latest published' : ''})`,
        `rikssnittet ${reference.year} (${percentSv(reference.value)}${reference.isFallback ? ', det senast publicerade' : ''})`,
      ]
    : ['rikssnitt', 'rikssnittet'];
  return {
    en: `Confidence intervals overlapping reference value: the Wilson score 95 % and 99.8 % intervals of the share against ${en}.`,
    sv: `Konfidensintervall mot ett referensvärde: andelens 95- och 99,8-procentiga konfidensintervall (Wilson) jämförda med ${sv}.`,
  };
}

function notComparedReason(figure: Figure, rules: Rules, reference: Reference | null, year: number): Words | null {
  if (!rules.compared) return { en: rules.comparisonReason ?? 'The measure is not compared with a benchmark.', sv: 'Måttet jämförs inte med rikssnittet.' };
  if (figure.approximate) {
    return {
      en: 'The source states the figure approximately ("ca", "drygt"): an interval around it would claim a precision the source does not, so the figure is not compared.',
      sv: 'Källan anger uppgiften ungefärligt ("ca", "drygt"): ett intervall runt den skulle påstå en precision som källan inte har, så uppgiften jämförs inte.',
    };
  }
  if (!counted(figure)) {
    return figure.value === null
      ? { en: 'The source gives no figure that can be compared.', sv: 'Källan anger ingen uppgift som kan jämföras.' }
      : {
          en: `The source gives only a percentage (${percent(figure.value)}), no counts: without them there is no interval, so the figure is not compared.`,
          sv: `Källan anger bara en procentsats (${percentSv(figure.value)}), inga antal: utan dem finns inget intervall, så uppgiften jämförs inte.`,
        };
  }
  if (!reference) return { en: `No rikssnitt is published for ${year} or any earlier year.`, sv: `Inget rikssnitt är publicerat för ${year} eller något år före.` };
  return null;
}

/** The funnel's centre: rikssnitt, else the pooled share of the förbund with counts; null when there is neither. */
export function funnelTarget(figures: Figure[], reference: Reference | null): FunnelTarget | null {
  if (reference) return { value: reference.value, basis: 'REFERENCE' };
  let numerator = 0;
  let denominator = 0;
  for (const f of figures.filter(counted)) {
    numerator += f.numerator;
    denominator += f.denominator;
  }
  return denominator > 0 ? { value: numerator / denominator, basis: 'POOLED' } : null;
}

/** Every figure of one measure and year analysed against the reference, in the order given. */
export function analyseYear(figures: Figure[], reference: Reference | null, rules: Rules, year: number): YearAnalysis {
  const target = funnelTarget(figures, reference);
  const units = figures.filter(counted);
  // Limits around a target of exactly 0 or 1 are degenerate; so is a dispersion test around one.
  const inner = target !== null && target.value > 0 && target.value < 1;
  const dispersion = overdispersion(inner ? units : [], inner ? target.value : 0.5);
  const prior = target && inner ? betaBinomialPrior(units, target.value) : null;
  const ranked = figures.filter((f) => f.rank !== null).length;
  const method = outcomeMethod(reference);

  const entries = figures.map((f): EntryAnalysis => {
    const reason = notComparedReason(f, rules, reference, year);
    const ci95 = counted(f) ? wilsonInterval(f.numerator, f.denominator) : null;
    const ci998 = counted(f) ? wilsonInterval(f.numerator, f.denominator, Z_998) : null;
    const at95: ComparisonOutcome = reason === null ? outcomeAgainst(ci95!, reference!.value, rules.polarity) : 'NOT_COMPARED';
    const at998: ComparisonOutcome = reason === null ? outcomeAgainst(ci998!, reference!.value, rules.polarity) : 'NOT_COMPARED';
    let funnel: EntryAnalysis['funnel'] = null;
    if (counted(f) && target && inner) {
      const limits = funnelLimits(f.denominator, target.value);
      const value = f.numerator / f.denominator;
      const adjusted = dispersion.adjusted ? adjustedLimits(f.denominator, target.value, dispersion.tau2!) : null;
      funnel = { ...limits, position: funnelPosition(value, limits), adjustedPosition: adjusted ? funnelPosition(value, adjusted) : null };
    }
    const shrunken =
      counted(f) && prior && target
        ? { ...shrink(f.numerator, f.denominator, prior), prior: { alpha: prior.alpha, beta: prior.beta, mean: prior.mean, strength: prior.strength, forbundCount: prior.k, basis: target.basis } }
        : null;
    const q = f.rank === null ? null : quintile(f.rank, ranked);
    return {
      ci998,
      outcome: {
        at95,
        at998,
        polarity: rules.polarity,
        benchmark: reference?.value ?? null,
        method: method.en,
        methodSv: method.sv,
        labelSv: outcomeLabel(at95, 'sv'),
        labelEn: outcomeLabel(at95, 'en'),
        reason: reason?.en ?? null,
        reasonSv: reason?.sv ?? null,
      },
      funnel,
      shrunken,
      quintile: q,
      quintileReason:
        q !== null ? null : f.rank === null ? 'No value to rank.' : `Quintiles need at least ${MIN_QUINTILE_UNITS} förbund compared; ${ranked} ${ranked === 1 ? 'is' : 'are'}.`,
      smallNumbers: rules.smallNumberMinDenominator !== null && f.denominator !== null && f.denominator < rules.smallNumberMinDenominator,
    };
  });
  return { target, overdispersion: dispersion, entries };
}

export interface FunnelLine extends Limits {
  denominator: number;
  adjusted: Limits | null;
}

/** The funnel's limits at `points` denominators from 1 to a tenth past the largest förbund's, for drawing. */
export function funnelLines(target: FunnelTarget | null, dispersion: Overdispersion, maxDenominator: number, points: number): FunnelLine[] {
  if (!target || target.value <= 0 || target.value >= 1 || maxDenominator < 1) return [];
  return funnelDenominators(1, Math.max(2, Math.ceil(maxDenominator * 1.1)), points).map((n) => ({
    denominator: n,
    ...funnelLimits(n, target.value),
    adjusted: dispersion.adjusted ? adjustedLimits(n, target.value, dispersion.tau2!) : null,
  }));
}

export const RANK_INTERVAL_DRAWS = 1000;

/**
 * 95 % rank intervals for the figures (null for those without counts), deterministic for the measure and year:
 * a seeded parametric bootstrap from each förbund's Jeffreys posterior; figures stated only as a percentage stay
 * fixed. The costly part of a comparison (tens of ms for 80 förbund): it runs in the worker pool, and its callers
 * keep the result by its inputs (compare/national/stats-pool.ts).
 */
export function rankIntervalsOf(figures: Figure[], seedText: string): Array<{ low: number; high: number } | null> {
  const units = figures.map((f) => (counted(f) ? { numerator: f.numerator, denominator: f.denominator } : { value: f.value }));
  const ranked = units.filter((u): u is { numerator: number; denominator: number } | { value: number } => !('value' in u) || u.value !== null);
  const intervals = rankIntervals(ranked, { seed: seedFrom(seedText), draws: RANK_INTERVAL_DRAWS });
  const byUnit = new Map(ranked.map((u, i) => [u, intervals[i]]));
  return units.map((u) => byUnit.get(u as never) ?? null);
}

export const TREND_METHOD =
  'Recent trend as Fingertips marks it: a weighted least-squares line through the last five yearly shares (weights 1/SE², SE = Wilson 95 % interval width / 3.92), ' +
  'significant when χ² = (β/SEβ)² > 9.5495 (99.8 %) and the slope keeps its sign when any one year is dropped.';
export const TREND_METHOD_SV =
  'Senaste trend så som Fingertips markerar den: en viktad minsta kvadrat-linje genom de fem senaste årens andelar (vikter 1/SE², SE = bredden av Wilsons 95-procentiga intervall / 3,92), ' +
  'signifikant när χ² = (β/SEβ)² > 9,5495 (99,8 %) och lutningen behåller sitt tecken när vilket år som helst lämnas bort.';

/** The recent trend of one förbund's yearly counts, labelled with the measure's polarity. */
export function labelledTrend(points: Array<{ year: number; numerator: number; denominator: number }>, polarity: Polarity) {
  const trend = recentTrend(points);
  return { ...trend, labelSv: trendLabel(trend.marker, polarity, 'sv'), labelEn: trendLabel(trend.marker, polarity, 'en'), method: TREND_METHOD, methodSv: TREND_METHOD_SV };
}
