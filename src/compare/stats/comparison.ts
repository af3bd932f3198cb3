/**
 * Comparing förbund on one outcome share in one year: pure computation, no I/O. The resolver gathers the
 * figures; everything that decides a number lives here and in math.ts, where it is unit-tested.
 */
import { isPercentageOnly, shareValue, ShareFigures } from '../../domain/measures/share';
import {
  bandFor,
  differencePp,
  isSignificant,
  mean,
  oneSampleProportionTest,
  pooledShare,
  rankDescending,
  ratio,
  wilsonInterval,
} from './math';
import { Polarity } from '../../domain/measures/measure.enums';
import type { TrendMarker } from './trend';

export interface ReferenceCandidate {
  year: number;
  value: number;
}

export interface ChosenReference<R extends ReferenceCandidate> {
  reference: R;
  /** True when the year's own rikssnitt is not published and the latest earlier one stands in. */
  isFallback: boolean;
}

/**
 * The national reference for a year: that year's, else the latest earlier one (a year's rikssnitt is
 * published the spring after, so reports compare with the year before). Never a later year's.
 */
export function chooseReference<R extends ReferenceCandidate>(candidates: R[], year: number): ChosenReference<R> | null {
  const usable = candidates.filter((c) => c.year <= year).sort((a, b) => b.year - a.year);
  const reference = usable[0];
  return reference ? { reference, isFallback: reference.year !== year } : null;
}

/** Allocation size bands used as peer groups: this API's own grouping, not an official classification. */
export const ALLOCATION_BANDS = [
  { key: 'under-10-mkr', label: 'Allocation under 10 mkr', minAllocationSek: 0, maxAllocationSek: 10_000_000 },
  { key: '10-20-mkr', label: 'Allocation 10–20 mkr', minAllocationSek: 10_000_000, maxAllocationSek: 20_000_000 },
  { key: '20-40-mkr', label: 'Allocation 20–40 mkr', minAllocationSek: 20_000_000, maxAllocationSek: 40_000_000 },
  { key: '40-mkr-and-over', label: 'Allocation 40 mkr and over', minAllocationSek: 40_000_000, maxAllocationSek: null },
];

export function allocationBand(totalSek: number): (typeof ALLOCATION_BANDS)[number] {
  return bandFor(ALLOCATION_BANDS, totalSek) ?? ALLOCATION_BANDS[0];
}

export interface ComparisonInput<K> {
  key: K;
  figures: ShareFigures;
  /** Peer group of the entry (county or allocation band); null when unknown, which leaves peerMean null. */
  peerKey: string | null;
  /** Stated approximately: shown and ranked by its value, but given no interval or test, and left out of the pooled share. */
  approximate?: boolean;
}

export interface TestResult {
  method: string;
  z: number;
  pValue: number;
}

export interface ComparisonEntry<K> {
  key: K;
  value: number | null;
  differencePp: number | null;
  ratio: number | null;
  ci95: { low: number; high: number } | null;
  test: TestResult | null;
  significantlyDifferent: boolean | null;
  rank: number | null;
  percentile: number | null;
  peerMean: number | null;
  peerCount: number;
}

export interface Comparison<K> {
  entries: Array<ComparisonEntry<K>>;
  pooled: { numerator: number; denominator: number; value: number | null; count: number };
  meanOfForbund: { value: number | null; count: number };
}

const hasCounts = (f: ShareFigures): f is ShareFigures & { numerator: number; denominator: number } =>
  f.numerator !== null && f.denominator !== null && f.denominator > 0;

/**
 * Every entry against the reference: difference in percentage points and ratio, Wilson 95 % interval and a
 * two-sided test of the share against the reference (only where counts exist: a bare percentage cannot be
 * tested), rank and percentile among entries with a value, and the mean of the entry's peer group.
 */
export function compare<K>(inputs: Array<ComparisonInput<K>>, referenceValue: number | null): Comparison<K> {
  const valued = inputs.map((input) => ({ input, value: shareValue(input.figures) }));
  const ranked = rankDescending(
    valued.filter((v): v is { input: ComparisonInput<K>; value: number } => v.value !== null),
    (v) => v.value,
  );
  const rankOf = new Map(ranked.map((r) => [r.item.input, r]));
  const peers = new Map<string, number[]>();
  for (const v of valued) {
    if (v.input.peerKey !== null && v.value !== null) peers.set(v.input.peerKey, [...(peers.get(v.input.peerKey) ?? []), v.value]);
  }

  const entries = valued.map(({ input, value }) => {
    const counts = !input.approximate && hasCounts(input.figures) && !isPercentageOnly(input.figures) ? input.figures : null;
    const test = counts && referenceValue !== null ? oneSampleProportionTest(counts.numerator, counts.denominator, referenceValue) : null;
    const peerValues = input.peerKey === null ? [] : (peers.get(input.peerKey) ?? []);
    const r = rankOf.get(input);
    return {
      key: input.key,
      value,
      differencePp: value !== null && referenceValue !== null ? differencePp(value, referenceValue) : null,
      ratio: value !== null && referenceValue !== null ? ratio(value, referenceValue) : null,
      ci95: counts ? wilsonInterval(counts.numerator, counts.denominator) : null,
      test,
      significantlyDifferent: test ? isSignificant(test.pValue) : null,
      rank: r?.rank ?? null,
      percentile: r?.percentile ?? null,
      peerMean: mean(peerValues),
      peerCount: peerValues.length,
    };
  });

  const withCounts = inputs.filter((i) => !i.approximate).map((i) => i.figures).filter(hasCounts);
  const values = valued.map((v) => v.value).filter((v): v is number => v !== null);
  return {
    entries,
    pooled: { ...pooledShare(withCounts), count: withCounts.length },
    meanOfForbund: { value: mean(values), count: values.length },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Outcome against the benchmark and trend labels (PHE Fingertips conventions)
// ---------------------------------------------------------------------------------------------------------

/** A figure against rikssnitt; registered for GraphQL with its descriptions in methods.types.ts. */
export const ComparisonOutcome = { BETTER: 'BETTER', SIMILAR: 'SIMILAR', WORSE: 'WORSE', HIGHER: 'HIGHER', LOWER: 'LOWER', NOT_COMPARED: 'NOT_COMPARED' } as const;
export type ComparisonOutcome = (typeof ComparisonOutcome)[keyof typeof ComparisonOutcome];

/**
 * Fingertips' "confidence intervals overlapping reference value": an interval entirely above the benchmark is
 * higher, entirely below lower, and one that touches or contains it SIMILAR; higher/lower become BETTER or
 * WORSE by the polarity, and stay HIGHER/LOWER for NO_JUDGEMENT. (NOT_COMPARED is the caller's to give.)
 */
export function outcomeAgainst(interval: { low: number; high: number }, benchmark: number, polarity: Polarity): ComparisonOutcome {
  if (!(Number.isFinite(interval.low) && Number.isFinite(interval.high) && interval.low <= interval.high)) {
    throw new RangeError(`interval must be finite with low ≤ high (got ${interval.low}–${interval.high})`);
  }
  if (!Number.isFinite(benchmark)) throw new RangeError(`benchmark must be a finite number (got ${benchmark})`);
  const direction = interval.low > benchmark ? 'HIGHER' : interval.high < benchmark ? 'LOWER' : null;
  if (direction === null) return 'SIMILAR';
  if (polarity === 'NO_JUDGEMENT') return direction;
  return (direction === 'HIGHER') === (polarity === 'HIGH_IS_GOOD') ? 'BETTER' : 'WORSE';
}

const OUTCOME_LABELS: Record<ComparisonOutcome, { sv: string; en: string }> = {
  BETTER: { sv: 'Bättre än rikssnittet', en: 'Better than the national average' },
  SIMILAR: { sv: 'Liknande rikssnittet', en: 'Similar to the national average' },
  WORSE: { sv: 'Sämre än rikssnittet', en: 'Worse than the national average' },
  HIGHER: { sv: 'Högre än rikssnittet', en: 'Higher than the national average' },
  LOWER: { sv: 'Lägre än rikssnittet', en: 'Lower than the national average' },
  NOT_COMPARED: { sv: 'Inte jämförd med rikssnittet', en: 'Not compared with the national average' },
};

/** The outcome as a reader sees it, in Swedish or English. */
export function outcomeLabel(outcome: ComparisonOutcome, lang: 'sv' | 'en'): string {
  return OUTCOME_LABELS[outcome][lang];
}

const TREND_LABELS = {
  INCREASING: {
    HIGH_IS_GOOD: { sv: 'ökande och bättre', en: 'increasing and getting better' },
    LOW_IS_GOOD: { sv: 'ökande och sämre', en: 'increasing and getting worse' },
    NO_JUDGEMENT: { sv: 'ökande', en: 'increasing' },
  },
  DECREASING: {
    HIGH_IS_GOOD: { sv: 'minskande och sämre', en: 'decreasing and getting worse' },
    LOW_IS_GOOD: { sv: 'minskande och bättre', en: 'decreasing and getting better' },
    NO_JUDGEMENT: { sv: 'minskande', en: 'decreasing' },
  },
} as const;

/** The trend marker as a reader sees it; whether a rise is better or worse follows the polarity. */
export function trendLabel(marker: TrendMarker, polarity: Polarity, lang: 'sv' | 'en'): string {
  if (marker === 'NO_CHANGE') return lang === 'sv' ? 'ingen signifikant förändring' : 'no significant change';
  if (marker === 'CANNOT_BE_CALCULATED') return lang === 'sv' ? 'kan inte beräknas' : 'cannot be calculated';
  return TREND_LABELS[marker][polarity][lang];
}
