import { checkPlausibility } from '../../src/ingest/check/plausibility';
import { AllocationRow, ObservationRow } from '../../src/ingest/format/document';

const units = new Map([
  ['participants_ended', { unit: 'PERSONS' }],
  ['to_work_or_studies', { unit: 'SHARE' }],
  ['staff_fte', { unit: 'FTE' }],
]);
const obs = (o: Partial<ObservationRow>): ObservationRow => ({ forbund: 'a', measure: 'participants_ended', year: 2017, gender: 'ALL', locator: 'p. 1', ...o }) as ObservationRow;
const check = (observations: ObservationRow[], allocations: AllocationRow[] = []) => checkPlausibility({ observations, allocations }, units);

describe('plausibility checks', () => {
  it('rejects counts that are negative or not whole, but not other units', () => {
    const { errors } = check([
      obs({ value: '-3' }),
      obs({ value: '4.5', year: 2018 }),
      obs({ measure: 'to_work_or_studies', numerator: '-1', denominator: '10' }),
      obs({ measure: 'staff_fte', value: '2.5' }),
      obs({ value: '12', year: 2019 }),
    ]);
    expect(errors.map((e) => e.path)).toEqual(['observations.0.value', 'observations.1.value', 'observations.2.numerator']);
    expect(errors[0].reason).toMatch(/whole number of 0 or more, not -3/);
  });

  it('rejects a numerator larger than its denominator', () => {
    const { errors } = check([obs({ measure: 'to_work_or_studies', numerator: '130', denominator: '127' })]);
    expect(errors).toEqual([{ path: 'observations.0.numerator', reason: 'numerator 130 is larger than its denominator 127' }]);
    expect(check([obs({ measure: 'to_work_or_studies', numerator: '127', denominator: '127' })]).errors).toEqual([]);
  });

  it('rejects WOMEN and MEN parts that add up to more than ALL, per field and group', () => {
    const { errors } = check([
      obs({ value: '100' }),
      obs({ gender: 'WOMEN', value: '60' }),
      obs({ gender: 'MEN', value: '50' }),
      // Another year: parts within the total.
      obs({ year: 2018, value: '100' }),
      obs({ year: 2018, gender: 'WOMEN', value: '60' }),
      obs({ year: 2018, gender: 'MEN', value: '40' }),
      // A share: numerators are parts; denominators need not be (a gender's share of everyone).
      obs({ measure: 'to_work_or_studies', numerator: '10', denominator: '50' }),
      obs({ measure: 'to_work_or_studies', gender: 'WOMEN', numerator: '6', denominator: '50' }),
      obs({ measure: 'to_work_or_studies', gender: 'MEN', numerator: '5', denominator: '50' }),
    ]);
    expect(errors).toEqual([
      { path: 'observations.1.value', reason: 'value of WOMEN (60) and MEN (50) add up to 110, more than the ALL total 100 of participants_ended 2017' },
      { path: 'observations.7.numerator', reason: 'numerator of WOMEN (6) and MEN (5) add up to 11, more than the ALL total 10 of to_work_or_studies 2017' },
    ]);
  });

  it('warns when a stated percentage is more than one point from numerator/denominator, tolerating truncation', () => {
    const share = (statedPercent: string) => obs({ measure: 'to_work_or_studies', numerator: '52', denominator: '127', statedPercent });
    // 52/127 = 40.94 %: printed truncated as 40, or rounded as 41, both fine.
    expect(check([share('40'), share('41'), share('41.9')]).warnings).toEqual([]);
    const { errors, warnings } = check([share('38'), share('42')]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      { path: 'observations.0.statedPercent', reason: 'stated 38 % but 52 of 127 is 40.944 %, more than 1 percentage point away' },
      { path: 'observations.1.statedPercent', reason: 'stated 42 % but 52 of 127 is 40.944 %, more than 1 percentage point away' },
    ]);
    expect(check([obs({ measure: 'to_work_or_studies', numerator: '0', denominator: '0', statedPercent: '0' })]).warnings).toEqual([]);
  });

  it('warns when allocation parts do not add up to the total, with the exact difference in kronor', () => {
    const allocation = (totalSek: string, amounts: string[]) =>
      ({ forbund: 'a', year: 2017, kind: 'ACTUAL', locator: 'p. 1', totalSek, parts: amounts.map((amountSek) => ({ party: 'STATE', label: 'x', amountSek, statedUnit: 'KR' })) }) as AllocationRow;
    const { warnings } = check([], [
      allocation('8635000', ['2158845', '4317690', '2158846']),
      // 0.1 + 0.2 is exactly 0.3 here: no float.
      allocation('0.3', ['0.1', '0.2']),
      allocation('100', ['33.33', '33.33', '33.33']),
    ]);
    expect(warnings).toEqual([
      { path: 'allocations.0.parts', reason: 'the parts add up to 8635381 kr, the total is 8635000 kr: a difference of 381 kr' },
      { path: 'allocations.2.parts', reason: 'the parts add up to 99.99 kr, the total is 100.00 kr: a difference of -0.01 kr' },
    ]);
  });
});
