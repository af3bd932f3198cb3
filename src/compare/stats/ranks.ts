/**
 * Uncertainty in league-table positions: seeded bootstrap rank intervals, quintiles, and a stable seed from a
 * string so the same comparison always shows the same intervals. Pure, no I/O.
 */
import betaRandom from '@stdlib/random-base-beta';
import { assertCounts } from './math';

/** Quintiles of fewer units than this would be groups of nought or one: not worth showing. */
export const MIN_QUINTILE_UNITS = 5;

const DEFAULT_DRAWS = 1000;
const MAX_DRAWS = 1_000_000;
const DEFAULT_LEVEL = 0.95;
const UINT32_MAX = 0xffffffff;

export type RankUnit = { numerator: number; denominator: number } | { value: number };

export interface RankIntervalOptions {
  /** Seed of the Mersenne Twister, an integer in 1 … 2³² − 1 (see seedFrom). */
  seed: number;
  draws?: number;
  level?: number;
}

/**
 * Competition ranks of `values`, highest first (1 + how many are strictly higher), written into `out`, via a
 * sorted copy in `scratch` and binary search: O(k log k) a draw instead of O(k²) pairwise comparisons.
 */
function competitionRanks(values: Float64Array, scratch: Float64Array, out: Uint32Array): void {
  const k = values.length;
  scratch.set(values);
  scratch.sort();
  for (let i = 0; i < k; i++) {
    // First index whose value is strictly greater than values[i]; everything from there up outranks it.
    const v = values[i];
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (scratch[mid] > v) hi = mid;
      else lo = mid + 1;
    }
    out[i] = 1 + k - lo;
  }
}

/** The rank at 0-based position `index` of the sorted draws, read from a histogram of ranks 1 … k. */
function rankAtPosition(histogram: Uint32Array, offset: number, k: number, index: number): number {
  let cumulative = 0;
  for (let r = 1; r <= k; r++) {
    cumulative += histogram[offset + r - 1];
    if (cumulative > index) return r;
  }
  return k;
}

/**
 * Rank intervals by a seeded parametric bootstrap. In each draw every counted unit's share is sampled from its
 * Jeffreys posterior Beta(x + ½, n − x + ½) (proper and sensible even at 0 of n), units given only as a value
 * stay fixed, and all are ranked highest first with competition ranking (ties share the lower number).
 * With the unit's D sorted draw ranks r[0…D−1] and h = (D − 1)·q (numpy's position), the interval is
 * low = r[⌊h_lo⌋], high = r[⌈h_hi⌉] for q_lo = (1 − level)/2, q_hi = (1 + level)/2: numpy's 'lower' and
 * 'higher' percentile methods, rounding outwards so the integer interval never understates the spread. It is
 * then widened, if need be, to contain the observed rank. Null for `{ value }` units.
 */
export function rankIntervals(units: RankUnit[], options: RankIntervalOptions): Array<{ low: number; high: number } | null> {
  const { seed, draws = DEFAULT_DRAWS, level = DEFAULT_LEVEL } = options;
  if (!(Number.isInteger(seed) && seed >= 1 && seed <= UINT32_MAX)) throw new RangeError(`seed must be an integer within 1 … ${UINT32_MAX} (got ${seed})`);
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= MAX_DRAWS)) throw new RangeError(`draws must be an integer within 1 … ${MAX_DRAWS} (got ${draws})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be within (0, 1) (got ${level})`);

  const k = units.length;
  const values = new Float64Array(k);
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);
  const counted: number[] = [];
  units.forEach((u, i) => {
    if ('value' in u) {
      if (!Number.isFinite(u.value)) throw new RangeError(`value must be a finite number (got ${u.value})`);
      values[i] = u.value;
    } else {
      assertCounts(u.numerator, u.denominator, 'numerator', 'denominator');
      if (u.denominator === 0) throw new RangeError('a counted unit needs a denominator of at least 1');
      values[i] = u.numerator / u.denominator;
      alpha[i] = u.numerator + 0.5;
      beta[i] = u.denominator - u.numerator + 0.5;
      counted.push(i);
    }
  });
  const scratch = new Float64Array(k);
  const observed = new Uint32Array(k);
  competitionRanks(values, scratch, observed);

  // histogram[i·k + r − 1] counts the draws in which unit i had rank r: O(k) memory per unit, no per-draw arrays.
  const histogram = new Uint32Array(k * k);
  const ranks = new Uint32Array(k);
  const sample = betaRandom.factory({ seed });
  for (let d = 0; d < draws; d++) {
    for (const i of counted) values[i] = sample(alpha[i], beta[i]);
    competitionRanks(values, scratch, ranks);
    for (const i of counted) histogram[i * k + ranks[i] - 1]++;
  }

  const lowIndex = Math.floor((draws - 1) * ((1 - level) / 2));
  const highIndex = Math.ceil((draws - 1) * ((1 + level) / 2));
  return units.map((u, i) => {
    if ('value' in u) return null;
    const low = rankAtPosition(histogram, i * k, k, lowIndex);
    const high = rankAtPosition(histogram, i * k, k, highIndex);
    return { low: Math.min(low, observed[i]), high: Math.max(high, observed[i]) };
  });
}

/** Quintile of a rank among `count` units, ⌈5·rank/count⌉ with 1 = the highest fifth; null below MIN_QUINTILE_UNITS. */
export function quintile(rank: number, count: number): number | null {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`count must be a positive integer (got ${count})`);
  if (!(Number.isInteger(rank) && rank >= 1 && rank <= count)) throw new RangeError(`rank must be an integer within 1 … ${count} (got ${rank})`);
  if (count < MIN_QUINTILE_UNITS) return null;
  return Math.ceil((5 * rank) / count);
}

/**
 * A stable seed from a string (FNV-1a, 32-bit, over its UTF-8 bytes), so a comparison's bootstrap draws
 * depend only on e.g. its measure and year. Returns 1 … 2³² − 1: the Mersenne Twister rejects a seed of 0.
 */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}
