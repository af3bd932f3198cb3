/**
 * comparisonPreview: what nationalComparison would say of a förbund's share once stored, before it is. Expected
 * values from tests/fixtures/comparison-methods.json (its "preview" cases, computed by comparison_methods.py on scipy).
 */
import fixture from '../fixtures/comparison-methods.json';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

const FIELDS = `
  year rank percentile differencePp smallNumbers significantlyDifferent
  value { numerator denominator value }
  ci95 { low high } ci998 { low high }
  outcome { at95 at998 benchmark method }
  funnel { position lower95 upper95 lower998 upper998 }
  reference { year value isFallback }`;

const preview = (slug: string, year: number, numerator: number, denominator: number, measure = 'to_work_or_studies') =>
  `{ comparisonPreview(measure: "${measure}", year: ${year}, forbund: "${slug}", numerator: ${numerator}, denominator: ${denominator}) {
      ${FIELDS} forbundCompared current { value { numerator denominator } ci95 { low high } }
    } }`;

function expectCase(p: any, c: (typeof fixture.preview)[number]): void {
  expect(p.value).toEqual({ numerator: c.numerator, denominator: c.denominator, value: c.numerator / c.denominator });
  expect(p.ci95.low).toBeCloseTo(c.low95, 10);
  expect(p.ci95.high).toBeCloseTo(c.high95, 10);
  expect(p.ci998.low).toBeCloseTo(c.low998, 10);
  expect(p.ci998.high).toBeCloseTo(c.high998, 10);
  expect([p.outcome.at95, p.outcome.at998, p.outcome.benchmark]).toEqual([c.at95, c.at998, c.reference]);
  expect(p.funnel.position).toBe(c.funnel.position);
  for (const limit of ['lower95', 'upper95', 'lower998', 'upper998'] as const) expect(p.funnel[limit]).toBeCloseTo(c.funnel[limit], 10);
}

describe.each(backends)('comparisonPreview on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('previews Uppsala 2017 as stored exactly as nationalComparison gives it: 31 of 164 against 31 %, worse at both levels, below the 99.8 % limit', async () => {
    const [{ data, errors }, stored] = await Promise.all([
      t.query(preview('uppsala', 2017, 31, 164)),
      t.query(`{ nationalComparison(measure: "to_work_or_studies", year: 2017) { entries { ${FIELDS} } } }`),
    ]);
    expect(errors).toBeUndefined();
    const p = data.comparisonPreview;
    expectCase(p, fixture.preview[0]);
    expect(p.reference).toEqual({ year: 2017, value: 0.31, isFallback: false });
    const { value: _v, ...entry } = stored.data.nationalComparison.entries[0];
    const { value: _p, forbundCompared, current, ...previewed } = p;
    expect(previewed).toEqual(entry);
    expect(forbundCompared).toBe(1);
    expect(current.value).toEqual({ numerator: 31, denominator: 164 });
  });

  it('previews another figure for Uppsala without storing it: 54 of 164 is similar to 31 % at both levels, inside the funnel', async () => {
    const { data, errors } = await t.query(preview('uppsala', 2017, 54, 164));
    expect(errors).toBeUndefined();
    expectCase(data.comparisonPreview, fixture.preview[1]);
    expect(data.comparisonPreview.differencePp).toBeCloseTo((54 / 164 - 0.31) * 100, 10);
    expect(data.comparisonPreview.current.value).toEqual({ numerator: 31, denominator: 164 });
    const after = await t.query('{ forbund(slug: "uppsala") { benchmark(measure: "to_work_or_studies", year: 2017) { value { numerator denominator } } } }');
    expect(after.data.forbund.benchmark.value).toEqual({ numerator: 31, denominator: 164 });
  });

  it("previews a förbund's first figure of a year with no rikssnitt yet against the latest published (2020's 28 %)", async () => {
    const stored = await t.query('{ nationalComparison(measure: "to_work_or_studies", year: 2024) { entries { forbund { slug } } } }');
    const { data, errors } = await t.query(preview('falun', 2024, 9, 60));
    expect(errors).toBeUndefined();
    const p = data.comparisonPreview;
    expectCase(p, fixture.preview[2]);
    expect(p.reference).toEqual({ year: 2020, value: 0.28, isFallback: true });
    expect(p.current).toBeNull();
    expect(p.forbundCompared).toBe(stored.data.nationalComparison.entries.length + 1);
    expect(p.smallNumbers).toBe(false);
  });

  it('refuses what cannot be a share, an unknown förbund and a measure that is not one, each with its code', async () => {
    const codeOf = async (query: string) => {
      const { errors } = await t.query(query);
      return [errors?.[0].extensions?.code, errors?.[0].message];
    };
    expect(await codeOf(preview('uppsala', 2017, 165, 164))).toEqual(['BAD_USER_INPUT', 'numerator 165 is larger than its denominator 164']);
    expect((await codeOf(preview('uppsala', 2017, 0, 0)))[0]).toBe('BAD_USER_INPUT');
    expect((await codeOf(preview('uppsala', 2017, -1, 10)))[0]).toBe('BAD_USER_INPUT');
    expect((await codeOf(preview('uppsala', 2017, 1, 2_000_000)))[0]).toBe('BAD_USER_INPUT');
    const [code, message] = await codeOf(preview('nowhere', 2017, 1, 2));
    expect(code).toBe('UNKNOWN_FORBUND');
    expect(message).toMatch(/Unknown förbund "nowhere". Valid förbund slugs: .*uppsala/);
    expect((await codeOf(preview('uppsala', 2017, 1, 2, 'no_such_measure')))[0]).toBe('UNKNOWN_MEASURE');
    expect((await codeOf(preview('uppsala', 2017, 1, 2, 'participants_ended')))[0]).toBe('BAD_USER_INPUT');
  });
});
