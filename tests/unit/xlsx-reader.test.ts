import ExcelJS from 'exceljs';
import { Cell } from '../../src/ingest/format/xlsx/cells';
import { DEFAULT_WORKBOOK_LIMITS, readXlsx } from '../../src/ingest/format/xlsx/read-xlsx';
import { WorkbookRefused } from '../../src/ingest/format/xlsx/refusal';
import { workbookParts, zip, ZipPart } from '../support/zip';

async function excel(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The code and message a workbook is refused with. */
async function refusal(buffer: Buffer, limits = DEFAULT_WORKBOOK_LIMITS): Promise<{ code: string; message: string; limit?: number }> {
  try {
    await readXlsx(buffer, limits);
  } catch (e) {
    if (e instanceof WorkbookRefused) return { code: e.code, message: e.message, limit: e.limit };
    throw e;
  }
  throw new Error('the workbook was read');
}

const cell = (wb: { sheets: Array<{ name: string; rows: Map<number, Map<number, Cell>> }> }, sheet: string, row: number, column: number) =>
  wb.sheets.find((s) => s.name === sheet)?.rows.get(row)?.get(column);

describe('reading a workbook', () => {
  it('reads shared and rich strings, numbers, booleans, dates, percentages, formulas with their values and error values, as the cells store them', async () => {
    const buffer = await excel((wb) => {
      const ws = wb.addWorksheet('Deltagare');
      ws.addRow(['Kod', 'Värde', true, 164, 0.1 + 0.2]);
      ws.getCell('F1').value = new Date(Date.UTC(2024, 2, 5));
      ws.getCell('G1').value = 0.19;
      ws.getCell('G1').numFmt = '0%';
      ws.getCell('H1').value = { richText: [{ text: 'Gått vidare ' }, { text: 'till arbete', font: { bold: true } }] };
      ws.getCell('I1').value = { formula: 'D1*2', result: 328 };
      ws.getCell('J1').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('K1').value = new Date(Date.UTC(2024, 2, 5, 13, 30));
      ws.getCell('K1').numFmt = 'yyyy-mm-dd hh:mm';
      wb.addWorksheet('Utfall Ö').getCell('B3').value = 'sista';
    });
    const wb = await readXlsx(buffer);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Deltagare', 'Utfall Ö']);
    expect(cell(wb, 'Deltagare', 1, 1)).toEqual({ kind: 'string', value: 'Kod' });
    expect(cell(wb, 'Deltagare', 1, 3)).toEqual({ kind: 'boolean', value: true });
    expect(cell(wb, 'Deltagare', 1, 4)).toEqual({ kind: 'number', value: 164, text: '164' });
    expect(cell(wb, 'Deltagare', 1, 5)).toMatchObject({ kind: 'number', text: '0.3' });
    expect(cell(wb, 'Deltagare', 1, 6)).toEqual({ kind: 'date', value: '2024-03-05' });
    expect(cell(wb, 'Deltagare', 1, 7)).toEqual({ kind: 'number', value: 0.19, text: '0.19', percent: true });
    expect(cell(wb, 'Deltagare', 1, 8)).toEqual({ kind: 'string', value: 'Gått vidare till arbete' });
    expect(cell(wb, 'Deltagare', 1, 9)).toEqual({ kind: 'number', value: 328, text: '328' });
    expect(cell(wb, 'Deltagare', 1, 10)).toEqual({ kind: 'error', value: '#DIV/0!' });
    expect(cell(wb, 'Deltagare', 1, 11)).toEqual({ kind: 'date', value: '2024-03-05T13:30:00' });
    expect(cell(wb, 'Utfall Ö', 3, 2)).toEqual({ kind: 'string', value: 'sista' });
    expect(wb.sheets[1].where(3, 2)).toBe("'Utfall Ö'!B3");
    expect(wb.sheets[0].where(7, 4)).toBe('Deltagare!D7');
  });

  it('reads inline strings, ISO date cells, string formulas, cells without a reference, and the 1904 date system', async () => {
    const sheet =
      '<row r="2"><c r="A2" t="inlineStr"><is><t>ca </t><r><t>12</t></r><rPh><t>phonetic</t></rPh></is></c><c r="B2" t="d"><v>2023-12-31T00:00:00Z</v></c>' +
      '<c r="C2" t="str"><f>A2</f><v>ca 12</v></c><c t="n"><v>1E-3</v></c><c r="F2" s="1"/></row>';
    const parts = workbookParts({ Blad1: sheet });
    parts[2].data = String(parts[2].data).replace('<sheets>', '<workbookPr date1904="1"/><sheets>');
    const wb = await readXlsx(zip(parts));
    expect([...wb.sheets[0].rows.get(2)!.entries()]).toEqual([
      [1, { kind: 'string', value: 'ca 12' }],
      [2, { kind: 'date', value: '2023-12-31' }],
      [3, { kind: 'string', value: 'ca 12' }],
      [4, { kind: 'number', value: 0.001, text: '0.001' }],
    ]);
  });

  it('reads an exceljs workbook of 5 000 rows', async () => {
    const buffer = await excel((wb) => {
      const ws = wb.addWorksheet('Deltagare');
      for (let i = 1; i <= 5000; i++) ws.addRow(['participants_registered', i, 'Alla']);
    });
    const wb = await readXlsx(buffer);
    expect(wb.sheets[0].rows.size).toBe(5000);
    expect(cell(wb, 'Deltagare', 5000, 2)).toMatchObject({ text: '5000' });
  });
});

describe('refusing a hostile workbook', () => {
  it('refuses what is not an .xlsx: text, an .xls or encrypted workbook, a zip that is no workbook, broken XML', async () => {
    expect(await refusal(Buffer.from('Kod,Värde\n'))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('not an .xlsx') });
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('.xls') });
    expect(await refusal(zip([{ name: 'readme.txt', data: 'hej' }]))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('[Content_Types].xml') });
    expect(await refusal(zip(workbookParts({ Blad1: '<row r="1"><c r="A1"><v>1</v></row>' })))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('not well-formed') });
    expect(await refusal(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]))).toMatchObject({ code: 'WORKBOOK_INVALID' });
    const encrypted = workbookParts({ Blad1: '' }).map((p) => (p.name === 'xl/workbook.xml' ? { ...p, flags: 1 } : p));
    expect(await refusal(zip(encrypted))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('encrypted') });
  });

  it('refuses a zip bomb by the bytes it would inflate to, before inflating anything', async () => {
    const bomb = Buffer.alloc(40 * 1024 * 1024, 0x20);
    const parts = workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/media/padding.bin', data: bomb }] });
    const buffer = zip(parts);
    expect(buffer.length).toBeLessThan(100_000);
    expect(await refusal(buffer)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 1024 * 1024 * 32, message: expect.stringContaining(`${32 * 1024 * 1024} are read`) });
    // Under the byte limit but a thousand times its compressed size: refused by ratio.
    const dense = zip(workbookParts({ Blad1: `<row r="1"><c r="A1" t="inlineStr"><is><t>${' '.repeat(2 * 1024 * 1024)}</t></is></c></row>` }));
    expect(await refusal(dense)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 100, message: expect.stringContaining('at most 100 is read') });
  });

  it('refuses a part that inflates to more than its header declares, and parts that together pass the byte budget', async () => {
    const sheet = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(500_000)}</t></is></c></row>`;
    const lying = workbookParts({ Blad1: sheet }).map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, declaredSize: 1000 } : p));
    expect(await refusal(zip(lying))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('too many bytes') });
    // Each part within the ratio, together over the byte budget of the test's limits.
    const parts = workbookParts({ A: sheet.replace(/x/g, () => 'y'), B: sheet });
    const small = { ...DEFAULT_WORKBOOK_LIMITS, maxUncompressedBytes: 600_000, maxCellChars: 1_000_000 };
    expect(await refusal(zip(parts), small)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 600_000 });
  });

  it('refuses too many parts, sheets, rows, columns, cells and characters, naming the limit', async () => {
    const many: ZipPart[] = Array.from({ length: 501 }, (_, i) => ({ name: `xl/media/p${i}.txt`, data: 'x' }));
    expect(await refusal(zip(many))).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 500 });
    const sheets = await excel((wb) => {
      for (let i = 1; i <= 33; i++) wb.addWorksheet(`Blad${i}`);
    });
    expect(await refusal(sheets)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 32, message: expect.stringContaining('more than 32 sheets') });
    const deep = await excel((wb) => (wb.addWorksheet('Deltagare').getCell('A10001').value = 1));
    expect(await refusal(deep)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 10_000, message: 'Deltagare!A10001 is past row 10000, the last that is read.' });
    const wide = await excel((wb) => (wb.addWorksheet('Deltagare').getCell('CW1').value = 1));
    expect(await refusal(wide)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 100, message: expect.stringContaining('Deltagare!CW1 is past column 100') });
    const long = await excel((wb) => (wb.addWorksheet('Mål').getCell('B2').value = 'x'.repeat(10_001)));
    expect(await refusal(long)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 10_000 });
    const inline = zip(workbookParts({ Mål: `<row r="2"><c r="B2" t="inlineStr"><is><t>${'x'.repeat(10_001)}</t></is></c></row>` }));
    expect(await refusal(inline)).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', message: expect.stringContaining('Mål!B2 holds more than 10000 characters') });
    const cells = await excel((wb) => {
      const ws = wb.addWorksheet('Deltagare');
      for (let i = 1; i <= 101; i++) ws.getCell(i, 1).value = i;
    });
    expect(await refusal(cells, { ...DEFAULT_WORKBOOK_LIMITS, maxCells: 100 })).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', limit: 100, message: expect.stringContaining('more than 100 cells') });
  });

  it('refuses macros: a VBA project, a macro-enabled workbook, an Excel 4 macro sheet', async () => {
    const vba = workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/vbaProject.bin', data: Buffer.from([1, 2, 3]) }] });
    expect(await refusal(zip(vba))).toMatchObject({ code: 'WORKBOOK_MACROS', message: expect.stringContaining('VBA project') });
    const xlsm = workbookParts({ Blad1: '' });
    xlsm[0].data = String(xlsm[0].data).replace('sheet.main+xml', 'sheet.macroEnabled.main+xml').replace('spreadsheetml.sheet.macroEnabled', 'ms-excel.sheet.macroEnabled');
    expect(await refusal(zip(xlsm))).toMatchObject({ code: 'WORKBOOK_MACROS' });
    const xl4 = workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/macrosheets/sheet1.xml', data: '<xm:macrosheet/>' }] });
    expect(await refusal(zip(xl4))).toMatchObject({ code: 'WORKBOOK_MACROS', message: expect.stringContaining('Excel 4 macro sheet') });
  });

  it('refuses links to other workbooks and to external data', async () => {
    const linked = workbookParts({ Blad1: '<row r="1"><c r="A1"><f>[1]Blad1!A1</f><v>5</v></c></row>' }, { extra: [{ name: 'xl/externalLinks/externalLink1.xml', data: '<externalLink/>' }] });
    expect(await refusal(zip(linked))).toMatchObject({ code: 'WORKBOOK_EXTERNAL_LINK', message: expect.stringContaining('Break Link') });
    const referenced = workbookParts({ Blad1: '' });
    referenced[2].data = String(referenced[2].data).replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rId9"/></externalReferences>');
    expect(await refusal(zip(referenced))).toMatchObject({ code: 'WORKBOOK_EXTERNAL_LINK' });
    const connected = workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/connections.xml', data: '<connections/>' }] });
    expect(await refusal(zip(connected))).toMatchObject({ code: 'WORKBOOK_EXTERNAL_LINK', message: expect.stringContaining('external data') });
  });

  it('refuses a formula saved without its value, naming the cell', async () => {
    const buffer = await excel((wb) => {
      const ws = wb.addWorksheet('Deltagare');
      ws.getCell('D7').value = 164;
      ws.getCell('E7').value = { formula: 'D7*2' } as ExcelJS.CellFormulaValue;
    });
    expect(await refusal(buffer)).toMatchObject({ code: 'WORKBOOK_FORMULA_WITHOUT_VALUE', message: expect.stringMatching(/^Deltagare!E7 holds a formula saved without its computed value/) });
  });

  it('refuses a DOCTYPE (entity expansion, external entities) and a shared string it does not have', async () => {
    const laughs = workbookParts({ Blad1: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }, { sharedStrings: ['&lol9;'] });
    const sst = laughs.find((p) => p.name === 'xl/sharedStrings.xml')!;
    sst.data = String(sst.data).replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;">]>');
    expect(await refusal(zip(laughs))).toMatchObject({ code: 'WORKBOOK_INVALID', message: expect.stringContaining('DOCTYPE') });
    const missing = workbookParts({ Blad1: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }, { sharedStrings: ['a'] });
    expect(await refusal(zip(missing))).toMatchObject({ code: 'WORKBOOK_INVALID', message: 'Blad1!A1 refers to shared string 7, which the workbook does not have.' });
  });
});
