/** The cells a workbook (or a template's CSV) holds, and their A1 names. */

/** One cell's value as the file stores it. */
export type Cell =
  | { kind: 'string'; value: string }
  /** `text` is the number as Excel shows it (15 significant digits): exact decimals come from it, never from the float. */
  | { kind: 'number'; value: number; text: string; percent?: boolean }
  | { kind: 'boolean'; value: boolean }
  /** A date: a serial number in a date format, or an ISO date cell; `value` is YYYY-MM-DD, with THH:MM:SS when it has a time. */
  | { kind: 'date'; value: string }
  /** An error value Excel computed, e.g. "#DIV/0!". */
  | { kind: 'error'; value: string };

/** A sheet's cells by row and column, both from 1; empty cells are absent. */
export interface Sheet {
  name: string;
  rows: Map<number, Map<number, Cell>>;
  /** Where a cell is, for a problem: "Deltagare!D7" (a CSV adds its line). */
  where(row: number, column: number): string;
  /** Where a row is: "Deltagare!7:7". */
  whereRow(row: number): string;
}

export interface Workbook {
  sheets: Sheet[];
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A1 reference → [row, column], or null when it is not one. Large references give large numbers, checked by the caller. */
export function parseCellRef(ref: string): [number, number] | null {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const c of m[1]) column = column * 26 + (c.charCodeAt(0) - 64);
  return [Number(m[2]), column];
}

/** A sheet of a workbook: cells named as Excel names them. */
export function workbookSheet(name: string): Sheet {
  // A sheet name with spaces or punctuation is quoted in a reference, as Excel writes it.
  const prefix = /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  return { name, rows: new Map(), where: (row, column) => `${prefix}!${columnName(column)}${row}`, whereRow: (row) => `${prefix}!${row}:${row}` };
}

/** A double as Excel shows it: at most 15 significant digits, so 0.1 + 0.2 reads as 0.3 and 1234.1 stays 1234.1. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const fixed = value.toPrecision(15);
  if (/e/.test(fixed)) return fixed;
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

const DAY_MS = 86_400_000;

/**
 * A date serial number as a date: days since 1899-12-30 (Excel's 1900 system, which counts a 29 February 1900
 * that never was: serials before 61 are one day off and start at 1899-12-31), or since 1904-01-01.
 */
export function serialDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  // Rounded to the second: a stored time is a binary fraction of a day.
  const ms = base + Math.round(serial * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  return ms % DAY_MS === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}
