import { createHash } from 'node:crypto';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DocumentFile, SLUG } from './document';
import { flatten, Problem, Problems } from './problems';
import { csvRecords } from './csv';
import { csvColumns, CSV_ROW_CLASSES, CSV_SECTIONS, ReportHeader, REPORT_SECTIONS } from './report';
import { quote, unsafeJsonText, unsafeTextReason } from '../../platform/common/text';

/**
 * Where a report read from sheets (a workbook, or the template's CSV) found each value, so every problem names
 * its sheet and cell ("Deltagare!D7") instead of a JSON path.
 */
export interface SheetOrigins {
  /** A header field's cell: "document.title" → "Källa!B2". */
  header: Record<string, string>;
  /** For each section, where each row was read ("Deltagare!7:7") and each of its fields' cells ("numerator" → "Deltagare!E7"). */
  rows: Record<string, Array<{ path: string; fields: Record<string, string> }>>;
  /** What the sheets could not be read as, each at its cell; reported with the report's other problems, after the writer's rights are checked. */
  problems: Problem[];
  /** The cells those problems are at, and their rows: what is found there later is not told again. */
  claimed: string[];
}

/** An import file: its name, and its text (CLI), its already parsed JSON (importReport), or the report read from its sheets. */
export type ImportSource = { name: string } & ({ text: string } | { json: unknown; sheets?: SheetOrigins });

/** Where a source's values came from: its sheets' cells, when it was read from sheets. */
const sheetsOf = (source: ImportSource): SheetOrigins | undefined => ('sheets' in source ? source.sheets : undefined);

/**
 * Looks up a CSV file a report names, for that report: its text, null when there is no such file, or why
 * it was refused (a reason that never quotes the file's contents).
 */
export type CsvReader = (name: string, report: ImportSource) => string | null | { refused: string };

/** A report's JSON with the one thing read before the writer's rights are checked: its förbund. */
export interface ReportJson {
  source: ImportSource;
  raw: Record<string, unknown>;
  slug: string;
}

/** A report file made ready to apply: the seed-format document it describes, and where each row came from. */
export interface ParsedImport {
  file: string;
  header: ReportHeader;
  document: DocumentFile;
  checksum: string;
  /** For each section, where each row came from: a JSON path, a CSV file and line, or a sheet's row and its fields' cells. */
  origins: Record<string, Array<{ file: string; path: string; fields?: Record<string, string> }>>;
  /** A report read from sheets: its header fields' cells, and the cells the sheet reader has already reported a problem at. */
  cells?: { header: Record<string, string>; reported: ReadonlySet<string> };
}

/** The entry for `path` or its nearest parent: "parts.3.amountSek", then "parts.3", then "parts". */
function nearest(map: Record<string, string>, path: string[]): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const found = map[path.slice(0, n).join('.')];
    if (found !== undefined) return found;
  }
  return undefined;
}

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };
const INTEGER_FIELDS = new Set(['year', 'fromYear', 'toYear', 'order']);

/** A problem found at "<section>.<index>.<field>" of the assembled document, told where the row really is. */
export function locate(problem: { path: string; reason: string; file?: string }, parsed: Pick<ParsedImport, 'origins' | 'file' | 'cells'>): Problem {
  const [section, index, ...rest] = problem.path.split('.');
  const origin = parsed.origins[section]?.[Number(index)];
  if (origin?.fields) return { file: origin.file, path: nearest(origin.fields, rest) ?? origin.path, reason: problem.reason };
  if (origin) return { file: origin.file, path: [origin.path, ...rest].join('.'), reason: problem.reason };
  const cell = parsed.cells && nearest(parsed.cells.header, problem.path.split('.'));
  return { file: problem.file ?? parsed.file, path: cell ?? problem.path, reason: problem.reason };
}

/** Problems told where they are; one at a cell the sheet reader already told of (a value it could not read) is not told twice. */
export function located(found: Iterable<{ path: string; reason: string; file?: string }>, parsed: Pick<ParsedImport, 'origins' | 'file' | 'cells'>): Problem[] {
  const out: Problem[] = [];
  for (const problem of found) {
    const at = locate(problem, parsed);
    if (!parsed.cells?.reported.has(at.path)) out.push(at);
  }
  return out;
}

/**
 * Parses a report's JSON and reads its förbund slug, and nothing else: the writer's rights are checked
 * on that before any further work. Returns null (with a problem) when the file is not a report at all.
 */
export function readReportJson(source: ImportSource, problems: Problems): ReportJson | null {
  const file = unsafeTextReason(source.name) ? quote(source.name) : source.name;
  const fail = (path: string, reason: string) => {
    problems.push({ file, path: sheetsOf(source)?.header[path] ?? path, reason });
    return null;
  };
  if (file !== source.name) return fail('(file name)', `a file name the database cannot store: ${unsafeTextReason(source.name)}`);
  let raw: unknown;
  if ('json' in source) raw = source.json;
  else {
    try {
      raw = JSON.parse(source.text);
    } catch (e) {
      // The parser's message quotes the text; only a short, escaped excerpt of it is passed on.
      return fail('(file)', `not valid JSON: ${quote((e as Error).message)}`);
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('(file)', 'a report is a JSON object');
  const slug = (raw as { forbund?: { slug?: unknown } }).forbund?.slug;
  if (typeof slug !== 'string' || !SLUG.test(slug)) {
    return fail('forbund.slug', "give the report's förbund as a slug of lower-case letters, digits and hyphens, e.g. \"uppsala\"");
  }
  return { source, raw: raw as Record<string, unknown>, slug };
}

/**
 * Reads one report (JSON plus the CSV files it names) into the seed format, reporting every problem it
 * finds with file, row and field rather than stopping at the first. Returns null when the file is
 * unusable as a whole (text the database cannot store, no document).
 */
export function parseImport(report: ReportJson, readCsv: CsvReader, problems: Problems): ParsedImport | null {
  const { source, raw, slug } = report;
  const sheets = sheetsOf(source);
  const origins: ParsedImport['origins'] = {};
  const reported = new Set(sheets?.claimed);
  const cells = sheets && { header: sheets.header, reported };
  const where = { file: source.name, origins, cells };
  for (const section of REPORT_SECTIONS) {
    const rows = Array.isArray(raw[section]) ? (raw[section] as unknown[]) : [];
    origins[section] = rows.map((_, i) => {
      const at = sheets?.rows[section]?.[i];
      return at ? { file: source.name, ...at } : { file: source.name, path: `${section}.${i}` };
    });
  }
  problems.addAll(sheets?.problems ?? []);
  const before = problems.size;
  problems.addAll(located(unsafeJsonText(raw), where));
  // Such text would fail in SQL, and too deep a nesting in the validator: nothing more is read.
  if (problems.size > before) return null;

  const header = plainToInstance(ReportHeader, raw);
  const headerProblems = located(flatten(validateSync(header, VALIDATION), source.name), where);
  problems.addAll(headerProblems);
  // A wrong header cell (a title too short) is told once, not again for every row that takes it as its source reference.
  if (cells) for (const p of headerProblems) reported.add(p.path);
  // Without a document the rows cannot be read; every other problem is still reported below.
  if (!header.document || typeof header.document !== 'object') return null;

  const { defaultLocator, ...document } = header.document;
  const hash = createHash('sha256').update('text' in source ? source.text : JSON.stringify(raw));
  const sections: Record<string, unknown[]> = {};
  const csvRows: Record<string, Array<{ row: object; origin: { file: string; path: string } }>> = {};
  const otherForbund = (file: string, path: string, named: unknown) =>
    problems.push({ file, path: `${path}.forbund`, reason: `row names förbund ${quote(named)} but the report is for "${slug}"` });
  for (const section of REPORT_SECTIONS) {
    const rows = Array.isArray(raw[section]) ? (raw[section] as unknown[]) : [];
    sections[section] = rows.map((row, i) => {
      const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
      if (r.forbund !== undefined && r.forbund !== slug) otherForbund(source.name, `${section}.${i}`, r.forbund);
      return { locator: defaultLocator, ...r, forbund: slug };
    });
  }
  for (const section of CSV_SECTIONS) {
    const name = header.csv?.[section];
    if (typeof name !== 'string') continue;
    const text = readCsv(name, source);
    if (typeof text !== 'string') {
      problems.push({ file: source.name, path: `csv.${section}`, reason: text?.refused ?? `CSV file ${quote(name)} not found` });
      continue;
    }
    hash.update('\0').update(name).update('\0').update(text);
    // Each CSV row becomes its checked row as it is parsed: a file of 100 000 rows is never held twice.
    const rowClass = CSV_ROW_CLASSES[section] as ClassConstructor<object>;
    const rows = (csvRows[section] ??= []);
    // Once a row of this file is wrong, the rest are only checked, not kept (as csvRecords does for the file itself).
    let wrong = false;
    csvRecords(name, text, csvColumns(section), problems, ({ path, record }) => {
      const typed = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, INTEGER_FIELDS.has(k) && /^-?\d{1,15}$/.test(v) ? Number(v) : v]));
      if (typed.forbund !== undefined && typed.forbund !== slug) otherForbund(name, path, typed.forbund);
      const row = plainToInstance(rowClass, { locator: defaultLocator, ...typed, forbund: slug });
      const errors = validateSync(row, VALIDATION);
      if (errors.length) {
        wrong = true;
        problems.addAll(flatten(errors, name, path));
      } else if (!wrong) rows.push({ row, origin: { file: name, path } });
    });
  }

  const assembled = plainToInstance(DocumentFile, { formatVersion: 1, document: { ...document, forbund: slug }, ...sections });
  const parsed = { file: source.name, header, document: assembled, checksum: hash.digest('hex'), origins, cells };
  // The document was checked with the header above; here only the JSON rows are (the CSV rows were, one by one).
  const rowErrors = validateSync(assembled, VALIDATION).filter((e) => e.property !== 'document');
  problems.addAll(located(flatten(rowErrors, source.name), parsed));
  for (const [section, rows] of Object.entries(csvRows)) {
    const target = (assembled as unknown as Record<string, unknown[]>)[section];
    for (const { row, origin } of rows) {
      target.push(row);
      origins[section].push(origin);
    }
  }
  return parsed;
}
