import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { csvSheets } from '../../src/ingest/format/template/csv-sheets';
import { readTemplate } from '../../src/ingest/format/template/read-template';
import { Problems } from '../../src/ingest/format/problems';
import { ImportSource, parseImport, readReportJson } from '../../src/ingest/format/read-report';
import { readXlsx } from '../../src/ingest/format/xlsx/read-xlsx';
import { TemplateData } from '../../src/ingest/template/data';
import { templateSheets } from '../../src/ingest/template/sheets';
import { templateCsv } from '../../src/ingest/template/template-csv';
import { templateXlsx } from '../../src/ingest/template/template-xlsx';

/** A synthetic förbund and a few measures of each kind (test data, no real figures). */
const DATA: TemplateData = {
  forbund: { slug: 'testforbund', name: 'Samordningsförbundet Test' },
  year: 2024,
  members: [
    { key: 'kommun-0180', name: 'Stockholm', kind: 'MUNICIPALITY', municipalityCode: '0180' },
    { key: 'region-01', name: 'Region Stockholm', kind: 'REGION', municipalityCode: null },
    { key: 'forsakringskassan', name: 'Försäkringskassan', kind: 'FORSAKRINGSKASSAN', municipalityCode: null },
  ],
  measures: [
    { code: 'participants_ended', nameSv: 'Avslutade deltagare', unit: 'PERSONS', category: 'PARTICIPANTS', definition: 'Test.' },
    { code: 'participants_registered', nameSv: 'Registrerade deltagare', unit: 'PERSONS', category: 'PARTICIPANTS', definition: 'Test.' },
    { code: 'profile_main_age_band', nameSv: 'Huvudsaklig åldersgrupp', unit: 'TEXT', category: 'PROFILE', definition: 'Test.' },
    { code: 'to_work_or_studies', nameSv: 'Gått vidare till arbete eller studier', unit: 'SHARE', category: 'OUTCOME', definition: 'Test.' },
    { code: 'staff_fte', nameSv: 'Helårstjänster', unit: 'FTE', category: 'ORGANISATION', definition: 'Test.' },
  ],
  source: { id: 'testforbund-rapport-2024' },
  observations: [],
  allocation: null,
  goals: [],
};
const UNITS = new Map(DATA.measures.map((m) => [m.code, m.unit]));

async function template(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateXlsx(templateSheets(DATA))) as unknown as ArrayBuffer);
  return wb;
}

/** The row of a sheet whose first cells are these. */
function rowOf(ws: ExcelJS.Worksheet, ...start: string[]): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && start.every((v, i) => row.getCell(i + 1).value === v)) found = row;
  });
  if (!found) throw new Error(`no row ${start.join(' ')}`);
  return found;
}

/** Fills the template as a förbund would: the source block, figures, the allocation, a goal. */
function fill(wb: ExcelJS.Workbook): void {
  const source = wb.getWorksheet('Källa')!;
  source.getCell('B2').value = 'Årsredovisning 2024';
  source.getCell('B3').value = 'https://test.example/ar-2024.pdf';
  source.getCell('B5').value = new Date(Date.UTC(2025, 2, 14));
  source.getCell('B6').value = 'Slutlig';
  const participants = wb.getWorksheet('Deltagare')!;
  rowOf(participants, 'participants_ended', 'Avslutade deltagare', 'Alla').getCell('D').value = 120;
  const women = rowOf(participants, 'participants_ended', 'Avslutade deltagare', 'Kvinnor');
  women.getCell('D').value = { formula: '120-50', result: 70 } as ExcelJS.CellFormulaValue;
  women.getCell('I').value = 'Tabell 3, s. 12';
  const registered = rowOf(participants, 'participants_registered', 'Registrerade deltagare', 'Alla');
  registered.getCell('D').value = 130;
  registered.getCell('H').value = 'ca';
  rowOf(participants, 'profile_main_age_band').getCell('D').value = '19–29 år';
  const outcomes = wb.getWorksheet('Utfall')!;
  const share = rowOf(outcomes, 'to_work_or_studies', 'Gått vidare till arbete eller studier', 'Alla');
  share.getCell('D').value = 0.35;
  share.getCell('D').numFmt = '0%';
  share.getCell('E').value = 42;
  share.getCell('F').value = 120;
  share.getCell('J').value = 'Enligt SUS.';
  rowOf(outcomes, 'staff_fte').getCell('D').value = '2,5';
  const allocation = wb.getWorksheet('Tilldelning')!;
  allocation.getCell('D2').value = 4000000;
  allocation.getCell('F2').value = 'Not 2';
  rowOf(allocation, 'Stat').getCell('D').value = 2000000;
  rowOf(allocation, 'Kommun', 'kommun-0180').getCell('D').value = 1000000;
  rowOf(allocation, 'Region', 'region-01').getCell('D').value = '1 000 000,50';
  const goals = wb.getWorksheet('Mål')!;
  goals.getRow(2).values = ['Samverkan', 'Fler deltagare till arbete', '35 %', '35 %', 'Uppfyllt', 'Mål 2024'];
  goals.getRow(3).values = [undefined, 'Ett mål utan status'];
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook read as the import pipeline reads it: the report, and every problem up to parsing (no database). */
async function imported(buffer: Buffer, name = 'test.xlsx') {
  const { report, origins } = readTemplate(name, (await readXlsx(buffer)).sheets, UNITS);
  return { report, ...parsed({ name, json: report, sheets: origins }) };
}

function parsed(source: ImportSource) {
  const problems = new Problems();
  const json = readReportJson(source, problems);
  const result = json && parseImport(json, () => null, problems);
  return { problems: problems.list().map((p) => `${p.path}: ${p.reason}`), result };
}

describe('reading a filled report template', () => {
  it('gives exactly the import format: the source block as the document, figures by unit, "ca" as APPROXIMATE, the allocation, goals', async () => {
    const wb = await template();
    fill(wb);
    const { report, problems, result } = await imported(await bytes(wb));
    expect(problems).toEqual([]);
    expect(report).toEqual({
      format: 'finsam-compare/report',
      formatVersion: 1,
      forbund: { slug: 'testforbund', name: 'Samordningsförbundet Test' },
      year: 2024,
      document: {
        id: 'testforbund-rapport-2024',
        title: 'Årsredovisning 2024',
        url: 'https://test.example/ar-2024.pdf',
        publisher: 'Samordningsförbundet Test',
        documentDate: '2025-03-14',
        status: 'FINAL',
        kind: 'ANNUAL_REPORT',
        yearsCovered: [2024],
        defaultLocator: 'Årsredovisning 2024',
      },
      observations: [
        { measure: 'participants_ended', year: 2024, gender: 'ALL', value: '120' },
        { measure: 'participants_ended', year: 2024, gender: 'WOMEN', value: '70', locator: 'Tabell 3, s. 12' },
        { measure: 'participants_registered', year: 2024, gender: 'ALL', value: '130', qualifier: 'APPROXIMATE' },
        { measure: 'profile_main_age_band', year: 2024, gender: 'ALL', valueText: '19–29 år' },
        { measure: 'to_work_or_studies', year: 2024, gender: 'ALL', statedPercent: '35', numerator: '42', denominator: '120', note: 'Enligt SUS.' },
        { measure: 'staff_fte', year: 2024, gender: 'ALL', value: '2.5' },
      ],
      allocations: [
        {
          year: 2024,
          kind: 'ACTUAL',
          totalSek: '4000000',
          statedUnit: 'KR',
          locator: 'Not 2',
          parts: [
            { party: 'STATE', label: 'Försäkringskassan/Arbetsförmedlingen', amountSek: '2000000', statedUnit: 'KR' },
            { party: 'MUNICIPALITY', organisation: 'kommun-0180', label: 'Stockholm', amountSek: '1000000', statedUnit: 'KR' },
            { party: 'REGION', organisation: 'region-01', label: 'Region Stockholm', amountSek: '1000000.50', statedUnit: 'KR' },
          ],
        },
      ],
      goals: [
        { year: 2024, area: 'Samverkan', text: 'Fler deltagare till arbete', target: '35 %', result: '35 %', status: 'MET', statusBasis: 'STATED', locator: 'Mål 2024' },
        { year: 2024, text: 'Ett mål utan status', status: 'NOT_STATED', statusBasis: 'NONE' },
      ],
    });
    // A row without its own source reference takes the document's title.
    expect(result!.document.observations[0].locator).toBe('Årsredovisning 2024');
  });

  it('reads the same report from the template as CSV, with commas or with semicolons and decimal commas (as Swedish Excel saves it)', async () => {
    const wb = await template();
    fill(wb);
    const fromXlsx = (await imported(await bytes(wb))).report;
    // The filled workbook's cells, as the template's CSV writes them.
    const sheets = templateSheets(DATA).map((s) => {
      const ws = wb.getWorksheet(s.name)!;
      const rows: Array<Array<string | number | null>> = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        rows[n - 1] = Array.from({ length: row.cellCount }, (_, j) => {
          const v = row.getCell(j + 1).value as ExcelJS.CellValue;
          if (v === null || v === undefined) return null;
          if (v instanceof Date) return v.toISOString().slice(0, 10);
          if (typeof v === 'object' && 'result' in v) return v.result as number;
          if (typeof v === 'number' && row.getCell(j + 1).numFmt === '0%') return `${v * 100} %`.replace(' %', '');
          return v as string | number;
        });
      });
      return { ...s, rows: Array.from(rows, (r) => r ?? []) };
    });
    const csv = templateCsv(sheets);
    const fromCsv = readTemplate('test.csv', csvSheets(csv), UNITS);
    expect(fromCsv.origins.problems).toEqual([]);
    expect(fromCsv.report).toEqual(fromXlsx);
    // As Swedish Excel saves it: semicolons, decimal commas, quotes only where a cell needs them.
    const swedish = (parse(csv, { bom: true, relax_column_count: true }) as string[][])
      .map((line) => line.map((c) => (/^\d+\.\d+$/.test(c) ? c.replace('.', ',') : /[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'))
      .join('\r\n');
    expect(readTemplate('test.csv', csvSheets(swedish), UNITS).report).toEqual(fromXlsx);
    expect(csvSheets(csv).find((s) => s.name === 'Deltagare')!.where(2, 4)).toMatch(/^Deltagare!D2 \(line \d+\)$/);
  });

  it('names the sheet and cell of every problem, once each: values it cannot read, labels it does not know, and what validation finds', async () => {
    const wb = await template();
    fill(wb);
    const participants = wb.getWorksheet('Deltagare')!;
    const ended = rowOf(participants, 'participants_ended', 'Avslutade deltagare', 'Alla');
    ended.getCell('D').value = 'många';
    const men = rowOf(participants, 'participants_ended', 'Avslutade deltagare', 'Män');
    men.getCell('D').value = 40;
    men.getCell('C').value = 'Båda';
    rowOf(participants, 'participants_registered', 'Registrerade deltagare', 'Alla').getCell('H').value = 'kanske';
    rowOf(participants, 'participants_registered', 'Registrerade deltagare', 'Kvinnor').getCell('G').value = 'Andel';
    rowOf(participants, 'participants_registered', 'Registrerade deltagare', 'Kvinnor').getCell('D').value = 50;
    const unnamed = participants.getRow(30);
    unnamed.getCell('D').value = 5;
    wb.getWorksheet('Källa')!.getCell('B6').value = null;
    wb.getWorksheet('Källa')!.getCell('B2').value = 'Å';
    rowOf(wb.getWorksheet('Tilldelning')!, 'Kommun', 'kommun-0180').getCell('D').value = 1000000.125;
    rowOf(wb.getWorksheet('Tilldelning')!, 'Kommun', 'kommun-0180').getCell('F').value = 's. 4';
    wb.getWorksheet('Mål')!.getCell('E2').value = 'Klart';
    wb.getWorksheet('Utfall')!.getCell('K1').value = 'Kommentar';
    const { problems } = await imported(await bytes(wb));
    // The title is too short: told once at its cell, not again for each row that takes it as its source reference.
    expect(problems.sort()).toEqual(
      [
        `Deltagare!D${ended.number}: "många" is not a number`,
        `Deltagare!C${men.number}: Kön is one of Alla, Kvinnor, Män, not "Båda"`,
        `Deltagare!H${rowOf(participants, 'participants_registered', 'Registrerade deltagare', 'Alla').number}: Kvalifikator is exakt, ca or minst, not "kanske"`,
        `Deltagare!G${rowOf(participants, 'participants_registered', 'Registrerade deltagare', 'Kvinnor').number}: "participants_registered" is counted in Personer, not Andel; check the row's Kod`,
        "Deltagare!A30: give the measure's code (Kod), chosen from the list (sheet Mått)",
        'Källa!B6: choose Slutlig or Preliminär',
        'Källa!B2: title must be longer than or equal to 3 characters',
        'Tilldelning!F4: give Källhänvisning on the Totalt row: it holds for the whole allocation',
        'Tilldelning!D4: amountSek must match /^-?\\d{1,14}(\\.\\d{1,2})?$/ regular expression',
        'Mål!E2: Status is one of Uppfyllt, Delvis uppfyllt, Ej uppfyllt, Ej angivet, not "Klart"',
        'Utfall!K1: unknown column "Kommentar"; the columns are Kod, Benämning, Kön, Värde, Täljare, Nämnare, Enhet, Kvalifikator, Källhänvisning, Anmärkning',
      ].sort(),
    );
  });

  it('names the cell of the förbund and the year, refuses foreign sheets, and tells a missing sheet or label row', async () => {
    const wb = await template();
    fill(wb);
    wb.getWorksheet('Förbund')!.getCell('B1').value = 'Test Förbund';
    wb.getWorksheet('Förbund')!.getCell('B3').value = 'tjugo';
    wb.addWorksheet('Mina anteckningar').getCell('A1').value = 'utkast';
    wb.getWorksheet('Källa')!.spliceRows(3, 1);
    const { problems } = await imported(await bytes(wb));
    expect(problems).toEqual([
      expect.stringMatching(/^Förbund!B1: give the report's förbund as a slug/),
    ]);
    wb.getWorksheet('Förbund')!.getCell('B1').value = 'testforbund';
    const again = await imported(await bytes(wb));
    expect(again.problems.sort()).toEqual(
      [
        'Förbund!B3: the year is four digits, e.g. 2024, not "tjugo"',
        'Källa!A:A: no row labelled "Webbadress"; the labels are Dokument-id, Titel, Webbadress, Utgivare, Datum, Slutlig eller preliminär, Typ av dokument',
        'Mina anteckningar: the template reads only its own sheets (Instruktioner, Förbund, Källa, Deltagare, Utfall, Tilldelning, Mål, Mått); rename or remove the sheet "Mina anteckningar"',
      ].sort(),
    );
    wb.removeWorksheet(wb.getWorksheet('Källa')!.id);
    expect((await imported(await bytes(wb))).problems).toContain('Källa: the workbook has no sheet "Källa"; start from the template (GET /templates/report.xlsx)');
  });
});
