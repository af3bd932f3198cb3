import { readFileSync } from 'node:fs';
import { runImport } from '../../src/ingest/import';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

const PAGE = `query($filter: ObservationFilter, $first: Int, $after: String, $asOf: DateTime) {
  observations(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      measureCode year gender value numerator denominator statedPercent qualifier valueText deleted
      forbund { slug name } measure { name nameSv unit } share { value }
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

async function csv(t: TestApi, params: string): Promise<{ status: number; text: string; type: string | null; disposition: string | null; bytes: Buffer }> {
  const res = await fetch(t.api.url.replace('/graphql', `/export/observations.csv?${params}`));
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, text: bytes.toString('utf8'), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes };
}

/**
 * RFC 4180, written here rather than taken from src/ingest/format/csv.ts, so the export is read by a parser it
 * does not share code with: quoted fields hold commas, doubled quotes and line breaks; rows end in CRLF.
 */
function parseCsv(text: string): string[][] {
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i) || i >= text.length) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}: rows must end in CRLF`);
  }
  return rows;
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const num = (field: string) => (field === '' ? null : Number(field));

describe.each(backends)('long-format export on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('reads CSV with the test\'s own parser', () => {
    expect(parseCsv('\ufeffa,"b,""c""\r\nd",\r\n"",x\r\n')).toEqual([
      ['a', 'b,"c"\r\nd', ''],
      ['', 'x'],
    ]);
  });

  it('pages through every observation in a stable order, without gaps or repeats', async () => {
    const small = await allPages(t, {}, 7);
    const big = await allPages(t, {}, 1000);
    expect(small.nodes).toEqual(big.nodes);
    expect(small.totalCount).toBe(big.nodes.length);
    const keys = big.nodes.map((n) => `${n.forbund?.slug}|${n.measureCode}|${n.year}|${n.gender}|${n.provenance.document.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    // National figures (no förbund) come first, then by förbund, measure, year, gender, document.
    expect(big.nodes[0].forbund).toBeNull();
    const sortKey = (n: any) => [n.forbund?.slug ?? '', n.measureCode, String(n.year), n.gender, n.provenance.document.id].join('\u0000');
    const sorted = [...big.nodes].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    expect(big.nodes.map(sortKey)).toEqual(sorted.map(sortKey));
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
    ['an unknown förbund', { filter: { forbund: ['atlantis'] } }, 'UNKNOWN_FORBUND'],
    ['a förbund slug with a NUL byte', { filter: { forbund: ['upp\u0000sala'] } }, 'BAD_USER_INPUT'],
    // Well-formed base64url JSON, but not a key this API gives out: not a database error.
    ['a forged cursor with a fractional year', { after: Buffer.from(JSON.stringify(['uppsala', 'a', 2017.5, 'ALL', 'd', 'i'])).toString('base64url') }, 'BAD_USER_INPUT'],
    ['a forged cursor with a huge year', { after: Buffer.from(JSON.stringify(['uppsala', 'a', 1e12, 'ALL', 'd', 'i'])).toString('base64url') }, 'BAD_USER_INPUT'],
    ['a forged cursor with a NUL byte', { after: Buffer.from(JSON.stringify(['upp\u0000', 'a', 2017, 'ALL', 'd', 'i'])).toString('base64url') }, 'BAD_USER_INPUT'],
  ])('rejects %s', async (_what, variables, code) => {
    const res = await t.query(PAGE, variables);
    expect(res.errors?.[0].extensions?.code).toBe(code);
  });

  it('marks a figure the source states approximately: "just over 32 715" participants in 2018 is AT_LEAST', async () => {
    const res = await csv(t, 'forbund=riket&measures=participants_individual_total&years=2018');
    const [header, row] = parseCsv(res.text);
    const of = (name: string) => row[header.indexOf(name)];
    expect([of('forbund_slug'), of('value'), of('qualifier')]).toEqual(['riket', '32715', 'AT_LEAST']);
  });

  it('exports CSV that round-trips to the GraphQL answer, field by field', async () => {
    const res = await csv(t, 'forbund=uppsala,jamtland&years=2016,2017');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.disposition).toBe('attachment; filename="finsam-observations.csv"');
    // UTF-8 byte-order mark, so Excel reads å, ä and ö.
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      'forbund_slug', 'forbund_name', 'measure', 'measure_name', 'measure_name_sv', 'unit', 'year', 'gender', 'value', 'numerator', 'denominator',
      'stated_percent', 'share', 'qualifier', 'value_text', 'deleted', 'source_document', 'source_file', 'source_url', 'locator', 'is_final', 'preferred',
      'recorded_at', 'superseded_at', 'note',
    ]);
    const { nodes } = await allPages(t, { forbund: ['uppsala', 'jamtland'], years: [2016, 2017] }, 50);
    expect(rows).toHaveLength(nodes.length);
    rows.forEach((row, i) => {
      const n = nodes[i];
      expect(row).toHaveLength(header.length);
      // Numbers compared as numbers (an empty field is null), everything else as text.
      const numeric = new Set(['year', 'value', 'numerator', 'denominator', 'stated_percent', 'share']);
      const r = Object.fromEntries(header.map((h, j) => [h, numeric.has(h) ? num(row[j]) : row[j]]));
      expect(r).toEqual({
        forbund_slug: n.forbund.slug,
        forbund_name: n.forbund.name,
        measure: n.measureCode,
        measure_name: n.measure.name,
        measure_name_sv: n.measure.nameSv,
        unit: n.measure.unit,
        year: n.year,
        gender: n.gender,
        value: n.value,
        numerator: n.numerator,
        denominator: n.denominator,
        stated_percent: n.statedPercent,
        share: n.share?.value ?? null,
        qualifier: cell(n.qualifier),
        value_text: cell(n.valueText),
        deleted: 'false',
        source_document: n.provenance.document.id,
        source_file: cell(n.provenance.document.file),
        source_url: cell(n.provenance.document.url),
        locator: n.provenance.locator,
        is_final: String(n.provenance.isFinal),
        // Uppsala's and Jämtland's figures of these years: only Jämtland's 2016 WOMEN, MEN and structural have a second source.
        preferred: expect.stringMatching(/^(true|false)$/),
        recorded_at: n.provenance.recordedAt,
        superseded_at: '',
        note: cell(n.note ?? n.provenance.note),
      });
    });
    expect(rows.some((row) => row[1] === 'Samordningsförbundet i Jämtlands län')).toBe(true);
    expect(rows.some((row) => row[1] === 'Samordningsförbundet Uppsala län')).toBe(true);
    // Quoting was exercised: notes quote the source ("…") and hold commas.
    const at = (name: string) => header.indexOf(name);
    expect(rows.some((row) => row[at('note')].includes('"') && row[at('note')].includes(','))).toBe(true);
    // Numbers read back as numbers: Uppsala's 31 of 164.
    const share = rows.find((row) => row[0] === 'uppsala' && row[2] === 'to_work_or_studies' && row[at('gender')] === 'ALL')!;
    expect([Number(share[at('numerator')]), Number(share[at('denominator')]), Number(share[at('share')])]).toEqual([31, 164, 31 / 164]);
  });

  it('answers bad export parameters with 400 and the same codes', async () => {
    const unknown = await csv(t, 'measures=nope');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ code: 'UNKNOWN_MEASURE' });
    expect(JSON.parse((await csv(t, 'forbund=atlantis')).text)).toMatchObject({ code: 'UNKNOWN_FORBUND', validForbund: expect.arrayContaining(['uppsala']) });
    for (const params of ['years=twenty', 'gender=OTHER', 'asOf=yesterday', 'updatedSince=soon']) {
      const bad = await csv(t, params);
      expect([params, bad.status, bad.type]).toEqual([params, 400, 'application/json; charset=utf-8']);
      expect(JSON.parse(bad.text)).toMatchObject({ code: 'BAD_USER_INPUT', error: expect.any(String) });
    }
  });
});

/** Whether a CSV cell fits its Table Schema type, as a Frictionless validator reads it ('' is missing). */
const fits: Record<string, (v: string) => boolean> = {
  string: () => true,
  integer: (v) => /^-?\d+$/.test(v),
  number: (v) => /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v),
  boolean: (v) => v === 'true' || v === 'false',
  datetime: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(v),
};

describe.each(backends)('the researcher\'s CSV and its Data Package on %s', (backend) => {
  let t: TestApi;
  let pkg: any;
  beforeAll(async () => {
    t = await startTestApi(backend);
    pkg = await (await fetch(t.api.url.replace('/graphql', '/export/datapackage.json'))).json();
  });
  afterAll(() => t.close());

  it('serves a Frictionless Data Package beside the CSV: every column with its type and meaning, and the primary key', async () => {
    const res = await fetch(t.api.url.replace('/graphql', '/export/datapackage.json'));
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect((await fetch(res.url, { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
    expect(pkg.profile).toBe('tabular-data-package');
    const [resource] = pkg.resources;
    expect(resource).toMatchObject({ name: 'observations', path: 'observations.csv', format: 'csv', encoding: 'utf-8', profile: 'tabular-data-resource' });
    const [header] = parseCsv((await csv(t, 'years=2017')).text);
    expect(resource.schema.fields.map((f: any) => f.name)).toEqual(header);
    for (const f of resource.schema.fields) {
      expect(Object.keys(fits)).toContain(f.type);
      expect(f.description.length).toBeGreaterThan(20);
    }
    expect(resource.schema.primaryKey).toEqual(['forbund_slug', 'measure', 'year', 'gender', 'source_document']);
  });

  it('keeps every column to its declared type whatever the filter, counts as integers, and the primary key unique and never empty', async () => {
    const fields: Array<{ name: string; type: string; constraints?: { required?: boolean; enum?: string[] } }> = pkg.resources[0].schema.fields;
    for (const params of ['', 'forbund=uppsala', 'forbund=riket', 'measures=to_work_or_studies&gender=MEN', 'measures=participants_ended', 'years=2016']) {
      const [header, ...rows] = parseCsv((await csv(t, params)).text);
      expect(rows.length).toBeGreaterThan(0);
      const keys = new Set<string>();
      for (const row of rows) {
        fields.forEach((f, i) => {
          const v = row[i];
          if (v === '') expect([params, f.name, f.constraints?.required ?? false]).toEqual([params, f.name, false]);
          else expect([params, f.name, v, fits[f.type](v) && (!f.constraints?.enum || f.constraints.enum.includes(v))]).toEqual([params, f.name, v, true]);
        });
        keys.add(pkg.resources[0].schema.primaryKey.map((k: string) => row[header.indexOf(k)]).join('|'));
      }
      expect(keys.size).toBe(rows.length);
    }
  });

  it('gives national figures the slug "riket", which the filter takes too', async () => {
    const [header, ...rows] = parseCsv((await csv(t, 'forbund=riket')).text);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => `${r[0]}|${r[1]}`))).toEqual(new Set(['riket|Riket']));
    const rikssnitt = rows.find((r) => r[header.indexOf('measure')] === 'to_work_or_studies' && r[header.indexOf('year')] === '2016')!;
    expect(Number(rikssnitt[header.indexOf('share')])).toBe(0.33);
    expect(rikssnitt[header.indexOf('measure_name_sv')]).toBe('Gått vidare till arbete eller studier');
    const both = parseCsv((await csv(t, 'forbund=riket,uppsala')).text).slice(1);
    expect(new Set(both.map((r) => r[0]))).toEqual(new Set(['riket', 'uppsala']));
    const page = await t.query('{ observations(filter: { forbund: ["riket"] }, first: 1) { totalCount edges { node { forbund { slug } } } } }');
    expect(page.data.observations).toEqual({ totalCount: rows.length, edges: [{ node: { forbund: null } }] });
  });

  it('marks preferred the one figure the API uses where several sources give it (Jämtland 2016: the final annual report over the supervision report)', async () => {
    const [header, ...rows] = parseCsv((await csv(t, 'forbund=jamtland&years=2016&measures=participants_registered')).text);
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    const women = rows.filter((r) => col(r, 'gender') === 'WOMEN').map((r) => [col(r, 'source_document'), col(r, 'is_final'), col(r, 'preferred'), col(r, 'value')]);
    expect(women).toEqual([
      ['jamtland-ar-2017', 'true', 'true', '60'],
      ['jamtland-supervision-2016', 'false', 'false', '60'],
    ]);
    // The figure marked preferred is the API's: its outcome gives the same.
    const api = await t.query('{ forbund(slug: "jamtland") { outcome(year: 2016) { women men } } }');
    const preferredValue = (gender: string) => Number(col(rows.find((r) => col(r, 'gender') === gender && col(r, 'preferred') === 'true')!, 'value'));
    expect(api.data.forbund.outcome).toEqual({ women: preferredValue('WOMEN'), men: preferredValue('MEN') });
    // Over the whole export: exactly one preferred figure per förbund (or riket), measure, year and gender.
    const [all, ...everything] = parseCsv((await csv(t, '')).text);
    const groups = new Map<string, number>();
    for (const r of everything) {
      const key = ['forbund_slug', 'measure', 'year', 'gender'].map((k) => r[all.indexOf(k)]).join('|');
      groups.set(key, (groups.get(key) ?? 0) + (r[all.indexOf('preferred')] === 'true' ? 1 : 0));
    }
    expect([...groups.values()].every((n) => n === 1)).toBe(true);
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
    const [header, ...rows] = parseCsv(res.text);
    const cols = ['measure', 'value', 'deleted', 'preferred'].map((name) => header.indexOf(name));
    // A tombstone is never the preferred figure; the new version is.
    expect(rows.map((r) => cols.map((i) => r[i]))).toEqual([
      ['participants_anonymous', '1', 'true', 'false'],
      ['participants_ended', '165', 'false', 'true'],
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
    const [header, ...rows] = parseCsv((await csv(t, `forbund=uppsala&measures=participants_ended&asOf=${encodeURIComponent(before)}`)).text);
    expect(rows.map((r) => [r[header.indexOf('value')], r[header.indexOf('preferred')]])).toEqual([['164', 'true']]);
  });
});

describe.each(backends)('a re-import simulated in SQL on %s', (backend) => {
  let t: TestApi;
  // Before the change (T0) and after it (T1), as ISO 8601 strings from the database's clock.
  let t0: string;
  let t1: string;
  let cursorBefore: string;
  const DOC = 'uppsala-ar-2017';
  const uppsala2017 = { forbund: ['uppsala'], years: [2017], measures: ['participants_anonymous', 'to_work_or_studies'] };
  const OUTCOME = `query($asOf: DateTime) { forbund(slug: "uppsala", asOf: $asOf) { outcome(year: 2017) { anonymous toWorkOrStudies { numerator } } } }`;
  const dbNow = async (): Promise<string> => {
    const [{ now }] = await t.db.dataSource.query(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`);
    return now;
  };

  beforeAll(async () => {
    t = await startTestApi(backend);
    // A cursor handed out before the re-import: the edge just before Uppsala's to_work_or_studies 2017 ALL.
    const before = await t.query(PAGE, { filter: uppsala2017, first: 100 });
    const edges = before.data.observations.edges;
    const at = edges.findIndex((e: any) => e.node.measureCode === 'to_work_or_studies' && e.node.gender === 'ALL');
    cursorBefore = edges[at - 1].cursor;

    t0 = await dbNow();
    await new Promise((r) => setTimeout(r, 20));
    // What an import does, without the import code: close the current row, insert its successor (31 → 32),
    // and close another row with no successor (a figure removed from the document).
    await t.db.dataSource.transaction(async (m) => {
      const [[closed]] = await m.query(
        `UPDATE observation SET valid_to = now() WHERE source_document_id = $1 AND identity = 'uppsala|to_work_or_studies|2017|ALL' AND valid_to IS NULL RETURNING id`,
        [DOC],
      );
      await m.query(
        `INSERT INTO observation (forbund_id, measure_code, year, gender, value, numerator, denominator, stated_percent, value_text,
                                  source_document_id, locator, note, valid_from, identity, content)
         SELECT forbund_id, measure_code, year, gender, value, 32, denominator, stated_percent, value_text,
                source_document_id, locator, note, now(), identity, content
         FROM observation WHERE id = $1`,
        [closed.id],
      );
      const [removed] = await m.query(
        `UPDATE observation SET valid_to = now() WHERE source_document_id = $1 AND identity = 'uppsala|participants_anonymous|2017|ALL' AND valid_to IS NULL RETURNING id`,
        [DOC],
      );
      expect(removed).toHaveLength(1);
    });
    await new Promise((r) => setTimeout(r, 20));
    t1 = await dbNow();
  });
  afterAll(() => t.close());

  it('gives exactly the changes since T0: the successor, and the removed row as a tombstone', async () => {
    const { nodes, totalCount } = await allPages(t, { updatedSince: t0 }, 100);
    expect(totalCount).toBe(2);
    expect(nodes.map((n) => [n.forbund.slug, n.measureCode, n.year, n.gender, n.value, n.numerator, n.deleted])).toEqual([
      ['uppsala', 'participants_anonymous', 2017, 'ALL', 1, null, true],
      ['uppsala', 'to_work_or_studies', 2017, 'ALL', null, 32, false],
    ]);
    const [tombstone, successor] = nodes;
    expect(Date.parse(tombstone.provenance.supersededAt)).toBeGreaterThan(Date.parse(t0));
    expect(successor.provenance.supersededAt).toBeNull();
    expect(Date.parse(successor.provenance.recordedAt)).toBeGreaterThan(Date.parse(t0));
    // Nothing changed after T1.
    expect((await allPages(t, { updatedSince: t1 }, 100)).nodes).toEqual([]);
  });

  it('answers as the data stood at T0 with asOf, and as it stands now without', async () => {
    const then = await allPages(t, uppsala2017, 100, { asOf: t0 });
    expect(then.nodes.map((n) => [n.measureCode, n.gender, n.value ?? n.numerator, n.deleted])).toEqual([
      ['participants_anonymous', 'ALL', 1, false],
      ['to_work_or_studies', 'ALL', 31, false],
      ['to_work_or_studies', 'MEN', 13, false],
      ['to_work_or_studies', 'WOMEN', 18, false],
    ]);
    const now = await allPages(t, uppsala2017, 100);
    expect(now.nodes.map((n) => [n.measureCode, n.gender, n.value ?? n.numerator, n.deleted])).toEqual([
      ['to_work_or_studies', 'ALL', 32, false],
      ['to_work_or_studies', 'MEN', 13, false],
      ['to_work_or_studies', 'WOMEN', 18, false],
    ]);
    // The rest of the API reads the same versions.
    expect((await t.query(OUTCOME, { asOf: t0 })).data.forbund.outcome).toEqual({ anonymous: 1, toWorkOrStudies: { numerator: 31 } });
    expect((await t.query(OUTCOME)).data.forbund.outcome).toEqual({ anonymous: null, toWorkOrStudies: { numerator: 32 } });
  });

  it('with both updatedSince and asOf, gives the changes in (updatedSince, asOf]', async () => {
    const window = await allPages(t, { updatedSince: t0 }, 100, { asOf: t1 });
    expect(window.nodes.map((n) => [n.measureCode, n.deleted])).toEqual([
      ['participants_anonymous', true],
      ['to_work_or_studies', false],
    ]);
    const empty = await t.query(PAGE, { filter: { updatedSince: t0 }, asOf: t0 });
    expect(empty.data.observations).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('keeps a cursor handed out before the re-import valid: the next figure is the new version', async () => {
    const res = await t.query(PAGE, { filter: uppsala2017, first: 1, after: cursorBefore });
    expect(res.errors).toBeUndefined();
    expect(res.data.observations.edges.map((e: any) => [e.node.measureCode, e.node.gender, e.node.numerator])).toEqual([['to_work_or_studies', 'ALL', 32]]);
  });

  it('exports the same changes and the same past as CSV', async () => {
    const [header, ...changed] = parseCsv((await csv(t, `updatedSince=${encodeURIComponent(t0)}`)).text);
    const col = (name: string) => header.indexOf(name);
    expect(changed.map((r) => [r[col('measure')], r[col('value')], r[col('numerator')], r[col('deleted')], r[col('superseded_at')] !== ''])).toEqual([
      ['participants_anonymous', '1', '', 'true', true],
      ['to_work_or_studies', '', '32', 'false', false],
    ]);
    const [, ...then] = parseCsv((await csv(t, `forbund=uppsala&years=2017&measures=participants_anonymous,to_work_or_studies&gender=ALL&asOf=${encodeURIComponent(t0)}`)).text);
    expect(then.map((r) => [r[col('measure')], r[col('value')] || r[col('numerator')], r[col('share')]])).toEqual([
      ['participants_anonymous', '1', ''],
      ['to_work_or_studies', '31', String(31 / 164)],
    ]);
  });
});

describe.each(backends)('cells a spreadsheet would execute, on %s', (backend) => {
  let t: TestApi;
  // What an editor (locator, note, value text), an admin (förbund name) and a file (document file name) may write.
  const HOSTILE = {
    locator: '=HYPERLINK("https://evil.example","klicka")',
    note: '@SUM(1+1)',
    valueText: '+SUM(1+1)*cmd|\' /C calc\'!A0',
    file: '=cmd.txt',
    name: '-2+3+cmd|\' /C calc\'!A0',
    tabbed: '\tSUM(1)',
  };
  beforeAll(async () => {
    t = await startTestApi(backend);
    const report = {
      format: 'finsam-compare/report',
      formatVersion: 1,
      forbund: { slug: 'formula-test', name: HOSTILE.name, countyCode: '03' },
      year: 2020,
      document: { id: 'formula-test-2020', file: HOSTILE.file, title: 'Formula test', kind: 'ANNUAL_REPORT', status: 'FINAL', publisher: 'tests', yearsCovered: [2020] },
      observations: [
        { measure: 'profile_main_age_band', year: 2020, gender: 'ALL', valueText: HOSTILE.valueText, locator: HOSTILE.locator, note: HOSTILE.note },
        { measure: 'participants_ended', year: 2020, gender: 'ALL', value: '40', locator: HOSTILE.tabbed },
        { measure: 'to_work_or_studies', year: 2020, gender: 'ALL', numerator: '12', denominator: '40', locator: 'Statistik' },
      ],
    };
    await runImport(t.db.dataSource, [{ name: 'formula-test.json', json: report }], () => null, {
      actor: { name: 'tests', role: 'ADMIN', forbundId: null },
      origin: 'tests',
      dryRun: false,
    });
  });
  afterAll(() => t.close());

  it('neutralises every text cell that begins with =, +, -, @ or a tab, and leaves numbers as numbers', async () => {
    const { parse } = await import('csv-parse/sync');
    const res = await csv(t, 'forbund=formula-test');
    expect(res.status).toBe(200);
    const rows: Array<Record<string, string>> = parse(res.text, { bom: true, columns: true });
    expect(rows).toHaveLength(3);
    const text = rows.find((r) => r.measure === 'profile_main_age_band')!;
    expect(text).toMatchObject({
      forbund_name: `'${HOSTILE.name}`,
      value_text: `'${HOSTILE.valueText}`,
      locator: `'${HOSTILE.locator}`,
      note: `'${HOSTILE.note}`,
      source_file: `'${HOSTILE.file}`,
    });
    expect(rows.find((r) => r.measure === 'participants_ended')!).toMatchObject({ locator: `'${HOSTILE.tabbed}`, value: '40' });
    const share = rows.find((r) => r.measure === 'to_work_or_studies')!;
    expect(share).toMatchObject({ numerator: '12', denominator: '40', share: '0.3' });
    // No cell a spreadsheet would evaluate is left: every one starts with something other than a formula sign.
    for (const row of rows) for (const [column, value] of Object.entries(row)) if (/^[=+@\t\r]/.test(value)) throw new Error(`${column} starts like a formula: ${value}`);
  });
});
