import { csvField, csvText } from '../../platform/common/csv';
import { SHEET_COLUMN } from '../format/template/layout';
import { columnName } from '../format/xlsx/cells';
import { TemplateCell, TemplateSheet } from './sheets';

const field = (cell: TemplateCell) => (cell === null ? '' : typeof cell === 'number' ? csvField(String(cell)) : csvText(typeof cell === 'string' ? cell : cell.date));

/**
 * The template as one CSV file: each sheet's rows in turn, every line starting with its sheet's name, so the
 * nth line of a sheet is its row n and Deltagare!D7 is the seventh Deltagare line's column D. The header line
 * names the columns as the workbook does (A, B, …). UTF-8 with a byte-order mark, CRLF, RFC 4180, text that
 * begins like a formula with a leading ' (as the observations export).
 */
export function templateCsv(sheets: TemplateSheet[]): string {
  const width = Math.max(...sheets.flatMap((s) => s.rows.map((r) => r.length)));
  const lines = [[SHEET_COLUMN, ...Array.from({ length: width }, (_, i) => columnName(i + 1))].join(',')];
  for (const sheet of sheets) for (const row of sheet.rows) lines.push([csvText(sheet.name), ...row.map(field)].join(',').replace(/,+$/, ''));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
