/** One CSV field: quoted only when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What a spreadsheet reads as the start of a formula (or, for tab and CR, of a cell it may re-split). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will open it safely: text that begins like a formula gets a leading ' (as OWASP
 * advises for CSV injection), so Excel or LibreOffice shows it instead of running it. Numbers are not text cells:
 * write them with csvField, so a negative number stays a number.
 */
export function csvText(value: string): string {
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}
