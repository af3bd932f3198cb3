import { CsvError, parse } from 'csv-parse/sync';
import { Problem } from './problems';
import { quote, unsafeTextReason } from '../../platform/common/text';

/** Most columns a CSV file may have (a real section has at most a dozen). */
export const MAX_CSV_COLUMNS = 100;
/** Most data rows one CSV file may have. */
export const MAX_CSV_ROWS = 200_000;
/** Most characters one CSV cell may have. */
export const MAX_CSV_CELL_CHARS = 10_000;

/** Cells this short are kept once per distinct value (at most SHARED_CELLS of them) in a file's rows. */
const SHARED_CELL_CHARS = 24;
const SHARED_CELLS = 10_000;

export interface CsvRecord {
  /** "row N", the header being row 1. */
  path: string;
  record: Record<string, string>;
}

/** Stops the parser at a limit; carries the problem to report. */
class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.reason);
  }
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by something other than a comma or line end',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has more cells than the header has columns',
  CSV_MAX_RECORD_SIZE: `the row is longer than ${MAX_CSV_COLUMNS} × ${MAX_CSV_CELL_CHARS} characters`,
};

/**
 * Rows of an RFC 4180 CSV file (quoted fields may hold commas, doubled quotes and line breaks; a BOM is
 * skipped) as objects keyed by the header row, empty cells left out. `columns` are the names the section
 * knows. Every limit (columns, rows, cell size) and every unknown column or cell the database could not
 * store is a problem naming file, row and column; the parser stops at the first structural limit, so a
 * hostile file costs no more than MAX_CSV_ROWS rows of work. Each record is handed to `take` as it is
 * parsed, and only while no problem has been found: a large file is never held as a list of records.
 */
export function csvRecords(file: string, text: string, columns: ReadonlySet<string>, problems: { push(p: Problem): void }, take: (r: CsvRecord) => void): void {
  let header: string[] | null = null;
  let headerOk = false;
  let found = 0;
  const report = (path: string, reason: string) => {
    found++;
    problems.push({ file, path, reason });
  };
  let row = 0;
  // The same short values (a year, "NOTES", "KR") fill most cells of a large file: each is kept once, not once a row.
  const seen = new Map<string, string>();
  const shared = (cell: string) => {
    if (cell.length > SHARED_CELL_CHARS) return cell;
    const known = seen.get(cell);
    if (known !== undefined) return known;
    if (seen.size < SHARED_CELLS) seen.set(cell, cell);
    return cell;
  };
  const onRecord = (cells: string[]): null => {
    row++;
    if (cells.length > MAX_CSV_COLUMNS) throw new Refused({ file, path: `row ${row}`, reason: `has ${cells.length} cells; at most ${MAX_CSV_COLUMNS} columns are allowed` });
    if (row - 1 > MAX_CSV_ROWS) throw new Refused({ file, path: `row ${row}`, reason: `more than ${MAX_CSV_ROWS} data rows; split the file` });
    if (!header) {
      header = cells.map((c) => c.trim());
      headerOk = checkHeader(header, columns, report);
      return null;
    }
    // Under a bad header every row would repeat its problem; and empty lines are no rows.
    if (!headerOk || cells.every((c) => c === '')) return null;
    const record: Record<string, string> = {};
    cells.forEach((cell, j) => {
      const where = () => `row ${row}.${header![j]}`;
      const unsafe = unsafeTextReason(cell);
      if (cell.length > MAX_CSV_CELL_CHARS) report(where(), `has ${cell.length} characters; at most ${MAX_CSV_CELL_CHARS} are allowed`);
      else if (unsafe) report(where(), `text the database cannot store: ${unsafe}`);
      else if (cell !== '') record[header![j]] = shared(cell);
    });
    // Once anything is wrong the file is only checked, not kept.
    if (!found) take({ path: `row ${row}`, record });
    return null;
  };
  try {
    parse(text, {
      bom: true,
      relax_column_count_less: true,
      max_record_size: MAX_CSV_COLUMNS * MAX_CSV_CELL_CHARS,
      on_record: onRecord,
    });
  } catch (e) {
    if (e instanceof Refused) report(e.problem.path, e.problem.reason);
    else if (e instanceof CsvError) report(`line ${(e as CsvError & { lines?: number }).lines ?? '?'}`, `not valid CSV: ${CSV_ERRORS[e.code] ?? e.code}`);
    else throw e;
  }
}

/** The header names known columns, each once; an unknown name is quoted short, never in full. */
function checkHeader(header: string[], columns: ReadonlySet<string>, report: (path: string, reason: string) => void): boolean {
  const seen = new Set<string>();
  let ok = true;
  header.forEach((name, j) => {
    if (!columns.has(name) || seen.has(name)) {
      ok = false;
      report(`row 1.column ${j + 1}`, seen.has(name) ? `column "${name}" appears twice` : `unknown column ${quote(name)}; the columns are ${[...columns].join(', ')}`);
    }
    seen.add(name);
  });
  return ok;
}
