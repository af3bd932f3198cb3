// Loaded when a workbook is written, not with the module: the import CLI and a server that never writes one are spared its memory.
import type ExcelJS from 'exceljs';
import { TemplateCell, TemplateSheet, Validation } from './sheets';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F0' } };

function cellValue(cell: TemplateCell): ExcelJS.CellValue {
  if (cell !== null && typeof cell === 'object') return new Date(`${cell.date}T00:00:00Z`);
  return cell;
}

function dataValidation(v: Validation): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, prompt: v.prompt, error: v.prompt, errorTitle: 'Ogiltigt värde' };
  switch (v.kind) {
    case 'whole':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] };
    case 'decimal':
      return { ...common, type: 'decimal', operator: 'between', formulae: [-1e14, 1e14] };
    case 'date':
      return { ...common, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(2000, 0, 1))] };
    case 'list': {
      // A list in a formula is one quoted string; a range on another sheet is a reference to it.
      const source = Array.isArray(v.values) ? `"${v.values.join(',')}"` : `'${v.values.sheet}'!${v.values.range}`;
      return { ...common, type: 'list', formulae: [source] };
    }
  }
}

/** The template as an Excel workbook: header rows bold and frozen, labels bold, dates as dates, each validation on its range. */
export async function templateXlsx(sheets: TemplateSheet[]): Promise<Buffer> {
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  workbook.creator = 'Finsam Compare';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, sheet.header ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    ws.columns = sheet.widths.map((width) => ({ width }));
    sheet.rows.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((cell, j) => {
        if (cell === null) return;
        const target = row.getCell(j + 1);
        target.value = cellValue(cell);
        if (typeof cell === 'object') target.numFmt = 'yyyy-mm-dd';
      });
    });
    if (sheet.header) {
      const header = ws.getRow(1);
      header.font = { bold: true };
      header.eachCell((c) => (c.fill = HEADER_FILL));
    } else {
      ws.getColumn(1).font = { bold: true };
    }
    // exceljs has range validations but leaves them out of its types.
    const validations = (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
    for (const v of sheet.validations) validations.add(v.range, dataValidation(v));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
