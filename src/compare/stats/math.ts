/**
 * Statistics for benchmarking förbund outcome shares against the national average (rikssnitt) and for the
 * Finsam allocation checks: pure functions with no I/O (distribution functions come from @stdlib). Counts must
 * be non-negative integers; bad input throws a RangeError rather than producing a plausible-looking wrong number.
 */
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import normalCdfDist from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Two-sided 95 % normal quantile Φ⁻¹(0.975) = 1.959963984540054…, the default z for Wilson intervals. */
export const Z_95: number = normalQuantile(0.975, 0, 1);

/** Two-sided 99.8 % normal quantile Φ⁻¹(0.999) = 3.090232306167813…, the outer funnel / control limit. */
export const Z_998: number = normalQuantile(0.999, 0, 1);

/** R's binom.test tolerance: probabilities within this factor of P(observed) count as "as extreme", so float noise cannot split ties. */
const BINOM_REL_ERR = 1 + 1e-7;

/** Below these sizes the normal approximation is poor, so the exact binomial test is used instead (n < 30, or n·p0 or n·(1 − p0) < 5). */
const MIN_N_FOR_NORMAL = 30;
const MIN_EXPECTED_FOR_NORMAL = 5;

/** Throws a RangeError unless both are non-negative integers with part ≤ whole: the shape of a count out of a total. */
export function assertCounts(part: number, whole: number, partName: string, wholeName: string): void {
  if (!Number.isInteger(part) || !Number.isInteger(whole)) {
    throw new RangeError(`${partName} and ${wholeName} must be integers (got ${part} and ${whole})`);
  }
  if (part < 0 || whole < 0) throw new RangeError(`${partName} and ${wholeName} must be non-negative (got ${part} and ${whole})`);
  if (part > whole) throw new RangeError(`${partName} (${part}) cannot exceed ${wholeName} (${whole})`);
}

/** Throws a RangeError unless x is a finite number; NaN or ±Infinity would silently poison every result downstream. */
export function assertFinite(x: number, name: string): void {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number (got ${x})`);
}

// ---------------------------------------------------------------------------------------------------------
// Shares
// ---------------------------------------------------------------------------------------------------------

/** numerator / denominator as a fraction; null when the denominator is 0 (no one to count, so no share). */
export function share(numerator: number, denominator: number): number | null {
  assertCounts(numerator, denominator, 'numerator', 'denominator');
  return denominator === 0 ? null : numerator / denominator;
}

/** Sum of numerators over sum of denominators: the share of all participants together, weighting each part by its size. */
export function pooledShare(parts: Array<{ numerator: number; denominator: number }>): {
  numerator: number;
  denominator: number;
  value: number | null;
} {
  let numerator = 0;
  let denominator = 0;
  for (const p of parts) {
    assertCounts(p.numerator, p.denominator, 'numerator', 'denominator');
    numerator += p.numerator;
    denominator += p.denominator;
  }
  return { numerator, denominator, value: share(numerator, denominator) };
}

/** Arithmetic mean (each value weighted equally, e.g. each förbund counts once); null for an empty list. */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) {
    assertFinite(v, 'value');
    sum += v;
  }
  return sum / values.length;
}

/** (value − reference) in percentage points (procentenheter) for fractions, rounded to 1e-10 so float noise such as 0.30000000000000004 does not show. */
export function differencePp(value: number, reference: number): number {
  assertFinite(value, 'value');
  assertFinite(reference, 'reference');
  // `+ 0` turns a −0 from rounding a tiny negative difference into 0.
  return Math.round((value - reference) * 100 * 1e10) / 1e10 + 0;
}

/** value / reference; null when the reference is 0 (no meaningful ratio). */
export function ratio(value: number, reference: number): number | null {
  assertFinite(value, 'value');
  assertFinite(reference, 'reference');
  return reference === 0 ? null : value / reference;
}

// ---------------------------------------------------------------------------------------------------------
// Confidence interval
// ---------------------------------------------------------------------------------------------------------

/**
 * Wilson score interval for successes out of n (null for n = 0), clamped to [0, 1]; preferred over the Wald
 * interval p̂ ± z·√(p̂(1−p̂)/n) because it stays sensible for small n and shares near 0 or 1.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): { low: number; high: number } | null {
  assertCounts(successes, n, 'successes', 'n');
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`z must be a positive finite number (got ${z})`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At p̂ = 0 (or 1) the lower (upper) bound is exactly 0 (1) mathematically; set it so float noise cannot leave 1e-17.
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return { low, high };
}

// ---------------------------------------------------------------------------------------------------------
// Distribution functions (from @stdlib rather than hand-written special functions)
// ---------------------------------------------------------------------------------------------------------

/** Standard normal CDF Φ(x); a thin wrapper so callers need not pass μ = 0, σ = 1. */
export function normalCdf(x: number): number {
  return normalCdfDist(x, 0, 1);
}

/**
 * Exact two-sided binomial p-value as R's binom.test: P(X ≤ x) plus the opposite tail's outcomes whose
 * probability is at most P(X = x)·(1 + 1e-7) (for x above the mean, mirrored); 1 when x equals n·p0.
 */
export function binomialTwoSidedPValue(successes: number, n: number, p0: number): number {
  assertCounts(successes, n, 'successes', 'n');
  if (!(p0 >= 0 && p0 <= 1)) throw new RangeError(`p0 must be within [0, 1] (got ${p0})`);
  // Degenerate references: only one outcome is possible, so the p-value is 1 for it and 0 for any other.
  if (p0 === 0) return successes === 0 ? 1 : 0;
  if (p0 === 1) return successes === n ? 1 : 0;

  const pmf = (k: number) => binomialPmf(k, n, p0);
  const sumPmf = (from: number, to: number) => {
    let s = 0;
    for (let k = from; k <= to; k++) s += pmf(k);
    return s;
  };
  const limit = pmf(successes) * BINOM_REL_ERR;
  const expected = n * p0;
  let p: number;
  if (successes === expected) {
    p = 1;
  } else if (successes < expected) {
    // Count the upper-tail outcomes (k ≥ ⌈np⌉) no more likely than the observed one; they are the top y of them.
    let y = 0;
    for (let k = Math.ceil(expected); k <= n; k++) if (pmf(k) <= limit) y++;
    p = sumPmf(0, successes) + sumPmf(n - y + 1, n);
  } else {
    let y = 0;
    for (let k = 0; k <= Math.floor(expected); k++) if (pmf(k) <= limit) y++;
    p = sumPmf(0, y - 1) + sumPmf(successes, n);
  }
  return Math.min(1, p);
}

// ---------------------------------------------------------------------------------------------------------
// Test against a reference
// ---------------------------------------------------------------------------------------------------------

/**
 * Two-sided test of successes/n against a fixed reference share p0 (a published rikssnitt, not a sample, so
 * a one-sample test): exact binomial when n < 30 or n·p0 < 5 or n·(1 − p0) < 5, else the score z-test
 * z = (p̂ − p0)/√(p0(1 − p0)/n). z is reported in both cases; n must be at least 1.
 */
export function oneSampleProportionTest(successes: number, n: number, p0: number): { z: number; pValue: number; method: string } {
  assertCounts(successes, n, 'successes', 'n');
  if (n === 0) throw new RangeError('n must be at least 1: a share of nobody cannot be tested');
  if (!(p0 >= 0 && p0 <= 1)) throw new RangeError(`p0 must be within [0, 1] (got ${p0})`);
  const pHat = successes / n;
  const se = Math.sqrt((p0 * (1 - p0)) / n);
  // With p0 of 0 or 1 the standard error is 0: z is 0 when the share matches and ±∞ when it does not.
  const z = se === 0 ? (pHat === p0 ? 0 : pHat > p0 ? Infinity : -Infinity) : (pHat - p0) / se;
  const exact = n < MIN_N_FOR_NORMAL || n * p0 < MIN_EXPECTED_FOR_NORMAL || n * (1 - p0) < MIN_EXPECTED_FOR_NORMAL;
  if (exact) return { z, pValue: binomialTwoSidedPValue(successes, n, p0), method: 'exact binomial' };
  // Two-sided p = 2·Φ(−|z|): the lower tail keeps full relative precision for large |z|, unlike 2·(1 − Φ(|z|)).
  return { z, pValue: 2 * normalCdf(-Math.abs(z)), method: 'score z-test' };
}

/** True when pValue < alpha (strictly: a p-value equal to alpha is not significant). */
export function isSignificant(pValue: number, alpha = 0.05): boolean {
  if (!(pValue >= 0 && pValue <= 1)) throw new RangeError(`pValue must be within [0, 1] (got ${pValue})`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be within (0, 1) (got ${alpha})`);
  return pValue < alpha;
}

// ---------------------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------------------

/**
 * Ranks items by value, highest first, returned in rank order (equal values keep their input order).
 * rank: competition ranking, 1 + the number of strictly higher values (so 1, 2, 2, 4).
 * percentile: mid-rank, 100 × (below + 0.5 × (equal − 1)) / (count − 1), where below counts other entries
 * with a strictly lower value and equal counts entries with the same value including itself; the top entry
 * alone gets 100, the bottom alone 0, and a single entry 50 (neither above nor below anyone).
 */
export function rankDescending<T>(items: T[], value: (t: T) => number): Array<{ item: T; rank: number; percentile: number }> {
  const valued = items.map((item) => {
    const v = value(item);
    if (Number.isNaN(v)) throw new RangeError('rankDescending: value must not be NaN');
    return { item, v };
  });
  // Array.prototype.sort is stable (ES2019), so equal values keep their input order.
  valued.sort((a, b) => (a.v === b.v ? 0 : a.v > b.v ? -1 : 1));
  const count = valued.length;
  const result: Array<{ item: T; rank: number; percentile: number }> = [];
  let start = 0;
  while (start < count) {
    let end = start;
    while (end < count && valued[end].v === valued[start].v) end++;
    const equal = end - start;
    const rank = start + 1;
    const below = count - end;
    const percentile = count === 1 ? 50 : (100 * (below + 0.5 * (equal - 1))) / (count - 1);
    for (let i = start; i < end; i++) result.push({ item: valued[i].item, rank, percentile });
    start = end;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Finsam allocation
// ---------------------------------------------------------------------------------------------------------

/** Finsam (lag 2003:1210): the state pays half, the region and the municipalities a quarter each. */
export const FINSAM_RULE = { state: 0.5, region: 0.25, municipalities: 0.25 } as const;

/**
 * Each party's share of the allocation and its deviation from 50/25/25 in percentage points; followsRule when
 * every |deviation| ≤ tolerancePp (default 0.5 pp, since amounts printed in whole kronor rarely split exactly).
 */
export function allocationSplit(
  parts: { state: number; region: number; municipalities: number },
  tolerancePp = 0.5,
): {
  stateShare: number;
  regionShare: number;
  municipalitiesShare: number;
  deviationPp: { state: number; region: number; municipalities: number };
  followsRule: boolean;
} {
  for (const [name, amount] of Object.entries(parts)) {
    assertFinite(amount, name);
    if (amount < 0) throw new RangeError(`${name} must not be negative (got ${amount})`);
  }
  if (!(Number.isFinite(tolerancePp) && tolerancePp >= 0)) throw new RangeError(`tolerancePp must be a non-negative number (got ${tolerancePp})`);
  const total = parts.state + parts.region + parts.municipalities;
  if (total === 0) throw new RangeError('allocationSplit needs a positive total: shares of nothing are undefined');
  const stateShare = parts.state / total;
  const regionShare = parts.region / total;
  const municipalitiesShare = parts.municipalities / total;
  const deviationPp = {
    state: differencePp(stateShare, FINSAM_RULE.state),
    region: differencePp(regionShare, FINSAM_RULE.region),
    municipalities: differencePp(municipalitiesShare, FINSAM_RULE.municipalities),
  };
  const followsRule = Object.values(deviationPp).every((d) => Math.abs(d) <= tolerancePp);
  return { stateShare, regionShare, municipalitiesShare, deviationPp, followsRule };
}

/** The first band whose [minAllocationSek, maxAllocationSek) contains the allocation (max null = no upper bound); null when none does. */
export function bandFor<B extends { minAllocationSek: number; maxAllocationSek: number | null }>(bands: B[], allocationSek: number): B | null {
  return bands.find((b) => allocationSek >= b.minAllocationSek && (b.maxAllocationSek === null || allocationSek < b.maxAllocationSek)) ?? null;
}
