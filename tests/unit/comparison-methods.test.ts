/**
 * Unit tests for the comparison methods: funnel limits and overdispersion (funnel.ts), the recent trend
 * (trend.ts), rank intervals and quintiles (ranks.ts), empirical-Bayes shrinkage (shrinkage.ts) and the
 * outcome against rikssnitt (comparison.ts). Expected values come from tests/fixtures/comparison-methods.json,
 * written by tests/fixtures/comparison_methods.py, an independent implementation on scipy/numpy
 * (rerun with `python3 tests/fixtures/comparison_methods.py`).
 */
import fixture from '../fixtures/comparison-methods.json';
import { Polarity } from '../../src/domain/measures/measure.enums';
import { ComparisonOutcome, outcomeAgainst, outcomeLabel, trendLabel } from '../../src/compare/stats/comparison';
import {
  adjustedLimits,
  exactBinomialLimit,
  funnelDenominators,
  funnelLimits,
  funnelPosition,
  Limits,
  MIN_FUNNEL_UNITS,
  overdispersion,
} from '../../src/compare/stats/funnel';
import { wilsonInterval, Z_95, Z_998 } from '../../src/compare/stats/math';
import { MIN_QUINTILE_UNITS, quintile, rankIntervals, seedFrom } from '../../src/compare/stats/ranks';
import { betaBinomialPrior, MIN_SHRINKAGE_UNITS, shrink } from '../../src/compare/stats/shrinkage';
import { recentTrend, TREND_CHI_SQUARE_998, TrendMarker } from '../../src/compare/stats/trend';

/** |actual − expected| ≤ rel·|expected| + abs: relative for ordinary values, absolute near 0. */
function expectClose(actual: number | null | undefined, expected: number, rel: number, abs = 1e-15): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const tolerance = rel * Math.abs(expected) + abs;
  if (!(Math.abs((actual as number) - expected) <= tolerance)) {
    throw new Error(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

const LIMIT_KEYS = ['lower95', 'upper95', 'lower998', 'upper998'] as const;
const CLOSED_FORM = 1e-9;
const OPTIMISED = 1e-6;

// ---------------------------------------------------------------------------------------------------------
// Uppsala 2017, worked by hand: 31 of 164 ended went to work or studies, rikssnitt 0.33 (HIGH_IS_GOOD)
// ---------------------------------------------------------------------------------------------------------
//
// Share: 31 / 164 = 0.18902.
// Wilson 95 %, z = 1.959964, z² = 3.841459:
//   z²/n = 0.023424, denominator 1 + z²/n = 1.023424
//   centre = (p̂ + z²/2n) / 1.023424 = (0.189024 + 0.011712) / 1.023424 = 0.200736 / 1.023424 = 0.196142
//   half-width = z·√(p̂(1 − p̂)/n + z²/4n²) / 1.023424 = 1.959964 × √(0.00093472 + 0.00003571) / 1.023424
//              = 1.959964 × 0.031152 / 1.023424 = 0.059659
//   interval 0.196142 ∓ 0.059659 = 0.13648–0.25580: entirely below 0.33, so WORSE at 95 %.
// Wilson 99.8 %, z = 3.090232, z² = 9.549536:
//   denominator 1 + 9.549536/164 = 1.058229; centre = (0.189024 + 0.029115) / 1.058229 = 0.206136
//   half-width = 3.090232 × √(0.00093472 + 0.00008876) / 1.058229 = 3.090232 × 0.031992 / 1.058229 = 0.093423
//   interval 0.11271–0.29956: still entirely below 0.33, so WORSE at 99.8 % too.
// Funnel at n = 164 around θ0 = 0.33, normal approximation: SE = √(0.33 × 0.67 / 164) = 0.03672
//   95 %:   0.33 ± 1.96 × 0.03672 = 0.33 ± 0.0720 → about 0.258–0.402
//   99.8 %: 0.33 ± 3.09 × 0.03672 = 0.33 ± 0.1135 → about 0.2165–0.4435
//   Exact interpolated binomial limits (fixture): 95 % 0.25609–0.40001, 99.8 % 0.21661–0.44318.
//   0.18902 < 0.21661, so Uppsala is BELOW_998.

describe('Uppsala 2017 (31 of 164 against 0.33)', () => {
  it('Wilson 95 % and 99.8 % intervals match the hand-worked values and the fixture', () => {
    const ci95 = wilsonInterval(31, 164)!;
    const ci998 = wilsonInterval(31, 164, Z_998)!;
    expect(ci95.low).toBeCloseTo(0.13648, 5);
    expect(ci95.high).toBeCloseTo(0.2558, 5);
    expect(ci998.low).toBeCloseTo(0.11271, 5);
    expect(ci998.high).toBeCloseTo(0.29956, 5);
  });

  it('lies below the 99.8 % funnel and is WORSE at both levels', () => {
    const limits = funnelLimits(164, 0.33);
    expect(limits.lower95).toBeCloseTo(0.25609, 5);
    expect(limits.upper95).toBeCloseTo(0.40001, 5);
    expect(limits.lower998).toBeCloseTo(0.21661, 5);
    expect(limits.upper998).toBeCloseTo(0.44318, 5);
    expect(funnelPosition(31 / 164, limits)).toBe('BELOW_998');
    expect(outcomeAgainst(wilsonInterval(31, 164)!, 0.33, 'HIGH_IS_GOOD')).toBe('WORSE');
    expect(outcomeAgainst(wilsonInterval(31, 164, Z_998)!, 0.33, 'HIGH_IS_GOOD')).toBe('WORSE');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Normal quantiles and Wilson intervals
// ---------------------------------------------------------------------------------------------------------

describe('z constants and Wilson intervals against scipy', () => {
  it('Z_95 and Z_998 equal scipy norm.ppf(0.975) and norm.ppf(0.999)', () => {
    expectClose(Z_95, fixture.z95, 1e-15);
    expectClose(Z_998, fixture.z998, 1e-15);
  });

  it.each(fixture.wilson)('Wilson for $numerator of $denominator', (c) => {
    const ci95 = wilsonInterval(c.numerator, c.denominator)!;
    const ci998 = wilsonInterval(c.numerator, c.denominator, Z_998)!;
    expectClose(ci95.low, c.low95, CLOSED_FORM);
    expectClose(ci95.high, c.high95, CLOSED_FORM);
    expectClose(ci998.low, c.low998, CLOSED_FORM);
    expectClose(ci998.high, c.high998, CLOSED_FORM);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Funnel limits
// ---------------------------------------------------------------------------------------------------------

describe('exact binomial funnel limits', () => {
  it.each(fixture.funnel)('n = $n, θ0 = $theta0 matches scipy', (c) => {
    const limits = funnelLimits(c.n, c.theta0);
    for (const key of LIMIT_KEYS) expectClose(limits[key], c[key], CLOSED_FORM, 1e-13);
  });

  it('a degenerate θ0 of 0 or 1 gives θ0 itself', () => {
    expect(exactBinomialLimit(50, 0, 0.975)).toBe(0);
    expect(exactBinomialLimit(50, 1, 0.025)).toBe(1);
    expect(funnelLimits(10, 0)).toEqual({ lower95: 0, upper95: 0, lower998: 0, upper998: 0 });
  });

  it('are nested (99.8 % outside 95 %), stay within [0, 1] and narrow as n grows', () => {
    for (const theta of [0.02, 0.33, 0.5, 0.9]) {
      let previousWidth = Infinity;
      for (const n of [1, 5, 12, 30, 164, 1000, 5000, 100000]) {
        const l = funnelLimits(n, theta);
        expect(l.lower998).toBeLessThanOrEqual(l.lower95);
        // With n·θ0 < 1 the interpolation can put even the upper limit below θ0 (n = 1, θ0 = 0.02: F(0) = 0.98,
        // α = (0.98 − 0.975)/0.98, limit = −α → 0), so the centre is only checked where n·θ0 ≥ 1.
        if (n * Math.min(theta, 1 - theta) >= 1) {
          expect(l.lower95).toBeLessThanOrEqual(theta);
          expect(l.upper95).toBeGreaterThanOrEqual(theta);
        }
        expect(l.upper998).toBeGreaterThanOrEqual(l.upper95);
        expect(l.lower998).toBeGreaterThanOrEqual(0);
        expect(l.upper998).toBeLessThanOrEqual(1);
        const width = l.upper998 - l.lower998;
        expect(width).toBeLessThanOrEqual(previousWidth);
        previousWidth = width;
      }
    }
  });

  it('approach the normal approximation for large n', () => {
    // n = 100 000, θ0 = 0.33: SE = √(0.33 × 0.67 / 100000) = 0.0014870; 0.33 ± 1.96 × SE = 0.33 ± 0.002914
    const l = funnelLimits(100000, 0.33);
    const se = Math.sqrt((0.33 * 0.67) / 100000);
    expect(Math.abs(l.upper95 - (0.33 + Z_95 * se))).toBeLessThan(2e-5);
    expect(Math.abs(l.lower998 - (0.33 - Z_998 * se))).toBeLessThan(2e-5);
  });

  it('throws RangeError on bad input', () => {
    expect(() => exactBinomialLimit(0, 0.33, 0.975)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10.5, 0.33, 0.975)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10, 1.2, 0.975)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10, 0.33, 1)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10, 0.33, 0)).toThrow(RangeError);
    expect(() => funnelLimits(10, NaN)).toThrow(RangeError);
  });
});

describe('funnelPosition', () => {
  const limits: Limits = { lower95: 0.25, upper95: 0.4, lower998: 0.2, upper998: 0.45 };

  it('places values in the five bands; a value on a limit is inside it', () => {
    expect(funnelPosition(0.46, limits)).toBe('ABOVE_998');
    expect(funnelPosition(0.45, limits)).toBe('ABOVE_95'); // on the 99.8 % limit: inside it, above 95 %
    expect(funnelPosition(0.41, limits)).toBe('ABOVE_95');
    expect(funnelPosition(0.4, limits)).toBe('INSIDE');
    expect(funnelPosition(0.33, limits)).toBe('INSIDE');
    expect(funnelPosition(0.25, limits)).toBe('INSIDE');
    expect(funnelPosition(0.24, limits)).toBe('BELOW_95');
    expect(funnelPosition(0.2, limits)).toBe('BELOW_95');
    expect(funnelPosition(0.19, limits)).toBe('BELOW_998');
  });

  it('throws RangeError on a non-finite value', () => {
    expect(() => funnelPosition(NaN, limits)).toThrow(RangeError);
  });
});

describe('funnelDenominators', () => {
  it('spreads integer denominators evenly from min to max inclusive', () => {
    // step (100 − 1)/(5 − 1) = 24.75 → 1, 25.75, 50.5, 75.25, 100 → rounded 1, 26, 51, 75, 100
    expect(funnelDenominators(1, 100, 5)).toEqual([1, 26, 51, 75, 100]);
    expect(funnelDenominators(10, 20, 2)).toEqual([10, 20]);
  });

  it('drops duplicates when the range is narrow', () => {
    expect(funnelDenominators(1, 3, 10)).toEqual([1, 2, 3]);
    expect(funnelDenominators(5, 5, 4)).toEqual([5]);
  });

  it('throws RangeError on bad input', () => {
    expect(() => funnelDenominators(0, 10, 5)).toThrow(RangeError);
    expect(() => funnelDenominators(10, 5, 5)).toThrow(RangeError);
    expect(() => funnelDenominators(1, 10, 1)).toThrow(RangeError);
    expect(() => funnelDenominators(1, 10, 1001)).toThrow(RangeError);
    expect(() => funnelDenominators(1, 10, 2.5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Overdispersion and adjusted limits
// ---------------------------------------------------------------------------------------------------------

describe('overdispersion', () => {
  const theta0 = fixture.overdispersion.theta0;

  it.each([
    ['overdispersed', fixture.overdispersion.overdispersed],
    ['underdispersed', fixture.overdispersion.underdispersed],
  ] as const)('%s units match scipy', (_, c) => {
    const o = overdispersion(c.units, theta0);
    expect(o.k).toBe(c.k);
    expect(o.winsorised).toBe(c.winsorised);
    expectClose(o.phi, c.phi, CLOSED_FORM);
    expectClose(o.chiSquare, c.chiSquare, CLOSED_FORM);
    expectClose(o.tau2, c.tau2, CLOSED_FORM, 1e-15);
    // The p-value is 1 − CDF, so compare absolutely.
    expectClose(o.pValue, c.pValue, 0, 1e-12);
    expect(o.adjusted).toBe(c.adjusted);
  });

  it('adjusts only when units vary more than chance allows', () => {
    const over = overdispersion(fixture.overdispersion.overdispersed.units, theta0);
    expect(over.adjusted).toBe(true);
    expect(over.reason).toBeNull();
    expect(over.winsorised).toBeGreaterThan(0); // the outliers are pulled in
    const under = overdispersion(fixture.overdispersion.underdispersed.units, theta0);
    expect(under.tau2).toBe(0);
    expect(under.adjusted).toBe(false);
    expect(under.reason).toMatch(/chance/);
  });

  it('skips units with denominator 0 and needs MIN_FUNNEL_UNITS units', () => {
    expect(MIN_FUNNEL_UNITS).toBe(5);
    const four = [
      { numerator: 1, denominator: 10 },
      { numerator: 2, denominator: 10 },
      { numerator: 3, denominator: 10 },
      { numerator: 4, denominator: 10 },
      { numerator: 0, denominator: 0 },
    ];
    const o = overdispersion(four, 0.33);
    expect(o).toMatchObject({ k: 4, phi: null, tau2: null, chiSquare: null, pValue: null, adjusted: false });
    expect(o.reason).toMatch(/Only 4 förbund with counts; 5 are needed/);
  });

  it('throws RangeError on bad input', () => {
    expect(() => overdispersion([{ numerator: 5, denominator: 3 }], 0.33)).toThrow(RangeError);
    expect(() => overdispersion([], 1.5)).toThrow(RangeError);
  });
});

describe('adjustedLimits', () => {
  const tau2 = fixture.overdispersion.overdispersed.tau2;

  it.each(fixture.overdispersion.overdispersed.adjustedLimits)('n = $n matches scipy', (c) => {
    const limits = adjustedLimits(c.n, fixture.overdispersion.theta0, tau2);
    for (const key of LIMIT_KEYS) expectClose(limits[key], c[key], CLOSED_FORM, 1e-15);
  });

  it('are wider than the exact limits when τ² > 0 and clamp the angle at 0', () => {
    const exact = funnelLimits(164, 0.33);
    const adjusted = adjustedLimits(164, 0.33, tau2);
    expect(adjusted.lower998).toBeLessThan(exact.lower998);
    expect(adjusted.upper998).toBeGreaterThan(exact.upper998);
    // n = 5: y0 − 3.09·√(1/20 + τ²) < 0, so the angle is clamped and the limit is exactly 0
    expect(adjustedLimits(5, 0.33, tau2).lower998).toBe(0);
    expect(adjustedLimits(1, 0.9, 1).upper998).toBe(1);
  });

  it('throws RangeError on bad input', () => {
    expect(() => adjustedLimits(0, 0.33, 0.01)).toThrow(RangeError);
    expect(() => adjustedLimits(10, 0.33, -0.01)).toThrow(RangeError);
    expect(() => adjustedLimits(10, -0.1, 0)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Recent trend
// ---------------------------------------------------------------------------------------------------------

describe('recentTrend', () => {
  it('TREND_CHI_SQUARE_998 is the χ²(1) 0.998 quantile', () => {
    expectClose(TREND_CHI_SQUARE_998, fixture.trend.critical, CLOSED_FORM);
    expect(TREND_CHI_SQUARE_998).toBeCloseTo(9.5495, 4);
  });

  it.each(Object.entries(fixture.trend.cases))('%s matches the numpy weighted fit', (_, c) => {
    const t = recentTrend(c.points);
    expect(t.marker).toBe(c.marker);
    expectClose(t.slope, c.slope, CLOSED_FORM, 1e-15);
    expectClose(t.chiSquare, c.chiSquare, CLOSED_FORM);
    expect(t.years).toEqual([2016, 2017, 2018, 2019, 2020]);
  });

  it('a significant slope that flips sign without one year is NO_CHANGE with a reason', () => {
    const t = recentTrend(fixture.trend.cases.signFlip.points);
    expect(t.chiSquare!).toBeGreaterThan(TREND_CHI_SQUARE_998);
    expect(t.marker).toBe('NO_CHANGE');
    expect(t.reason).toMatch(/without 2016/);
    expect(recentTrend(fixture.trend.cases.noChange.points).reason).toBeNull();
  });

  it('uses only the five most recent years, in any input order', () => {
    const points = fixture.trend.cases.increasing.points;
    const withOld = [{ year: 2010, numerator: 499, denominator: 500 }, ...[...points].reverse()];
    expect(recentTrend(withOld)).toEqual(recentTrend(points));
  });

  it('cannot be calculated without five consecutive years with counts', () => {
    const p = (year: number, denominator = 100) => ({ year, numerator: Math.min(20, denominator), denominator });
    const gap = recentTrend([p(2014), p(2015), p(2017), p(2018), p(2019)]);
    expect(gap.marker).toBe('CANNOT_BE_CALCULATED');
    expect(gap.slope).toBeNull();
    expect(gap.reason).toBe('Needs 5 consecutive yearly points with counts; has 2014, 2015, 2017, 2018, 2019.');
    const two = recentTrend([p(2017), p(2015)]);
    expect(two).toEqual({
      marker: 'CANNOT_BE_CALCULATED',
      slope: null,
      chiSquare: null,
      years: [2015, 2017],
      reason: 'Needs 5 consecutive yearly points with counts; has 2015, 2017.',
      reasonSv: 'En trend kräver antal för 5 år i följd; det finns för 2015, 2017.',
    });
    const zero = recentTrend([p(2016), p(2017), p(2018, 0), p(2019), p(2020)]);
    expect(zero.marker).toBe('CANNOT_BE_CALCULATED');
    expect(zero.years).toEqual([2016, 2017, 2019, 2020]);
    expect(recentTrend([])).toMatchObject({ reason: expect.stringMatching(/has none/), reasonSv: expect.stringMatching(/det finns inga/) });
  });

  it('throws RangeError on bad input', () => {
    const ok = { year: 2020, numerator: 1, denominator: 10 };
    expect(() => recentTrend([ok, { ...ok }])).toThrow(RangeError); // the same year twice
    expect(() => recentTrend([{ ...ok, year: 2020.5 }])).toThrow(RangeError);
    expect(() => recentTrend([{ ...ok, numerator: 11 }])).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Shrinkage
// ---------------------------------------------------------------------------------------------------------

describe('betaBinomialPrior and shrink', () => {
  const s = fixture.shrinkage;

  it('the maximum-likelihood prior matches scipy minimize_scalar', () => {
    const prior = betaBinomialPrior(s.units, s.mean)!;
    expect(prior.k).toBe(s.units.length);
    expect(prior.mean).toBe(s.mean);
    expectClose(prior.strength, s.strength, OPTIMISED);
    expectClose(prior.alpha, s.alpha, OPTIMISED);
    expectClose(prior.beta, s.beta, OPTIMISED);
    expect(prior.method).toMatch(/maximum marginal likelihood/);
  });

  it.each(s.shrunk)('$numerator of $denominator shrinks as scipy beta.ppf says', (c) => {
    const prior = betaBinomialPrior(s.units, s.mean)!;
    const r = shrink(c.numerator, c.denominator, prior);
    expectClose(r.value, c.value, OPTIMISED);
    expectClose(r.low, c.low, OPTIMISED);
    expectClose(r.high, c.high, OPTIMISED);
    // Pulled towards the mean, never past it; the interval contains the shrunken value.
    const observed = c.numerator / c.denominator;
    expect(Math.abs(r.value - s.mean)).toBeLessThanOrEqual(Math.abs(observed - s.mean) + 1e-12);
    expect(r.low).toBeLessThan(r.value);
    expect(r.high).toBeGreaterThan(r.value);
  });

  it('units with no extra variation give full pooling at the upper bound 1e5', () => {
    const prior = betaBinomialPrior(s.pooled.units, s.mean)!;
    expectClose(prior.strength, s.pooled.strength, OPTIMISED);
    expect(shrink(2, 5, prior).value).toBeCloseTo(s.mean, 4);
  });

  it('is null with fewer than MIN_SHRINKAGE_UNITS units with counts or a mean outside (0, 1)', () => {
    expect(MIN_SHRINKAGE_UNITS).toBe(5);
    const four = [...s.units.slice(0, 4), { numerator: 0, denominator: 0 }];
    expect(betaBinomialPrior(four, s.mean)).toBeNull();
    expect(betaBinomialPrior(s.units, 0)).toBeNull();
    expect(betaBinomialPrior(s.units, 1)).toBeNull();
  });

  it('throws RangeError on bad input', () => {
    const prior = { alpha: 3.3, beta: 6.7 };
    expect(() => shrink(5, 3, prior)).toThrow(RangeError);
    expect(() => shrink(1, 3, { alpha: 0, beta: 1 })).toThrow(RangeError);
    expect(() => shrink(1, 3, prior, 1)).toThrow(RangeError);
    expect(() => betaBinomialPrior([{ numerator: -1, denominator: 3 }], 0.3)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rank intervals, quintiles, seeds
// ---------------------------------------------------------------------------------------------------------

describe('rankIntervals', () => {
  const r = fixture.ranks;
  const seed = seedFrom('uppsala-2017');

  it('1000 draws lie within ±1 rank of the 200 000-draw numpy reference at each end', () => {
    const intervals = rankIntervals(r.units, { seed, level: r.level });
    intervals.forEach((interval, i) => {
      const expected = r.intervals[i];
      if (expected === null) {
        expect(interval).toBeNull();
        return;
      }
      expect(Math.abs(interval!.low - expected.low)).toBeLessThanOrEqual(1);
      expect(Math.abs(interval!.high - expected.high)).toBeLessThanOrEqual(1);
    });
  });

  it('contains the observed rank', () => {
    const intervals = rankIntervals(r.units, { seed });
    intervals.forEach((interval, i) => {
      if (interval === null) return;
      expect(interval.low).toBeLessThanOrEqual(r.observedRanks[i]);
      expect(interval.high).toBeGreaterThanOrEqual(r.observedRanks[i]);
    });
  });

  // 30 units with shares close together, so the intervals are wide and sensitive to the draws.
  const close = Array.from({ length: 30 }, (_, i) => ({ numerator: 20 + i, denominator: 100 }));

  it('is deterministic for a seed and differs for another seed', () => {
    expect(rankIntervals(close, { seed: 42 })).toEqual(rankIntervals(close, { seed: 42 }));
    expect(rankIntervals(close, { seed: 43 })).not.toEqual(rankIntervals(close, { seed: 42 }));
  });

  it('is narrower for larger denominators', () => {
    const large = close.map((u) => ({ numerator: u.numerator * 100, denominator: u.denominator * 100 }));
    const width = (list: Array<{ low: number; high: number } | null>) => list.reduce((sum, x) => sum + x!.high - x!.low, 0);
    const small = rankIntervals(close, { seed: 7 });
    const big = rankIntervals(large, { seed: 7 });
    big.forEach((x, i) => expect(x!.high - x!.low).toBeLessThanOrEqual(small[i]!.high - small[i]!.low));
    expect(width(big)).toBeLessThan(width(small) / 3);
  });

  it('a wider level gives an interval at least as wide', () => {
    const at95 = rankIntervals(close, { seed: 7 });
    const at50 = rankIntervals(close, { seed: 7, level: 0.5 });
    at50.forEach((x, i) => {
      expect(x!.low).toBeGreaterThanOrEqual(at95[i]!.low);
      expect(x!.high).toBeLessThanOrEqual(at95[i]!.high);
    });
  });

  it('throws RangeError on bad input', () => {
    expect(() => exactBinomialLimit(0, 0.33, 0.975)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10.5, 0.33, 0.975)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10, 1.2, 0.975)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10, 0.33, 1)).toThrow(RangeError);
    expect(() => exactBinomialLimit(10, 0.33, 0)).toThrow(RangeError);
    expect(() => funnelLimits(10, NaN)).toThrow(RangeError);
  });
});

describe('funnelPosition', () => {
  const limits: Limits = { lower95: 0.25, upper95: 0.4, lower998: 0.2, upper998: 0.45 };

  it('places values in the five bands; a value on a limit is inside it', () => {
    expect(funnelPosition(0.46, limits)).toBe('ABOVE_998');
    expect(funnelPosition(0.45, limits)).toBe('ABOVE_95'); // on the 99.8 % limit: inside it, above 95 %
    expect(funnelPosition(0.41, limits)).toBe('ABOVE_95');
    expect(funnelPosition(0.4, limits)).toBe('INSIDE');
    expect(funnelPosition(0.33, limits)).toBe('INSIDE');
    expect(funnelPosition(0.25, limits)).toBe('INSIDE');
    expect(funnelPosition(0.24, limits)).toBe('BELOW_95');
    expect(funnelPosition(0.2, limits)).toBe('BELOW_95');
    expect(funnelPosition(0.19, limits)).toBe('BELOW_998');
  });

  it('throws RangeError on a non-finite value', () => {
    expect(() => funnelPosition(NaN, limits)).toThrow(RangeError);
  });
});

describe('funnelDenominators', () => {
  it('spreads integer denominators evenly from min to max inclusive', () => {
    // step (100 − 1)/(5 − 1) = 24.75 → 1, 25.75, 50.5, 75.25, 100 → rounded 1, 26, 51, 75, 100
    expect(funnelDenominators(1, 100, 5)).toEqual([1, 26, 51, 75, 100]);
    expect(funnelDenominators(10, 20, 2)).toEqual([10, 20]);
  });

  it('drops duplicates when the range is narrow', () => {
    expect(funnelDenominators(1, 3, 10)).toEqual([1, 2, 3]);
    expect(funnelDenominators(5, 5, 4)).toEqual([5]);
  });

  it('throws RangeError on bad input', () => {
    expect(() => funnelDenominators(0, 10, 5)).toThrow(RangeError);
    expect(() => funnelDenominators(10, 5, 5)).toThrow(RangeError);
    expect(() => funnelDenominators(1, 10, 1)).toThrow(RangeError);
    expect(() => funnelDenominators(1, 10, 1001)).toThrow(RangeError);
    expect(() => funnelDenominators(1, 10, 2.5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Overdispersion and adjusted limits
// ---------------------------------------------------------------------------------------------------------

describe('overdispersion', () => {
  const theta0 = fixture.overdispersion.theta0;

  it.each([
    ['overdispersed', fixture.overdispersion.overdispersed],
    ['underdispersed', fixture.overdispersion.underdispersed],
  ] as const)('%s units match scipy', (_, c) => {
    const o = overdispersion(c.units, theta0);
    expect(o.k).toBe(c.k);
    expect(o.winsorised).toBe(c.winsorised);
    expectClose(o.phi, c.phi, CLOSED_FORM);
    expectClose(o.chiSquare, c.chiSquare, CLOSED_FORM);
    expectClose(o.tau2, c.tau2, CLOSED_FORM, 1e-15);
    // The p-value is 1 − CDF, so compare absolutely.
    expectClose(o.pValue, c.pValue, 0, 1e-12);
    expect(o.adjusted).toBe(c.adjusted);
  });

  it('adjusts only when units vary more than chance allows', () => {
    const over = overdispersion(fixture.overdispersion.overdispersed.units, theta0);
    expect(over.adjusted).toBe(true);
    expect(over.reason).toBeNull();
    expect(over.winsorised).toBeGreaterThan(0); // the outliers are pulled in
    const under = overdispersion(fixture.overdispersion.underdispersed.units, theta0);
    expect(under.tau2).toBe(0);
    expect(under.adjusted).toBe(false);
    expect(under.reason).toMatch(/chance/);
  });

  it('skips units with denominator 0 and needs MIN_FUNNEL_UNITS units', () => {
    expect(MIN_FUNNEL_UNITS).toBe(5);
    const four = [
      { numerator: 1, denominator: 10 },
      { numerator: 2, denominator: 10 },
      { numerator: 3, denominator: 10 },
      { numerator: 4, denominator: 10 },
      { numerator: 0, denominator: 0 },
    ];
    const o = overdispersion(four, 0.33);
    expect(o).toMatchObject({ k: 4, phi: null, tau2: null, chiSquare: null, pValue: null, adjusted: false });
    expect(o.reason).toMatch(/Only 4 förbund with counts; 5 are needed/);
  });

  it('throws RangeError on bad input', () => {
    expect(() => overdispersion([{ numerator: 5, denominator: 3 }], 0.33)).toThrow(RangeError);
    expect(() => overdispersion([], 1.5)).toThrow(RangeError);
  });
});

describe('adjustedLimits', () => {
  const tau2 = fixture.overdispersion.overdispersed.tau2;

  it.each(fixture.overdispersion.overdispersed.adjustedLimits)('n = $n matches scipy', (c) => {
    const limits = adjustedLimits(c.n, fixture.overdispersion.theta0, tau2);
    for (const key of LIMIT_KEYS) expectClose(limits[key], c[key], CLOSED_FORM, 1e-15);
  });

  it('are wider than the exact limits when τ² > 0 and clamp the angle at 0', () => {
    const exact = funnelLimits(164, 0.33);
    const adjusted = adjustedLimits(164, 0.33, tau2);
    expect(adjusted.lower998).toBeLessThan(exact.lower998);
    expect(adjusted.upper998).toBeGreaterThan(exact.upper998);
    // n = 5: y0 − 3.09·√(1/20 + τ²) < 0, so the angle is clamped and the limit is exactly 0
    expect(adjustedLimits(5, 0.33, tau2).lower998).toBe(0);
    expect(adjustedLimits(1, 0.9, 1).upper998).toBe(1);
  });

  it('throws RangeError on bad input', () => {
    expect(() => adjustedLimits(0, 0.33, 0.01)).toThrow(RangeError);
    expect(() => adjustedLimits(10, 0.33, -0.01)).toThrow(RangeError);
    expect(() => adjustedLimits(10, -0.1, 0)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Recent trend
// ---------------------------------------------------------------------------------------------------------

describe('recentTrend', () => {
  it('TREND_CHI_SQUARE_998 is the χ²(1) 0.998 quantile', () => {
    expectClose(TREND_CHI_SQUARE_998, fixture.trend.critical, CLOSED_FORM);
    expect(TREND_CHI_SQUARE_998).toBeCloseTo(9.5495, 4);
  });

  it.each(Object.entries(fixture.trend.cases))('%s matches the numpy weighted fit', (_, c) => {
    const t = recentTrend(c.points);
    expect(t.marker).toBe(c.marker);
    expectClose(t.slope, c.slope, CLOSED_FORM, 1e-15);
    expectClose(t.chiSquare, c.chiSquare, CLOSED_FORM);
    expect(t.years).toEqual([2016, 2017, 2018, 2019, 2020]);
  });

  it('a significant slope that flips sign without one year is NO_CHANGE with a reason', () => {
    const t = recentTrend(fixture.trend.cases.signFlip.points);
    expect(t.chiSquare!).toBeGreaterThan(TREND_CHI_SQUARE_998);
    expect(t.marker).toBe('NO_CHANGE');
    expect(t.reason).toMatch(/without 2016/);
    expect(recentTrend(fixture.trend.cases.noChange.points).reason).toBeNull();
  });

  it('uses only the five most recent years, in any input order', () => {
    const points = fixture.trend.cases.increasing.points;
    const withOld = [{ year: 2010, numerator: 499, denominator: 500 }, ...[...points].reverse()];
    expect(recentTrend(withOld)).toEqual(recentTrend(points));
  });

  it('cannot be calculated without five consecutive years with counts', () => {
    const p = (year: number, denominator = 100) => ({ year, numerator: Math.min(20, denominator), denominator });
    const gap = recentTrend([p(2014), p(2015), p(2017), p(2018), p(2019)]);
    expect(gap.marker).toBe('CANNOT_BE_CALCULATED');
    expect(gap.slope).toBeNull();
    expect(gap.reason).toBe('Needs 5 consecutive yearly points with counts; has 2014, 2015, 2017, 2018, 2019.');
    const two = recentTrend([p(2017), p(2015)]);
    expect(two).toEqual({
      marker: 'CANNOT_BE_CALCULATED',
      slope: null,
      chiSquare: null,
      years: [2015, 2017],
      reason: 'Needs 5 consecutive yearly points with counts; has 2015, 2017.',
      reasonSv: 'En trend kräver antal för 5 år i följd; det finns för 2015, 2017.',
    });
    const zero = recentTrend([p(2016), p(2017), p(2018, 0), p(2019), p(2020)]);
    expect(zero.marker).toBe('CANNOT_BE_CALCULATED');
    expect(zero.years).toEqual([2016, 2017, 2019, 2020]);
    expect(recentTrend([])).toMatchObject({ reason: expect.stringMatching(/has none/), reasonSv: expect.stringMatching(/det finns inga/) });
  });

  it('throws RangeError on bad input', () => {
    const ok = { year: 2020, numerator: 1, denominator: 10 };
    expect(() => recentTrend([ok, { ...ok }])).toThrow(RangeError); // the same year twice
    expect(() => recentTrend([{ ...ok, year: 2020.5 }])).toThrow(RangeError);
    expect(() => recentTrend([{ ...ok, numerator: 11 }])).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Shrinkage
// ---------------------------------------------------------------------------------------------------------

describe('betaBinomialPrior and shrink', () => {
  const s = fixture.shrinkage;

  it('the maximum-likelihood prior matches scipy minimize_scalar', () => {
    const prior = betaBinomialPrior(s.units, s.mean)!;
    expect(prior.k).toBe(s.units.length);
    expect(prior.mean).toBe(s.mean);
    expectClose(prior.strength, s.strength, OPTIMISED);
    expectClose(prior.alpha, s.alpha, OPTIMISED);
    expectClose(prior.beta, s.beta, OPTIMISED);
    expect(prior.method).toMatch(/maximum marginal likelihood/);
  });

  it.each(s.shrunk)('$numerator of $denominator shrinks as scipy beta.ppf says', (c) => {
    const prior = betaBinomialPrior(s.units, s.mean)!;
    const r = shrink(c.numerator, c.denominator, prior);
    expectClose(r.value, c.value, OPTIMISED);
    expectClose(r.low, c.low, OPTIMISED);
    expectClose(r.high, c.high, OPTIMISED);
    // Pulled towards the mean, never past it; the interval contains the shrunken value.
    const observed = c.numerator / c.denominator;
    expect(Math.abs(r.value - s.mean)).toBeLessThanOrEqual(Math.abs(observed - s.mean) + 1e-12);
    expect(r.low).toBeLessThan(r.value);
    expect(r.high).toBeGreaterThan(r.value);
  });

  it('units with no extra variation give full pooling at the upper bound 1e5', () => {
    const prior = betaBinomialPrior(s.pooled.units, s.mean)!;
    expectClose(prior.strength, s.pooled.strength, OPTIMISED);
    expect(shrink(2, 5, prior).value).toBeCloseTo(s.mean, 4);
  });

  it('is null with fewer than MIN_SHRINKAGE_UNITS units with counts or a mean outside (0, 1)', () => {
    expect(MIN_SHRINKAGE_UNITS).toBe(5);
    const four = [...s.units.slice(0, 4), { numerator: 0, denominator: 0 }];
    expect(betaBinomialPrior(four, s.mean)).toBeNull();
    expect(betaBinomialPrior(s.units, 0)).toBeNull();
    expect(betaBinomialPrior(s.units, 1)).toBeNull();
  });

  it('throws RangeError on bad input', () => {
    const prior = { alpha: 3.3, beta: 6.7 };
    expect(() => shrink(5, 3, prior)).toThrow(RangeError);
    expect(() => shrink(1, 3, { alpha: 0, beta: 1 })).toThrow(RangeError);
    expect(() => shrink(1, 3, prior, 1)).toThrow(RangeError);
    expect(() => betaBinomialPrior([{ numerator: -1, denominator: 3 }], 0.3)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rank intervals, quintiles, seeds
// ---------------------------------------------------------------------------------------------------------

describe('rankIntervals', () => {
  const r = fixture.ranks;
  const seed = seedFrom('uppsala-2017');

  it('1000 draws lie within ±1 rank of the 200 000-draw numpy reference at each end', () => {
    const intervals = rankIntervals(r.units, { seed, level: r.level });
    intervals.forEach((interval, i) => {
      const expected = r.intervals[i];
      if (expected === null) {
        expect(interval).toBeNull();
        return;
      }
      expect(Math.abs(interval!.low - expected.low)).toBeLessThanOrEqual(1);
      expect(Math.abs(interval!.high - expected.high)).toBeLessThanOrEqual(1);
    });
  });

  it('contains the observed rank', () => {
    const intervals = rankIntervals(r.units, { seed });
    intervals.forEach((interval, i) => {
      if (interval === null) return;
      expect(interval.low).toBeLessThanOrEqual(r.observedRanks[i]);
      expect(interval.high).toBeGreaterThanOrEqual(r.observedRanks[i]);
    });
  });

  // 30 units with shares close together, so the intervals are wide and sensitive to the draws.
  const close = Array.from({ length: 30 }, (_, i) => ({ numerator: 20 + i, denominator: 100 }));

  it('is deterministic for a seed and differs for another seed', () => {
    expect(rankIntervals(close, { seed: 42 })).toEqual(rankIntervals(close, { seed: 42 }));
    expect(rankIntervals(close, { seed: 43 })).not.toEqual(rankIntervals(close, { seed: 42 }));
  });

  it('is narrower for larger denominators', () => {
    const large = close.map((u) => ({ numerator: u.numerator * 100, denominator: u.denominator * 100 }));
    const width = (list: Array<{ low: number; high: number } | null>) => list.reduce((sum, x) => sum + x!.high - x!.low, 0);
    const small = rankIntervals(close, { seed: 7 });
    const big = rankIntervals(large, { seed: 7 });
    big.forEach((x, i) => expect(x!.high - x!.low).toBeLessThanOrEqual(small[i]!.high - small[i]!.low));
    expect(width(big)).toBeLessThan(width(small) / 3);
  });

  it('a wider level gives an interval at least as wide', () => {
    const at95 = rankIntervals(close, { seed: 7 });
    const at50 = rankIntervals(close, { seed: 7, level: 0.5 });
    at50.forEach((x, i) => {
      expect(x!.low).toBeGreaterThanOrEqual(at95[i]!.low);
      expect(x!.high).toBeLessThanOrEqual(at95[i]!.high);
    });
  });

  it('runs 80 units × 1000 draws in well under a second (typically ~40 ms warm here)', () => {
    const units = Array.from({ length: 80 }, (_, i) => ({ numerator: 10 + i, denominator: 100 + 5 * i }));
    rankIntervals(units, { seed: 1 }); // warm-up: the first call also compiles
    const start = process.hrtime.bigint();
    rankIntervals(units, { seed: 2 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(ms).toBeLessThan(250);
  });

  it('throws RangeError on bad input', () => {
    const units = [{ numerator: 1, denominator: 2 }];
    expect(() => rankIntervals(units, { seed: 0 })).toThrow(RangeError);
    expect(() => rankIntervals(units, { seed: 2 ** 32 })).toThrow(RangeError);
    expect(() => rankIntervals(units, { seed: 1, draws: 0 })).toThrow(RangeError);
    expect(() => rankIntervals(units, { seed: 1, level: 1 })).toThrow(RangeError);
    expect(() => rankIntervals([{ numerator: 0, denominator: 0 }], { seed: 1 })).toThrow(RangeError);
    expect(() => rankIntervals([{ value: NaN }], { seed: 1 })).toThrow(RangeError);
  });
});

describe('quintile', () => {
  it('is ⌈5·rank/count⌉, 1 = the highest fifth', () => {
    expect(MIN_QUINTILE_UNITS).toBe(5);
    // count 10: ranks 1–2 → 1, 3–4 → 2, …, 9–10 → 5
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((rank) => quintile(rank, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // count 5: each rank its own quintile
    expect([1, 2, 3, 4, 5].map((rank) => quintile(rank, 5))).toEqual([1, 2, 3, 4, 5]);
    // count 7: ⌈5/7⌉ = 1, ⌈10/7⌉ = 2, ⌈15/7⌉ = 3, ⌈20/7⌉ = 3, ⌈25/7⌉ = 4, ⌈30/7⌉ = 5, ⌈35/7⌉ = 5
    expect([1, 2, 3, 4, 5, 6, 7].map((rank) => quintile(rank, 7))).toEqual([1, 2, 3, 3, 4, 5, 5]);
  });

  it('is null below MIN_QUINTILE_UNITS and throws on impossible ranks', () => {
    expect(quintile(1, 4)).toBeNull();
    expect(() => quintile(0, 10)).toThrow(RangeError);
    expect(() => quintile(11, 10)).toThrow(RangeError);
    expect(() => quintile(1.5, 10)).toThrow(RangeError);
    expect(() => quintile(1, 0)).toThrow(RangeError);
  });
});

describe('seedFrom', () => {
  it('is 32-bit FNV-1a over UTF-8 (published test vectors) and never 0', () => {
    expect(seedFrom('')).toBe(0x811c9dc5);
    expect(seedFrom('a')).toBe(0xe40c292c);
    expect(seedFrom('foobar')).toBe(0xbf9cf968);
    expect(seedFrom('andel-arbete-studier:2017')).toBe(seedFrom('andel-arbete-studier:2017'));
    expect(seedFrom('andel-arbete-studier:2017')).not.toBe(seedFrom('andel-arbete-studier:2018'));
    expect(seedFrom('Jämtland')).not.toBe(seedFrom('Jamtland'));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Outcome and labels
// ---------------------------------------------------------------------------------------------------------

describe('outcomeAgainst', () => {
  const cases: Array<[{ low: number; high: number }, Record<Polarity, ComparisonOutcome>]> = [
    [{ low: 0.35, high: 0.4 }, { HIGH_IS_GOOD: 'BETTER', LOW_IS_GOOD: 'WORSE', NO_JUDGEMENT: 'HIGHER' }],
    [{ low: 0.2, high: 0.3 }, { HIGH_IS_GOOD: 'WORSE', LOW_IS_GOOD: 'BETTER', NO_JUDGEMENT: 'LOWER' }],
    [{ low: 0.3, high: 0.36 }, { HIGH_IS_GOOD: 'SIMILAR', LOW_IS_GOOD: 'SIMILAR', NO_JUDGEMENT: 'SIMILAR' }],
    // touching the benchmark at either end is SIMILAR
    [{ low: 0.33, high: 0.4 }, { HIGH_IS_GOOD: 'SIMILAR', LOW_IS_GOOD: 'SIMILAR', NO_JUDGEMENT: 'SIMILAR' }],
    [{ low: 0.2, high: 0.33 }, { HIGH_IS_GOOD: 'SIMILAR', LOW_IS_GOOD: 'SIMILAR', NO_JUDGEMENT: 'SIMILAR' }],
  ];

  it.each(cases)('%o against 0.33', (interval, expected) => {
    for (const polarity of ['HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT'] as const) {
      expect(outcomeAgainst(interval, 0.33, polarity)).toBe(expected[polarity]);
    }
  });

  it('throws RangeError on a reversed or non-finite interval or benchmark', () => {
    expect(() => outcomeAgainst({ low: 0.4, high: 0.3 }, 0.33, 'HIGH_IS_GOOD')).toThrow(RangeError);
    expect(() => outcomeAgainst({ low: NaN, high: 0.3 }, 0.33, 'HIGH_IS_GOOD')).toThrow(RangeError);
    expect(() => outcomeAgainst({ low: 0.2, high: 0.3 }, Infinity, 'HIGH_IS_GOOD')).toThrow(RangeError);
  });
});

describe('outcomeLabel and trendLabel', () => {
  it('labels every outcome in Swedish and English', () => {
    const table: Array<[ComparisonOutcome, string, string]> = [
      ['BETTER', 'Bättre än rikssnittet', 'Better than the national average'],
      ['SIMILAR', 'Liknande rikssnittet', 'Similar to the national average'],
      ['WORSE', 'Sämre än rikssnittet', 'Worse than the national average'],
      ['HIGHER', 'Högre än rikssnittet', 'Higher than the national average'],
      ['LOWER', 'Lägre än rikssnittet', 'Lower than the national average'],
      ['NOT_COMPARED', 'Inte jämförd med rikssnittet', 'Not compared with the national average'],
    ];
    for (const [outcome, sv, en] of table) {
      expect(outcomeLabel(outcome, 'sv')).toBe(sv);
      expect(outcomeLabel(outcome, 'en')).toBe(en);
    }
  });

  it('labels every trend marker for every polarity', () => {
    const table: Array<[TrendMarker, Polarity, string, string]> = [
      ['INCREASING', 'HIGH_IS_GOOD', 'ökande och bättre', 'increasing and getting better'],
      ['INCREASING', 'LOW_IS_GOOD', 'ökande och sämre', 'increasing and getting worse'],
      ['INCREASING', 'NO_JUDGEMENT', 'ökande', 'increasing'],
      ['DECREASING', 'HIGH_IS_GOOD', 'minskande och sämre', 'decreasing and getting worse'],
      ['DECREASING', 'LOW_IS_GOOD', 'minskande och bättre', 'decreasing and getting better'],
      ['DECREASING', 'NO_JUDGEMENT', 'minskande', 'decreasing'],
    ];
    for (const [marker, polarity, sv, en] of table) {
      expect(trendLabel(marker, polarity, 'sv')).toBe(sv);
      expect(trendLabel(marker, polarity, 'en')).toBe(en);
    }
    for (const polarity of ['HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT'] as const) {
      expect(trendLabel('NO_CHANGE', polarity, 'sv')).toBe('ingen signifikant förändring');
      expect(trendLabel('NO_CHANGE', polarity, 'en')).toBe('no significant change');
      expect(trendLabel('CANNOT_BE_CALCULATED', polarity, 'sv')).toBe('kan inte beräknas');
      expect(trendLabel('CANNOT_BE_CALCULATED', polarity, 'en')).toBe('cannot be calculated');
    }
  });
});
