import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/imports/csv';
import { runImport } from '../../src/imports/run';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

const PAGE = `query($filter: ObservationFilter, $first: Int, $after: String, $asOf: DateTime) {
  observations(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      measureCode year gender value numerator denominator statedPercent valueText deleted
      forbund { slug name } measure { name unit } share { value }
      provenance { locator note isFinal recordedAt supersededAt document { id file url } }
    } }
  }
}`;

async function allPages(t: TestApi, filter: object, first: number, extra: object = {}) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await t.query(PAGE, { filter, first, after, ...extra });
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.observations.edges.map((e: any) => e.node));
    if (!res.data.observations.pageInfo.hasNextPage) return { nodes, totalCount: res.data.observations.totalCount };
    after = res.data.observations.pageInfo.endCursor;
  }
}

async function csv(t: TestApi, params: string): Promise<{ status: number; text: string; type: string | null; bytes: Buffer }> {
  const res = await fetch(t.api.url.replace('/graphql', `/export/observations.csv?${params}`));
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, text: bytes.toString('utf8'), type: res.headers.get('content-type'), bytes };
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));

describe.each(backends)('long-format export on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('pages through every observation in a stable order, without gaps or repeats', async () => {
    const small = await allPages(t, {}, 7);
    const big = await allPages(t, {}, 1000);
    expect(small.nodes).toEqual(big.nodes);
    expect(small.totalCount).toBe(big.nodes.length);
    const keys = big.nodes.map((n) => `${n.forbund?.slug}|${n.measureCode}|${n.year}|${n.gender}|${n.provenance.document.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    // National figures (no förbund) come first.
    expect(big.nodes[0].forbund).toBeNull();
  });

  it('filters by förbund, measure, year and gender', async () => {
    const { nodes } = await allPages(t, { forbund: ['uppsala'], measures: ['to_work_or_studies'], years: [2017] }, 100);
    expect(nodes.map((n) => [n.gender, n.numerator, n.denominator])).toEqual([
      ['ALL', 31, 164],
      ['MEN', 13, null],
      ['WOMEN', 18, null],
    ]);
    const women = await allPages(t, { forbund: ['jamtland'], measures: ['participants_registered'], gender: 'WOMEN' }, 100);
    // 2015–2017 from the final report (001), and 2016 also from the preliminary one (000).
    expect(women.nodes.map((n) => [n.year, n.value, n.provenance.isFinal])).toEqual([
      [2015, 115, true],
      [2016, 60, true],
      [2016, 60, false],
      [2017, 50, true],
    ]);
  });

  it.each([
    ['a bad cursor', { after: 'not-a-cursor' }, 'BAD_USER_INPUT'],
    ['a page of 0', { first: 0 }, 'BAD_USER_INPUT'],
    ['a page of 5000', { first: 5000 }, 'BAD_USER_INPUT'],
    ['an unknown measure', { filter: { measures: ['nope'] } }, 'UNKNOWN_MEASURE'],
    ['an unknown förbund', { filter: { forbund: ['atlantis'] } }, 'BAD_USER_INPUT'],
  ])('rejects %s', async (_what, variables, code) => {
    const res = await t.query(PAGE, variables);
    expect(res.errors?.[0].extensions?.code).toBe(code);
  });

  it('exports CSV that round-trips to the GraphQL answer, field by field', async () => {
    const res = await csv(t, 'forbund=uppsala,jamtland&years=2016,2017');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    // UTF-8 byte-order mark, so Excel reads å, ä and ö.
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      'forbund_slug', 'forbund_name', 'measure', 'measure_name', 'unit', 'year', 'gender', 'value', 'numerator', 'denominator',
      'stated_percent', 'share', 'value_text', 'deleted', 'source_document', 'source_file', 'source_url', 'locator', 'is_final',
      'recorded_at', 'superseded_at', 'note',
    ]);
    const { nodes } = await allPages(t, { forbund: ['uppsala', 'jamtland'], years: [2016, 2017] }, 50);
    expect(rows).toHaveLength(nodes.length);
    rows.forEach((row, i) => {
      const n = nodes[i];
      const r = Object.fromEntries(header.map((h, j) => [h, row[j]]));
      expect(r).toEqual({
        forbund_slug: n.forbund.slug,
        forbund_name: n.forbund.name,
        measure: n.measureCode,
        measure_name: n.measure.name,
        unit: n.measure.unit,
        year: String(n.year),
        gender: n.gender,
        value: cell(n.value),
        numerator: cell(n.numerator),
        denominator: cell(n.denominator),
        stated_percent: cell(n.statedPercent),
        share: cell(n.share?.value),
        value_text: cell(n.valueText),
        deleted: 'false',
        source_document: n.provenance.document.id,
        source_file: cell(n.provenance.document.file),
        source_url: cell(n.provenance.document.url),
        locator: n.provenance.locator,
        is_final: String(n.provenance.isFinal),
        recorded_at: n.provenance.recordedAt,
        superseded_at: '',
        note: cell(n.note ?? n.provenance.note),
      });
    });
    expect(rows.some((row) => row[1] === 'Samordningsförbundet i Jämtlands län')).toBe(true);
    // Numbers read back as numbers: Uppsala's 31 of 164.
    const share = rows.find((row) => row[0] === 'uppsala' && row[2] === 'to_work_or_studies' && row[6] === 'ALL')!;
    expect([Number(share[8]), Number(share[9]), Number(share[11])]).toEqual([31, 164, 31 / 164]);
  });

  it('answers bad export parameters with 400 and the same codes', async () => {
    const unknown = await csv(t, 'measures=nope');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ code: 'UNKNOWN_MEASURE' });
    const badYear = await csv(t, 'years=twenty');
    expect(badYear.status).toBe(400);
    expect(JSON.parse(badYear.text)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe.each(backends)('syncing changes on %s', (backend) => {
  let t: TestApi;
  const admin = { name: 'sync test', role: 'ADMIN' as const, forbundId: null };
  const report = readFileSync('examples/import/uppsala-2017.json', 'utf8');
  const files = new Map(
    ['uppsala-2017-observations.csv', 'uppsala-2017-financial-lines.csv'].map((n) => [n, readFileSync(`examples/import/${n}`, 'utf8')] as const),
  );
  let before: string;

  beforeAll(async () => {
    t = await startTestApi(backend, { seed: 'reference' });
    await runImport(t.db.dataSource, [{ name: 'uppsala-2017.json', text: report }], (n) => files.get(n) ?? null, { actor: admin, origin: 'cli', dryRun: false });
    [{ before }] = await t.db.dataSource.query(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS before`);
    await new Promise((r) => setTimeout(r, 20));
    // A corrected report: one figure changed, one removed.
    const observations = files
      .get('uppsala-2017-observations.csv')!
      .replace(/^participants_ended,2017,ALL,164,/m, 'participants_ended,2017,ALL,165,')
      .replace(/^participants_anonymous,.*\n/m, '');
    await runImport(t.db.dataSource, [{ name: 'uppsala-2017.json', text: report }], (n) => (n === 'uppsala-2017-observations.csv' ? observations : (files.get(n) ?? null)), {
      actor: admin,
      origin: 'cli',
      dryRun: false,
    });
  });
  afterAll(() => t.close());

  it('gives what changed since a moment: the new version, and a tombstone for the removed figure', async () => {
    const { nodes } = await allPages(t, { updatedSince: before }, 100);
    expect(nodes.map((n) => [n.measureCode, n.value, n.deleted])).toEqual([
      ['participants_anonymous', 1, true],
      ['participants_ended', 165, false],
    ]);
    expect(nodes[0].provenance.supersededAt).not.toBeNull();
    const res = await csv(t, `updatedSince=${encodeURIComponent(before)}`);
    const [, ...rows] = parseCsv(res.text);
    expect(rows.map((r) => [r[2], r[7], r[13]])).toEqual([
      ['participants_anonymous', '1', 'true'],
      ['participants_ended', '165', 'false'],
    ]);
  });

  it('holds one asOf for the whole request, and refuses two different ones', async () => {
    const res = await t.query(`{ a: forbund(slug: "uppsala", asOf: "2020-01-01T00:00:00Z") { name } b: forbunds(asOf: "2021-01-01T00:00:00Z") { slug } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Uppsala was imported after 2020: as of then, the database knew no such förbund.
    const then = await t.query(`{ forbund(slug: "uppsala", asOf: "2020-01-01T00:00:00Z") { name } forbunds { slug } }`);
    expect(then.data).toEqual({ forbund: null, forbunds: [] });
  });

  it('answers as the data stood before the correction (asOf)', async () => {
    const filter = { forbund: ['uppsala'], measures: ['participants_ended', 'participants_anonymous'] };
    const then = await allPages(t, filter, 100, { asOf: before });
    expect(then.nodes.map((n) => [n.measureCode, n.value, n.deleted])).toEqual([
      ['participants_anonymous', 1, false],
      ['participants_ended', 164, false],
    ]);
    const now = await allPages(t, filter, 100);
    expect(now.nodes.map((n) => [n.measureCode, n.value])).toEqual([['participants_ended', 165]]);
    const [, ...rows] = parseCsv((await csv(t, `forbund=uppsala&measures=participants_ended&asOf=${encodeURIComponent(before)}`)).text);
    expect(rows.map((r) => r[7])).toEqual(['164']);
  });
});
