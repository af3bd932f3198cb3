/**
 * Writes that race, over HTTP with an ADMIN key, on both backends (PGlite serialises them anyway; PostgreSQL
 * is where they meet): concurrent writes to one figure, one new förbund and one document take turns. None
 * answers 5xx or INTERNAL_SERVER_ERROR; each either succeeds or is WRITE_CONFLICT (409, retryable); the final
 * state is one of the writes, and the history agrees with it.
 */
import { createApiKey } from '../../src/domain/auth/keys';
import { lockedWrite } from '../../src/platform/db/write';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

type Answer = { status: number; body: { data?: any; errors?: Array<{ message: string; extensions?: any }> } };

async function send(t: TestApi, key: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(t.api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

const SET = `mutation($input: SetObservationInput!) { setObservation(input: $input) { files { batchId changed } } }`;
const IMPORT = `mutation($report: JSONObject!) { importReport(report: $report, fileName: "race.json") { files { batchId added changed unchanged } } }`;

/** Every answer succeeded or was refused as a retryable conflict: never a server error. */
function expectNoServerError(answers: Answer[]): void {
  for (const a of answers) {
    expect(a.status).toBeLessThan(500);
    const codes = (a.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.filter((c) => c !== 'WRITE_CONFLICT')).toEqual([]);
    if (codes.length) expect(a.status).toBe(409);
  }
}

const report = (slug: string, document: string, value: number) => ({
  format: 'finsam-compare/report',
  formatVersion: 1,
  forbund: { slug, name: `Race ${slug}`, countyCode: '03' },
  year: 2020,
  document: { id: document, url: 'https://example.invalid/race', title: 'Race test', kind: 'ANNUAL_REPORT', status: 'FINAL', publisher: 'tests', yearsCovered: [2020] },
  observations: [
    { measure: 'participants_ended', year: 2020, gender: 'ALL', value: String(value), locator: 'Statistik' },
    { measure: 'participants_registered', year: 2020, gender: 'ALL', value: String(value + 100), locator: 'Statistik' },
  ],
});

describe.each(backends)('concurrent writes on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApi(backend);
    admin = (await createApiKey(t.db.dataSource.manager, { name: 'race admin', role: 'ADMIN' })).secret;
  });
  afterAll(() => t.close());

  /** The figures of a document in force now, and whether each agrees with the last change recorded for it. */
  async function state(document: string): Promise<Array<{ identity: string; content: any; lastAfter: any }>> {
    return t.db.dataSource.query(
      `SELECT o.identity, o.content,
              (SELECT c.after FROM change c JOIN import_batch b ON b.id = c.batch_id
                WHERE b.document_id = $1 AND c.identity = o.identity AND c.entity = 'observation' ORDER BY c.id DESC LIMIT 1) AS "lastAfter"
         FROM observation o WHERE o.source_document_id = $1 AND o.valid_to IS NULL ORDER BY o.identity`,
      [document],
    );
  }

  it('20 setObservation to one figure: each succeeds or conflicts, one version is current, and it is one of them', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => i + 2);
    const answers = await Promise.all(
      sent.map((value) =>
        send(t, admin, SET, { input: { forbund: 'uppsala', measure: 'participants_anonymous', year: 2017, value: String(value), sourceDocument: 'uppsala-ar-2017', locator: 'Statistik', note: 'race' } }),
      ),
    );
    expectNoServerError(answers);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    const figures = (await state('uppsala-ar-2017')).filter((f) => f.identity.startsWith('uppsala|participants_anonymous|2017|ALL'));
    expect(figures).toHaveLength(1);
    expect(sent.map(String)).toContain(figures[0].content.value);
    expect(figures[0].lastAfter).toEqual(figures[0].content);
  });

  it('20 imports of one new förbund: it is created once, and its figures are one of the reports', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => send(t, admin, IMPORT, { report: report('race-new', 'race-new-2020', i) })));
    expectNoServerError(answers);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM forbund WHERE slug = 'race-new'`);
    expect(n).toBe(1);
    const figures = await state('race-new-2020');
    expect(figures).toHaveLength(2);
    const ended = Number(figures.find((f) => f.identity.includes('participants_ended'))!.content.value);
    // Both figures come from the same report: a write is all or nothing.
    expect(figures.find((f) => f.identity.includes('participants_registered'))!.content.value).toBe(String(ended + 100));
    for (const f of figures) expect(f.lastAfter).toEqual(f.content);
  });

  it('10 imports of one document of an existing förbund: one report\'s figures are current, with their history', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send(t, admin, IMPORT, { report: report('uppsala', 'race-doc-2020', 50 + i) })));
    expectNoServerError(answers);
    const figures = await state('race-doc-2020');
    expect(figures).toHaveLength(2);
    for (const f of figures) expect(f.lastAfter).toEqual(f.content);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM source_document WHERE id = 'race-doc-2020'`);
    expect(n).toBe(1);
  });

  it('tries a write that still meets another again, and after three tries refuses it as WRITE_CONFLICT, never a server error', async () => {
    // A key another writer wrote first, as PostgreSQL reports it: SQLSTATE 23505.
    const duplicate = () => Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    let tries = 0;
    const second = await lockedWrite(t.db.dataSource, ['forbund:uppsala'], async () => {
      if (++tries < 2) throw duplicate();
      return 'written';
    });
    expect([second, tries]).toEqual(['written', 2]);
    tries = 0;
    const refused = lockedWrite(t.db.dataSource, ['forbund:uppsala'], async () => {
      tries++;
      throw duplicate();
    });
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'WRITE_CONFLICT', retryable: true, http: { status: 409 } } });
    expect(tries).toBe(3);
    // Anything else is not a conflict: it goes to the caller at once.
    tries = 0;
    await expect(lockedWrite(t.db.dataSource, [], async () => (tries++, Promise.reject(new Error('other'))))).rejects.toThrow('other');
    expect(tries).toBe(1);
  });
});
