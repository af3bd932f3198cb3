/**
 * The comparison methods over HTTP, on both backends: Uppsala 2017 from the seed documents (one förbund, so the
 * year-wide methods say why they cannot apply), then a synthetic national year (80 förbund from the benchmark's
 * generator: small ones, overdispersed ones, some with a trend) where every method has something to do.
 * Expected numbers come from tests/fixtures/comparison-methods.json (scipy), not from the code under test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { insertSyntheticOutcomes } from '../../scripts/perf/dataset';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/comparison-methods.json'), 'utf8'));
const uppsalaWilson = fixture.wilson.find((w: { numerator: number; denominator: number }) => w.numerator === 31 && w.denominator === 164);
/** Rikssnitt 2017, men and women together: 31 % (finsam.se 2018-03-02, seeds/documents/national-finsam-2018-03-02.json). */
const RIKSSNITT_2017 = 0.31;
const uppsalaLimits = fixture.funnel.find((f: { n: number; theta0: number }) => f.n === 164 && f.theta0 === RIKSSNITT_2017);

const METHODS = `
  forbund { slug } rank value { numerator denominator value }
  ci95 { low high } ci998 { low high }
  outcome { at95 at998 polarity benchmark method methodSv labelSv labelEn reason reasonSv }
  funnel { position lower95 upper95 lower998 upper998 adjustedPosition }
  shrunken { value low high prior { alpha beta mean strength basis forbundCount } }
  rankInterval { low high } quintile quintileReason smallNumbers
  recentTrend { marker labelSv labelEn slope chiSquare years method methodSv reason reasonSv }`;

const ZONES = ['BELOW_998', 'BELOW_95', 'INSIDE', 'ABOVE_95', 'ABOVE_998'];
const zoneOf = (v: number, l: { lower95: number; upper95: number; lower998: number; upper998: number }) =>
  v < l.lower998 ? 'BELOW_998' : v < l.lower95 ? 'BELOW_95' : v > l.upper998 ? 'ABOVE_998' : v > l.upper95 ? 'ABOVE_95' : 'INSIDE';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.each(backends)('comparison methods on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  const get = (pathAndQuery: string, headers: Record<string, string> = {}) => fetch(t.api.url.replace('/graphql', pathAndQuery), { headers });

  describe('Uppsala 2017 (31 of 164 against the 2017 rikssnitt of 31 %)', () => {
    let u: any;
    let measure: any;
    beforeAll(async () => {
      const { data, errors } = await t.query(`{
        measure: nationalComparison(measure: "to_work_or_studies", year: 2017) { measure { polarity polarityReason comparisonMethod comparisonReason smallNumberRule { minDenominator reason } } }
        nationalComparison(measure: "to_work_or_studies", year: 2017) { entries { ${METHODS} } }
      }`);
      expect(errors).toBeUndefined();
      measure = data.measure.measure;
      [u] = data.nationalComparison.entries;
    });

    it('keeps polarity, method and the small-number rule as data on the measure, each with its reason', () => {
      expect(measure).toMatchObject({ polarity: 'HIGH_IS_GOOD', comparisonMethod: 'CI_OVERLAPPING_REFERENCE', smallNumberRule: { minDenominator: 30 } });
      expect(measure.polarityReason).toMatch(/work or studies/);
      expect(measure.comparisonReason).toMatch(/Wilson/);
      expect(measure.smallNumberRule.reason).toMatch(/exact binomial/);
    });

    it('gives both Wilson intervals and is worse than rikssnitt at 95 % and at 99.8 %', () => {
      // 95 %: 0.1365–0.2558; 99.8 % (z = 3.0902): 0.1127–0.2996. Both lie wholly below 0.31, and a higher share is better.
      expect(u.ci95.low).toBeCloseTo(uppsalaWilson.low95, 12);
      expect(u.ci998.low).toBeCloseTo(uppsalaWilson.low998, 12);
      expect(u.ci998.high).toBeCloseTo(uppsalaWilson.high998, 12);
      expect(u.outcome).toMatchObject({
        at95: 'WORSE',
        at998: 'WORSE',
        polarity: 'HIGH_IS_GOOD',
        benchmark: RIKSSNITT_2017,
        labelSv: 'Sämre än rikssnittet',
        labelEn: 'Worse than the national average',
        reason: null,
      });
      expect(u.outcome.method).toContain('rikssnitt 2017 (31 %)');
    });

    it('lies below the 99.8 % funnel limit at its denominator', () => {
      // Normal approximation 0.31 ± 3.09·√(0.31·0.69/164) = 0.198–0.422, and 0.189 lies below; the exact interpolated limits are the fixture's.
      expect(u.funnel.position).toBe('BELOW_998');
      for (const k of ['lower95', 'upper95', 'lower998', 'upper998']) expect(u.funnel[k]).toBeCloseTo(uppsalaLimits[k], 12);
      expect(u.funnel.adjustedPosition).toBeNull();
    });

    it('says why the year-wide methods do not apply to a förbund compared alone', () => {
      expect(u.shrunken).toBeNull();
      expect(u.quintile).toBeNull();
      expect(u.quintileReason).toBe('Quintiles need at least 5 förbund compared; 1 is.');
      expect(u.rankInterval).toEqual({ low: 1, high: 1 });
      expect(u.smallNumbers).toBe(false);
      expect(u.recentTrend).toMatchObject({ marker: 'CANNOT_BE_CALCULATED', labelSv: 'kan inte beräknas', slope: null, years: [2017] });
      expect(u.recentTrend.reason).toMatch(/5 consecutive yearly points/);
      // In Swedish too, as the labels are, for a municipality's page.
      expect(u.recentTrend.reasonSv).toBe('En trend kräver antal för 5 år i följd; det finns för 2017.');
      expect(u.recentTrend.methodSv).toMatch(/^Senaste trend så som Fingertips markerar den: en viktad minsta kvadrat-linje/);
      expect(u.outcome.methodSv).toBe('Konfidensintervall mot ett referensvärde: andelens 95- och 99,8-procentiga konfidensintervall (Wilson) jämförda med rikssnittet 2017 (31 %).');
      expect(u.outcome.reasonSv).toBeNull();
    });
  });

  it('does not compare a figure stated only as a percentage, and says why (Jämtland 2016, 78 %)', async () => {
    const { data, errors } = await t.query(`{ nationalComparison(measure: "work_or_studies_gained_or_increased", year: 2016) { entries { ${METHODS} } } }`);
    expect(errors).toBeUndefined();
    const [j] = data.nationalComparison.entries;
    expect(j.outcome).toMatchObject({ at95: 'NOT_COMPARED', at998: 'NOT_COMPARED', labelSv: 'Inte jämförd med rikssnittet' });
    expect(j.outcome.reason).toMatch(/only a percentage \(78 %\), no counts/);
    expect(j.outcome.reasonSv).toBe('Källan anger bara en procentsats (78 %), inga antal: utan dem finns inget intervall, så uppgiften jämförs inte.');
    expect([j.ci95, j.ci998, j.funnel, j.shrunken, j.rankInterval]).toEqual([null, null, null, null, null]);
  });

  it('refuses funnel points outside 2–1000 and unknown measures with their codes', async () => {
    for (const points of [1, 1001]) {
      const { errors } = await t.query(`{ nationalComparison(measure: "to_work_or_studies", year: 2017) { funnel(points: ${points}) { method } } }`);
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const { errors } = await t.query('{ nationalComparison(measure: "no_such_measure", year: 2017) { funnel { method } } }');
    expect(errors?.[0].extensions?.code).toBe('UNKNOWN_MEASURE');
  });

  it('tells which förbund have which measure in which years, with or without counts', async () => {
    const { data, errors } = await t.query('{ availability(forbund: ["uppsala", "jamtland"], measure: "to_work_or_studies") { forbund { slug } measure { code } years yearsWithCounts } }');
    expect(errors).toBeUndefined();
    expect(data.availability).toEqual([{ forbund: { slug: 'uppsala' }, measure: { code: 'to_work_or_studies' }, years: [2017], yearsWithCounts: [2017] }]);
    const all = await t.query('{ availability(forbund: ["jamtland"]) { measure { code } years yearsWithCounts } }');
    expect(all.data.availability).toContainEqual({ measure: { code: 'work_or_studies_gained_or_increased' }, years: [2016], yearsWithCounts: [] });
    const unknown = await t.query('{ availability(forbund: ["uppsala", "atlantis"]) { years } }');
    expect(unknown.errors?.[0].extensions?.code).toBe('UNKNOWN_FORBUND');
    expect(unknown.errors?.[0].message).toMatch(/Valid förbund slugs: .*uppsala/);
    const badMeasure = await t.query('{ availability(measure: "nope") { years } }');
    expect(badMeasure.errors?.[0].extensions?.code).toBe('UNKNOWN_MEASURE');
  });

  describe('a synthetic national year: 80 förbund, 2013–2017', () => {
    let c: any;
    let counted: any[];
    beforeAll(async () => {
      await insertSyntheticOutcomes(t.db.dataSource.manager, { forbund: 80, fromYear: 2013, years: 5, revisedShare: 0, seed: 1 });
      const { data, errors } = await t.query(`{
        nationalComparison(measure: "to_work_or_studies", year: 2017) {
          funnel(points: 50) {
            target { value basis } method
            overdispersion { k phi tau2 chiSquare pValue winsorised adjusted reason }
            limits { denominator lower95 upper95 lower998 upper998 adjustedLower95 adjustedUpper95 adjustedLower998 adjustedUpper998 }
          }
          entries { ${METHODS} }
        }
      }`);
      expect(errors).toBeUndefined();
      c = data.nationalComparison;
      counted = c.entries.filter((e: any) => e.value.denominator > 0 && e.value.numerator !== null);
    });

    it('finds the förbund overdispersed and widens the funnel by a random effect', () => {
      const o = c.funnel.overdispersion;
      expect(c.funnel.target).toEqual({ value: RIKSSNITT_2017, basis: 'REFERENCE' });
      expect(o).toMatchObject({ k: 81, adjusted: true, reason: null });
      expect(o.phi).toBeGreaterThan(2);
      expect(o.tau2).toBeGreaterThan(0);
      expect(o.pValue).toBeLessThan(0.05);
      // 10 % at each end of 81 z-scores are pulled in.
      expect(o.winsorised).toBeGreaterThanOrEqual(14);
      const limits = c.funnel.limits;
      expect(limits.length).toBeLessThanOrEqual(50);
      expect(limits.map((l: any) => l.denominator)).toEqual([...limits.map((l: any) => l.denominator)].sort((a: number, b: number) => a - b));
      for (const l of limits.filter((l: any) => l.denominator >= 20)) {
        expect(l.lower998).toBeLessThanOrEqual(l.lower95);
        expect(l.lower95).toBeLessThanOrEqual(RIKSSNITT_2017);
        expect(l.upper95).toBeGreaterThanOrEqual(RIKSSNITT_2017);
        expect(l.upper998).toBeGreaterThanOrEqual(l.upper95);
        expect(l.adjustedLower95).toBeLessThan(l.lower95);
        expect(l.adjustedUpper95).toBeGreaterThan(l.upper95);
      }
    });

    it('places each förbund in the funnel by its own limits, and fewer outside once widened', () => {
      for (const e of counted) expect(e.funnel.position).toBe(zoneOf(e.value.value, e.funnel));
      const outside = (key: 'position' | 'adjustedPosition') => counted.filter((e) => e.funnel[key] !== 'INSIDE').length;
      expect(outside('adjustedPosition')).toBeLessThan(outside('position'));
      expect(new Set(counted.map((e) => e.funnel.position))).toEqual(new Set(ZONES));
    });

    it('never calls a difference at 99.8 % that it does not call at 95 %', () => {
      for (const e of counted) {
        if (e.outcome.at998 !== 'SIMILAR') expect(e.outcome.at95).toBe(e.outcome.at998);
        expect(['BETTER', 'SIMILAR', 'WORSE']).toContain(e.outcome.at95);
      }
      expect(new Set(counted.map((e) => e.outcome.at998))).toEqual(new Set(['BETTER', 'SIMILAR', 'WORSE']));
    });

    it('gives every rank an interval that holds it, wide for small förbund and narrow for large', () => {
      for (const e of counted) {
        expect(e.rankInterval.low).toBeLessThanOrEqual(e.rank);
        expect(e.rankInterval.high).toBeGreaterThanOrEqual(e.rank);
        expect(e.rankInterval.low).toBeGreaterThanOrEqual(1);
        expect(e.rankInterval.high).toBeLessThanOrEqual(81);
        expect(Number.isInteger(e.rankInterval.low) && Number.isInteger(e.rankInterval.high)).toBe(true);
      }
      const width = (es: any[]) => median(es.map((e) => e.rankInterval.high - e.rankInterval.low));
      const small = counted.filter((e) => e.smallNumbers);
      const large = counted.filter((e) => e.value.denominator >= 150);
      expect(small.length).toBeGreaterThan(5);
      expect(width(small)).toBeGreaterThan(2 * width(large));
    });

    it('flags small numbers by the measure\'s rule and bands the förbund in quintiles by rank', () => {
      for (const e of counted) expect(e.smallNumbers).toBe(e.value.denominator < 30);
      for (const e of c.entries) expect(e.quintile).toBe(Math.ceil((5 * e.rank) / 81));
      expect(new Set(c.entries.map((e: any) => e.quintile))).toEqual(new Set([1, 2, 3, 4, 5]));
    });

    it('shrinks each share towards rikssnitt, small förbund furthest', () => {
      const prior = counted[0].shrunken.prior;
      expect(prior).toMatchObject({ mean: RIKSSNITT_2017, basis: 'REFERENCE', forbundCount: 81 });
      expect(prior.alpha / (prior.alpha + prior.beta)).toBeCloseTo(RIKSSNITT_2017, 12);
      for (const e of counted) {
        const { value, low, high } = e.shrunken;
        expect(Math.min(e.value.value, RIKSSNITT_2017) - 1e-12).toBeLessThanOrEqual(value);
        expect(value).toBeLessThanOrEqual(Math.max(e.value.value, RIKSSNITT_2017) + 1e-12);
        expect(low).toBeLessThan(value);
        expect(high).toBeGreaterThan(value);
        // Posterior mean (α + x)/(α + β + n), by hand.
        expect(value).toBeCloseTo((prior.alpha + e.value.numerator) / (prior.alpha + prior.beta + e.value.denominator), 10);
      }
      const pull = (e: any) => Math.abs(e.shrunken.value - e.value.value) / Math.max(1e-9, Math.abs(RIKSSNITT_2017 - e.value.value));
      expect(median(counted.filter((e) => e.smallNumbers).map(pull))).toBeGreaterThan(median(counted.filter((e) => e.value.denominator >= 150).map(pull)));
    });

    it('marks recent trends only when significant at 99.8 %, labelled with the polarity', () => {
      const synthetic = counted.filter((e) => e.forbund.slug.startsWith('bench-'));
      for (const e of synthetic) {
        expect(e.recentTrend.years).toEqual([2013, 2014, 2015, 2016, 2017]);
        if (e.recentTrend.marker === 'INCREASING' || e.recentTrend.marker === 'DECREASING') {
          expect(e.recentTrend.chiSquare).toBeGreaterThan(9.5495);
          expect(Math.sign(e.recentTrend.slope)).toBe(e.recentTrend.marker === 'INCREASING' ? 1 : -1);
        }
      }
      const marked = (m: string) => synthetic.filter((e) => e.recentTrend.marker === m);
      expect(marked('INCREASING').length).toBeGreaterThan(0);
      expect(marked('DECREASING').length).toBeGreaterThan(0);
      expect(marked('INCREASING')[0].recentTrend.labelSv).toBe('ökande och bättre');
      expect(marked('DECREASING')[0].recentTrend.labelSv).toBe('minskande och sämre');
      expect(marked('NO_CHANGE')[0].recentTrend.labelEn).toBe('no significant change');
    });

    it('gives the same rank intervals when recomputed for another request (seeded by measure and year)', async () => {
      // asOf makes the request compute for itself rather than reuse the result kept for the data version.
      const { data, errors } = await t.query(`{ nationalComparison(measure: "to_work_or_studies", year: 2017, asOf: "${new Date(Date.now() + 60_000).toISOString()}") { entries { forbund { slug } rankInterval { low high } } } }`);
      expect(errors).toBeUndefined();
      const again = new Map(data.nationalComparison.entries.map((e: any) => [e.forbund.slug, e.rankInterval]));
      for (const e of c.entries) expect(again.get(e.forbund.slug)).toEqual(e.rankInterval);
    });

    it('draws the funnel as SVG with the förbund highlighted, the source and the reading date, cacheable by ETag', async () => {
      const res = await get('/charts/funnel.svg?measure=to_work_or_studies&year=2017&highlight=bench-07');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers.get('cache-control')).toMatch(/^public/);
      // Opened on its own an SVG is a document: it may run no script and load nothing, and is never sniffed.
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const svg = await res.text();
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trim().endsWith('</svg>')).toBe(true);
      expect(svg).toContain('<title id="t">Gått vidare till arbete eller studier 2017: förbund i trattdiagram</title>');
      expect(svg).toContain('Rikssnitt 2017: 31 %');
      expect(svg).not.toContain('senast publicerade');
      expect(svg).toContain('Benchförbund 07 (synthetic): ');
      expect(svg).toContain('99,8 % kontrollgräns');
      expect(svg).toContain('justerad för överspridning');
      expect(svg).toContain('Antal i nämnaren: avslutade deltagare (utregistrerade)');
      expect(svg).toMatch(/Data läst \d{4}-\d{2}-\d{2} ur Finsam Compare/);
      expect(svg).toContain('rikssnitt: Välkommen Robertsfor…');
      expect(svg.match(/<circle /g)).toHaveLength(counted.length);
      const again = await get('/charts/funnel.svg?measure=to_work_or_studies&year=2017&highlight=bench-07', { 'if-none-match': res.headers.get('etag')! });
      expect(again.status).toBe(304);
    });
  });

  it('answers a bad chart request with 400 and the same codes as GraphQL', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['measure=no_such&year=2017', 'UNKNOWN_MEASURE', /Valid measure codes: .*to_work_or_studies/],
      ['measure=to_work_or_studies&year=2017&highlight=atlantis', 'UNKNOWN_FORBUND', /Unknown förbund "atlantis"/],
      ['measure=to_work_or_studies&year=17', 'BAD_USER_INPUT', /year must be a year 2004–2100/],
      ['year=2017', 'BAD_USER_INPUT', /measure is required/],
      ['measure=participants_ended&year=2017', 'BAD_USER_INPUT', /not a share/],
      ['measure=to_work_or_studies&year=2017&colour=red', 'BAD_USER_INPUT', /valid: measure, year, highlight, asOf/],
    ];
    for (const [query, code, message] of cases) {
      const res = await get(`/charts/funnel.svg?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      const body = (await res.json()) as { code: string; error: string };
      expect(body.code).toBe(code);
      expect(body.error).toMatch(message);
    }
  });
});
