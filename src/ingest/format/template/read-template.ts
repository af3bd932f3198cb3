/**
 * A filled report template (a workbook, or the same sheets as CSV) read into import format v1: exactly what
 * importReport takes as JSON, so all three go through one pipeline. Every value is remembered with its cell, so
 * a problem found here or later (validation, references, plausibility) names the sheet and cell: Deltagare!D7.
 * A cell that cannot be read is a problem at that cell and leaves its field out; nothing is guessed.
 */
import { Problems } from '../problems';
import { REPORT_FORMAT } from '../report';
import { SheetOrigins } from '../read-report';
import { Cell, Sheet } from '../xlsx/cells';
import { quote } from '../../../platform/common/text';
import {
  ALLOCATION_COLUMNS,
  EXACT_LABEL,
  FIGURE_COLUMNS,
  FORBUND_LABELS,
  fromLabel,
  GENDER_LABELS,
  GOAL_COLUMNS,
  GOAL_STATUS_LABELS,
  KIND_LABELS,
  PARTY_LABELS,
  QUALIFIER_LABELS,
  QUALIFIER_SYNONYMS,
  SHEETS,
  SOURCE_LABELS,
  STATED_UNIT_LABELS,
  STATUS_LABELS,
  TOTAL_LABEL,
  UNIT_LABELS,
} from './layout';

type Row = Record<string, unknown>;
type Fields = Record<string, string>;

const listed = (labels: Record<string, string | undefined>) => Object.values(labels).filter(Boolean).join(', ');

/** A number as the format writes it: "1 234,5" and "1234.5" both read as "1234.5". */
function decimalText(text: string): string | null {
  const bare = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(bare) ? bare.replace(/^(-?)0+(?=\d)/, '$1') : null;
}

/** What reads one sheet: its cells, and problems at them. */
class SheetReader {
  constructor(
    readonly sheet: Sheet,
    private readonly file: string,
    private readonly problems: Problems,
    private readonly claimed: Set<string>,
  ) {}

  cell(row: number, column: number): Cell | undefined {
    return this.sheet.rows.get(row)?.get(column);
  }

  where(row: number, column: number): string {
    return this.sheet.where(row, column);
  }

  problem(path: string, reason: string): void {
    this.problems.push({ file: this.file, path, reason });
    this.claimed.add(path);
  }

  /** A problem at a cell: what is found later at that cell, or about its row as a whole, is not told again. */
  cellProblem(row: number, column: number, reason: string): void {
    this.problem(this.where(row, column), reason);
    this.claimed.add(this.sheet.whereRow(row));
  }

  /** A cell as text (a number as Excel shows it, a date as YYYY-MM-DD); an error value is a problem. */
  text(row: number, column: number): string | undefined {
    const c = this.cell(row, column);
    if (!c) return undefined;
    if (c.kind === 'error') {
      this.cellProblem(row, column, `holds the error value ${c.value}; give the value itself`);
      return undefined;
    }
    const text = c.kind === 'number' ? c.text : String(c.value).trim();
    return text === '' ? undefined : text;
  }

  /** A cell as an exact decimal string; `percent` reads a cell formatted as a percentage (0.19 shown as 19 %) as 19. */
  decimal(row: number, column: number, percent = false): string | undefined {
    const c = this.cell(row, column);
    if (!c) return undefined;
    if (c.kind === 'number') return percent && c.percent ? String(Number((c.value * 100).toPrecision(15))) : c.text;
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const decimal = c.kind === 'string' ? decimalText(text) : null;
    if (decimal === null) this.cellProblem(row, column, `${quote(text)} is not a number`);
    return decimal ?? undefined;
  }

  /** A cell as one of the format's values, given by its Swedish label (or its code). */
  choice<K extends string>(row: number, column: number, labels: Partial<Record<K, string>>, what: string): K | undefined {
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const value = fromLabel(labels, text);
    if (value === undefined) this.cellProblem(row, column, `${what} is one of ${listed(labels)}, not ${quote(text)}`);
    return value;
  }

  /** Label/value rows: the row of each label in column A (any case). */
  labelRows(): Map<string, number> {
    const rows = new Map<string, number>();
    for (const [row, cells] of this.sheet.rows) {
      const label = cells.get(1);
      if (label?.kind === 'string') rows.set(label.value.trim().toLowerCase(), row);
    }
    return rows;
  }

  /**
   * The header row's columns by field. An unknown heading is a problem (a value under it would be lost), and so
   * is a missing required one.
   */
  columns<F extends string>(headings: Record<F, string>, required: NoInfer<F>[]): Map<F, number> | null {
    const byHeading = new Map(Object.entries(headings).map(([field, heading]) => [(heading as string).toLowerCase(), field as F]));
    const found = new Map<F, number>();
    let ok = true;
    for (const [column, c] of this.sheet.rows.get(1) ?? []) {
      const heading = this.text(1, column);
      if (heading === undefined) continue;
      const field = byHeading.get(heading.toLowerCase());
      if (field === undefined || found.has(field)) {
        ok = false;
        this.cellProblem(1, column, field ? `the column ${quote(heading)} appears twice` : `unknown column ${quote(String(c.value))}; the columns are ${Object.values(headings).join(', ')}`);
      } else found.set(field, column);
    }
    for (const field of required) {
      if (!found.has(field)) {
        ok = false;
        this.problem(this.sheet.whereRow(1), `the header row has no column ${quote(headings[field])}`);
      }
    }
    return ok ? found : null;
  }

  /** Data rows below the header, in order, that have a value in one of `columns`. */
  dataRows(columns: number[]): number[] {
    return [...this.sheet.rows.keys()].filter((r) => r > 1 && columns.some((c) => this.cell(r, c) !== undefined)).sort((a, b) => a - b);
  }

  rowPath(row: number): string {
    return this.sheet.whereRow(row);
  }
}

/** The field → cell map of a row, for the columns it has; `renamed` gives a column's report field, or null for a column shown only. */
function cellsOf<F extends string>(reader: SheetReader, row: number, columns: Map<F, number>, renamed: Partial<Record<F, string | null>>): Fields {
  const out: Fields = {};
  for (const [field, column] of columns) {
    const target = renamed[field] === undefined ? field : renamed[field];
    if (target !== null) out[target] = reader.where(row, column);
  }
  return out;
}

const put = (row: Row, key: string, value: unknown) => {
  if (value !== undefined) row[key] = value;
};

/** A section's rows as read, and where each was. */
interface Section {
  rows: Row[];
  origins: SheetOrigins['rows'][string];
}

const emptySection = (): Section => ({ rows: [], origins: [] });
const addSection = (to: Section, more: Section) => {
  to.rows.push(...more.rows);
  to.origins.push(...more.origins);
};

/** A row without its own source reference takes the document's title, and so do problems with it. */
const withDefaultLocator = (row: Row, fields: Fields, titleCell: string | undefined): Fields => (row.locator === undefined && titleCell ? { ...fields, locator: titleCell } : fields);

/** Deltagare or Utfall: one figure a row with a value, numerator or denominator. */
function readFigures(reader: SheetReader, year: number, units: ReadonlyMap<string, string>, titleCell: string | undefined): Section {
  const section = emptySection();
  const columns = reader.columns(FIGURE_COLUMNS, ['measure', 'value']);
  if (!columns) return section;
  const col = (f: keyof typeof FIGURE_COLUMNS) => columns.get(f);
  const figureColumns = (['value', 'numerator', 'denominator'] as const).map(col).filter((c): c is number => c !== undefined);
  for (const r of reader.dataRows(figureColumns)) {
    const read = <T>(f: keyof typeof FIGURE_COLUMNS, how: (column: number) => T) => (col(f) === undefined ? undefined : how(col(f)!));
    const measure = read('measure', (c) => reader.text(r, c));
    const unit = measure === undefined ? undefined : units.get(measure);
    const row: Row = { measure, year };
    if (measure === undefined) reader.cellProblem(r, col('measure')!, "give the measure's code (Kod), chosen from the list (sheet Mått)");
    put(row, 'gender', read('gender', (c) => reader.choice(r, c, GENDER_LABELS, FIGURE_COLUMNS.gender)) ?? (reader.cell(r, col('gender') ?? 0) ? undefined : 'ALL'));
    const field = unit === 'SHARE' ? 'statedPercent' : unit === 'TEXT' ? 'valueText' : 'value';
    put(row, field, read('value', (c) => (unit === 'TEXT' ? reader.text(r, c) : reader.decimal(r, c, unit === 'SHARE'))));
    put(row, 'numerator', read('numerator', (c) => reader.decimal(r, c)));
    put(row, 'denominator', read('denominator', (c) => reader.decimal(r, c)));
    const stated = read('unit', (c) => reader.choice(r, c, UNIT_LABELS, FIGURE_COLUMNS.unit));
    if (stated !== undefined && unit !== undefined && stated !== unit) {
      reader.cellProblem(r, col('unit')!, `${quote(measure)} is counted in ${UNIT_LABELS[unit as keyof typeof UNIT_LABELS] ?? unit}, not ${UNIT_LABELS[stated]}; check the row's Kod`);
    }
    const qualifier = read('qualifier', (c) => reader.text(r, c));
    if (qualifier !== undefined && qualifier.toLowerCase() !== EXACT_LABEL) {
      const q = fromLabel(QUALIFIER_LABELS, qualifier) ?? QUALIFIER_SYNONYMS[qualifier.toLowerCase()];
      if (q) row.qualifier = q;
      else reader.cellProblem(r, col('qualifier')!, `Kvalifikator is ${EXACT_LABEL}, ${QUALIFIER_LABELS.APPROXIMATE} or ${QUALIFIER_LABELS.AT_LEAST}, not ${quote(qualifier)}`);
    }
    put(row, 'locator', read('locator', (c) => reader.text(r, c)));
    put(row, 'note', read('note', (c) => reader.text(r, c)));
    section.rows.push(row);
    section.origins.push({ path: reader.rowPath(r), fields: withDefaultLocator(row, cellsOf(reader, r, columns, { value: field, name: null, unit: null }), titleCell) });
  }
  return section;
}

/** Tilldelning: one allocation (utfall) of the year, its total on the Totalt row and a part on each member's row with an amount. */
function readAllocation(reader: SheetReader, year: number, titleCell: string | undefined): Section {
  const section = emptySection();
  const columns = reader.columns(ALLOCATION_COLUMNS, ['party', 'amountSek']);
  if (!columns) return section;
  const col = (f: keyof typeof ALLOCATION_COLUMNS) => columns.get(f);
  const text = (r: number, f: keyof typeof ALLOCATION_COLUMNS) => (col(f) === undefined ? undefined : reader.text(r, col(f)!));
  // Kronor unless the row says how the source printed the amount.
  const statedUnit = (r: number) => (col('statedUnit') !== undefined && reader.cell(r, col('statedUnit')!) ? reader.choice(r, col('statedUnit')!, STATED_UNIT_LABELS, ALLOCATION_COLUMNS.statedUnit) : 'KR');
  const parts: Row[] = [];
  const allocation: Row = { year, kind: 'ACTUAL', parts };
  const fields: Fields = {};
  let totalRow: number | null = null;
  const rows = reader.dataRows([col('amountSek')!]);
  for (const r of rows) {
    const partyText = text(r, 'party');
    const amount = reader.decimal(r, col('amountSek')!);
    if (partyText?.toLowerCase() === TOTAL_LABEL.toLowerCase()) {
      if (totalRow !== null) {
        reader.cellProblem(r, col('party')!, `a second ${TOTAL_LABEL} row; the total is given once (row ${totalRow})`);
        continue;
      }
      totalRow = r;
      put(allocation, 'totalSek', amount);
      put(allocation, 'statedUnit', statedUnit(r));
      put(allocation, 'locator', text(r, 'locator'));
      put(allocation, 'note', text(r, 'note'));
      Object.assign(fields, cellsOf(reader, r, columns, { amountSek: 'totalSek', party: null, organisation: null, label: null }));
      // "The parts add up to …, the total is …" is told at the total.
      fields.parts = reader.where(r, col('amountSek')!);
      continue;
    }
    const i = parts.length;
    const part: Row = {};
    if (partyText === undefined) reader.cellProblem(r, col('party')!, `give the part (Del): ${TOTAL_LABEL}, ${listed(PARTY_LABELS)}`);
    put(part, 'party', reader.choice(r, col('party')!, PARTY_LABELS, ALLOCATION_COLUMNS.party));
    put(part, 'organisation', text(r, 'organisation'));
    put(part, 'label', text(r, 'label'));
    put(part, 'amountSek', amount);
    put(part, 'statedUnit', statedUnit(r));
    for (const f of ['locator', 'note'] as const) {
      if (text(r, f) !== undefined) reader.cellProblem(r, col(f)!, `give ${ALLOCATION_COLUMNS[f]} on the ${TOTAL_LABEL} row: it holds for the whole allocation`);
    }
    parts.push(part);
    for (const [field, column] of columns) fields[`parts.${i}.${field}`] = reader.where(r, column);
  }
  if (totalRow !== null || parts.length) {
    section.rows.push(allocation);
    section.origins.push({ path: reader.rowPath(totalRow ?? rows[0]), fields: withDefaultLocator(allocation, fields, titleCell) });
  }
  return section;
}

/** Mål: one goal a row with an area, text, target or result; no status given is NOT_STATED. */
function readGoals(reader: SheetReader, year: number, titleCell: string | undefined): Section {
  const section = emptySection();
  const columns = reader.columns(GOAL_COLUMNS, ['text']);
  if (!columns) return section;
  const text = (r: number, f: keyof typeof GOAL_COLUMNS) => (columns.get(f) === undefined ? undefined : reader.text(r, columns.get(f)!));
  const filled = (['area', 'text', 'target', 'result'] as const).map((f) => columns.get(f)).filter((c): c is number => c !== undefined);
  const statusColumn = columns.get('status');
  for (const r of reader.dataRows(filled)) {
    const goal: Row = { year };
    for (const f of ['area', 'text', 'target', 'result', 'locator', 'note'] as const) put(goal, f, text(r, f));
    const status = statusColumn === undefined || !reader.cell(r, statusColumn) ? 'NOT_STATED' : reader.choice(r, statusColumn, GOAL_STATUS_LABELS, GOAL_COLUMNS.status);
    put(goal, 'status', status);
    // The förbund states its own goals' status in its own report; none stated is none.
    put(goal, 'statusBasis', status === undefined ? undefined : status === 'NOT_STATED' ? 'NONE' : 'STATED');
    const fields = cellsOf(reader, r, columns, {});
    if (fields.status) fields.statusBasis = fields.status;
    section.rows.push(goal);
    section.origins.push({ path: reader.rowPath(r), fields: withDefaultLocator(goal, fields, titleCell) });
  }
  return section;
}

export interface TemplateReading {
  /** The report in import format v1, as far as the sheets could be read. */
  report: Record<string, unknown>;
  origins: SheetOrigins;
}

/**
 * Reads the template's sheets into a report. `units` gives each measure's unit (from the measures table): Värde
 * is a count or value, a share's printed percentage, or a text measure's text, by the unit of the row's Kod.
 */
export function readTemplate(file: string, sheets: Sheet[], units: ReadonlyMap<string, string>): TemplateReading {
  const problems = new Problems();
  const claimed = new Set<string>();
  const header: Fields = {};
  const rows: SheetOrigins['rows'] = {};
  const byName = new Map(sheets.map((s) => [s.name, new SheetReader(s, file, problems, claimed)]));
  const known = new Set<string>(Object.values(SHEETS));
  for (const s of sheets) {
    if (!known.has(s.name) && s.rows.size) problems.push({ file, path: s.name, reason: `the template reads only its own sheets (${[...known].join(', ')}); rename or remove the sheet ${quote(s.name)}` });
  }
  const required = (name: string) => {
    const reader = byName.get(name);
    if (!reader) problems.push({ file, path: name, reason: `the workbook has no sheet ${quote(name)}; start from the template (GET /templates/report.xlsx)` });
    return reader;
  };

  /** A label/value sheet's values, each remembered at its cell (or, when the label is missing, the label column). */
  const labelled = <K extends string>(reader: SheetReader | undefined, labels: Record<K, string>, paths: Record<K, string>) => {
    const at = new Map<K, number>();
    if (!reader) return at;
    const found = reader.labelRows();
    for (const key of Object.keys(labels) as K[]) {
      const row = found.get(labels[key].toLowerCase());
      if (row === undefined) {
        header[paths[key]] = `${reader.sheet.name}!A:A`;
        reader.problem(header[paths[key]], `no row labelled ${quote(labels[key])}; the labels are ${Object.values(labels).join(', ')}`);
      } else {
        at.set(key, row);
        header[paths[key]] = reader.where(row, 2);
      }
    }
    return at;
  };

  const forbundSheet = required(SHEETS.forbund);
  const forbundRows = labelled(forbundSheet, FORBUND_LABELS, { slug: 'forbund.slug', name: 'forbund.name', year: 'year' });
  const value = (reader: SheetReader | undefined, at: Map<string, number>, key: string) => (reader && at.has(key) ? reader.text(at.get(key)!, 2) : undefined);
  const yearText = value(forbundSheet, forbundRows, 'year');
  const year = yearText !== undefined && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  if (yearText !== undefined && year === undefined) forbundSheet!.problem(header.year, `the year is four digits, e.g. 2024, not ${quote(yearText)}`);

  const sourceSheet = required(SHEETS.source);
  const sourceRows = labelled(sourceSheet, SOURCE_LABELS, {
    id: 'document.id',
    title: 'document.title',
    url: 'document.url',
    publisher: 'document.publisher',
    documentDate: 'document.documentDate',
    status: 'document.status',
    kind: 'document.kind',
  });
  // A document needs a file or a url: the url is what the template asks for.
  if (header['document.url']) header.document = header['document.url'];
  if (header.year) header['document.yearsCovered'] = header.year;
  const document: Row = { yearsCovered: year === undefined ? [] : [year] };
  for (const key of ['id', 'title', 'url', 'publisher'] as const) put(document, key, value(sourceSheet, sourceRows, key));
  if (sourceSheet && sourceRows.has('documentDate')) put(document, 'documentDate', value(sourceSheet, sourceRows, 'documentDate')?.slice(0, 10));
  if (sourceSheet && sourceRows.has('status')) {
    const status = sourceSheet.choice(sourceRows.get('status')!, 2, STATUS_LABELS, SOURCE_LABELS.status);
    if (status === undefined && value(sourceSheet, sourceRows, 'status') === undefined) sourceSheet.problem(header['document.status'], `choose ${STATUS_LABELS.FINAL} or ${STATUS_LABELS.PRELIMINARY}`);
    put(document, 'status', status);
  }
  if (sourceSheet && sourceRows.has('kind')) {
    const kind = sourceSheet.choice(sourceRows.get('kind')!, 2, KIND_LABELS, SOURCE_LABELS.kind);
    if (kind === undefined && value(sourceSheet, sourceRows, 'kind') === undefined) sourceSheet.problem(header['document.kind'], `choose the kind of document: ${listed(KIND_LABELS)}`);
    put(document, 'kind', kind);
  }
  // A figure without its own source reference is found in the document as a whole.
  put(document, 'defaultLocator', document.title);

  // A row without its own source reference takes the document's title: a problem with it is told at the title.
  const titleCell = header['document.title'];
  const sections = { observations: emptySection(), allocations: emptySection(), goals: emptySection() };
  if (year !== undefined) {
    for (const name of [SHEETS.participants, SHEETS.outcomes]) {
      const reader = byName.get(name);
      if (reader) addSection(sections.observations, readFigures(reader, year, units, titleCell));
    }
    const allocation = byName.get(SHEETS.allocation);
    if (allocation) addSection(sections.allocations, readAllocation(allocation, year, titleCell));
    const goals = byName.get(SHEETS.goals);
    if (goals) addSection(sections.goals, readGoals(goals, year, titleCell));
  }
  for (const [name, section] of Object.entries(sections)) rows[name] = section.origins;

  const report: Record<string, unknown> = {
    format: REPORT_FORMAT,
    formatVersion: 1,
    forbund: {},
    year,
    document,
    observations: sections.observations.rows,
    allocations: sections.allocations.rows,
    goals: sections.goals.rows,
  };
  put(report.forbund as Row, 'slug', value(forbundSheet, forbundRows, 'slug'));
  put(report.forbund as Row, 'name', value(forbundSheet, forbundRows, 'name'));
  return { report, origins: { header, rows, problems: problems.list(), claimed: [...claimed] } };
}
