/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. A BOM is skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One CSV field: quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as objects keyed by the header row; empty fields are left out. Row numbers count the header as 1. */
export function csvRecords(text: string): Array<{ line: number; record: Record<string, string> }> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c !== ''))
    .map(({ line, cells }) => ({
      line,
      record: Object.fromEntries(header.map((name, j) => [name.trim(), cells[j] ?? '']).filter(([, v]) => v !== '')),
    }));
}
