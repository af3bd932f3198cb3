/**
 * Recent trend of a yearly share as PHE Fingertips marks it: a weighted least-squares line through the five
 * most recent yearly shares, significant at 99.8 % and robust to dropping any one year. Pure, no I/O.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { assertCounts, wilsonInterval } from './math';
import type { Trend } from './methods.types';

/** χ²(1) 0.998 quantile = 9.5495…: Fingertips tests the slope at the 99.8 % level. */
export const TREND_CHI_SQUARE_998: number = chisquareQuantile(0.998, 1);

/** Fingertips uses the five most recent data points. */
export const TREND_YEARS = 5;

/** Width of a 95 % interval in standard errors, as Fingertips rounds it (2 × 1.96). */
const INTERVAL_WIDTH_IN_SE = 3.92;

/** Fingertips' markers; registered for GraphQL with their descriptions in methods.types.ts. */
export const TrendMarker = { INCREASING: 'INCREASING', DECREASING: 'DECREASING', NO_CHANGE: 'NO_CHANGE', CANNOT_BE_CALCULATED: 'CANNOT_BE_CALCULATED' } as const;
export type TrendMarker = (typeof TrendMarker)[keyof typeof TrendMarker];

export interface TrendPoint {
  year: number;
  numerator: number;
  denominator: number;
}

/** The fit itself; the GraphQL Trend adds its labels and method (analysis.ts). */
export type TrendFit = Pick<Trend, 'marker' | 'slope' | 'chiSquare' | 'years' | 'reason' | 'reasonSv'>;

/** Weighted least-squares slope of p on x with inverse-variance weights w, and its standard error √(1/Σw(x − x̄)²). */
function weightedSlope(x: number[], p: number[], w: number[]): { beta: number; se: number } | null {
  let sw = 0;
  let swx = 0;
  let swp = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    swx += w[i] * x[i];
    swp += w[i] * p[i];
  }
  const xBar = swx / sw;
  const pBar = swp / sw;
  let sxx = 0;
  let sxp = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += w[i] * (x[i] - xBar) ** 2;
    sxp += w[i] * (x[i] - xBar) * (p[i] - pBar);
  }
  if (!(sxx > 0 && Number.isFinite(sxx))) return null;
  return { beta: sxp / sxx, se: Math.sqrt(1 / sxx) };
}

function notCalculable(years: number[], reason: string, reasonSv: string): TrendFit {
  return { marker: 'CANNOT_BE_CALCULATED', slope: null, chiSquare: null, years, reason, reasonSv };
}

/** A statistic as Swedish writes it: decimal comma. */
const sv = (v: number, digits: number) => v.toFixed(digits).replace('.', ',');

/**
 * Fingertips recent trend over the five most recent years (points in any order): calculable only when they are
 * five consecutive years each with denominator > 0. Each share p = x/n gets SE = (Wilson 95 % high − low)/3.92
 * and weight 1/SE²; β is the weighted least-squares slope of p on year, χ² = (β/SEβ)². INCREASING or
 * DECREASING when χ² > TREND_CHI_SQUARE_998 and the slope keeps its sign with any one year left out (so a
 * single odd year cannot make a trend); otherwise NO_CHANGE.
 */
export function recentTrend(points: TrendPoint[]): TrendFit {
  const seen = new Set<number>();
  for (const pt of points) {
    if (!Number.isInteger(pt.year)) throw new RangeError(`year must be an integer (got ${pt.year})`);
    if (seen.has(pt.year)) throw new RangeError(`year ${pt.year} appears more than once`);
    seen.add(pt.year);
    assertCounts(pt.numerator, pt.denominator, 'numerator', 'denominator');
  }
  const recent = [...points].sort((a, b) => a.year - b.year).slice(-TREND_YEARS);
  const withCounts = recent.filter((pt) => pt.denominator > 0);
  const years = withCounts.map((pt) => pt.year);
  const consecutive = recent.every((pt, i) => i === 0 || pt.year === recent[i - 1].year + 1);
  if (withCounts.length < TREND_YEARS || !consecutive) {
    const has = years.length === 0 ? 'none' : years.join(', ');
    const hasSv = years.length === 0 ? 'det finns inga' : `det finns för ${years.join(', ')}`;
    return notCalculable(years, `Needs ${TREND_YEARS} consecutive yearly points with counts; has ${has}.`, `En trend kräver antal för ${TREND_YEARS} år i följd; ${hasSv}.`);
  }

  const x = years;
  const p = withCounts.map((pt) => pt.numerator / pt.denominator);
  const w: number[] = [];
  for (const pt of withCounts) {
    const ci = wilsonInterval(pt.numerator, pt.denominator)!;
    const se = (ci.high - ci.low) / INTERVAL_WIDTH_IN_SE;
    if (!(se > 0)) return notCalculable(years, `the ${pt.year} share has a zero-width interval, so it cannot be weighted`, `andelen för ${pt.year} har ett intervall utan bredd och kan inte viktas`);
    w.push(1 / (se * se));
  }
  const fit = weightedSlope(x, p, w);
  if (fit === null) return notCalculable(years, 'the weighted fit is degenerate', 'den viktade anpassningen går inte att beräkna');
  const slope = fit.beta;
  const chiSquare = (fit.beta / fit.se) ** 2;
  if (!(chiSquare > TREND_CHI_SQUARE_998)) return { marker: 'NO_CHANGE', slope, chiSquare, years, reason: null, reasonSv: null };

  const flips: number[] = [];
  for (let drop = 0; drop < x.length; drop++) {
    const keep = (_: number, i: number) => i !== drop;
    const refit = weightedSlope(x.filter(keep), p.filter(keep), w.filter(keep));
    if (refit === null || refit.beta * slope <= 0) flips.push(x[drop]);
  }
  if (flips.length > 0) {
    const reason = `χ² = ${chiSquare.toFixed(2)} exceeds ${TREND_CHI_SQUARE_998.toFixed(2)}, but the slope changes sign without ${flips.join(' or ')}.`;
    const reasonSv = `χ² = ${sv(chiSquare, 2)} är över ${sv(TREND_CHI_SQUARE_998, 2)}, men lutningen byter tecken utan ${flips.join(' eller ')}.`;
    return { marker: 'NO_CHANGE', slope, chiSquare, years, reason, reasonSv };
  }
  return { marker: slope > 0 ? 'INCREASING' : 'DECREASING', slope, chiSquare, years, reason: null, reasonSv: null };
}
