/**
 * Unit tests for src/compare/stats/math.ts. Expected values are worked out beside each assertion; where a
 * value cannot reasonably be done by hand it is checked against an independent brute-force computation in
 * this file (plain multiplication, no log-gamma) or against a published/R value that is named.
 */
import {
  allocationSplit,
  bandFor,
  binomialTwoSidedPValue,
  differencePp,
  FINSAM_RULE,
  isSignificant,
  mean,
  normalCdf,
  oneSampleProportionTest,
  pooledShare,
  rankDescending,
  ratio,
  share,
  wilsonInterval,
  Z_95,
  Z_998,
} from '../../src/compare/stats/math';

// ---------------------------------------------------------------------------------------------------------
// Independent reference implementations (deliberately a different algorithm from the module's)
// ---------------------------------------------------------------------------------------------------------

/** Binomial pmf for k = 0..n by the recurrence P(k+1) = P(k)·(n−k)/(k+1)·p/(1−p) from P(0) = (1−p)^n; no log-gamma. */
function pmfByRecurrence(n: number, p: number): number[] {
  const out = [Math.exp(n * Math.log1p(-p))];
  for (let k = 0; k < n; k++) out.push((out[k] * (n - k) * p) / ((k + 1) * (1 - p)));
  return out;
}

/** Textbook two-sided exact p: sum of P(k) over every k with P(k) ≤ P(x)·(1 + 1e-7), capped at 1. */
function bruteForceTwoSidedP(x: number, n: number, p: number): number {
  const pmf = pmfByRecurrence(n, p);
  const limit = pmf[x] * (1 + 1e-7);
  return Math.min(1, pmf.filter((q) => q <= limit).reduce((a, b) => a + b, 0));
}

// ---------------------------------------------------------------------------------------------------------
// share
// ---------------------------------------------------------------------------------------------------------

describe('share', () => {
  it('divides the count by the total (Uppsala 2017: 31 of 164 ended went to work or studies)', () => {
    // 31 / 164 = 0.189024390243902…  (164 × 0.189 = 30.996, remainder 0.004 / 164 = 0.0000243…)
    expect(share(31, 164)).toBeCloseTo(0.1890243902, 10);
  });

  it('gives 0 and 1 at the ends', () => {
    expect(share(0, 10)).toBe(0); // 0 / 10 = 0
    expect(share(10, 10)).toBe(1); // 10 / 10 = 1
  });

  it('is null when the denominator is 0 (0 of 0: no share)', () => {
    expect(share(0, 0)).toBeNull(); // 0 / 0 undefined → null
  });

  it('throws RangeError on negative counts, numerator > denominator and non-integers', () => {
    expect(() => share(-1, 10)).toThrow(RangeError); // numerator < 0
    expect(() => share(1, -10)).toThrow(RangeError); // denominator < 0
    expect(() => share(11, 10)).toThrow(RangeError); // 11 > 10
    expect(() => share(1, 0)).toThrow(RangeError); // 1 > 0: cannot have a success out of nobody
    expect(() => share(1.5, 10)).toThrow(RangeError); // 1.5 not an integer
    expect(() => share(1, 10.5)).toThrow(RangeError); // 10.5 not an integer
    expect(() => share(Number.NaN, 10)).toThrow(RangeError); // NaN is not an integer
    expect(() => share(1, Infinity)).toThrow(RangeError); // ∞ is not an integer
  });
});

// ---------------------------------------------------------------------------------------------------------
// wilsonInterval
// ---------------------------------------------------------------------------------------------------------

describe('wilsonInterval', () => {
  it('Uppsala 2017: 31 of 164, 95 %', () => {
    // p̂ = 31/164 = 0.1890244, z = 1.959964, z² = 3.841459, n = 164
    // z²/n = 3.841459/164 = 0.0234235 → denominator 1 + z²/n = 1.0234235
    // z²/2n = 0.0117118 → centre = (0.1890244 + 0.0117118)/1.0234235 = 0.2007362/1.0234235 = 0.1961418
    // p̂(1−p̂)/n = 0.1890244 × 0.8109756 / 164 = 0.1532942/164 = 0.00093472
    // z²/4n² = 3.841459 / (4 × 26 896) = 3.841459/107 584 = 0.00003571
    // half-width = 1.959964 × √(0.00093472 + 0.00003571) / 1.0234235 = 1.959964 × 0.0311517 / 1.0234235
    //            = 0.0610562 / 1.0234235 = 0.0596588
    // low = 0.1961418 − 0.0596588 = 0.1364830, high = 0.1961418 + 0.0596588 = 0.2558006
    const ci = wilsonInterval(31, 164)!;
    expect(ci.low).toBeCloseTo(0.1365, 4);
    expect(ci.high).toBeCloseTo(0.2558, 4);
    // Tighter, to the 7 digits carried above.
    expect(Math.abs(ci.low - 0.136483)).toBeLessThan(1e-6);
    expect(Math.abs(ci.high - 0.2558006)).toBeLessThan(1e-6);
    // The interval contains p̂ but not the reference 0.33 — consistent with the significant test below.
    expect(ci.low).toBeLessThan(31 / 164);
    expect(ci.high).toBeGreaterThan(31 / 164);
    expect(ci.high).toBeLessThan(0.33);
  });

  it('3 of 10 (small n)', () => {
    // p̂ = 0.3, z²/n = 0.3841459 → denominator 1.3841459
    // centre = (0.3 + 0.1920729)/1.3841459 = 0.4920729/1.3841459 = 0.3555066
    // half = 1.959964 × √(0.3 × 0.7/10 + 3.841459/400)/1.3841459 = 1.959964 × √(0.021 + 0.0096036)/1.3841459
    //      = 1.959964 × 0.1749389/1.3841459 = 0.3428739/1.3841459 = 0.2477153
    // low = 0.3555066 − 0.2477153 = 0.1077913, high = 0.3555066 + 0.2477153 = 0.6032219
    const ci = wilsonInterval(3, 10)!;
    expect(ci.low).toBeCloseTo(0.1078, 4);
    expect(ci.high).toBeCloseTo(0.6032, 4);
  });

  it('0 of 0 → null (no interval for an empty group)', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('10 of 10 → high is exactly 1; low = 1/(1 + z²/n)', () => {
    // p̂ = 1: centre = (1 + z²/20)/(1 + z²/10), half = z·√(z²/400)/(1 + z²/10) = (z²/20)/(1 + z²/10)
    // high = (1 + z²/20 + z²/20)/(1 + z²/10) = 1
    // low = 1/(1 + z²/10) = 1/1.3841459 = 0.7224672
    const ci = wilsonInterval(10, 10)!;
    expect(ci.high).toBe(1);
    expect(ci.low).toBeCloseTo(0.7224672, 7);
  });

  it('0 of 10 → low is exactly 0; high = (z²/10)/(1 + z²/10)', () => {
    // mirror image of 10 of 10: high = 1 − 0.7224672 = 0.2775328
    const ci = wilsonInterval(0, 10)!;
    expect(ci.low).toBe(0);
    expect(ci.high).toBeCloseTo(0.2775328, 7);
  });

  it('stays within [0, 1] and is symmetric under successes ↔ failures', () => {
    for (const n of [1, 2, 5, 17, 100, 5000]) {
      for (let s = 0; s <= n; s += Math.max(1, Math.floor(n / 7))) {
        const a = wilsonInterval(s, n)!;
        const b = wilsonInterval(n - s, n)!;
        expect(a.low).toBeGreaterThanOrEqual(0);
        expect(a.high).toBeLessThanOrEqual(1);
        expect(a.low).toBeLessThanOrEqual(s / n);
        expect(a.high).toBeGreaterThanOrEqual(s / n);
        // [low, high] for s equals [1 − high, 1 − low] for n − s
        expect(a.low).toBeCloseTo(1 - b.high, 12);
        expect(a.high).toBeCloseTo(1 - b.low, 12);
      }
    }
  });

  it('a larger z gives a wider interval', () => {
    const ci95 = wilsonInterval(31, 164)!;
    const ci99 = wilsonInterval(31, 164, 2.5758293035489)!; // z for 99 %
    expect(ci99.low).toBeLessThan(ci95.low);
    expect(ci99.high).toBeGreaterThan(ci95.high);
  });

  it('throws RangeError on bad counts or z', () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(2.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(2, 10, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(2, 10, -1.96)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// normalCdf and the z constants (thin wrappers over @stdlib)
// ---------------------------------------------------------------------------------------------------------

describe('normalCdf, Z_95 and Z_998', () => {
  it('known values of Φ', () => {
    // Φ(0) = 1/2 by symmetry
    expect(normalCdf(0)).toBe(0.5);
    // Φ(−3) = 0.0013498980316301 (R: pnorm(-3) = 0.001349898031630095)
    expect(Math.abs(normalCdf(-3) - 0.0013498980316301)).toBeLessThan(1e-10);
    // Φ(1) = 0.8413447460685429 (R: pnorm(1)); Φ(−1.5) = 0.0668072012688581 (R: pnorm(-1.5))
    expect(Math.abs(normalCdf(1) - 0.8413447460685429)).toBeLessThan(1e-12);
    expect(Math.abs(normalCdf(-1.5) - 0.0668072012688581)).toBeLessThan(1e-12);
  });

  it('keeps relative precision deep in the lower tail', () => {
    // Φ(−5) = 2.866515718791939e-7 (R: pnorm(-5)); Φ(−8) = 6.220960574271784e-16 (R: pnorm(-8))
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.220960574271784e-16).toBeCloseTo(1, 12);
  });

  it('Z_95 = Φ⁻¹(0.975) and Z_998 = Φ⁻¹(0.999) (R: qnorm(0.975), qnorm(0.999))', () => {
    expect(Z_95).toBeCloseTo(1.959963984540054, 14);
    expect(Z_998).toBeCloseTo(3.090232306167813, 14);
    expect(Math.abs(normalCdf(Z_95) - 0.975)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(Z_998) - 0.999)).toBeLessThan(1e-15);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Exact binomial test
// ---------------------------------------------------------------------------------------------------------

describe('binomialTwoSidedPValue', () => {
  it('3 of 10 vs 0.5 = 0.34375 (R: binom.test(3, 10, 0.5)$p.value)', () => {
    // Under p = 0.5 every outcome has probability C(10,k)/1024. P(3) = 120/1024.
    // Outcomes no more likely than P(3): k = 0,1,2,3 and (by symmetry) 7,8,9,10.
    // (C(10,0) + C(10,1) + C(10,2) + C(10,3)) × 2 / 1024 = (1 + 10 + 45 + 120) × 2 / 1024 = 352/1024 = 0.34375
    expect(binomialTwoSidedPValue(3, 10, 0.5)).toBeCloseTo(0.34375, 12);
  });

  it('1 of 20 vs 0.3 ≈ 0.012775 (R: binom.test(1, 20, 0.3)$p.value = 0.01277542)', () => {
    // P(0) = 0.7^20 = 0.00079792; P(1) = 20 × 0.3 × 0.7^19 = 6 × 0.00113989 = 0.00683934
    // lower tail P(X ≤ 1) = 0.00763726
    // upper side (mean 6): P(11) = C(20,11) 0.3^11 0.7^9 = 167 960 × 1.77147e-6 × 0.0403536 = 0.0120067 > P(1)
    //   so only k ≥ 12 count: P(12) = 125 970 × 5.31441e-7 × 0.0576480 = 0.0038593
    //   P(13) = 0.0010178, P(14) = 0.0002181, P(15) = 0.0000374, P(16) = 0.0000050, P(17..20) = 0.0000005
    //   upper tail = 0.0038593 + 0.0010178 + 0.0002181 + 0.0000374 + 0.0000050 + 0.0000005 = 0.0051382
    // p = 0.0076373 + 0.0051382 = 0.0127755 ≈ 0.012775 (exact rational arithmetic: 0.012775421309321414)
    expect(binomialTwoSidedPValue(1, 20, 0.3)).toBeCloseTo(0.0127754213, 9);
  });

  it('is 1 when the count is the expected one or the most likely one', () => {
    // n·p = 10 × 0.5 = 5 = x → 1 by definition
    expect(binomialTwoSidedPValue(5, 10, 0.5)).toBe(1);
    // 3 of 10 vs 0.33: mode is ⌊11 × 0.33⌋ = 3, so every outcome is ≤ P(3) → sum = 1
    expect(binomialTwoSidedPValue(3, 10, 0.33)).toBeCloseTo(1, 12);
  });

  it('degenerate references: p0 = 0 or 1 allow only one outcome', () => {
    expect(binomialTwoSidedPValue(0, 10, 0)).toBe(1); // P(X = 0) = 1
    expect(binomialTwoSidedPValue(1, 10, 0)).toBe(0); // impossible outcome
    expect(binomialTwoSidedPValue(10, 10, 1)).toBe(1);
    expect(binomialTwoSidedPValue(9, 10, 1)).toBe(0);
  });

  it('agrees with the brute-force sum (recurrence pmf, no log-gamma) for every x, n ≤ 60, several p', () => {
    for (const n of [1, 2, 5, 10, 13, 29, 40, 60]) {
      for (const p of [0.02, 0.1, 0.25, 0.33, 0.5, 0.71, 0.95]) {
        for (let x = 0; x <= n; x++) {
          expect(Math.abs(binomialTwoSidedPValue(x, n, p) - bruteForceTwoSidedP(x, n, p))).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('works for n = 100 000 (log space), matching the brute-force sum', () => {
    // n·p = 4: the recurrence from P(0) = e^(100 000·ln(1 − 0.00004)) ≈ e^−4 is exact enough to compare with.
    // Independent 40-digit check (mpmath): 9 of 100 000 vs 0.00004 → 0.021361052881420554
    const p = binomialTwoSidedPValue(9, 100000, 0.00004);
    expect(p / bruteForceTwoSidedP(9, 100000, 0.00004)).toBeCloseTo(1, 8);
    expect(p / 0.021361052881420554).toBeCloseTo(1, 8);
    // 49 000 of 100 000 vs 0.5: 1 000 below the mean, sd = √25 000 = 158.1 → |z| ≈ 6.32, so p is tiny but
    // positive; 40-digit value 2.588716038346898e-10 (normal approx. with continuity: 2·Φ(−999.5/158.11) = 2.59e-10)
    const big = binomialTwoSidedPValue(49000, 100000, 0.5);
    expect(big / 2.588716038346898e-10).toBeCloseTo(1, 6);
    expect(binomialTwoSidedPValue(50000, 100000, 0.5)).toBe(1); // x = n·p
  });

  it('throws on bad input', () => {
    expect(() => binomialTwoSidedPValue(11, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialTwoSidedPValue(3, 10, 1.5)).toThrow(RangeError);
    expect(() => binomialTwoSidedPValue(3, 10, Number.NaN)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// oneSampleProportionTest / isSignificant
// ---------------------------------------------------------------------------------------------------------

describe('oneSampleProportionTest', () => {
  it('Uppsala 2017: 31 of 164 vs rikssnitt 33 % → score z-test, z ≈ −3.84, p < 0.001', () => {
    // n = 164 ≥ 30, n·p0 = 54.12 ≥ 5, n·(1 − p0) = 109.88 ≥ 5 → normal approximation
    // z = (0.1890244 − 0.33)/√(0.33 × 0.67/164) = −0.1409756/√(0.2211/164) = −0.1409756/√0.00134817
    //   = −0.1409756/0.0367174 = −3.83947
    // p = 2·Φ(−3.83947) = 2 × 0.00006165 = 0.0001233 (R: 2*pnorm(-3.839472) = 0.000123299)
    const t = oneSampleProportionTest(31, 164, 0.33);
    expect(t.method).toBe('score z-test');
    expect(t.z).toBeCloseTo(-3.83947, 5);
    expect(t.pValue).toBeLessThan(0.001);
    expect(t.pValue).toBeCloseTo(0.000123299, 9);
    expect(isSignificant(t.pValue)).toBe(true);
  });

  it('3 of 10 vs 0.33 → exact binomial (n < 30), p ≈ 1, not significant', () => {
    // n = 10 < 30 → exact. 3 is the most likely count (mode ⌊11 × 0.33⌋ = 3), so p = 1.
    // z = (0.3 − 0.33)/√(0.33 × 0.67/10) = −0.03/√0.02211 = −0.03/0.148694 = −0.20176
    const t = oneSampleProportionTest(3, 10, 0.33);
    expect(t.method).toBe('exact binomial');
    expect(t.pValue).toBeCloseTo(1, 10);
    expect(t.z).toBeCloseTo(-0.20176, 5);
    expect(isSignificant(t.pValue)).toBe(false);
  });

  it('3 of 10 vs 0.5 → exact binomial p = 0.34375 (see derivation above)', () => {
    const t = oneSampleProportionTest(3, 10, 0.5);
    expect(t.method).toBe('exact binomial');
    expect(t.pValue).toBeCloseTo(0.34375, 12);
    // z = (0.3 − 0.5)/√(0.25/10) = −0.2/0.158114 = −1.264911
    expect(t.z).toBeCloseTo(-1.264911, 6);
  });

  it('chooses the method at the documented thresholds', () => {
    // n = 29 < 30 → exact; n = 30 with n·p0 = 15 and n·(1−p0) = 15 → score
    expect(oneSampleProportionTest(10, 29, 0.5).method).toBe('exact binomial');
    expect(oneSampleProportionTest(10, 30, 0.5).method).toBe('score z-test');
    // n = 100: n·p0 = 100 × 0.04 = 4 < 5 → exact; 100 × 0.05 = 5 (not < 5) → score
    expect(oneSampleProportionTest(3, 100, 0.04).method).toBe('exact binomial');
    expect(oneSampleProportionTest(3, 100, 0.05).method).toBe('score z-test');
    // n·(1 − p0) = 100 × 0.04 = 4 < 5 → exact
    expect(oneSampleProportionTest(97, 100, 0.96).method).toBe('exact binomial');
  });

  it('score test p-value is 2·Φ(−|z|) and z = 0 at the reference', () => {
    // 50 of 100 vs 0.5: z = 0 → p = 2·Φ(0) = 1
    const even = oneSampleProportionTest(50, 100, 0.5);
    expect(even.z).toBe(0);
    expect(even.pValue).toBeCloseTo(1, 15);
    // 60 of 100 vs 0.5: z = 0.1/√(0.25/100) = 0.1/0.05 = 2 → p = 2·Φ(−2) = 2 × 0.0227501 = 0.0455003
    const up = oneSampleProportionTest(60, 100, 0.5);
    expect(up.z).toBeCloseTo(2, 12);
    expect(up.pValue).toBeCloseTo(0.04550026, 8);
    expect(up.pValue).toBeCloseTo(2 * normalCdf(-2), 15);
  });

  it('large n with a small reference uses the exact test in log space (n = 100 000)', () => {
    // n·p0 = 100 000 × 0.00004 = 4 < 5 → exact; value as in the binomialTwoSidedPValue test
    const t = oneSampleProportionTest(9, 100000, 0.00004);
    expect(t.method).toBe('exact binomial');
    expect(t.pValue / 0.021361052881420554).toBeCloseTo(1, 8);
  });

  it('reference of 0: z is 0 at 0 of n and +∞ otherwise', () => {
    expect(oneSampleProportionTest(0, 10, 0)).toEqual({ z: 0, pValue: 1, method: 'exact binomial' });
    expect(oneSampleProportionTest(1, 10, 0)).toEqual({ z: Infinity, pValue: 0, method: 'exact binomial' });
  });

  it('throws RangeError on bad input', () => {
    expect(() => oneSampleProportionTest(0, 0, 0.33)).toThrow(RangeError); // n = 0: nothing to test
    expect(() => oneSampleProportionTest(-1, 10, 0.33)).toThrow(RangeError);
    expect(() => oneSampleProportionTest(11, 10, 0.33)).toThrow(RangeError);
    expect(() => oneSampleProportionTest(1.5, 10, 0.33)).toThrow(RangeError);
    expect(() => oneSampleProportionTest(3, 10, 33)).toThrow(RangeError); // a percentage, not a fraction
    expect(() => oneSampleProportionTest(3, 10, -0.1)).toThrow(RangeError);
  });
});

describe('isSignificant', () => {
  it('is p < alpha, strictly', () => {
    expect(isSignificant(0.049)).toBe(true); // 0.049 < 0.05
    expect(isSignificant(0.05)).toBe(false); // 0.05 is not < 0.05
    expect(isSignificant(0.34375)).toBe(false);
    expect(isSignificant(0.009, 0.01)).toBe(true);
    expect(isSignificant(0.01, 0.01)).toBe(false);
  });

  it('throws on impossible p-values or alpha', () => {
    expect(() => isSignificant(-0.1)).toThrow(RangeError);
    expect(() => isSignificant(1.1)).toThrow(RangeError);
    expect(() => isSignificant(Number.NaN)).toThrow(RangeError);
    expect(() => isSignificant(0.01, 0)).toThrow(RangeError);
    expect(() => isSignificant(0.01, 1)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// rankDescending
// ---------------------------------------------------------------------------------------------------------

describe('rankDescending', () => {
  it('ties share the lowest rank; percentile by the mid-rank formula', () => {
    const items = [
      { id: 'a', v: 0.5 },
      { id: 'b', v: 0.3 },
      { id: 'c', v: 0.5 },
      { id: 'd', v: 0.1 },
    ];
    const ranked = rankDescending(items, (i) => i.v);
    // Output in rank order; equal values keep input order (a before c).
    expect(ranked.map((r) => r.item.id)).toEqual(['a', 'c', 'b', 'd']);
    // Ranks in input order: a = 1 (none higher), b = 3 (two higher), c = 1, d = 4 (three higher) → [1, 3, 1, 4]
    const rankOf = new Map(ranked.map((r) => [r.item.id, r]));
    expect(items.map((i) => rankOf.get(i.id)!.rank)).toEqual([1, 3, 1, 4]);
    // percentile = 100 × (below + 0.5 × (equal − 1)) / (count − 1), count = 4
    // a, c: below = 2 (0.3, 0.1), equal = 2 → 100 × (2 + 0.5)/3 = 83.333…
    expect(rankOf.get('a')!.percentile).toBeCloseTo(250 / 3, 12);
    expect(rankOf.get('c')!.percentile).toBeCloseTo(250 / 3, 12);
    // b: below = 1, equal = 1 → 100 × 1/3 = 33.333…
    expect(rankOf.get('b')!.percentile).toBeCloseTo(100 / 3, 12);
    // d: below = 0, equal = 1 → 0
    expect(rankOf.get('d')!.percentile).toBe(0);
  });

  it('competition ranking 1, 2, 2, 4 with distinct top gives 100', () => {
    const ranked = rankDescending([9, 7, 7, 1], (x) => x);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    // 9: below = 3, equal = 1 → 100 × 3/3 = 100; 7: below 1, equal 2 → 100 × 1.5/3 = 50; 1: 0
    expect(ranked.map((r) => r.percentile)).toEqual([100, 50, 50, 0]);
  });

  it('a single entry gets rank 1 and percentile 50; all equal get 50', () => {
    expect(rankDescending([0.4], (x) => x)).toEqual([{ item: 0.4, rank: 1, percentile: 50 }]);
    // three equal: below = 0, equal = 3 → 100 × (0 + 0.5 × 2)/2 = 50 each
    expect(rankDescending([2, 2, 2], (x) => x).map((r) => [r.rank, r.percentile])).toEqual([
      [1, 50],
      [1, 50],
      [1, 50],
    ]);
  });

  it('empty input gives an empty list; input is not mutated', () => {
    expect(rankDescending([], (x: number) => x)).toEqual([]);
    const input = [1, 3, 2];
    rankDescending(input, (x) => x);
    expect(input).toEqual([1, 3, 2]);
  });

  it('handles negative values and throws on NaN', () => {
    expect(rankDescending([-1, 0, -2], (x) => x).map((r) => r.item)).toEqual([0, -1, -2]);
    expect(() => rankDescending([1, Number.NaN], (x) => x)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// differencePp / ratio / mean / pooledShare
// ---------------------------------------------------------------------------------------------------------

describe('differencePp and ratio', () => {
  it('difference in percentage points, rounded to 1e-10', () => {
    // (31/164 − 0.33) × 100 = (0.189024390243902 − 0.33) × 100 = −14.0975609756098 → −14.0975609756
    expect(differencePp(31 / 164, 0.33)).toBe(-14.0975609756);
    // 0.3 − 0.1 = 0.19999999999999998 in doubles; × 100 = 19.999999999999996 → rounds to 20
    expect(differencePp(0.3, 0.1)).toBe(20);
    // 0.1 + 0.2 − 0.3 = 5.55e-17 → 5.55e-15 pp → 0, and never −0
    expect(Object.is(differencePp(0.1 + 0.2, 0.3), 0)).toBe(true);
    expect(Object.is(differencePp(0.3, 0.1 + 0.2), 0)).toBe(true);
  });

  it('ratio is value / reference; null for a zero reference', () => {
    // 0.189024390243902 / 0.33 = 0.572801182557279
    expect(ratio(31 / 164, 0.33)).toBeCloseTo(0.5728011826, 10);
    expect(ratio(0.5, 0.25)).toBe(2); // 0.5 / 0.25 = 2
    expect(ratio(0.5, 0)).toBeNull();
  });

  it('throw on non-finite input', () => {
    expect(() => differencePp(Number.NaN, 0.3)).toThrow(RangeError);
    expect(() => ratio(0.3, Infinity)).toThrow(RangeError);
  });
});

describe('mean', () => {
  it('is the arithmetic mean; null when empty', () => {
    expect(mean([0.2, 0.4, 0.9])).toBeCloseTo(0.5, 15); // (0.2 + 0.4 + 0.9)/3 = 1.5/3 = 0.5
    expect(mean([0.33])).toBe(0.33);
    expect(mean([])).toBeNull();
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('pooledShare', () => {
  it('sums numerators and denominators', () => {
    // (31 + 10)/(164 + 50) = 41/214 = 0.191588785…
    expect(pooledShare([
      { numerator: 31, denominator: 164 },
      { numerator: 10, denominator: 50 },
    ])).toEqual({ numerator: 41, denominator: 214, value: 41 / 214 });
    // pooled ≠ mean of shares: mean(31/164, 10/50) = (0.189024 + 0.2)/2 = 0.194512
    expect(41 / 214).not.toBeCloseTo((31 / 164 + 0.2) / 2, 3);
  });

  it('empty or all-zero input has no value', () => {
    expect(pooledShare([])).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(pooledShare([{ numerator: 0, denominator: 0 }])).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('rejects a bad part even when the totals would look fine', () => {
    // 5/3 is impossible although (5 + 0)/(3 + 10) = 5/13 would pass
    expect(() => pooledShare([{ numerator: 5, denominator: 3 }, { numerator: 0, denominator: 10 }])).toThrow(RangeError);
    expect(() => pooledShare([{ numerator: -1, denominator: 3 }])).toThrow(RangeError);
    expect(() => pooledShare([{ numerator: 1, denominator: 3.5 }])).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// allocationSplit
// ---------------------------------------------------------------------------------------------------------

describe('allocationSplit', () => {
  it('the rule is 50/25/25', () => {
    expect(FINSAM_RULE).toEqual({ state: 0.5, region: 0.25, municipalities: 0.25 });
  });

  it('Uppsala 2017 (Not 2) follows the rule', () => {
    // municipalities: 640 634 + 206 232 = 846 866; + 308 876 = 1 155 742; + 258 334 = 1 414 076;
    //   + 310 435 = 1 724 511; + 3 205 058 = 4 929 569; + 140 435 = 5 070 004; + 326 288 = 5 396 292
    const municipalities = [640634, 206232, 308876, 258334, 310435, 3205058, 140435, 326288].reduce((a, b) => a + b, 0);
    expect(municipalities).toBe(5396292);
    // total = 10 792 585 + 5 396 293 + 5 396 292 = 21 585 170
    const split = allocationSplit({ state: 10792585, region: 5396293, municipalities });
    // state: 10 792 585 / 21 585 170 = 0.5 exactly (2 × 10 792 585 = 21 585 170)
    expect(split.stateShare).toBe(0.5);
    // region: 5 396 293 = 21 585 170/4 + 0.5 → 0.25 + 0.5/21 585 170 = 0.25 + 2.3164e-8
    expect(split.regionShare).toBeCloseTo(0.2500000232, 10);
    // municipalities: 0.25 − 0.5/21 585 170 = 0.25 − 2.3164e-8
    expect(split.municipalitiesShare).toBeCloseTo(0.2499999768, 10);
    // deviations in pp: 0, +2.3164e-6, −2.3164e-6 (× 100) → all well within 0.5
    expect(split.deviationPp.state).toBe(0);
    expect(split.deviationPp.region).toBeCloseTo(0.0000023164, 10);
    expect(split.deviationPp.municipalities).toBeCloseTo(-0.0000023164, 10);
    expect(split.followsRule).toBe(true);
  });

  it('Jämtland 2017 follows the rule', () => {
    // total = 4 317 690 + 2 158 845 + 2 158 846 = 8 635 381; half = 4 317 690.5, quarter = 2 158 845.25
    // state: (4 317 690 − 4 317 690.5)/8 635 381 = −0.5/8 635 381 = −5.790e-8 → −5.790e-6 pp
    // region: −0.25/8 635 381 = −2.895e-8 → −2.895e-6 pp; municipalities: +0.75/8 635 381 = +8.685e-8 → +8.685e-6 pp
    const split = allocationSplit({ state: 4317690, region: 2158845, municipalities: 2158846 });
    expect(split.deviationPp.state).toBeCloseTo(-0.00000579, 8);
    expect(split.deviationPp.region).toBeCloseTo(-0.000002895, 9);
    expect(split.deviationPp.municipalities).toBeCloseTo(0.0000086852, 10);
    // shares add up to 1
    expect(split.stateShare + split.regionShare + split.municipalitiesShare).toBeCloseTo(1, 15);
    expect(split.followsRule).toBe(true);
  });

  it('60/20/20 does not follow the rule', () => {
    // total 100: state 0.60 → +10 pp, region 0.20 → −5 pp, municipalities 0.20 → −5 pp
    const split = allocationSplit({ state: 60, region: 20, municipalities: 20 });
    expect(split.stateShare).toBeCloseTo(0.6, 15);
    expect(split.deviationPp).toEqual({ state: 10, region: -5, municipalities: -5 });
    expect(split.followsRule).toBe(false);
  });

  it('the tolerance is inclusive at 0.5 pp and can be changed', () => {
    // 505/247.5/247.5 of 1 000: +0.5, −0.25, −0.25 pp → exactly at the limit → follows
    expect(allocationSplit({ state: 505, region: 247.5, municipalities: 247.5 }).followsRule).toBe(true);
    // 506/247/247: +0.6, −0.3, −0.3 pp → state beyond 0.5 → does not follow
    expect(allocationSplit({ state: 506, region: 247, municipalities: 247 }).followsRule).toBe(false);
    // …but does with a 1 pp tolerance
    expect(allocationSplit({ state: 506, region: 247, municipalities: 247 }, 1).followsRule).toBe(true);
    // and exact 50/25/25 follows even with tolerance 0
    expect(allocationSplit({ state: 2, region: 1, municipalities: 1 }, 0).followsRule).toBe(true);
  });

  it('throws on negative, non-finite or all-zero amounts and a bad tolerance', () => {
    expect(() => allocationSplit({ state: -1, region: 1, municipalities: 1 })).toThrow(RangeError);
    expect(() => allocationSplit({ state: Number.NaN, region: 1, municipalities: 1 })).toThrow(RangeError);
    expect(() => allocationSplit({ state: 0, region: 0, municipalities: 0 })).toThrow(RangeError);
    expect(() => allocationSplit({ state: 2, region: 1, municipalities: 1 }, -0.5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// bandFor
// ---------------------------------------------------------------------------------------------------------

describe('bandFor', () => {
  const bands = [
    { key: 'small', minAllocationSek: 0, maxAllocationSek: 10_000_000 },
    { key: 'medium', minAllocationSek: 10_000_000, maxAllocationSek: 20_000_000 },
    { key: 'large', minAllocationSek: 20_000_000, maxAllocationSek: null },
  ];

  it('picks the band whose [min, max) contains the allocation', () => {
    expect(bandFor(bands, 0)?.key).toBe('small'); // 0 ≥ 0 and 0 < 10 M
    expect(bandFor(bands, 9_999_999.99)?.key).toBe('small'); // just below 10 M
    expect(bandFor(bands, 10_000_000)?.key).toBe('medium'); // min is inclusive, max exclusive
    expect(bandFor(bands, 8_635_381)?.key).toBe('small'); // Jämtland 2017 total
    expect(bandFor(bands, 21_585_170)?.key).toBe('large'); // Uppsala 2017 total ≥ 20 M, open band
    expect(bandFor(bands, 1e12)?.key).toBe('large'); // max null = no upper bound
  });

  it('returns the band object itself (generic type kept)', () => {
    expect(bandFor(bands, 15_000_000)).toBe(bands[1]);
  });

  it('is null below every band, in a gap, or with no bands', () => {
    expect(bandFor(bands, -1)).toBeNull();
    const gappy = [
      { minAllocationSek: 0, maxAllocationSek: 5 },
      { minAllocationSek: 10, maxAllocationSek: 20 },
    ];
    expect(bandFor(gappy, 7)).toBeNull();
    expect(bandFor(gappy, 20)).toBeNull(); // 20 is not < 20
    expect(bandFor([], 5)).toBeNull();
  });
});
