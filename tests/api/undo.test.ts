import { readFileSync } from 'node:fs';
import { createApiKey } from '../../src/domain/auth/keys';
import { as, startTestApi, TestApi } from '../support/api';
import { backends, tableChecksums } from '../support/database';

const example = () => JSON.parse(readFileSync('examples/import/uppsala-2017.json', 'utf8'));
const csv = () => ['uppsala-2017-observations.csv', 'uppsala-2017-financial-lines.csv'].map((name) => ({ name, content: readFileSync(`examples/import/${name}`, 'utf8') }));
const IMPORT = `mutation($report: JSONObject!, $csv: [CsvFileInput!]) { importReport(report: $report, fileName: "uppsala-2017.json", csv: $csv) { files { batchId added } } }`;
const UNDO = 'mutation($id: Int!) { undoBatch(id: $id) { files { batchId added changed removed plan changes { action identity before after } } } }';
const ANONYMOUS = '{ forbund(slug: "uppsala") { outcome(year: 2017) { anonymous } } }';

describe.each(backends)('undoing an import batch on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  let editor: string;
  beforeAll(async () => {
    t = await startTestApi(backend, { seed: 'reference' });
    admin = (await createApiKey(t.db.dataSource.manager, { name: 'national admin', role: 'ADMIN' })).secret;
  });
  afterAll(() => t.close());

  it('restores what the latest batch replaced as a new batch, keeps the history, and undoes only the latest', async () => {
    const imported = await as(t, admin, IMPORT, { report: example(), csv: csv() });
    expect(imported.errors).toBeUndefined();
    const importBatch = imported.data.importReport.files[0].batchId;
    editor = (await createApiKey(t.db.dataSource.manager, { name: 'Uppsala editor', role: 'EDITOR', forbundSlug: 'uppsala' })).secret;
    const afterImport = await tableChecksums(t.db);
    const set = await as(t, editor, `mutation { setObservation(input: { forbund: "uppsala", measure: "participants_anonymous", year: 2017, value: "2",
      sourceDocument: "uppsala-ar-2017-example", locator: "Statistik" }) { files { batchId } } }`);
    const correction = set.data.setObservation.files[0].batchId;
    expect((await t.query(ANONYMOUS)).data.forbund.outcome.anonymous).toBe(2);

    const older = await as(t, editor, UNDO, { id: importBatch });
    expect(older.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(older.errors?.[0].message).toBe(`Batch ${importBatch} is not the latest of document uppsala-ar-2017-example: batch ${correction} came after it. Undo the latest first.`);

    const undone = await as(t, editor, UNDO, { id: correction });
    expect(undone.errors).toBeUndefined();
    const u = undone.data.undoBatch.files[0];
    expect(u).toMatchObject({ added: 0, changed: 1, removed: 0, plan: ['figures: changed 1'] });
    expect(u.changes).toEqual([expect.objectContaining({ action: 'CHANGED', identity: 'uppsala|participants_anonymous|2017|ALL', before: expect.objectContaining({ value: '2' }), after: expect.objectContaining({ value: '1' }) })]);
    expect((await t.query(ANONYMOUS)).data.forbund.outcome.anonymous).toBe(1);
    // Three batches of the document in the history: the import, the correction, its undo.
    const history = await as(t, admin, '{ importBatches(forbund: "uppsala") { id origin } }');
    expect(history.data.importBatches.map((b: any) => b.origin).sort()).toEqual(['importReport', 'setObservation', 'undo']);
    // The undo is a batch like any other, now the latest: undoing it brings the correction back.
    expect((await as(t, editor, UNDO, { id: u.batchId })).errors).toBeUndefined();
    expect((await t.query(ANONYMOUS)).data.forbund.outcome.anonymous).toBe(2);
    expect(await tableChecksums(t.db)).not.toEqual(afterImport);
  });

  it('refuses an editor a national document\'s batch, and a batch that does not exist', async () => {
    const missing = await as(t, admin, UNDO, { id: 999_999 });
    expect(missing.errors?.[0]).toMatchObject({ message: 'There is no import batch 999999 with a document to undo.', extensions: { code: 'BAD_USER_INPUT' } });
    const national = await as(t, editor, UNDO, { id: 1 });
    expect(national.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
