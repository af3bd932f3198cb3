/**
 * Empirical-Bayes shrinkage of shares towards the national value with a beta-binomial model: small units'
 * shares, which swing by chance, are pulled towards the mean more than large units'. Pure, no I/O.
 */
import betaln from '@stdlib/math-base-special-betaln';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { assertCounts } from './math';

/** Fewer units than this say too little about between-unit variation to estimate the prior's strength. */
export const MIN_SHRINKAGE_UNITS = 5;

/** Search range for the prior strength M = a + b: 0.1 (almost no pooling) to 1e5 (no extra variation: full pooling). */
const MIN_STRENGTH = 0.1;
const MAX_STRENGTH = 1e5;
/** Golden-section tolerance on log M. */
const LOG_STRENGTH_TOLERANCE = 1e-9;
const INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

export const SHRINKAGE_METHOD =
  'Empirical Bayes: beta-binomial prior with its mean fixed at the national value and its strength a + b chosen by maximum marginal likelihood';

/** The prior as fitted; the GraphQL Prior says what its mean is and over how many förbund (analysis.ts). */
export interface FittedPrior {
  alpha: number;
  beta: number;
  mean: number;
  /** M = alpha + beta, the prior's weight in "participants"; 1e5 means full pooling. */
  strength: number;
  /** Units used (denominator > 0). */
  k: number;
  method: string;
}

/** Maximises f on [a, b] by golden-section search until the bracket is narrower than tol; f should be unimodal there. */
function goldenSectionMax(f: (t: number) => number, a: number, b: number, tol: number): number {
  let c = b - INVERSE_PHI * (b - a);
  let d = a + INVERSE_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INVERSE_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INVERSE_PHI * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Beta(a, b) prior with mean a/(a + b) fixed at `mean` (the national value) and strength M = a + b maximising
 * the beta-binomial marginal likelihood Σ [lnB(x_i + μM, n_i − x_i + (1 − μ)M) − lnB(μM, (1 − μ)M)] (binomial
 * coefficients omitted: they do not depend on M), searched over log M in [log 0.1, log 1e5]. The upper bound
 * stands for "no extra variation: full pooling", where the likelihood keeps rising towards M = ∞. Null with
 * fewer than MIN_SHRINKAGE_UNITS units with denominator > 0 or a mean outside (0, 1).
 */
export function betaBinomialPrior(units: Array<{ numerator: number; denominator: number }>, mean: number): FittedPrior | null {
  for (const u of units) assertCounts(u.numerator, u.denominator, 'numerator', 'denominator');
  if (!(mean > 0 && mean < 1)) return null;
  const used = units.filter((u) => u.denominator > 0);
  if (used.length < MIN_SHRINKAGE_UNITS) return null;
  const logLikelihood = (logM: number) => {
    const m = Math.exp(logM);
    const a = mean * m;
    const b = (1 - mean) * m;
    const priorTerm = betaln(a, b);
    let sum = 0;
    for (const u of used) sum += betaln(u.numerator + a, u.denominator - u.numerator + b) - priorTerm;
    return sum;
  };
  const logM = goldenSectionMax(logLikelihood, Math.log(MIN_STRENGTH), Math.log(MAX_STRENGTH), LOG_STRENGTH_TOLERANCE);
  const strength = Math.exp(logM);
  return { alpha: mean * strength, beta: (1 - mean) * strength, mean, strength, k: used.length, method: SHRINKAGE_METHOD };
}

/**
 * Shrunken share: the posterior Beta(a + x, b + n − x) of a unit with x of n under the prior; value is its
 * mean (a + x)/(a + b + n), low/high its (1 − level)/2 and (1 + level)/2 quantiles (an equal-tailed credible interval).
 */
export function shrink(numerator: number, denominator: number, prior: Pick<FittedPrior, 'alpha' | 'beta'>, level = 0.95): { value: number; low: number; high: number } {
  assertCounts(numerator, denominator, 'numerator', 'denominator');
  if (!(prior.alpha > 0 && prior.beta > 0 && Number.isFinite(prior.alpha) && Number.isFinite(prior.beta))) {
    throw new RangeError(`prior alpha and beta must be positive finite numbers (got ${prior.alpha} and ${prior.beta})`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be within (0, 1) (got ${level})`);
  const a = prior.alpha + numerator;
  const b = prior.beta + denominator - numerator;
  return { value: a / (a + b), low: betaQuantile((1 - level) / 2, a, b), high: betaQuantile((1 + level) / 2, a, b) };
}
