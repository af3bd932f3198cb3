import ExcelJS from 'exceljs';
import { connect } from 'node:net';
import { startAppApi } from '../../src/app/modules';
import { createApiKey } from '../../src/domain/auth/keys';
import { DEFAULT_LIMITS } from '../../src/platform/common/limits';
import { DEFAULT_CACHING } from '../../src/platform/http/caching';
import { DEFAULT_CONNECTIONS } from '../../src/platform/http/connections';
import { RunningApi } from '../../src/platform/http/server';
import { openSharedStore } from '../../src/platform/http/shared-store';
import { startTestApi, TestApi } from '../support/api';
import { Backend, backends, openTestDatabase, tableChecksums, TestDatabase } from '../support/database';
import { falunReport, FALUN, fillCsv, fillWorkbook } from '../support/report-template';
import { workbookParts, zip } from '../support/zip';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Answer {
  status: number;
  body: any;
}

async function upload(t: TestApi, key: string | null, type: string | null, body: Buffer | string, query = ''): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(t.api.url.replace('/graphql', `/import${query}`), { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}

async function template(t: TestApi, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const res = await fetch(t.api.url.replace('/graphql', `/templates/report.${format}?forbund=${FALUN.slug}&year=${FALUN.year}`));
  return Buffer.from(await res.arrayBuffer());
}

/** A change as the history keeps it, without what identifies the batch. */
const content = (changes: Array<{ entity: string; action: string; identity: string; after: unknown }>) =>
  changes.map(({ entity, action, identity, after }) => ({ entity, action, identity, after })).sort((a, b) => `${a.entity}|${a.identity}`.localeCompare(`${b.entity}|${b.identity}`));

describe.each(backends)('uploading a report on %s', (backend: Backend) => {
  let t: TestApi;
  let editor: string;
  let otherEditor: string;
  let xlsx: Buffer;
  let csv: string;
  beforeAll(async () => {
    t = await startTestApi(backend);
    const em = t.db.dataSource.manager;
    editor = (await createApiKey(em, { name: 'Falun editor', role: 'EDITOR', forbundSlug: 'falun' })).secret;
    otherEditor = (await createApiKey(em, { name: 'Jämtland editor', role: 'EDITOR', forbundSlug: 'jamtland' })).secret;
    xlsx = await fillWorkbook(await template(t, 'xlsx'));
    csv = fillCsv((await template(t, 'csv')).toString('utf8'));
  });
  afterAll(() => t.close());

  it('refuses without a key or with an invalid one (401), for another förbund (403), another type (415), and over the body limit (413), writing nothing', async () => {
    const before = await tableChecksums(t.db);
    const none = await upload(t, null, XLSX, xlsx, '?dryRun=false');
    expect([none.status, none.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const bad = await upload(t, 'fck_not-a-key', XLSX, xlsx, '?dryRun=false');
    expect([bad.status, bad.body.code, bad.body.error]).toEqual([401, 'UNAUTHENTICATED', 'The API key is not valid (unknown or revoked).']);
    const other = await upload(t, otherEditor, XLSX, xlsx, '?dryRun=false');
    expect([other.status, other.body.code, other.body.error]).toEqual([403, 'FORBIDDEN', 'The key "Jämtland editor" may write only its own förbund, not "falun".']);
    const pdf = await upload(t, editor, 'application/pdf', xlsx);
    expect([pdf.status, pdf.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(pdf.body.validContentTypes).toEqual([XLSX, 'text/csv', 'application/json']);
    const huge = await upload(t, editor, XLSX, Buffer.alloc(8_000_001));
    expect([huge.status, huge.body.code, huge.body.limit]).toEqual([413, 'PAYLOAD_TOO_LARGE', 8_000_000]);
    const query = await upload(t, editor, XLSX, xlsx, '?dryRun=yes');
    expect([query.status, query.body.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('answers 422 with every problem at its sheet and cell, and writes nothing', async () => {
    const broken = await fillWorkbook(await template(t, 'xlsx'), (wb) => {
      const participants = wb.getWorksheet('Deltagare')!;
      participants.eachRow((row) => {
        if (row.getCell(1).value === 'participants_ended' && row.getCell(3).value === 'Kvinnor') row.getCell('D').value = 'fyrtiofem';
        if (row.getCell(1).value === 'participants_ended' && row.getCell(3).value === 'Män') row.getCell('D').value = 35.5;
      });
      wb.getWorksheet('Utfall')!.eachRow((row) => {
        if (row.getCell(1).value === 'to_work_or_studies' && row.getCell(3).value === 'Alla') row.getCell('E').value = 90;
      });
      wb.getWorksheet('Källa')!.getCell('B6').value = 'Klar';
    });
    const before = await tableChecksums(t.db);
    const res = await upload(t, editor, XLSX, broken, '?dryRun=false&fileName=falun-2024.xlsx');
    expect([res.status, res.body.code]).toEqual([422, 'BAD_USER_INPUT']);
    const problems = res.body.problems.map((p: { file: string; path: string; reason: string }) => `${p.file} ${p.path}: ${p.reason}`);
    expect(problems.sort()).toEqual(
      [
        'falun-2024.xlsx Deltagare!D9: "fyrtiofem" is not a number',
        'falun-2024.xlsx Deltagare!D10: a count is a whole number of 0 or more, not 35.5',
        'falun-2024.xlsx Källa!B6: Slutlig eller preliminär is one of Slutlig, Preliminär, not "Klar"',
        'falun-2024.xlsx Utfall!E2: numerator 90 is larger than its denominator 80',
      ].sort(),
    );
    expect(res.body.error).toMatch(/^Import rejected, nothing was written: 4 problems\. /);
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('refuses each hostile workbook with its code and a 4xx, writing nothing', async () => {
    const before = await tableChecksums(t.db);
    const formula = await fillWorkbook(await template(t, 'xlsx'), (wb) => (wb.getWorksheet('Deltagare')!.getCell('D10').value = { formula: 'D11+D12' } as ExcelJS.CellFormulaValue));
    const sheets = await fillWorkbook(await template(t, 'xlsx'), (wb) => {
      for (let i = 0; i < 30; i++) wb.addWorksheet(`Extra ${i}`);
    });
    const hostile: Array<[string, Buffer, number, string]> = [
      ['a zip bomb', zip(workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/media/image1.png', data: Buffer.alloc(40 * 1024 * 1024) }] })), 413, 'WORKBOOK_TOO_LARGE'],
      ['too many sheets', sheets, 413, 'WORKBOOK_TOO_LARGE'],
      ['macros', zip(workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/vbaProject.bin', data: Buffer.from('VBA') }] })), 422, 'WORKBOOK_MACROS'],
      ['an external link', zip(workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/externalLinks/externalLink1.xml', data: '<externalLink/>' }] })), 422, 'WORKBOOK_EXTERNAL_LINK'],
      ['a formula without its value', formula, 422, 'WORKBOOK_FORMULA_WITHOUT_VALUE'],
      ['not a workbook', Buffer.from('Kod;Värde\r\nparticipants_ended;80\r\n'), 422, 'WORKBOOK_INVALID'],
    ];
    for (const [what, body, status, code] of hostile) {
      const res = await upload(t, editor, XLSX, body, '?dryRun=false');
      expect([what, res.status, res.body.code]).toEqual([what, status, code]);
      expect(res.body.problems).toEqual([{ file: 'upload.xlsx', path: '(file)', reason: res.body.error }]);
    }
    expect(await tableChecksums(t.db)).toEqual(before);
  });

  it('gives the same batch from the workbook, the CSV and the JSON: the same plan on a dry run, then nothing left to change', async () => {
    const before = await tableChecksums(t.db);
    const plans = {
      xlsx: await upload(t, editor, XLSX, xlsx, '?dryRun=true'),
      csv: await upload(t, editor, 'text/csv; charset=utf-8', csv, '?dryRun=true'),
      json: await upload(t, editor, 'application/json', JSON.stringify(falunReport()), '?dryRun=true'),
    };
    for (const plan of Object.values(plans)) {
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ dryRun: true, files: [{ documentId: 'falun-rapport-2024', batchId: null, added: 7, changed: 0, removed: 0, unchanged: 0 }], warnings: [] });
    }
    expect(content(plans.csv.body.files[0].changes)).toEqual(content(plans.xlsx.body.files[0].changes));
    expect(content(plans.json.body.files[0].changes)).toEqual(content(plans.xlsx.body.files[0].changes));
    expect(await tableChecksums(t.db)).toEqual(before);

    const written = await upload(t, editor, XLSX, xlsx, '?dryRun=false&fileName=falun-2024.xlsx');
    expect(written.status).toBe(200);
    const file = written.body.files[0];
    expect(file).toMatchObject({ file: 'falun-2024.xlsx', documentId: 'falun-rapport-2024', added: 7, changed: 0, removed: 0, unchanged: 0 });
    expect(file.batchId).toEqual(expect.any(Number));
    const batch = await t.query(`{ importBatches { id origin file documentId changes { entity action identity after } } }`);
    const kept = batch.data.importBatches.find((b: { id: number }) => b.id === file.batchId);
    expect(kept).toMatchObject({ origin: 'upload', file: 'falun-2024.xlsx', documentId: 'falun-rapport-2024' });
    expect(content(kept.changes)).toEqual(content(plans.xlsx.body.files[0].changes));
    for (const [type, body] of [
      ['text/csv', csv],
      ['application/json', JSON.stringify(falunReport())],
      [XLSX, xlsx],
    ] as const) {
      const again = await upload(t, editor, type, body, '?dryRun=false');
      expect([type, again.status, again.body.files[0].batchId, again.body.files[0].unchanged]).toEqual([type, 200, null, 7]);
    }
    const seen = await t.query(`{ forbund(slug: "falun") { outcome(year: 2024) { ended toWorkOrStudies { numerator denominator } } allocation(year: 2024) { totalSek } } }`);
    expect(seen.data.forbund).toEqual({ outcome: { ended: 80, toWorkOrStudies: { numerator: 24, denominator: 80 } }, allocation: { totalSek: '4000000' } });
  });

  it('downloads what was uploaded: the template for the year is then the export, and uploading it again changes nothing', async () => {
    const exported = await template(t, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Källa')!.getCell('B2').value).toBe('Årsredovisning 2024 (testdata)');
    const again = await upload(t, editor, XLSX, exported, '?dryRun=false');
    expect([again.status, again.body.files[0]]).toMatchObject([200, { batchId: null, added: 0, changed: 0, removed: 0, unchanged: 7 }]);
  });

  it('takes the workbook through the importReport mutation too, base64-encoded, with the same problems at their cells', async () => {
    const mutation = `mutation($workbook: String, $dryRun: Boolean) { importReport(workbook: $workbook, fileName: "falun.xlsx", dryRun: $dryRun) { dryRun files { documentId unchanged } } }`;
    const ask = async (workbook: Buffer, key: string) => {
      const res = await fetch(t.api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: mutation, variables: { workbook: workbook.toString('base64'), dryRun: true } }),
      });
      return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: any }> };
    };
    expect((await ask(xlsx, editor)).data.importReport).toEqual({ dryRun: true, files: [{ documentId: 'falun-rapport-2024', unchanged: 7 }] });
    const macro = await ask(zip(workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/vbaProject.bin', data: 'x' }] })), editor);
    expect(macro.errors?.[0].extensions.code).toBe('WORKBOOK_MACROS');
    const broken = await fillWorkbook(await template(t, 'xlsx'), (wb) => (wb.getWorksheet('Källa')!.getCell('B3').value = null));
    const res = await ask(broken, editor);
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions.problems).toEqual([{ file: 'falun.xlsx', path: 'Källa!B3', reason: "give the document's file or url, so every figure can be traced to it" }]);
    const both = await fetch(t.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({ query: `mutation { importReport(report: {}, workbook: "UEs=") { dryRun } }` }),
    });
    expect(((await both.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('a request body no one reads', () => {
  const IDLE_MS = 300;
  let api: RunningApi;
  let db: TestDatabase;
  let key: string;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    key = (await createApiKey(db.dataSource.manager, { name: 'Falun editor', role: 'EDITOR', forbundSlug: 'falun' })).secret;
    api = await startAppApi(
      { read: db.dataSource, write: db.dataSource },
      { port: 0, limits: { ...DEFAULT_LIMITS, costBudget: 0, maxInFlight: 0 }, connections: { ...DEFAULT_CONNECTIONS, bodyIdleTimeoutMs: IDLE_MS }, caching: DEFAULT_CACHING, store: openSharedStore(undefined), logLevel: 'warn' },
    );
  });
  afterAll(async () => {
    await api.stop();
    await db.close();
  });

  it('is dropped with its 415: its idle timer never fires later and stops the process (as it did for a large text/plain body to /graphql)', async () => {
    const big = 'x'.repeat(60_000);
    const graphql = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big });
    expect(graphql.status).toBe(415);
    const upload = await fetch(api.url.replace('/graphql', '/import'), { method: 'POST', headers: { 'content-type': 'application/pdf', authorization: `Bearer ${key}` }, body: big });
    expect(upload.status).toBe(415);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 3));
    expect((await fetch(api.url.replace('/graphql', '/health'))).status).toBe(200);
  });

  it('still cuts a body that pauses longer than the limit: 408 REQUEST_TIMEOUT', async () => {
    const { port } = new URL(api.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: text/csv\r\nContent-Length: 100\r\n\r\nBlad,A\r\n`);
      });
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
  });
});
