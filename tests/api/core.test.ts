import { backends, REGISTERED_SLUGS } from '../support/database';
import { startTestApi, TestApi } from '../support/api';

/** Real figures from each of the five source documents, read back over HTTP from a running server. */
describe.each(backends)('core API on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('lists every registered förbund, and the two with annual reports with their members', async () => {
    const { data, errors } = await t.query(`{
      forbunds { slug name county members { organisation { name kind municipalityCode } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.forbunds.map((f: any) => f.slug)).toEqual(REGISTERED_SLUGS);
    const uppsala = data.forbunds.find((f: any) => f.slug === 'uppsala');
    // 004: eight municipalities, Region Uppsala, Arbetsförmedlingen, Försäkringskassan.
    expect(uppsala.members).toHaveLength(11);
    expect(uppsala.members.map((m: any) => m.organisation.municipalityCode).filter(Boolean).sort()).toEqual(
      ['0305', '0319', '0330', '0331', '0360', '0380', '0381', '0382'],
    );
    const jamtland = data.forbunds.find((f: any) => f.slug === 'jamtland');
    expect(jamtland.members.filter((m: any) => m.organisation.kind === 'MUNICIPALITY')).toHaveLength(8);
  });

  it("returns Uppsala's 2017 allocation per member (004, Not 2)", async () => {
    const { data, errors } = await t.query(`{
      forbund(slug: "uppsala") {
        allocation(year: 2017) {
          kind totalSek
          byMember { party label amountSek organisation { name } }
          provenance { locator isFinal document { id file } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const a = data.forbund.allocation;
    expect(a.kind).toBe('ACTUAL');
    expect(a.totalSek).toBe('21585170');
    expect(a.provenance.document.file).toBe('004_4172037db1ccd045.txt');
    expect(a.provenance.isFinal).toBe(true);
    const byLabel = Object.fromEntries(a.byMember.map((p: any) => [p.organisation?.name ?? p.label, p.amountSek]));
    expect(byLabel['Uppsala']).toBe('3205058');
    expect(byLabel['Region Uppsala']).toBe('5396293');
    expect(a.byMember.find((p: any) => p.party === 'STATE').amountSek).toBe('10792585');
    // The members' parts add up to the printed sum, to the krona.
    const sum = a.byMember.reduce((s: bigint, p: any) => s + BigInt(p.amountSek), 0n);
    expect(sum).toBe(21585170n);
  });

  it("returns Jämtland's SUS participants 2015–2017 by gender (001), the final figure for 2016", async () => {
    const { data, errors } = await t.query(`{
      forbund(slug: "jamtland") {
        y2015: outcome(year: 2015) { participants women men structural anonymous }
        y2016: outcome(year: 2016) {
          women men ended structural isPreliminary
          observations { measureCode gender value provenance { isFinal document { id } } }
        }
        y2017: outcome(year: 2017) { women men structural participantsAll }
      }
    }`);
    expect(errors).toBeUndefined();
    const f = data.forbund;
    expect(f.y2015).toMatchObject({ participants: 197, women: 115, men: 82, structural: 565, anonymous: 18 });
    expect(f.y2016).toMatchObject({ women: 60, men: 42, ended: 65, structural: 747, isPreliminary: true });
    expect(f.y2017).toMatchObject({ women: 50, men: 34, structural: 525, participantsAll: 609 });
    // 2016 women: given by the supervision report on the preliminary report (000) and by the final report (001).
    const women2016 = f.y2016.observations.filter((o: any) => o.measureCode === 'participants_registered' && o.gender === 'WOMEN');
    expect(women2016.map((o: any) => [o.provenance.document.id, o.provenance.isFinal]).sort()).toEqual([
      ['jamtland-ar-2017', true],
      ['jamtland-supervision-2016', false],
    ]);
  });

  it("gives Uppsala's 2017 outcome as counts, and Jämtland's 2016 as a percentage of a different measure", async () => {
    const { data, errors } = await t.query(`{
      uppsala: forbund(slug: "uppsala") { outcome(year: 2017) {
        participants anonymous participantsIndividualTotal ended
        toWorkOrStudies { numerator denominator value statedPercent isPercentageOnly measure { code } }
        toWorkOrStudiesByGender { gender numerator }
      } }
      jamtland: forbund(slug: "jamtland") { outcome(year: 2016) {
        toWorkOrStudies { numerator denominator value statedPercent isPercentageOnly measure { code definition } }
      } }
    }`);
    expect(errors).toBeUndefined();
    const u = data.uppsala.outcome;
    expect(u).toMatchObject({ participants: 195, anonymous: 1, participantsIndividualTotal: 196, ended: 164 });
    expect(u.toWorkOrStudies).toMatchObject({ numerator: 31, denominator: 164, statedPercent: 19, isPercentageOnly: false, measure: { code: 'to_work_or_studies' } });
    expect(u.toWorkOrStudies.value).toBeCloseTo(31 / 164, 12);
    expect(u.toWorkOrStudiesByGender).toEqual([
      { gender: 'MEN', numerator: 13 },
      { gender: 'WOMEN', numerator: 18 },
    ]);
    const j = data.jamtland.outcome.toWorkOrStudies;
    expect(j).toMatchObject({ numerator: null, denominator: 65, statedPercent: 78, value: 0.78, isPercentageOnly: true });
    expect(j.measure.code).toBe('work_or_studies_gained_or_increased');
    expect(j.measure.definition).toContain('fått eller ökat omfattningen av arbete och/eller studier');
  });

  it('keeps both the preliminary (000) and the final (001) result for Jämtland 2016', async () => {
    const { data, errors } = await t.query(`{
      forbund(slug: "jamtland") {
        financialLines(year: 2016) { key amountSek statedUnit provenance { isFinal document { id } } }
      }
    }`);
    expect(errors).toBeUndefined();
    const results = data.forbund.financialLines.filter((l: any) => l.key === 'result');
    const byDoc = Object.fromEntries(results.map((l: any) => [l.provenance.document.id, [l.amountSek, l.statedUnit, l.provenance.isFinal]]));
    expect(byDoc['jamtland-supervision-2016']).toEqual(['2600000', 'MKR', false]);
    expect(byDoc['jamtland-ar-2017']).toEqual(['2282000', 'TKR', true]);
  });

  it("returns the 2019–2021 budget (003) and the board's 2024 decisions (002)", async () => {
    const { data, errors } = await t.query(`{
      forbund(slug: "jamtland") {
        allocation(year: 2019) { kind totalSek byMember { party amountSek } provenance { document { id } } }
        meetings(year: 2024) {
          date
          attendance { name present }
          decisions { paragraph dnr title grants { amountSek periodStart periodEnd periodAsStated } }
        }
        board(year: 2024) { name role appointedBy { name } }
      }
    }`);
    expect(errors).toBeUndefined();
    const f = data.forbund;
    expect(f.allocation).toMatchObject({ kind: 'BUDGET', totalSek: '8886000', provenance: { document: { id: 'jamtland-plan-2019-2021' } } });
    expect(Object.fromEntries(f.allocation.byMember.map((p: any) => [p.party, p.amountSek]))).toEqual({
      STATE: '4443000',
      MUNICIPALITIES: '2221000',
      REGION: '2222000',
    });
    const [meeting] = f.meetings;
    expect(meeting.date).toBe('2024-06-10');
    const star = meeting.decisions.find((d: any) => d.paragraph === '§ 12');
    expect(star.dnr).toBe('P24:2');
    expect(star.grants.map((g: any) => [g.amountSek, g.periodStart, g.periodEnd])).toEqual([
      ['90000', '2024-10-01', '2024-12-31'],
      ['360000', '2025-01-25', '2025-12-31'],
    ]);
    expect(star.grants[1].periodAsStated).toContain('25-01-25');
    expect(f.board.filter((s: any) => s.role === 'MEMBER')).toHaveLength(11);
    expect(f.board.find((s: any) => s.name.startsWith('Karin Näsmark')).appointedBy.name).toBe('Region Jämtland Härjedalen');
  });

  it('lists goals with status, national references and measures', async () => {
    const { data, errors } = await t.query(`{
      jamtland: forbund(slug: "jamtland") { goals(year: 2017) { text status statusBasis } }
      nationalReferences(measure: "to_work_or_studies") { year gender value statedPercent provenance { document { id } } }
      measures { code unit definition }
    }`);
    expect(errors).toBeUndefined();
    const goals = data.jamtland.goals;
    expect(goals).toHaveLength(4);
    expect(goals.filter((g: any) => g.status === 'PARTLY_MET')).toHaveLength(1);
    expect(goals.every((g: any) => g.statusBasis === 'STATED')).toBe(true);
    const refs = (gender: string) => Object.fromEntries(data.nationalReferences.filter((r: any) => r.gender === gender).map((r: any) => [r.year, r.statedPercent]));
    expect(refs('ALL')).toEqual({ 2013: 31, 2016: 33, 2017: 31, 2019: 31, 2020: 28 });
    // 2017 by gender (finsam.se 2018-03-02): men 34 %, women 28 %.
    expect([refs('MEN'), refs('WOMEN')]).toEqual([{ 2017: 34 }, { 2017: 28 }]);
    expect(data.nationalReferences.find((r: any) => r.year === 2016).provenance.document.id).toBe('uppsala-ar-2017');
    expect(data.measures.every((m: any) => m.definition.length > 10)).toBe(true);
  });

  it('serves a self-contained GraphiQL page to browsers, asking nothing of any other host', async () => {
    const res = await fetch(t.api.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('GraphiQL.createFetcher');
    expect(html).toContain('forbund(slug: \\"uppsala\\")');
    // Every script and stylesheet is inline: no src= or href= pointing anywhere.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/i);
  });

  it('answers an unknown slug with null and no error', async () => {
    const res = await t.query('{ forbund(slug: "no-such-forbund") { name } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.forbund).toBeNull();
  });

  it.each([
    ['year 1800', '{ forbund(slug: "uppsala") { outcome(year: 1800) { ended } } }', 'BAD_USER_INPUT'],
    ['a negative year', '{ forbund(slug: "uppsala") { goals(year: -5) { text } } }', 'BAD_USER_INPUT'],
    ['a year of the wrong type', '{ forbund(slug: "uppsala") { outcome(year: "2017") { ended } } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an unknown measure', '{ nationalReferences(measure: "nope") { year } }', 'UNKNOWN_MEASURE'],
  ])('rejects %s with a stable code and no stack trace', async (_what, query, code) => {
    const res = await t.query(query);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
  });

  it('explains a year out of range in the message', async () => {
    const res = await t.query('query($y: Int!) { forbund(slug: "uppsala") { outcome(year: $y) { ended } } }', { y: 1800 });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/year.*(2004|less than)/);
  });
});
