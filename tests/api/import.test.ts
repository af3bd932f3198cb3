import { readFileSync } from 'node:fs';
import { createApiKey } from '../../src/domain/auth/keys';
import { as, startTestApi, TestApi } from '../support/api';
import { Backend, backends, tableChecksums } from '../support/database';

const EXAMPLE = 'examples/import/uppsala-2017.json';
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8'));
const csvFiles = () =>
  ['uppsala-2017-observations.csv', 'uppsala-2017-financial-lines.csv'].map((name) => ({ name, content: readFileSync(`examples/import/${name}`, 'utf8') }));

const IMPORT = `mutation($report: JSONObject!, $csv: [CsvFileInput!], $dryRun: Boolean) {
  importReport(report: $report, fileName: "uppsala-2017.json", csv: $csv, dryRun: $dryRun) {
    dryRun files { documentId batchId added changed removed unchanged changes { entity action identity before after } }
  }
}`;

const COMPARE = `{ nationalComparison(measure: "to_work_or_studies", year: 2017) {
  reference { year isFallback } entries { forbund { slug name } value { numerator denominator } rank }
} }`;

/** A server with national reference data only (Uppsala is a new förbund to it), and a national ADMIN key. */
async function referenceApiWithAdmin(backend: Backend): Promise<{ t: TestApi; admin: string }> {
  const t = await startTestApi(backend, { seed: 'reference' });
  return { t, admin: (await createApiKey(t.db.dataSource.manager, { name: 'national admin', role: 'ADMIN' })).secret };
}

describe.each(backends)('importing reports on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  beforeAll(async () => ({ t, admin } = await referenceApiWithAdmin(backend)));
  afterAll(() => t.close());

  it('refuses writes without a valid key, and writes nothing', async () => {
    const before = await tableChecksums(t.db);
    const none = await as(t, null, IMPORT, { report: example(), csv: csvFiles() });
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await as(t, 'fck_not-a-key', IMPORT, { report: example(), csv: csvFiles() });
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('reports five different problems at once, naming file, row and field, and writes nothing', async () => {
    const report = example();
    report.goals[0].status = 'DONE'; // 1: not a goal status
    report.allocations[0].parts[0].organisation = 'kommun-9999'; // 2: no such organisation
    report.document.status = 'DRAFT'; // 3: not a document status
    const [obsCsv, linesCsv] = csvFiles();
    obsCsv.content = obsCsv.content.replace(/^participants_ended,/m, 'participants_finished,'); // 4: unknown measure
    linesCsv.content = linesCsv.content.replace(',178235,KR,', ',178 235,KR,'); // 5: not an exact decimal
    const before = await tableChecksums(t.db);

    const res = await as(t, admin, IMPORT, { report, csv: [obsCsv, linesCsv] });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const problems: Array<{ file: string; path: string; reason: string }> = res.errors![0].extensions.problems;
    expect(problems.map((p) => `${p.file} ${p.path}`).sort()).toEqual([
      'uppsala-2017-financial-lines.csv row 2.amountSek',
      'uppsala-2017-observations.csv row 5.measure',
      'uppsala-2017.json allocations.0.parts.0.organisation',
      'uppsala-2017.json document.status',
      'uppsala-2017.json goals.0.status',
    ]);
    expect(problems.every((p) => p.reason.length > 5)).toBe(true);
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('imports a new förbund from the example file, which then appears in nationalComparison', async () => {
    const dry = await as(t, admin, IMPORT, { report: example(), csv: csvFiles(), dryRun: true });
    expect(dry.errors).toBeUndefined();
    expect(dry.data.importReport.dryRun).toBe(true);
    expect(dry.data.importReport.files[0].batchId).toBeNull();
    expect((await as(t, null, COMPARE)).data.nationalComparison.entries).toEqual([]);

    const res = await as(t, admin, IMPORT, { report: example(), csv: csvFiles() });
    expect(res.errors).toBeUndefined();
    const [file] = res.data.importReport.files;
    // 11 memberships, 1 allocation, 21 observations (CSV), 7 goals, 51 financial lines (CSV), 3 insatser with 3 figures.
    expect(file).toMatchObject({ documentId: 'uppsala-ar-2017-example', added: 97, changed: 0, removed: 0, unchanged: 0 });
    expect(file.added).toBe(dry.data.importReport.files[0].added);
    expect(file.batchId).toEqual(expect.any(Number));

    const compared = (await as(t, null, COMPARE)).data.nationalComparison;
    // The national reference data holds 2017's own rikssnitt (finsam.se 2018-03-02).
    expect(compared.reference).toEqual({ year: 2017, isFallback: false });
    expect(compared.entries).toEqual([{ forbund: { slug: 'uppsala', name: 'Samordningsförbundet Uppsala län' }, value: { numerator: 31, denominator: 164 }, rank: 1 }]);
    const HISTORY = `{
      importBatches(forbund: "uppsala") { id actor origin file documentId summary }
      forbund(slug: "uppsala") { outcome(year: 2017) { toWorkOrStudies { provenance { importBatch { id actor } } } } }
    }`;
    const history = await as(t, admin, HISTORY);
    expect(history.data.importBatches).toEqual([
      expect.objectContaining({ id: file.batchId, actor: 'national admin', origin: 'importReport', file: 'uppsala-2017.json', documentId: 'uppsala-ar-2017-example' }),
    ]);
    expect(history.data.importBatches[0].summary.observation).toEqual({ added: 21, changed: 0, removed: 0, unchanged: 0 });
    expect(history.data.forbund.outcome.toWorkOrStudies.provenance.importBatch).toEqual({ id: file.batchId, actor: 'national admin' });
    // Key names are for admins: anyone else sees the history without them.
    const anonymous = await as(t, null, HISTORY);
    expect(anonymous.data.importBatches[0]).toMatchObject({ id: file.batchId, actor: null, origin: 'importReport' });
    expect(anonymous.data.forbund.outcome.toWorkOrStudies.provenance.importBatch).toEqual({ id: file.batchId, actor: null });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await tableChecksums(t.db);
    const res = await as(t, admin, IMPORT, { report: example(), csv: csvFiles() });
    expect(res.errors).toBeUndefined();
    expect(res.data.importReport.files[0]).toMatchObject({ batchId: null, added: 0, changed: 0, removed: 0, unchanged: 97 });
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('replaces what a corrected file changes and keeps the history', async () => {
    const report = example();
    report.goals.pop(); // one goal removed
    const [obsCsv, linesCsv] = csvFiles();
    obsCsv.content = obsCsv.content.replace(/^participants_ended,2017,ALL,164,/m, 'participants_ended,2017,ALL,165,');
    const [{ before: stamp }] = await t.db.dataSource.query('SELECT now() AS before');
    await new Promise((r) => setTimeout(r, 20));

    const res = await as(t, admin, IMPORT, { report, csv: [obsCsv, linesCsv] });
    expect(res.errors).toBeUndefined();
    const [file] = res.data.importReport.files;
    expect(file).toMatchObject({ added: 0, changed: 1, removed: 1, unchanged: 95 });
    const changed = file.changes.find((c: any) => c.action === 'CHANGED');
    expect(changed).toMatchObject({ entity: 'observation', identity: 'uppsala|participants_ended|2017|ALL', before: { value: '164' }, after: { value: '165' } });
    expect(file.changes.find((c: any) => c.action === 'REMOVED').entity).toBe('goal');

    const now = await as(t, null, '{ forbund(slug: "uppsala") { outcome(year: 2017) { ended } goals(year: 2017) { text } } }');
    expect(now.data.forbund.outcome.ended).toBe(165);
    expect(now.data.forbund.goals).toHaveLength(6);
    // The data as it stood before the correction.
    const then = await as(t, null, 'query($at: DateTime) { forbund(slug: "uppsala", asOf: $at) { outcome(year: 2017) { ended } goals(year: 2017) { text } } }', {
      at: new Date(stamp).toISOString(),
    });
    expect(then.data.forbund.outcome.ended).toBe(164);
    expect(then.data.forbund.goals).toHaveLength(7);
    const history = await as(t, null, '{ importBatches(forbund: "uppsala", first: 1) { id changes { action entity identity } } }');
    expect(history.data.importBatches[0].id).toBe(file.batchId);
    expect(history.data.importBatches[0].changes).toEqual([
      { action: 'CHANGED', entity: 'observation', identity: 'uppsala|participants_ended|2017|ALL' },
      { action: 'REMOVED', entity: 'goal', identity: expect.stringMatching(/^uppsala\|2017\|/) },
    ]);
  });
});


describe.each(backends)('hostile and implausible reports on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  beforeAll(async () => ({ t, admin } = await referenceApiWithAdmin(backend)));
  afterAll(() => t.close());

  /** Sends the report; expects it rejected with nothing written, and returns its problems as "file path: reason". */
  async function rejectedProblems(report: unknown, csv = csvFiles()): Promise<string[]> {
    const before = await tableChecksums(t.db);
    const res = await as(t, admin, IMPORT, { report, csv });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tableChecksums(t.db)).toEqual(before);
    return res.errors![0].extensions.problems.map((p: any) => `${p.file} ${p.path}: ${p.reason}`);
  }

  it('answers a 30 000-column CSV header at once with one problem naming file, row and limit', async () => {
    const [obsCsv, linesCsv] = csvFiles();
    obsCsv.content = `${Array.from({ length: 30000 }, (_, i) => `c${i}`).join(',')}\n`;
    const started = Date.now();
    const problems = await rejectedProblems(example(), [obsCsv, linesCsv]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problems).toEqual(['uppsala-2017-observations.csv row 1: has 30000 cells; at most 100 columns are allowed']);
  });

  it('rejects impossible counts, with every problem at once', async () => {
    const report = example();
    const [obsCsv, linesCsv] = csvFiles();
    obsCsv.content = obsCsv.content
      .replace(/^participants_anonymous,2017,ALL,1,/m, 'participants_anonymous,2017,ALL,-1,')
      .replace(/^to_work_or_studies,2017,ALL,,31,164,/m, 'to_work_or_studies,2017,ALL,,130,127,');
    report.observations = [{ measure: 'participants_ended', year: 2017, gender: 'WOMEN', value: '170' }];
    const problems = await rejectedProblems(report, [obsCsv, linesCsv]);
    expect(problems).toEqual([
      expect.stringMatching(/^uppsala-2017-observations\.csv row 4\.value: a count is a whole number of 0 or more, not -1$/),
      expect.stringMatching(/^uppsala-2017-observations\.csv row \d+\.numerator: numerator 130 is larger than its denominator 127$/),
      'uppsala-2017.json observations.0.value: value of WOMEN (170) and MEN (–) add up to 170, more than the ALL total 164 of participants_ended 2017',
    ]);
  });

  it('rejects text the database cannot store and dates that do not exist, writing nothing', async () => {
    const before = await tableChecksums(t.db);
    // The HTTP layer may refuse such variables before the importer sees them (the CLI test covers the
    // importer's own check); either way the answer is BAD_USER_INPUT and nothing is written.
    for (const text of ['Mål\u0000 1', 'half a pair \ud800']) {
      const report = example();
      report.goals[0].text = text;
      const res = await as(t, admin, IMPORT, { report, csv: csvFiles() });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await tableChecksums(t.db)).toEqual(before);
    const report = example();
    report.document.documentDate = '2024-02-31';
    report.insatser[0].periodStart = '0000-01-01';
    expect(await rejectedProblems(report)).toEqual([
      'uppsala-2017.json document.documentDate: documentDate must be a real date as YYYY-MM-DD, e.g. 2017-12-31',
      'uppsala-2017.json insatser.0.periodStart: periodStart must be a real date as YYYY-MM-DD, e.g. 2017-12-31',
    ]);
  });

  it('imports with warnings, and keeps them with the import batch', async () => {
    const report = example();
    report.allocations[0].parts[0].amountSek = String(BigInt(report.allocations[0].parts[0].amountSek) + 250n);
    const [obsCsv, linesCsv] = csvFiles();
    obsCsv.content = obsCsv.content.replace(/^to_work_or_studies,2017,ALL,,31,164,19,/m, 'to_work_or_studies,2017,ALL,,31,164,25,');
    const res = await as(t, admin, `mutation($report: JSONObject!, $csv: [CsvFileInput!]) {
      importReport(report: $report, fileName: "uppsala-2017.json", csv: $csv) { files { batchId added } warnings { file path reason } }
    }`, { report, csv: [obsCsv, linesCsv] });
    expect(res.errors).toBeUndefined();
    const { files, warnings } = res.data.importReport;
    expect(files[0].added).toBe(97);
    expect(warnings).toEqual([
      { file: 'uppsala-2017-observations.csv', path: expect.stringMatching(/^row \d+\.statedPercent$/), reason: expect.stringMatching(/^stated 25 % but 31 of 164 is 18\.902 %/) },
      { file: 'uppsala-2017.json', path: 'allocations.0.parts', reason: expect.stringMatching(/a difference of 250 kr$/) },
    ]);
    const history = await as(t, null, '{ importBatches(forbund: "uppsala") { id warnings { file path reason } } }');
    expect(history.data.importBatches).toEqual([{ id: files[0].batchId, warnings }]);
  });

  it('writes a section larger than PostgreSQL\'s 65 535 bind parameters allow in one statement', async () => {
    const report = { ...example(), forbund: { slug: 'testbo', name: 'Samordningsförbundet Testbo' }, csv: { observations: 'big.csv' } };
    report.document = { ...report.document, id: 'testbo-ar-2017' };
    // 4 900 rows of 15 parameters each are 73 500 parameters: more than one statement may bind.
    const rows = Array.from({ length: 4900 }, (_, i) => `participants_ended,${2004 + (i % 97)},ALL,${i},`);
    const res = await as(t, admin, IMPORT, { report, csv: [{ name: 'big.csv', content: `measure,year,gender,value,locator\n${rows.join('\n')}\n` }] });
    expect(res.errors).toBeUndefined();
    expect(res.data.importReport.files[0].added).toBe(4900 + 11 + 1 + 7 + 3 + 3);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM observation WHERE source_document_id = 'testbo-ar-2017' AND valid_to IS NULL`);
    expect(n).toBe(4900);
  });

  it('sends reports over 5 000 rows to the command line, before parsing them', async () => {
    const before = await tableChecksums(t.db);
    const rows = Array.from({ length: 6000 }, (_, i) => `participants_ended,${2004 + (i % 97)},ALL,${i},`);
    const res = await fetch(t.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: IMPORT, variables: { report: { ...example(), csv: { observations: 'big.csv' } }, csv: [{ name: 'big.csv', content: rows.join('\n') }] } }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'IMPORT_TOO_LARGE', limit: 5000 });
    expect(body.errors[0].message).toMatch(/npm run import/);
    expect(await tableChecksums(t.db)).toEqual(before);
  });
});

describe.each(backends)('who may write, on %s', (backend) => {
  let t: TestApi;
  let jamtlandEditor: string;
  let uppsalaEditor: string;
  beforeAll(async () => {
    t = await startTestApi(backend);
    const em = t.db.dataSource.manager;
    jamtlandEditor = (await createApiKey(em, { name: 'Jämtland editor', role: 'EDITOR', forbundSlug: 'jamtland' })).secret;
    uppsalaEditor = (await createApiKey(em, { name: 'Uppsala editor', role: 'EDITOR', forbundSlug: 'uppsala' })).secret;
  });
  afterAll(() => t.close());

  const CORRECT = `mutation($input: SetObservationInput!) { setObservation(input: $input) { files { batchId changed added changes { before after } } } }`;
  const correction = {
    forbund: 'uppsala',
    measure: 'to_work_or_studies',
    year: 2017,
    gender: 'ALL',
    numerator: '31',
    denominator: '164',
    statedPercent: '19',
    sourceDocument: 'uppsala-ar-2017',
    locator: 'Statistik',
    note: 'test correction',
  };

  it("refuses an editor writing another förbund's figures, and writes nothing", async () => {
    const before = await tableChecksums(t.db);
    const viaImport = await as(t, jamtlandEditor, IMPORT, { report: example(), csv: csvFiles() });
    expect(viaImport.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viaCorrection = await as(t, jamtlandEditor, CORRECT, { input: correction });
    expect(viaCorrection.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it("refuses a report that would replace another förbund's document, and a document with no file or url", async () => {
    const before = await tableChecksums(t.db);
    const report = { ...example(), forbund: { slug: 'jamtland', name: 'Samordningsförbundet i Jämtlands län' } };
    report.document = { ...report.document, id: 'uppsala-ar-2017', file: undefined, url: undefined };
    const res = await as(t, jamtlandEditor, IMPORT, { report, csv: csvFiles() });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const reasons = res.errors![0].extensions.problems.map((p: any) => `${p.path}: ${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^document\.id: .*another förbund \(uppsala\)/), expect.stringMatching(/^document: give the document's file or url/)]),
    );
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it("lets an editor correct its own förbund's figure, keeping the old version", async () => {
    const res = await as(t, uppsalaEditor, CORRECT, { input: { ...correction, numerator: '32' } });
    expect(res.errors).toBeUndefined();
    expect(res.data.setObservation.files[0]).toMatchObject({ changed: 1, added: 0 });
    expect(res.data.setObservation.files[0].changes[0].before.numerator).toBe('31');
    const now = await as(t, null, '{ forbund(slug: "uppsala") { outcome(year: 2017) { toWorkOrStudies { numerator provenance { locator note } } } } }');
    expect(now.data.forbund.outcome.toWorkOrStudies).toEqual({ numerator: 32, provenance: { locator: 'Statistik', note: 'test correction' } });
    const [{ n }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM observation WHERE identity = 'uppsala|to_work_or_studies|2017|ALL' AND source_document_id = 'uppsala-ar-2017'`,
    );
    expect(n).toBe(2);
  });

  it('rejects a correction of an unknown document or a wrong unit', async () => {
    const unknownDoc = await as(t, uppsalaEditor, CORRECT, { input: { ...correction, sourceDocument: 'nope' } });
    expect(unknownDoc.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const wrongUnit = await as(t, uppsalaEditor, CORRECT, { input: { ...correction, numerator: undefined, denominator: undefined, statedPercent: undefined, value: '5' } });
    expect(wrongUnit.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('checks the writer before reading the report: no work for a key that may not write it', async () => {
    const [obsCsv, linesCsv] = csvFiles();
    obsCsv.content = `${'c,'.repeat(30000)}c\n`;
    const before = await tableChecksums(t.db);
    const none = await as(t, null, IMPORT, { report: example(), csv: [obsCsv, linesCsv] });
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Validation first would have answered BAD_USER_INPUT for the CSV file.
    const other = await as(t, jamtlandEditor, IMPORT, { report: example(), csv: [obsCsv, linesCsv] });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('never silently drops what a report says of shared data: a warning per field, the figures written, the registry unchanged', async () => {
    const report = example();
    report.document = { ...report.document, id: 'uppsala-shared-data-test' };
    report.forbund = { ...report.forbund, name: 'Samordningsförbundet Upsala', countyCode: '01' };
    report.organisations = [{ key: 'kommun-0380', name: 'Upsala kommun', kind: 'MUNICIPALITY', municipalityCode: '0380' }];
    const res = await as(t, uppsalaEditor, `mutation($report: JSONObject!, $csv: [CsvFileInput!]) {
      importReport(report: $report, fileName: "shared.json", csv: $csv) { files { batchId added } warnings { file path reason } }
    }`, { report, csv: csvFiles() });
    expect(res.errors).toBeUndefined();
    expect(res.data.importReport.files[0].added).toBeGreaterThan(0);
    const shared = res.data.importReport.warnings.filter((w: any) => /^(forbund|organisations)\./.test(w.path));
    expect(shared).toEqual([
      { file: 'shared.json', path: 'forbund.name', reason: 'the registry has "Samordningsförbundet Uppsala län" and keeps it: a report does not change a registered förbund (this one gives "Samordningsförbundet Upsala"); an admin changes the registry' },
      { file: 'shared.json', path: 'forbund.countyCode', reason: 'the registry has "03" and keeps it: a report does not change a registered förbund (this one gives "01"); an admin changes the registry' },
      { file: 'shared.json', path: 'organisations.0.name', reason: expect.stringMatching(/^the registry has ".*" and keeps it: a report does not change a shared organisation \(this one gives "Upsala kommun"\)/) },
    ]);
    const batch = await as(t, null, `{ importBatches(first: 1) { id warnings { path } } }`);
    expect(batch.data.importBatches[0].warnings.map((w: any) => w.path)).toEqual(expect.arrayContaining(['forbund.name', 'forbund.countyCode', 'organisations.0.name']));
    const registry = await as(t, null, '{ forbund(slug: "uppsala") { name county } organisations { key name } }');
    expect(registry.data.forbund).toEqual({ name: 'Samordningsförbundet Uppsala län', county: 'Uppsala län' });
    expect(registry.data.organisations.find((o: any) => o.key === 'kommun-0380').name).not.toBe('Upsala kommun');
  });

  it('lets only an ADMIN add organisations: an editor naming an unknown one writes nothing', async () => {
    const report = example();
    report.organisations = [{ key: 'kommun-9998', name: 'Påhittad kommun', kind: 'MUNICIPALITY', municipalityCode: '9998' }];
    report.memberships[0].organisation = 'kommun-9998';
    report.allocations[0].parts[0].organisation = 'kommun-9997';
    const before = await tableChecksums(t.db);
    const res = await as(t, uppsalaEditor, IMPORT, { report, csv: csvFiles() });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.problems.map((p: any) => `${p.path}: ${p.reason}`).sort()).toEqual([
      'allocations.0.parts.0.organisation: no municipality has the SCB code 9997 (kommunkod): keys are kommun-<kommunkod>, e.g. kommun-0380; see organisations(kind: MUNICIPALITY); only an ADMIN may add organisations',
      'memberships.0.organisation: no municipality has the SCB code 9998 (kommunkod): keys are kommun-<kommunkod>, e.g. kommun-0380; see organisations(kind: MUNICIPALITY); only an ADMIN may add organisations',
      'organisations.0.key: organisation "kommun-9998" is not known; only an ADMIN may add organisations',
    ]);
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('checks a correction like an import: impossible shares and gender parts are refused, a misprint warned of', async () => {
    const before = await tableChecksums(t.db);
    const share = await as(t, uppsalaEditor, CORRECT, { input: { ...correction, numerator: '130', denominator: '127' } });
    expect(share.errors?.[0].extensions?.problems).toEqual([{ file: 'setObservation', path: 'input.numerator', reason: 'numerator 130 is larger than its denominator 127' }]);
    // The stored ALL figure of participants_registered 2017 is 195.
    const part = { ...correction, measure: 'participants_registered', gender: 'WOMEN', numerator: undefined, denominator: undefined, statedPercent: undefined, value: '200' };
    const parts = await as(t, uppsalaEditor, CORRECT, { input: part });
    expect(parts.errors?.[0].extensions?.problems[0].reason).toBe('value of WOMEN (200) and MEN (–) add up to 200, more than the ALL total 195 of participants_registered 2017');
    const unsafe = await as(t, uppsalaEditor, CORRECT, { input: { ...correction, note: 'a\u0000b' } });
    expect(unsafe.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tableChecksums(t.db)).toEqual(before);

    const res = await as(t, uppsalaEditor, 'mutation($input: SetObservationInput!) { setObservation(input: $input) { files { batchId } warnings { path reason } } }', {
      input: { ...correction, statedPercent: '25' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.setObservation.warnings).toEqual([{ path: 'input.statedPercent', reason: 'stated 25 % but 31 of 164 is 18.902 %, more than 1 percentage point away' }]);
    const [{ warnings }] = await t.db.dataSource.query('SELECT warnings FROM import_batch WHERE id = $1', [res.data.setObservation.files[0].batchId]);
    expect(warnings).toEqual([expect.objectContaining({ path: 'input.statedPercent' })]);
  });
});
