import { equityBandFor, fromOre, goalAttainment, perCapitaSek, sumSek, toOre, utilisation } from '../../src/compare/financial/money';

describe('exact kronor', () => {
  it('converts between decimal strings and öre without floating point', () => {
    expect(toOre('8635000')).toBe(863500000n);
    expect(toOre('-2884369.5')).toBe(-288436950n);
    expect(fromOre(863500000n)).toBe('8635000');
    expect(fromOre(-288436950n)).toBe('-2884369.5');
    expect(fromOre(1205n)).toBe('12.05');
  });

  it('sums the Uppsala 2017 municipalities exactly (004, Not 2)', () => {
    // 640 634 + 206 232 + 308 876 + 258 334 + 310 435 + 3 205 058 + 140 435 + 326 288 = 5 396 292
    expect(sumSek(['640634', '206232', '308876', '258334', '310435', '3205058', '140435', '326288'])).toBe('5396292');
  });

  it('divides per participant rounding half away from zero to the öre', () => {
    // 18 042 335 kr / 196 = 92 052.729… → 92 052.73
    expect(perCapitaSek('18042335', 196)).toBe('92052.73');
    // -4 102 000 / 84 = -48 833.333… → -48 833.33
    expect(perCapitaSek('-4102000', 84)).toBe('-48833.33');
    // 1 / 8 = 0.125 → 0.13 (half away from zero)
    expect(perCapitaSek('1', 8)).toBe('0.13');
    expect(perCapitaSek('100', 0)).toBeNull();
  });
});

describe('equityBandFor', () => {
  const bands = [
    { effectiveFrom: '2013-10-02', minAllocationSek: '0', maxAllocationSek: '10000000', maxEquityShare: 0.3 },
    { effectiveFrom: '2013-10-02', minAllocationSek: '10000000', maxAllocationSek: null, maxEquityShare: 0.2 },
    { effectiveFrom: '2020-01-01', minAllocationSek: '0', maxAllocationSek: null, maxEquityShare: 0.1 },
  ];
  it('picks the band of the latest version in force whose range holds the allocation', () => {
    expect(equityBandFor(bands, '8635000', '2017-12-31')?.maxEquityShare).toBe(0.3);
    expect(equityBandFor(bands, '21585170', '2017-12-31')?.maxEquityShare).toBe(0.2);
    expect(equityBandFor(bands, '21585170', '2021-12-31')?.maxEquityShare).toBe(0.1);
    expect(equityBandFor(bands, '8635000', '2012-12-31')).toBeNull();
    expect(equityBandFor([], '8635000', '2017-12-31')).toBeNull();
  });
});

describe('goalAttainment', () => {
  it('counts statuses and shares among goals with a status (Jämtland 2017: 3 met, 1 partly)', () => {
    expect(goalAttainment(['MET', 'PARTLY_MET', 'MET', 'MET'])).toEqual({
      met: 3, partlyMet: 1, notMet: 0, notStated: 0, total: 4, shareMet: 0.75, shareMetOrPartly: 1,
    });
    expect(goalAttainment(['NOT_STATED']).shareMet).toBeNull();
  });
});

describe('utilisation', () => {
  it('is spent / budget with the printed signs (Uppsala 2017 samverkansinsatser: 20 845 / 25 894 tkr = 0.805…)', () => {
    expect(utilisation('20845000', '25894000')).toBeCloseTo(0.80501, 5);
    expect(utilisation('-18042335', '-19283000')).toBeCloseTo(0.93566, 5);
    expect(utilisation('1', '0')).toBeNull();
  });
});
