import { CsvError, parse } from 'csv-parse/sync';
import { columnName, Sheet } from '../xlsx/cells';
import { DEFAULT_WORKBOOK_LIMITS, WorkbookLimits } from '../xlsx/read-xlsx';
import { invalid, tooLarge } from '../xlsx/refusal';
import { SHEET_COLUMN } from './layout';

/** What the template's CSV writes before text a spreadsheet would take for a formula (platform/common/csv.ts). */
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

/**
 * The template's CSV (template-csv.ts) read back as its sheets: a line's first cell names its sheet, and the nth
 * line of a sheet is its row n, so Deltagare!D7 is the seventh Deltagare line's column D (a problem names the line
 * too). Commas or semicolons (as Swedish Excel saves CSV), a byte-order mark, RFC 4180 quoting; the leading ' the
 * template writes before formula-like text is taken off again. The workbook's limits hold, with its codes.
 */
export function csvSheets(text: string, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Sheet[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const sheets = new Map<string, Sheet & { lines: Map<number, number> }>();
  let line = 0;
  let cells = 0;
  const onRecord = (record: string[]): null => {
    line++;
    if (line === 1 && record[0]?.replace(/^\ufeff/, '').trim() === SHEET_COLUMN) return null;
    const name = (record[0] ?? '').trim();
    if (record.every((c) => c.trim() === '')) return null;
    let sheet = sheets.get(name);
    if (!sheet) {
      if (sheets.size >= limits.maxSheets) throw tooLarge(`The CSV file has more than ${limits.maxSheets} sheets, the most that is read.`, limits.maxSheets);
      const lines = new Map<number, number>();
      sheet = {
        name,
        rows: new Map(),
        lines,
        where: (row, column) => `${name}!${columnName(column)}${row} (line ${lines.get(row)})`,
        whereRow: (row) => `${name}!${row}:${row} (line ${lines.get(row)})`,
      };
      sheets.set(name, sheet);
    }
    const row = sheet.lines.size + 1;
    if (row > limits.maxRows) throw tooLarge(`Sheet ${name} of the CSV file has more than ${limits.maxRows} lines, the most that is read.`, limits.maxRows);
    sheet.lines.set(row, line);
    const values: Sheet['rows'] extends Map<number, infer R> ? R : never = new Map();
    record.slice(1).forEach((raw, i) => {
      if (raw === '') return;
      if (i + 1 > limits.maxColumns) throw tooLarge(`${sheet!.where(row, i + 1)} is past column ${limits.maxColumns}, the last that is read.`, limits.maxColumns);
      if (raw.length > limits.maxCellChars) throw tooLarge(`${sheet!.where(row, i + 1)} holds more than ${limits.maxCellChars} characters, the most a cell may.`, limits.maxCellChars);
      if (++cells > limits.maxCells) throw tooLarge(`The CSV file has more than ${limits.maxCells} cells with values, the most that is read.`, limits.maxCells);
      values.set(i + 1, { kind: 'string', value: ESCAPED_FORMULA.test(raw) ? raw.slice(1) : raw });
    });
    if (values.size) sheet.rows.set(row, values);
    return null;
  };
  try {
    parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: false, max_record_size: limits.maxCellChars * 2, on_record: onRecord });
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_MAX_RECORD_SIZE') throw tooLarge(`Line ${line + 1} of the CSV file holds a cell of more than ${limits.maxCellChars} characters, the most a cell may.`, limits.maxCellChars);
    if (e instanceof CsvError) throw invalid(`The CSV file is not valid CSV near line ${(e as CsvError & { lines?: number }).lines ?? line + 1}: ${e.message.slice(0, 120)}`);
    throw e;
  }
  return [...sheets.values()].map(({ lines: _lines, ...sheet }) => sheet);
}
