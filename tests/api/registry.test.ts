import { createApiKey } from '../../src/domain/auth/keys';
import { as, startTestApi, TestApi } from '../support/api';
import { backends, tableChecksums } from '../support/database';

const REGISTER = `mutation($input: RegisterForbundInput!, $dryRun: Boolean) {
  registerForbund(input: $input, dryRun: $dryRun) { dryRun files { documentId batchId added plan } }
}`;

/** Östra Södertörn as forbund-registry.csv states it on the förbund's own page (founded, two members joining in 2010). */
const ostraSodertorn = () => ({
  name: 'Samordningsförbundet Östra Södertörn',
  countyCode: '01',
  founded: '2007-02-01',
  members: [
    { municipalityCode: '0192', fromYear: 2010, note: 'joined 1 April 2010' },
    { municipalityCode: '0138', fromYear: 2010, note: 'joined 1 April 2010' },
  ],
  source: { url: 'https://www.samordningsforbundetostrasodertorn.se/about-us-37340128', title: 'About us', publisher: 'Samordningsförbundet Östra Södertörn', locator: "English page 'About us'" },
});

describe.each(backends)('the national registry on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  beforeAll(async () => {
    // National reference data only: every municipality and region, no förbund.
    t = await startTestApi(backend, { seed: 'reference' });
    admin = (await createApiKey(t.db.dataSource.manager, { name: 'national admin', role: 'ADMIN' })).secret;
  });
  afterAll(() => t.close());

  it('knows the 290 municipalities and 21 regions by SCB code, by kind and county', async () => {
    const { data, errors } = await t.query(`{
      counties { code name }
      municipalities: organisations(kind: MUNICIPALITY) { key }
      regions: organisations(kind: REGION) { key name regionalTasks countyCode }
      stockholm: organisations(kind: MUNICIPALITY, countyCode: "01") { key name municipalityCode }
    }`);
    expect(errors).toBeUndefined();
    expect(data.counties).toHaveLength(21);
    expect(data.counties[0]).toEqual({ code: '01', name: 'Stockholms län' });
    expect(data.municipalities).toHaveLength(290);
    expect(data.regions).toHaveLength(21);
    expect(data.regions.find((r: any) => r.regionalTasks)).toEqual({ key: 'kommun-0980', name: 'Gotland', regionalTasks: true, countyCode: '09' });
    expect(data.stockholm).toHaveLength(26);
    expect(data.stockholm).toContainEqual({ key: 'kommun-0136', name: 'Haninge', municipalityCode: '0136' });
  });

  it('maps each word a report uses to one measure code, with its definition, unit and denominator', async () => {
    const words = { inskrivna: 'participants_registered', deltagare: 'participants_all', avslutade: 'participants_ended', 'Började arbeta eller studera ': 'to_work_or_studies' };
    for (const [term, code] of Object.entries(words)) {
      const { data, errors } = await t.query('query($term: String) { measures(term: $term) { code nameSv unit denominatorMeasure definition terms } }', { term });
      expect(errors).toBeUndefined();
      expect(data.measures.map((m: any) => m.code)).toEqual([code]);
      expect(data.measures[0].definition.length).toBeGreaterThan(20);
    }
    const { data } = await t.query('{ measures(term: "to_work_or_studies") { code } share: measures(term: "gått vidare till arbete eller studier") { unit denominatorMeasure } }');
    expect(data.measures).toEqual([]);
    expect(data.share).toEqual([{ unit: 'SHARE', denominatorMeasure: 'participants_ended' }]);
  });

  it('says on a dry run what a registration would create, in words, and writes nothing, not even a batch number', async () => {
    const before = await tableChecksums(t.db);
    const res = await as(t, admin, REGISTER, { input: ostraSodertorn(), dryRun: true });
    expect(res.errors).toBeUndefined();
    expect(res.data.registerForbund).toEqual({
      dryRun: true,
      files: [
        {
          documentId: 'ostra-sodertorn-registration',
          batchId: null,
          added: 3,
          plan: [
            'would create förbund Samordningsförbundet Östra Södertörn (ostra-sodertorn)',
            'would create source document About us (ostra-sodertorn-registration)',
            'memberships: would add 2',
            'facts about the förbund: would add 1',
          ],
        },
      ],
    });
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('refuses a registration with every problem at once, each at its field, and writes nothing', async () => {
    const before = await tableChecksums(t.db);
    const input = {
      ...ostraSodertorn(),
      organisationNumber: '222000-2577',
      members: [
        { municipalityCode: '9999', fromYear: 2010 },
        { municipalityCode: '0380', fromYear: 2010 },
        { municipalityCode: '0192', fromYear: 2005 },
        { municipalityCode: '0138', organisation: 'kommun-0138' },
      ],
    };
    const res = await as(t, admin, REGISTER, { input });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const problems = res.errors![0].extensions!.problems.map((p: any) => `${p.path}: ${p.reason}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'input.members.3: give either municipalityCode (SCB kommunkod) or organisation (a key), not both or neither',
        expect.stringMatching(/^input\.organisationNumber: "222000-2577" fails the organisationsnummer's check digit/),
        expect.stringMatching(/^input\.members\.0: no municipality has the SCB code 9999/),
        expect.stringMatching(/^input\.members\.1: Uppsala \(kommun-0380\) lies in county 03, the förbund in 01/),
        expect.stringMatching(/^input\.members\.2\.fromYear: 2005 is before the förbund was founded \(2007\)/),
      ]),
    );
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('names the field of every malformed value, a nested one too (members.0.municipalityCode, source.url)', async () => {
    const input = { ...ostraSodertorn(), countyCode: '1', members: [{ municipalityCode: '192' }], source: { ...ostraSodertorn().source, url: 'www.example.se' } };
    const res = await as(t, admin, REGISTER, { input });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.arguments.map((a: any) => a.argument)).toEqual(['countyCode', 'members.0.municipalityCode', 'source.url']);
    expect(res.errors![0].message).toBe(
      'Invalid argument: countyCode: countyCode is SCB\'s two-digit länskod, e.g. "03" (see the counties query), members.0.municipalityCode: municipalityCode is SCB\'s four-digit kommunkod, e.g. "0380", source.url: url is a web address beginning with https:// or http://',
    );
  });

  it('registers a förbund with its facts and source, which an admin can give an editor key a moment later; a second registration is refused', async () => {
    const res = await as(t, admin, REGISTER, { input: ostraSodertorn() });
    expect(res.errors).toBeUndefined();
    expect(res.data.registerForbund.files[0].batchId).toEqual(expect.any(Number));
    const { data } = await t.query(`{ forbund(slug: "ostra-sodertorn") {
      name countyCode county founded { date provenance { document { url kind } locator } }
      members { organisation { key name } fromYear toYear }
    } }`);
    expect(data.forbund).toMatchObject({
      name: 'Samordningsförbundet Östra Södertörn',
      countyCode: '01',
      county: 'Stockholms län',
      founded: { date: '2007-02-01', provenance: { document: { url: ostraSodertorn().source.url, kind: 'WEB_PAGE' }, locator: "English page 'About us'" } },
    });
    expect(data.forbund.members.map((m: any) => m.organisation.name).sort()).toEqual(['Nynäshamn', 'Tyresö']);

    const key = await as(t, admin, 'mutation { issueEditorKey(forbund: "ostra-sodertorn", name: "Östra Södertörn kansliet") { id forbund secret } }');
    expect(key.errors).toBeUndefined();
    expect(key.data.issueEditorKey.secret).toMatch(/^fck_/);
    const unknown = await as(t, admin, 'mutation { issueEditorKey(forbund: "ostra-sodertorm", name: "typo") { id } }');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_FORBUND', validForbund: ['ostra-sodertorn'] });
    expect(unknown.errors?.[0].message).toMatch(/register it first/);

    const again = await as(t, admin, REGISTER, { input: { ...ostraSodertorn(), name: 'Samordningsförbundet östra Södertörn', slug: 'ostra-sodertorn-2' } });
    expect(again.errors?.[0].extensions?.problems).toEqual([
      expect.objectContaining({ path: 'input.name', reason: expect.stringMatching(/already the name of förbund "ostra-sodertorn"/) }),
    ]);
    const editor = await as(t, key.data.issueEditorKey.secret, REGISTER, { input: { ...ostraSodertorn(), name: 'Another', slug: 'another' } });
    expect(editor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records a merger: the successor names its predecessors, each predecessor its successor and its end', async () => {
    const source = { url: 'https://example.invalid/merger', title: 'A merger (test source)', publisher: 'tests', locator: 'p. 1' };
    const register = (input: Record<string, unknown>) => as(t, admin, REGISTER, { input: { countyCode: '14', source, ...input } });
    // Test data only: made-up förbund in Västra Götaland.
    expect((await register({ name: 'Testförbundet Nya', slug: 'test-nya', founded: '2019-07-01' })).errors).toBeUndefined();
    expect((await register({ name: 'Testförbundet Gamla', slug: 'test-gamla', founded: '2006', dissolved: '2019-06-30', mergedInto: 'test-nya' })).errors).toBeUndefined();
    const late = await register({ name: 'Testförbundet Sen', slug: 'test-sen', founded: '2006', dissolved: '2005' });
    expect(late.errors?.[0].extensions?.problems).toEqual([expect.objectContaining({ path: 'input', reason: 'the förbund ends in 2005, before it was founded in 2006' })]);
    const { data } = await t.query(`{
      nya: forbund(slug: "test-nya") { foundedYear predecessors { slug } successors { slug } }
      gamla: forbund(slug: "test-gamla") { foundedYear dissolved { fact date } successors { slug } }
    }`);
    expect(data).toEqual({
      nya: { foundedYear: 2019, predecessors: [{ slug: 'test-gamla' }], successors: [] },
      gamla: { foundedYear: 2006, dissolved: { fact: 'MERGED_INTO', date: '2019-06-30' }, successors: [{ slug: 'test-nya' }] },
    });
  });
});
