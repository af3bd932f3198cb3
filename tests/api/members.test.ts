/**
 * members(year): every annual report lists the members again, so a förbund has many membership rows per
 * member. The API answers one per member — the one with most known period, the first listed on a tie — in
 * the order members were first listed, covering the year asked, as the data stood at asOf.
 */
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

const MEMBERS = (args: string) => `{ forbund(slug: "members-test") { members${args} { fromYear toYear organisation { key } provenance { locator } } } }`;

describe.each(backends)('members of a förbund listed by several documents (%s)', (backend) => {
  let t: TestApi;
  let beforeClosing: string;

  beforeAll(async () => {
    t = await startTestApi(backend);
    const db = t.db.dataSource;
    const [{ id }] = await db.query(`INSERT INTO forbund (slug, name, provenance) VALUES ('members-test', 'Members test (test data)', 'tests') RETURNING id`);
    await db.query(`INSERT INTO source_document (id, url, title, kind, status, publisher, forbund_id) VALUES
      ('members-a', 'https://example.invalid/a', 'A', 'ANNUAL_REPORT', 'FINAL', 'tests', $1),
      ('members-b', 'https://example.invalid/b', 'B', 'ANNUAL_REPORT', 'FINAL', 'tests', $1)`, [id]);
    const org = async (key: string) => (await db.query(`SELECT id FROM organisation WHERE key = $1`, [key]))[0].id as number;
    const [fk, af, region] = [await org('forsakringskassan'), await org('arbetsformedlingen'), await org('region-03')];
    const add = (organisation: number, from: number | null, to: number | null, doc: string, locator: string) =>
      db.query(`INSERT INTO membership (forbund_id, organisation_id, from_year, to_year, source_document_id, locator, identity) VALUES ($1, $2, $3, $4, $5, $6, $6)`, [id, organisation, from, to, doc, locator]);
    // Listed first: Arbetsförmedlingen (no period), then FK; the region only in the second document, with an end.
    await add(af, null, null, 'members-a', 'a: af');
    await add(fk, 2010, null, 'members-a', 'a: fk');
    await add(af, 2012, null, 'members-b', 'b: af'); // more known period: chosen, keeps its first-listed place
    await add(fk, 2011, null, 'members-b', 'b: fk'); // as much known as a's: a's (listed first) is kept
    await add(region, 2010, 2015, 'members-b', 'b: region');
    // A moment clearly between the inserts and the closing (the database keeps microseconds, asOf milliseconds).
    await new Promise((r) => setTimeout(r, 20));
    beforeClosing = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // A re-import closes b's region row: as of before that moment it is still there.
    await db.query(`UPDATE membership SET valid_to = now() WHERE locator = 'b: region'`);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives one membership per member, in first-listed order, the most complete one', async () => {
    const res = await t.query(MEMBERS(''));
    expect(res.errors).toBeUndefined();
    expect(res.data.forbund.members).toEqual([
      { fromYear: 2012, toYear: null, organisation: { key: 'arbetsformedlingen' }, provenance: { locator: 'b: af' } },
      { fromYear: 2010, toYear: null, organisation: { key: 'forsakringskassan' }, provenance: { locator: 'a: fk' } },
    ]);
  });

  it('keeps only members covering the year, and answers as the data stood at asOf', async () => {
    const keys = async (args: string) => (await t.query(MEMBERS(args))).data.forbund.members.map((m: any) => m.organisation.key);
    expect(await keys('(year: 2011)')).toEqual(['arbetsformedlingen', 'forsakringskassan']);
    expect(await keys('(year: 2009)')).toEqual(['arbetsformedlingen']); // an unknown start covers every year
    const asOf = (await t.query(`{ forbund(slug: "members-test", asOf: "${beforeClosing}") { y2014: members(year: 2014) { organisation { key } } y2016: members(year: 2016) { organisation { key } } } }`)).data.forbund;
    expect(asOf.y2014.map((m: any) => m.organisation.key)).toEqual(['arbetsformedlingen', 'forsakringskassan', 'region-03']);
    expect(asOf.y2016.map((m: any) => m.organisation.key)).toEqual(['arbetsformedlingen', 'forsakringskassan']);
  });
});
