import { startTestApi, TestApi } from '../support/api';
import { backends, REGISTERED_SLUGS } from '../support/database';

const ENTRY = `
  year rank percentile differencePp ratio significantlyDifferent peerMean
  ci95 { low high } test { method z pValue }
  value { numerator denominator value statedPercent measure { code } }
  reference { year value isFallback provenance { document { id } } }
  coverage { registeredWithPersonalData anonymous shareWithPersonalData }
  peerGroup { kind key label count mean }
  forbund { slug }`;

describe.each(backends)('benchmarks on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('compares Uppsala 2017 with the 2017 rikssnitt of 31 % (finsam.se 2018-03-02)', async () => {
    const { data, errors } = await t.query(`{
      nationalComparison(measure: "to_work_or_studies", year: 2017, peerGroup: COUNTY) {
        year measure { code }
        reference { year value statedPercent isFallback provenance { locator document { id } } }
        pooled { numerator denominator value forbundCount description }
        meanOfForbund { value forbundCount description }
        entries { ${ENTRY} }
        notComparable { forbund { slug } reason }
      }
    }`);
    expect(errors).toBeUndefined();
    const c = data.nationalComparison;
    expect(c.reference).toMatchObject({ year: 2017, value: 0.31, statedPercent: 31, isFallback: false, provenance: { document: { id: 'national-finsam-2018-03-02' } } });
    expect(c.entries).toHaveLength(1);
    const [u] = c.entries;
    expect(u.forbund.slug).toBe('uppsala');
    expect(u.value).toMatchObject({ numerator: 31, denominator: 164, statedPercent: 19, measure: { code: 'to_work_or_studies' } });
    // By hand: 31/164 = 0.18902; (0.18902 − 0.31) × 100 = −12.098 pp; Wilson 95 %: 0.1365–0.2558;
    // z = (0.18902 − 0.31) / √(0.31 · 0.69 / 164) = −0.12098 / 0.036115 = −3.350, p = 0.00081.
    expect(u.differencePp).toBeCloseTo(-12.0976, 3);
    expect(u.ci95.low).toBeCloseTo(0.1365, 4);
    expect(u.ci95.high).toBeCloseTo(0.2558, 4);
    expect(u.test.method).toBe('score z-test');
    expect(u.test.z).toBeCloseTo(-3.3498, 3);
    expect(u.significantlyDifferent).toBe(true);
    expect([u.rank, u.percentile]).toEqual([1, 50]);
    // 195 registered with personal data, 1 anonymous (004, Statistik).
    expect(u.coverage).toEqual({ registeredWithPersonalData: 195, anonymous: 1, shareWithPersonalData: 195 / 196 });
    expect(u.peerGroup).toMatchObject({ kind: 'COUNTY', key: '03', label: 'Uppsala län', count: 1 });
    expect(u.peerMean).toBeCloseTo(31 / 164, 12);
    expect(c.pooled).toMatchObject({ numerator: 31, denominator: 164, forbundCount: 1 });
    expect(c.pooled.description).toMatch(/not the official rikssnitt/);
    expect(c.meanOfForbund.description).toMatch(/Unweighted mean/);
    expect(c.notComparable).toEqual([]);
  });

  it("shows Jämtland's 2016 figure as not comparable, with both definitions (000)", async () => {
    const { data, errors } = await t.query(`{
      nationalComparison(measure: "to_work_or_studies", year: 2016) {
        reference { year isFallback }
        entries { forbund { slug } }
        notComparable { forbund { slug } value { statedPercent denominator measure { code } } reason reasonSv }
      }
    }`);
    expect(errors).toBeUndefined();
    const c = data.nationalComparison;
    expect(c.reference).toEqual({ year: 2016, isFallback: false });
    expect(c.entries).toEqual([]);
    expect(c.notComparable).toHaveLength(1);
    const [j] = c.notComparable;
    expect(j.forbund.slug).toBe('jamtland');
    expect(j.value).toEqual({ statedPercent: 78, denominator: 65, measure: { code: 'work_or_studies_gained_or_increased' } });
    // Both measures by name, in words a page's visitor reads: no codes, no source files (the definitions are in value.measure).
    expect(j.reason).toBe(
      'Reports "Fått eller ökat omfattningen av arbete och/eller studier" (gained or increased work and/or studies), not "Gått vidare till arbete eller studier" (went directly to work or studies on ending). Different definitions are not ranked together.',
    );
    expect(j.reasonSv).toBe('Förbundet redovisar "Fått eller ökat omfattningen av arbete och/eller studier", inte "Gått vidare till arbete eller studier". Olika definitioner rangordnas inte tillsammans.');
  });

  it('ranks Jämtland under its own definition, untested since only a percentage is given', async () => {
    const { data, errors } = await t.query(`{
      nationalComparison(measure: "work_or_studies_gained_or_increased", year: 2016) { reference { year } entries { ${ENTRY} } notComparable { forbund { slug } } }
    }`);
    expect(errors).toBeUndefined();
    const [j] = data.nationalComparison.entries;
    expect(j.value).toMatchObject({ numerator: null, denominator: 65, value: 0.78 });
    expect([j.ci95, j.test, j.significantlyDifferent, j.reference]).toEqual([null, null, null, null]);
    expect(j.rank).toBe(1);
    // Jämtland's 102 registered (60 + 42) and 34 anonymous in 2016 (001 table, final).
    expect(j.coverage).toEqual({ registeredWithPersonalData: 102, anonymous: 34, shareWithPersonalData: 102 / 136 });
  });

  it('answers a year without data with no entries and the reference still shown', async () => {
    const { data, errors } = await t.query(`{
      nationalComparison(measure: "to_work_or_studies", year: 2023) { reference { year value isFallback } entries { rank } pooled { value forbundCount } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.nationalComparison).toEqual({
      reference: { year: 2020, value: 0.28, isFallback: true },
      entries: [],
      pooled: { value: null, forbundCount: 0 },
    });
  });

  it('compares women and men with their own rikssnitt of the year where one is published, else everyone\'s', async () => {
    const { data, errors } = await t.query(`{
      men2017: nationalComparison(measure: "to_work_or_studies", year: 2017, gender: MEN) { gender reference { gender year value isFallback } }
      women2017: nationalComparison(measure: "to_work_or_studies", year: 2017, gender: WOMEN) { reference { gender value } entries { forbund { slug } value { numerator denominator } outcome { at95 } } }
      men2019: nationalComparison(measure: "to_work_or_studies", year: 2019, gender: MEN) { reference { gender year value } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.men2017).toEqual({ gender: 'MEN', reference: { gender: 'MEN', year: 2017, value: 0.34, isFallback: false } });
    // Uppsala's report gives 18 women and 13 men without their denominators: shown, not compared.
    expect(data.women2017).toEqual({
      reference: { gender: 'WOMEN', value: 0.28 },
      entries: [{ forbund: { slug: 'uppsala' }, value: { numerator: 18, denominator: null }, outcome: { at95: 'NOT_COMPARED' } }],
    });
    expect(data.men2019.reference).toEqual({ gender: 'ALL', year: 2019, value: 0.31 });
  });

  it('gives one förbund its entry and its trend', async () => {
    const { data, errors } = await t.query(`{
      forbund(slug: "uppsala") {
        benchmark(measure: "to_work_or_studies", year: 2017) { rank differencePp }
        none: benchmark(measure: "to_work_or_studies", year: 2016) { rank }
        trend(measure: "to_work_or_studies") { year value { value } reference { year isFallback } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.forbund.benchmark.rank).toBe(1);
    expect(data.forbund.benchmark.differencePp).toBeCloseTo(-12.0976, 3);
    expect(data.forbund.none).toBeNull();
    expect(data.forbund.trend).toEqual([{ year: 2017, value: { value: 31 / 164 }, reference: { year: 2017, isFallback: false } }]);
  });

  it('rejects an unknown measure listing the valid codes, and a measure that is not a share', async () => {
    const unknown = await t.query('{ nationalComparison(measure: "share_to_work", year: 2017) { year } }');
    expect(unknown.errors?.[0].extensions?.code).toBe('UNKNOWN_MEASURE');
    expect(unknown.errors?.[0].extensions?.validMeasures).toContain('to_work_or_studies');
    expect(unknown.errors?.[0].message).toContain('to_work_or_studies');
    const count = await t.query('{ nationalComparison(measure: "participants_ended", year: 2017) { year } }');
    expect(count.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('benchmarks money and goals: 50/25/25, equity, utilisation, cost per participant, attainment', async () => {
    const { data, errors } = await t.query(`{
      uppsala: forbund(slug: "uppsala") { financialBenchmark(year: 2017) {
        allocationSplit { stateSek regionSek municipalitiesSek stateShare followsRule }
        equity { equitySek allocationSek ratio basis recommendedMax exceedsRecommendation ownAssessment { valueText } }
        budgetUtilisation { label spentSek budgetSek ratio statedPercent insats { key } }
        costPerParticipant { valueSek participants participantsBasis }
        goalAttainment { met partlyMet notMet notStated total shareMet inferred }
      } }
      jamtland: forbund(slug: "jamtland") { financialBenchmark(year: 2017) {
        allocationSplit { followsRule stateShare }
        equity { equitySek ratio basis ownAssessment { valueText provenance { document { id } } } }
        costPerParticipant { valueSek participants }
        goalAttainment { met partlyMet total shareMet }
      } }
      equityBands { maxEquityShare }
      financialComparison(year: 2017) { forbund { slug } }
    }`);
    expect(errors).toBeUndefined();
    const u = data.uppsala.financialBenchmark;
    // 004 Not 2: state 10 792 585, region 5 396 293, municipalities 5 396 292 of 21 585 170.
    expect(u.allocationSplit).toMatchObject({ stateSek: '10792585', regionSek: '5396293', municipalitiesSek: '5396292', followsRule: true });
    expect(u.allocationSplit.stateShare).toBeCloseTo(0.5, 6);
    // Equity 9 555 392 / allocation 21 585 170 = 0.4427; no band configured.
    expect(u.equity).toMatchObject({ equitySek: '9555392', allocationSek: '21585170', basis: 'NOT_CONFIGURED', recommendedMax: null, exceedsRecommendation: null });
    expect(u.equity.ratio).toBeCloseTo(9555392 / 21585170, 12);
    // Income statement: samverkansinsatser −18 042 335 against budget −19 283 000 = 93.6 %.
    const statement = u.budgetUtilisation.find((b: any) => b.insats === null);
    expect(statement).toMatchObject({ label: 'Kostnader för samverkansinsatser', spentSek: '-18042335', budgetSek: '-19283000' });
    expect(statement.ratio).toBeCloseTo(18042335 / 19283000, 12);
    expect(u.budgetUtilisation.find((b: any) => b.insats?.key === 'lokus-uppsala')?.statedPercent).toBe(100);
    // 18 042 335 kr / 196 participants = 92 052.73 kr.
    expect(u.costPerParticipant).toMatchObject({ valueSek: '92052.73', participants: 196 });
    expect(u.goalAttainment).toMatchObject({ met: 3, partlyMet: 0, notMet: 4, total: 7, inferred: 7 });

    const j = data.jamtland.financialBenchmark;
    // 001 Not 1: FK 4 317 690, Landstinget 2 158 845, kommuner 2 158 846.
    expect(j.allocationSplit.followsRule).toBe(true);
    expect(j.equity).toMatchObject({ equitySek: '3593000', basis: 'NOT_CONFIGURED' });
    // Equity 3 593 tkr / the allocation as printed, 8 635 tkr (the members' parts in kr add to 8 635 381).
    expect(j.equity.ratio).toBeCloseTo(3593000 / 8635000, 12);
    expect(j.equity.ownAssessment[0].valueText).toContain('överstiger den av Nationella rådet rekommenderade högstanivån');
    expect(j.equity.ownAssessment[0].provenance.document.id).toBe('jamtland-ar-2017');
    // 4 102 tkr / (50 + 34) registered = 48 833.33 kr.
    expect(j.costPerParticipant).toEqual({ valueSek: '48833.33', participants: 84 });
    expect(j.goalAttainment).toEqual({ met: 3, partlyMet: 1, total: 4, shareMet: 0.75 });
    expect(data.equityBands).toEqual([]);
    expect(data.financialComparison.map((b: any) => b.forbund.slug)).toEqual(REGISTERED_SLUGS);
  });
});
