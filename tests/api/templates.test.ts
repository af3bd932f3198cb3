import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startTestApi, TestApi } from '../support/api';
import { readFileSync } from 'node:fs';
import { backends } from '../support/database';

/** Every measure the seeds define: the template lists each. */
const MEASURES = (JSON.parse(readFileSync('seeds/reference.json', 'utf8')) as { measures: unknown[] }).measures.length;

async function get(t: TestApi, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(t.api.url.replace('/graphql', path), { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as arrays of cell values (1-based columns, as exceljs gives them, shifted to 0-based). */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => (out[n - 1] = (row.values as unknown[]).slice(1)));
  return out;
}

const find = (table: unknown[][], ...start: unknown[]) => table.find((r) => start.every((v, i) => r[i] === v));

describe.each(backends)('the report template on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => (t = await startTestApi(backend)));
  afterAll(() => t.close());

  it('is a workbook with Swedish instructions, the förbund and its members, the source block, and each sheet pre-filled with what is stored for the year', async () => {
    const res = await get(t, '/templates/report.xlsx?forbund=uppsala&year=2017');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="uppsala-2017.xlsx"');
    const wb = await workbook(res.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Instruktioner', 'Förbund', 'Källa', 'Deltagare', 'Utfall', 'Tilldelning', 'Mål', 'Mått']);
    expect(String(wb.getWorksheet('Instruktioner')!.getCell('A1').value)).toBe('Rapport för Samordningsförbundet Uppsala län (uppsala), år 2017');

    const forbund = rows(wb.getWorksheet('Förbund')!);
    expect(forbund.slice(0, 3)).toEqual([['Förbund (id)', 'uppsala'], ['Namn', 'Samordningsförbundet Uppsala län'], ['År', 2017]]);
    expect(forbund[5]).toEqual(['Nyckel', 'Namn', 'Typ', 'Kommunkod']);
    expect(find(forbund, 'kommun-0381')).toEqual(['kommun-0381', 'Enköping', 'Kommun', '0381']);
    expect(find(forbund, 'region-03')).toEqual(['region-03', 'Region Uppsala', 'Region']);
    expect(forbund.length).toBe(6 + 11);

    const source = rows(wb.getWorksheet('Källa')!).map((r) => r.slice(0, 2));
    expect(source.map((r) => r[0])).toEqual(['Dokument-id', 'Titel', 'Webbadress', 'Utgivare', 'Datum', 'Slutlig eller preliminär', 'Typ av dokument']);
    expect(source[0][1]).toBe('uppsala-rapport-2017');

    const participants = rows(wb.getWorksheet('Deltagare')!);
    expect(participants[0]).toEqual(['Kod', 'Benämning', 'Kön', 'Värde', 'Täljare', 'Nämnare', 'Enhet', 'Kvalifikator', 'Källhänvisning', 'Anmärkning']);
    expect(find(participants, 'participants_ended', 'Avslutade deltagare (utregistrerade)', 'Alla')?.slice(3, 9)).toEqual([164, undefined, undefined, 'Personer', undefined, 'Sammanfattning av perioden, Statistik']);
    expect(find(participants, 'participants_ended', 'Avslutade deltagare (utregistrerade)', 'Kvinnor')?.[3]).toBeUndefined();
    const outcomes = rows(wb.getWorksheet('Utfall')!);
    expect(find(outcomes, 'to_work_or_studies', 'Gått vidare till arbete eller studier', 'Alla')?.slice(3, 7)).toEqual([19, 31, 164, 'Andel']);

    const allocation = rows(wb.getWorksheet('Tilldelning')!);
    expect(allocation[0]).toEqual(['Del', 'Medlem', 'Benämning', 'Belopp (kr)', 'Enhet i källan', 'Källhänvisning', 'Anmärkning']);
    expect(allocation[1].slice(0, 5)).toEqual(['Totalt', undefined, 'Summa medlemsavgifter', 21585170, 'kr']);
    expect(find(allocation, 'Kommun', 'kommun-0381')?.slice(2, 5)).toEqual(['Enköpings kommun', 640634, 'kr']);
    expect(find(allocation, 'Stat')?.slice(2, 4)).toEqual(['Försäkringskassan/Arbetsförmedlingen', 10792585]);
    expect(rows(wb.getWorksheet('Mål')!).filter((r) => r[1]).length).toBe(1 + 7);
    expect(rows(wb.getWorksheet('Mått')!).length).toBe(1 + MEASURES);
  });

  it('checks as the user types: whole numbers where counts are asked, measure codes from the measures table, the labels as lists', async () => {
    const wb = await workbook((await get(t, '/templates/report.xlsx?forbund=uppsala&year=2017')).bytes);
    const participants = wb.getWorksheet('Deltagare')!;
    const endedRow = rows(participants).findIndex((r) => r[0] === 'participants_ended' && r[2] === 'Alla') + 1;
    expect(participants.getCell(`D${endedRow}`).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(participants.getCell('E30').dataValidation).toMatchObject({ type: 'whole', formulae: [0] });
    expect(participants.getCell('F2').dataValidation).toMatchObject({ type: 'whole' });
    expect(participants.getCell('A40').dataValidation).toMatchObject({ type: 'list', formulae: [`'Mått'!$A$2:$A$${MEASURES + 1}`] });
    expect(participants.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Alla,Kvinnor,Män"'] });
    expect(participants.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: ['"exakt,ca,minst"'] });
    const outcomes = wb.getWorksheet('Utfall')!;
    expect(outcomes.getCell('E2').dataValidation).toMatchObject({ type: 'whole' });
    expect(wb.getWorksheet('Källa')!.getCell('B6').dataValidation).toMatchObject({ type: 'list', formulae: ['"Slutlig,Preliminär"'] });
    expect(wb.getWorksheet('Tilldelning')!.getCell('B3').dataValidation).toMatchObject({ type: 'list', formulae: ["'Förbund'!$A$7:$A$17"] });
    expect(wb.getWorksheet('Mål')!.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Uppfyllt,Delvis uppfyllt,Ej uppfyllt,Ej angivet"'] });
    const measures = rows(wb.getWorksheet('Mått')!);
    expect(find(measures, 'to_work_or_studies')?.slice(1, 4)).toEqual(['Gått vidare till arbete eller studier', 'Andel', 'Resultat']);
  });

  it('is the same as CSV: each sheet in turn, the sheet named in the first column, the workbook\'s cells after it', async () => {
    const res = await get(t, '/templates/report.csv?forbund=uppsala&year=2017');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = res.bytes.toString('utf8');
    expect(text.startsWith('\ufeffBlad,A,B,C,D,E,F,G,H,I,J\r\n')).toBe(true);
    const lines: string[][] = parse(text, { bom: true, relax_column_count: true });
    const wb = await workbook((await get(t, '/templates/report.xlsx?forbund=uppsala&year=2017')).bytes);
    for (const ws of wb.worksheets) {
      const fromCsv = lines.filter((l) => l[0] === ws.name).map((l) => l.slice(1));
      const fromXlsx = rows(ws).map((r) => Array.from(r, (v) => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))));
      const trim = (r: string[]) => r.slice(0, r.length - [...r].reverse().findIndex((v) => v !== '')).map((v) => v.replace(/^'(?=[-=+@])/, ''));
      expect(fromCsv.map(trim)).toEqual(fromXlsx.map((r) => (r.every((v) => v === '') ? [] : trim(r))));
    }
  });

  it('for a förbund with nothing stored for the year: its members from the registry, empty figures, the year\'s own document id', async () => {
    const wb = await workbook((await get(t, '/templates/report.xlsx?forbund=falun&year=2024')).bytes);
    const forbund = rows(wb.getWorksheet('Förbund')!);
    // The registry knows Falun's members for 2010 only: the template lists them as the registry knows them.
    expect(forbund.slice(6).map((r) => r[0])).toEqual(['kommun-2080', 'region-20', 'forsakringskassan', 'arbetsformedlingen']);
    expect(rows(wb.getWorksheet('Källa')!)[0][1]).toBe('falun-rapport-2024');
    expect(rows(wb.getWorksheet('Deltagare')!).slice(1).every((r) => r[3] === undefined && r[4] === undefined)).toBe(true);
    expect(rows(wb.getWorksheet('Tilldelning')!).map((r) => r.slice(0, 3))).toEqual([
      ['Del', 'Medlem', 'Benämning'],
      ['Totalt', undefined, 'Summa medlemsavgifter'],
      ['Stat', undefined, 'Försäkringskassan/Arbetsförmedlingen'],
      ['Kommun', 'kommun-2080', 'Falun'],
      ['Region', 'region-20', 'Region Dalarna'],
    ]);
  });

  it('refuses an unknown förbund (404, with the valid slugs), a bad year and unknown parameters (400), and answers 304 to a client that has it', async () => {
    const unknown = await get(t, '/templates/report.xlsx?forbund=atlantis&year=2017');
    expect(unknown.status).toBe(404);
    const body = JSON.parse(unknown.bytes.toString());
    expect(body).toMatchObject({ code: 'UNKNOWN_FORBUND', error: expect.stringContaining('Unknown förbund "atlantis". Valid förbund slugs: alv-och-kust') });
    expect(body.validForbund).toContain('uppsala');
    for (const query of ['forbund=uppsala&year=1999', 'forbund=uppsala&year=20x7', 'forbund=uppsala', 'year=2017', 'forbund=Uppsala!&year=2017', 'forbund=uppsala&year=2017&format=pdf']) {
      const res = await get(t, `/templates/report.csv?${query}`);
      expect([query, res.status, JSON.parse(res.bytes.toString()).code]).toEqual([query, 400, 'BAD_USER_INPUT']);
    }
    const first = await get(t, '/templates/report.csv?forbund=uppsala&year=2017');
    const again = await get(t, '/templates/report.csv?forbund=uppsala&year=2017', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });
});
