/**
 * One synthetic year of Falun's report (test data: no real figures), in the three forms an upload takes — the
 * template workbook filled as a user fills it (exceljs), the template's CSV edited cell by cell, and the import
 * format's JSON written by hand — so tests can check all three give the same batch.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { TemplateData, TemplateMeasure } from '../../src/ingest/template/data';
import { templateSheets } from '../../src/ingest/template/sheets';
import { templateCsv } from '../../src/ingest/template/template-csv';
import { templateXlsx } from '../../src/ingest/template/template-xlsx';

export const FALUN = { slug: 'falun', name: 'Samordningsförbundet Finsam Falun', year: 2024 };
const TITLE = 'Årsredovisning 2024 (testdata)';
const URL = 'https://falun.example/arsredovisning-2024.pdf';

/** What the user types: sheet, the first cells that find the row, and column letter → value. */
export type Edit = { sheet: string; row: Array<string | number>; set: Record<string, string | number | Date> };

const EDITS: Edit[] = [
  { sheet: 'Källa', row: ['Titel'], set: { B: TITLE } },
  { sheet: 'Källa', row: ['Webbadress'], set: { B: URL } },
  { sheet: 'Källa', row: ['Datum'], set: { B: new Date(Date.UTC(2025, 2, 20)) } },
  { sheet: 'Källa', row: ['Slutlig eller preliminär'], set: { B: 'Slutlig' } },
  { sheet: 'Deltagare', row: ['participants_ended', 'Avslutade deltagare (utregistrerade)', 'Alla'], set: { D: 80 } },
  { sheet: 'Deltagare', row: ['participants_ended', 'Avslutade deltagare (utregistrerade)', 'Kvinnor'], set: { D: 45 } },
  { sheet: 'Deltagare', row: ['participants_ended', 'Avslutade deltagare (utregistrerade)', 'Män'], set: { D: 35 } },
  { sheet: 'Deltagare', row: ['participants_registered', 'Deltagare registrerade med personuppgifter', 'Alla'], set: { D: 100, H: 'ca' } },
  { sheet: 'Utfall', row: ['to_work_or_studies', 'Gått vidare till arbete eller studier', 'Alla'], set: { D: 30, E: 24, F: 80, I: 'Verksamhetsberättelse, s. 5' } },
  { sheet: 'Tilldelning', row: ['Totalt'], set: { D: 4000000, F: 'Not 3 Medlemsavgifter' } },
  { sheet: 'Tilldelning', row: ['Stat'], set: { D: 2000000 } },
  { sheet: 'Tilldelning', row: ['Kommun', 'kommun-2080'], set: { D: 1000000 } },
  { sheet: 'Tilldelning', row: ['Region', 'region-20'], set: { D: 1000000 } },
  { sheet: 'Mål', row: [], set: { A: 'Samverkan', B: 'Fler deltagare till arbete eller studier', C: '30 %', D: '30 %', E: 'Uppfyllt' } },
];

/** The row of a sheet that starts with these cells; for no cells, the first empty row below the header. */
export function findRow(ws: ExcelJS.Worksheet, start: Array<string | number>): ExcelJS.Row {
  if (!start.length) return ws.getRow(ws.actualRowCount + 1);
  for (let n = 1; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    if (start.every((v, i) => row.getCell(i + 1).value === v)) return row;
  }
  throw new Error(`no row ${start.join(', ')} in ${ws.name}`);
}

/** The downloaded template workbook, filled in as a user would: Falun's year, then `edit`. */
export function fillWorkbook(template: Buffer, edit: (wb: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  return fillWorkbookWith(template, EDITS, edit);
}

/** A downloaded template workbook with these cells typed in, then `edit`. */
export async function fillWorkbookWith(template: Buffer, edits: Edit[], edit: (wb: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  for (const e of edits) {
    const row = findRow(wb.getWorksheet(e.sheet)!, e.row);
    for (const [column, value] of Object.entries(e.set)) row.getCell(column).value = value;
  }
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The downloaded template CSV with the same cells filled in: a line's first cell is its sheet, column A its second cell. */
export function fillCsv(template: string): string {
  const lines: string[][] = parse(template, { bom: true, relax_column_count: true });
  for (const e of EDITS) {
    const ofSheet = lines.filter((l) => l[0] === e.sheet);
    let line = e.row.length ? ofSheet.find((l) => e.row.every((v, i) => l[i + 1] === String(v))) : undefined;
    if (!line) {
      if (e.row.length) throw new Error(`no line ${e.row.join(', ')} in ${e.sheet}`);
      line = [e.sheet];
      lines.splice(lines.indexOf(ofSheet[ofSheet.length - 1]) + 1, 0, line);
    }
    for (const [column, value] of Object.entries(e.set)) line[column.charCodeAt(0) - 64] = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  }
  return `\ufeff${lines.map((l) => Array.from(l, (v) => field(v ?? '')).join(',')).join('\r\n')}\r\n`;
}

/** The same report in the import format, written by hand. */
export function falunReport(): Record<string, unknown> {
  const { year } = FALUN;
  return {
    format: 'finsam-compare/report',
    formatVersion: 1,
    forbund: { slug: FALUN.slug, name: FALUN.name },
    year,
    document: {
      id: 'falun-rapport-2024',
      title: TITLE,
      url: URL,
      publisher: FALUN.name,
      documentDate: '2025-03-20',
      status: 'FINAL',
      kind: 'ANNUAL_REPORT',
      yearsCovered: [year],
      defaultLocator: TITLE,
    },
    observations: [
      { measure: 'participants_ended', year, gender: 'ALL', value: '80' },
      { measure: 'participants_ended', year, gender: 'WOMEN', value: '45' },
      { measure: 'participants_ended', year, gender: 'MEN', value: '35' },
      { measure: 'participants_registered', year, gender: 'ALL', value: '100', qualifier: 'APPROXIMATE' },
      { measure: 'to_work_or_studies', year, gender: 'ALL', numerator: '24', denominator: '80', statedPercent: '30', locator: 'Verksamhetsberättelse, s. 5' },
    ],
    allocations: [
      {
        year,
        kind: 'ACTUAL',
        totalSek: '4000000',
        statedUnit: 'KR',
        locator: 'Not 3 Medlemsavgifter',
        parts: [
          { party: 'STATE', label: 'Försäkringskassan/Arbetsförmedlingen', amountSek: '2000000', statedUnit: 'KR' },
          { party: 'MUNICIPALITY', organisation: 'kommun-2080', label: 'Falun', amountSek: '1000000', statedUnit: 'KR' },
          { party: 'REGION', organisation: 'region-20', label: 'Region Dalarna', amountSek: '1000000', statedUnit: 'KR' },
        ],
      },
    ],
    goals: [{ year, area: 'Samverkan', text: 'Fler deltagare till arbete eller studier', target: '30 %', result: '30 %', status: 'MET', statusBasis: 'STATED' }],
  };
}

/** Falun's template for the year as the server would make it, for a database that has no Falun yet (the CLI's tests). */
export async function falunTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const reference = JSON.parse(readFileSync('seeds/reference.json', 'utf8')) as { measures: TemplateMeasure[] };
  const data: TemplateData = {
    forbund: { slug: FALUN.slug, name: FALUN.name },
    year: FALUN.year,
    members: [
      { key: 'kommun-2080', name: 'Falun', kind: 'MUNICIPALITY', municipalityCode: '2080' },
      { key: 'region-20', name: 'Region Dalarna', kind: 'REGION', municipalityCode: null },
    ],
    measures: reference.measures
      .map(({ code, nameSv, unit, category, definition }) => ({ code, nameSv, unit, category, definition }))
      .sort((a, b) => a.category.localeCompare(b.category) || a.code.localeCompare(b.code)),
    source: { id: 'falun-rapport-2024' },
    observations: [],
    allocation: null,
    goals: [],
  };
  const sheets = templateSheets(data);
  return format === 'xlsx' ? templateXlsx(sheets) : Buffer.from(templateCsv(sheets));
}
