import { allocationBand, chooseReference, compare } from '../../src/compare/stats/comparison';
import { compareYear } from '../../src/compare/stats/worker';

describe('chooseReference', () => {
  // Rikssnitt "to work or studies" published for 2013, 2016, 2019, 2020 (finsam-facts.md; 2017's left out here to show the fallback).
  const refs = [2013, 2016, 2019, 2020].map((year, i) => ({ year, value: [0.31, 0.33, 0.31, 0.28][i] }));

  it("uses the year's own rikssnitt when published", () => {
    expect(chooseReference(refs, 2016)).toEqual({ reference: { year: 2016, value: 0.33 }, isFallback: false });
  });

  it('falls back to the latest earlier year, as Uppsala\'s own report for 2017 does with 2016', () => {
    expect(chooseReference(refs, 2017)).toEqual({ reference: { year: 2016, value: 0.33 }, isFallback: true });
    expect(chooseReference(refs, 2024)).toEqual({ reference: { year: 2020, value: 0.28 }, isFallback: true });
  });

  it('never uses a later year', () => {
    expect(chooseReference(refs, 2012)).toBeNull();
  });
});

describe('allocationBand', () => {
  it('groups by allocation size; bounds belong to the upper band', () => {
    expect(allocationBand(8_635_000).key).toBe('under-10-mkr'); // Jämtland 2017
    expect(allocationBand(21_585_170).key).toBe('20-40-mkr'); // Uppsala 2017
    expect(allocationBand(10_000_000).key).toBe('10-20-mkr');
    expect(allocationBand(55_000_000).key).toBe('40-mkr-and-over');
  });
});

describe('compare', () => {
  // Uppsala 2017: 31 of 164; a synthetic peer 10 of 20; Jämtland-like 78 % with no counts. Reference 0.33.
  const inputs = [
    { key: 'U', figures: { numerator: 31, denominator: 164, statedPercent: 19 }, peerKey: 'A' },
    { key: 'X', figures: { numerator: 10, denominator: 20, statedPercent: null }, peerKey: 'A' },
    { key: 'J', figures: { numerator: null, denominator: 65, statedPercent: 78 }, peerKey: 'B' },
  ];
  const result = compare(inputs, 0.33);
  const entry = (k: string) => result.entries.find((e) => e.key === k)!;

  it('ranks the highest share first and gives mid-rank percentiles', () => {
    // values 0.78 (J), 0.5 (X), 31/164 = 0.18902 (U) → ranks 1, 2, 3; percentiles 100·2/2, 100·1/2, 0.
    expect(['J', 'X', 'U'].map((k) => [entry(k).rank, entry(k).percentile])).toEqual([[1, 100], [2, 50], [3, 0]]);
  });

  it('gives the difference in percentage points and the ratio', () => {
    // (31/164 − 0.33) × 100 = (0.189024 − 0.33) × 100 = −14.0976 pp; ratio 0.189024 / 0.33 = 0.57280.
    expect(entry('U').differencePp).toBeCloseTo(-14.0976, 4);
    expect(entry('U').ratio).toBeCloseTo(0.5728, 4);
    // (0.78 − 0.33) × 100 = 45 pp.
    expect(entry('J').differencePp).toBeCloseTo(45, 10);
  });

  it('tests and bounds only shares with counts', () => {
    // Uppsala: z = (0.18902 − 0.33)/√(0.33·0.67/164) = −0.14098/0.036718 = −3.84 → p ≈ 0.00012 → significant.
    expect(entry('U').test?.method).toBe('score z-test');
    expect(entry('U').test?.z).toBeCloseTo(-3.84, 2);
    expect(entry('U').significantlyDifferent).toBe(true);
    expect(entry('U').ci95!.low).toBeLessThan(31 / 164);
    // X: n = 20 < 30 → exact binomial; 10 of 20 vs 0.33 is not significant at 5 % (p ≈ 0.15).
    expect(entry('X').test?.method).toBe('exact binomial');
    expect(entry('X').significantlyDifferent).toBe(false);
    // J: a printed percentage only: no interval, no test.
    expect([entry('J').ci95, entry('J').test, entry('J').significantlyDifferent]).toEqual([null, null, null]);
  });

  it('keeps pooled (weighted) and the unweighted mean apart', () => {
    // pooled over entries with counts: (31 + 10)/(164 + 20) = 41/184 = 0.222826; J has no counts.
    expect(result.pooled).toMatchObject({ numerator: 41, denominator: 184, count: 2 });
    expect(result.pooled.value).toBeCloseTo(41 / 184, 12);
    // mean of shares: (0.189024 + 0.5 + 0.78)/3 = 0.489675.
    expect(result.meanOfForbund.count).toBe(3);
    expect(result.meanOfForbund.value).toBeCloseTo((31 / 164 + 0.5 + 0.78) / 3, 12);
  });

  it("gives each entry its peer group's mean", () => {
    // group A: (0.189024 + 0.5)/2 = 0.344512; group B: J alone, 0.78.
    expect(entry('U').peerMean).toBeCloseTo((31 / 164 + 0.5) / 2, 12);
    expect(entry('U').peerCount).toBe(2);
    expect(entry('J').peerMean).toBeCloseTo(0.78, 12);
  });

  it('has no differences without a reference', () => {
    const alone = compare(inputs, null);
    expect(alone.entries.every((e) => e.differencePp === null && e.test === null)).toBe(true);
    expect(alone.entries.find((e) => e.key === 'U')!.ci95).not.toBeNull();
  });
});

describe('an approximate figure ("ca 40 av 120")', () => {
  const rules = { polarity: 'HIGH_IS_GOOD' as const, compared: true, comparisonReason: null, smallNumberMinDenominator: 30 };
  const result = compareYear({
    figures: [
      { numerator: 31, denominator: 164, statedPercent: null },
      { numerator: 40, denominator: 120, statedPercent: null },
    ],
    peerKeys: [null, null],
    approximate: [false, true],
    reference: { value: 0.31, year: 2017, isFallback: false },
    rules,
    year: 2017,
  });

  it('is shown and ranked by its value, but given no interval, test or funnel position, and says why', () => {
    const [, approx] = result.comparison.entries;
    expect(approx).toMatchObject({ value: 40 / 120, rank: 1, ci95: null, test: null });
    const analysed = result.analysis.entries[1];
    expect([analysed.outcome.at95, analysed.outcome.at998, analysed.ci998, analysed.funnel]).toEqual(['NOT_COMPARED', 'NOT_COMPARED', null, null]);
    expect(analysed.outcome.reason).toMatch(/approximately/);
  });

  it('is left out of the pooled share, which holds only exact counts', () => {
    expect(result.comparison.pooled).toMatchObject({ numerator: 31, denominator: 164, count: 1 });
  });
});
