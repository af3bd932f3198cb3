/**
 * Funnel plots for shares against a national value θ0, after Spiegelhalter, "Funnel plots for comparing
 * institutional performance", Statistics in Medicine 2005;24:1185–1202: exact binomial control limits, a
 * winsorised test for overdispersion and random-effects limits on the arcsine scale. Pure, no I/O.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { assertCounts, Z_95, Z_998 } from './math';
import type { Overdispersion } from './methods.types';

/** Fewer units than this give no usable estimate of between-unit variation, so no overdispersion test. */
export const MIN_FUNNEL_UNITS = 5;

/** Share of z-scores winsorised at each end before estimating φ, so a few outliers cannot inflate it. */
const WINSOR_FRACTION = 0.1;

export interface Limits {
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** Where a share falls between the limits; registered for GraphQL with its descriptions in methods.types.ts. */
export const FunnelZone = { ABOVE_998: 'ABOVE_998', ABOVE_95: 'ABOVE_95', INSIDE: 'INSIDE', BELOW_95: 'BELOW_95', BELOW_998: 'BELOW_998' } as const;
export type FunnelZone = (typeof FunnelZone)[keyof typeof FunnelZone];

function assertTheta(theta0: number): void {
  if (!(theta0 >= 0 && theta0 <= 1)) throw new RangeError(`theta0 must be within [0, 1] (got ${theta0})`);
}

function assertPositiveInteger(n: number, name: string): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name} must be a positive integer (got ${n})`);
}

/**
 * Exact binomial control limit with Spiegelhalter's interpolation (2005, appendix): r_p is the smallest r with
 * F(r) ≥ p for Bin(n, θ0), α = (F(r_p) − p)/(F(r_p) − F(r_p − 1)) with F(−1) = 0, and the limit is
 * (r_p − α)/n, clamped to [0, 1]. Interpolating makes the limit a smooth curve in n instead of a staircase.
 */
export function exactBinomialLimit(n: number, theta0: number, p: number): number {
  assertPositiveInteger(n, 'n');
  assertTheta(theta0);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be within (0, 1) (got ${p})`);
  // Bin(n, 0) and Bin(n, 1) put all their mass on one share: the limit is θ0 itself.
  if (theta0 === 0 || theta0 === 1) return theta0;
  const r = binomialQuantile(p, n, theta0);
  const fr = binomialCdf(r, n, theta0);
  const frMinus1 = r >= 1 ? binomialCdf(r - 1, n, theta0) : 0;
  const alpha = (fr - p) / (fr - frMinus1);
  return Math.min(1, Math.max(0, (r - alpha) / n));
}

/** The 95 % (p = 0.025, 0.975) and 99.8 % (p = 0.001, 0.999) exact limits for a unit of size n. */
export function funnelLimits(n: number, theta0: number): Limits {
  return {
    lower95: exactBinomialLimit(n, theta0, 0.025),
    upper95: exactBinomialLimit(n, theta0, 0.975),
    lower998: exactBinomialLimit(n, theta0, 0.001),
    upper998: exactBinomialLimit(n, theta0, 0.999),
  };
}

/** Percentile of sorted values by linear interpolation between order statistics (numpy's default, R type 7). */
function percentileSorted(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Spiegelhalter's overdispersion estimate on the arcsine-square-root scale (variance-stabilising, so every
 * unit's s_i = 1/(2√n_i) depends on n only): z_i = (asin√p_i − asin√θ0)/s_i, winsorised at the 10th and 90th
 * percentiles; φ = mean(z_w²); k·φ ~ χ²(k − 1) under no overdispersion; τ² = max(0, (kφ − (k − 1)) /
 * (Σw − Σw²/Σw)) with w_i = 1/s_i² (DerSimonian–Laird style moment estimate). Units with denominator 0 are skipped.
 */
export function overdispersion(units: Array<{ numerator: number; denominator: number }>, theta0: number): Overdispersion {
  assertTheta(theta0);
  for (const u of units) assertCounts(u.numerator, u.denominator, 'numerator', 'denominator');
  const used = units.filter((u) => u.denominator > 0);
  const k = used.length;
  if (k < MIN_FUNNEL_UNITS) {
    return {
      k,
      phi: null,
      tau2: null,
      winsorised: 0,
      chiSquare: null,
      pValue: null,
      adjusted: false,
      reason: `Only ${k} förbund with counts; ${MIN_FUNNEL_UNITS} are needed to estimate overdispersion.`,
    };
  }
  const y0 = Math.asin(Math.sqrt(theta0));
  const z = used.map((u) => (Math.asin(Math.sqrt(u.numerator / u.denominator)) - y0) * 2 * Math.sqrt(u.denominator));
  const sorted = [...z].sort((a, b) => a - b);
  const zLow = percentileSorted(sorted, WINSOR_FRACTION);
  const zHigh = percentileSorted(sorted, 1 - WINSOR_FRACTION);
  let winsorised = 0;
  let sumSquares = 0;
  for (const zi of z) {
    if (zi < zLow || zi > zHigh) winsorised++;
    const zw = Math.min(zHigh, Math.max(zLow, zi));
    sumSquares += zw * zw;
  }
  const phi = sumSquares / k;
  const chiSquare = k * phi;
  // Upper tail as 1 − CDF: absolute error ~1e-16, ample for comparing with 0.05.
  const pValue = 1 - chisquareCdf(chiSquare, k - 1);
  // w_i = 1/s_i² = 4·n_i.
  let sumW = 0;
  let sumW2 = 0;
  for (const u of used) {
    const w = 4 * u.denominator;
    sumW += w;
    sumW2 += w * w;
  }
  const tau2 = Math.max(0, (chiSquare - (k - 1)) / (sumW - sumW2 / sumW));
  const adjusted = pValue < 0.05 && tau2 > 0;
  const reason = adjusted ? null : `Förbund vary no more than chance allows (χ² = ${chiSquare.toFixed(2)} on ${k - 1} df, p = ${pValue.toPrecision(2)}).`;
  return { k, phi, tau2, winsorised, chiSquare, pValue, adjusted, reason };
}

/**
 * Random-effects limits for overdispersed units: sin²(y0 ± z·√(1/(4n) + τ²)) with y0 = asin√θ0 and z the
 * normal 0.975 and 0.999 quantiles; the angle is clamped to [0, π/2] so the share stays within [0, 1] and
 * does not fold back.
 */
export function adjustedLimits(n: number, theta0: number, tau2: number): Limits {
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`n must be a positive number (got ${n})`);
  assertTheta(theta0);
  if (!(Number.isFinite(tau2) && tau2 >= 0)) throw new RangeError(`tau2 must be a non-negative number (got ${tau2})`);
  const y0 = Math.asin(Math.sqrt(theta0));
  const sd = Math.sqrt(1 / (4 * n) + tau2);
  const at = (z: number) => Math.sin(Math.min(Math.PI / 2, Math.max(0, y0 + z * sd))) ** 2;
  return { lower95: at(-Z_95), upper95: at(Z_95), lower998: at(-Z_998), upper998: at(Z_998) };
}

/** Where a share falls in the funnel; a value exactly on a limit counts as inside it. */
export function funnelPosition(value: number, limits: Limits): FunnelZone {
  if (!Number.isFinite(value)) throw new RangeError(`value must be a finite number (got ${value})`);
  if (value > limits.upper998) return 'ABOVE_998';
  if (value < limits.lower998) return 'BELOW_998';
  if (value > limits.upper95) return 'ABOVE_95';
  if (value < limits.lower95) return 'BELOW_95';
  return 'INSIDE';
}

/**
 * Denominators at which to draw the funnel curves: `points` values spread evenly from minN to maxN inclusive,
 * rounded to integers, ascending and without duplicates (so fewer than `points` when the range is narrow).
 */
export function funnelDenominators(minN: number, maxN: number, points: number): number[] {
  assertPositiveInteger(minN, 'minN');
  assertPositiveInteger(maxN, 'maxN');
  if (maxN < minN) throw new RangeError(`maxN (${maxN}) must not be below minN (${minN})`);
  if (!(Number.isInteger(points) && points >= 2 && points <= 1000)) throw new RangeError(`points must be an integer within 2–1000 (got ${points})`);
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const n = Math.round(minN + ((maxN - minN) * i) / (points - 1));
    if (out.length === 0 || n !== out[out.length - 1]) out.push(n);
  }
  return out;
}
