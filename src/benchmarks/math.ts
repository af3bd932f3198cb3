/**
 * Statistics for benchmarking förbund outcome shares against the national average (rikssnitt) and for the
 * Finsam allocation checks: pure, dependency-free functions with no I/O. Counts must be non-negative
 * integers; bad input throws a RangeError rather than producing a plausible-looking wrong number.
 */

/** Two-sided 95 % normal quantile Φ⁻¹(0.975), the default z for Wilson intervals. */
export const Z_95 = 1.959963984540054;

/** R's binom.test tolerance: probabilities within this factor of P(observed) count as "as extreme", so float noise cannot split ties. */
const BINOM_REL_ERR = 1 + 1e-7;

/** Below these sizes the normal approximation is poor, so the exact binomial test is used instead (n < 30, or n·p0 or n·(1 − p0) < 5). */
const MIN_N_FOR_NORMAL = 30;
const MIN_EXPECTED_FOR_NORMAL = 5;

/** Throws a RangeError unless both are non-negative integers with part ≤ whole: the shape of a count out of a total. */
function assertCounts(part: number, whole: number, partName: string, wholeName: string): void {
  if (!Number.isInteger(part) || !Number.isInteger(whole)) {
    throw new RangeError(`${partName} and ${wholeName} must be integers (got ${part} and ${whole})`);
  }
  if (part < 0 || whole < 0) throw new RangeError(`${partName} and ${wholeName} must be non-negative (got ${part} and ${whole})`);
  if (part > whole) throw new RangeError(`${partName} (${part}) cannot exceed ${wholeName} (${whole})`);
}

/** Throws a RangeError unless x is a finite number; NaN or ±Infinity would silently poison every result downstream. */
function assertFinite(x: number, name: string): void {
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
// Special functions
// ---------------------------------------------------------------------------------------------------------

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–638,
// as in his SPECFUN routine CALERF: near-minimax rational approximations good to about 18 significant digits.
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERFC_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058,
  2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERFC_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716,
  3439.36767414372164, 1230.33935480374942,
];
const ERFC_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
];
const ERFC_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const ONE_OVER_SQRT_PI = 0.56418958354775628695;
/** erfc(x) underflows to 0 for x at or above this (IEEE double). */
const ERFC_XBIG = 26.543;

/** exp(−y²) computed as exp(−a²)·exp(−(y−a)(y+a)) with a = y rounded down to 1/16, which avoids the rounding error of squaring y (Cody's trick). */
function expMinusSquare(y: number): number {
  const a = Math.trunc(y * 16) / 16;
  return Math.exp(-a * a) * Math.exp(-(y - a) * (y + a));
}

/** Complementary error function erfc(x) = 1 − erf(x) by Cody's rational approximations; accurate to about 1e-16 relative, also far in the tails where 1 − erf(x) would cancel. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    // erf(y) = y·A(y²)/B(y²), so erfc(x) = 1 − erf(x); no cancellation since erf(0.46875) ≈ 0.49.
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = ERF_A[4] * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + ERF_A[i]) * ysq;
      den = (den + ERF_B[i]) * ysq;
    }
    return 1 - (x * (num + ERF_A[3])) / (den + ERF_B[3]);
  } else if (y <= 4) {
    let num = ERFC_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]) * y;
      den = (den + ERFC_D[i]) * y;
    }
    result = expMinusSquare(y) * ((num + ERFC_C[7]) / (den + ERFC_D[7]));
  } else if (y >= ERFC_XBIG) {
    result = 0;
  } else {
    const ysq = 1 / (y * y);
    let num = ERFC_P[5] * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + ERFC_P[i]) * ysq;
      den = (den + ERFC_Q[i]) * ysq;
    }
    const r = (ysq * (num + ERFC_P[4])) / (den + ERFC_Q[4]);
    result = expMinusSquare(y) * ((ONE_OVER_SQRT_PI - r) / y);
  }
  return x < 0 ? 2 - result : result;
}

/** Standard normal CDF Φ(x) = erfc(−x/√2)/2, computed through erfc so the lower tail keeps full relative precision. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

// Lanczos approximation with g = 7 and 9 coefficients (the widely used set from Numerical Recipes / Godfrey),
// relative error around 1e-15 for positive arguments.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 by the Lanczos approximation; log space lets binomial coefficients for n up to 100 000 and beyond be used without overflow. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a positive finite argument (got ${x})`);
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1 − x) = π / sin(πx); the series below is accurate for x ≥ 0.5 only.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const xm1 = x - 1;
  let a = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) a += LANCZOS_COEFFICIENTS[i] / (xm1 + i);
  const t = xm1 + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (xm1 + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(X = k) for X ~ Bin(n, p), 0 < p < 1, from log-gammas so large n neither overflows nor underflows before the end. */
function logBinomialPmf(k: number, n: number, p: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
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

  const pmf = (k: number) => Math.exp(logBinomialPmf(k, n, p0));
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
  // Two-sided p = 2·Φ(−|z|) = erfc(|z|/√2), taken straight from erfc to keep precision for large |z|.
  return { z, pValue: erfc(Math.abs(z) / Math.SQRT2), method: 'score z-test' };
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
