import { createHash } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SeedDocumentFile } from '../seeding/format';
import { flatten, SeedProblem } from '../seeding/read';
import { csvRecords } from './csv';
import { CSV_SECTIONS, ImportHeader, REPORT_SECTIONS } from './format';

/** An import file's name and text. */
export interface ImportSource {
  name: string;
  text: string;
}

/** A report file made ready to apply: the seed-format document it describes, and where each row came from. */
export interface ParsedImport {
  file: string;
  header: ImportHeader;
  document: SeedDocumentFile;
  checksum: string;
  /** For each section, where each row came from: a JSON path, or a CSV file and line. */
  origins: Record<string, Array<{ file: string; path: string }>>;
}

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };
const INTEGER_FIELDS = new Set(['year', 'fromYear', 'toYear', 'order']);

/** A problem found at "<section>.<index>.<field>" of the assembled document, told where the row really is. */
export function locate(problem: SeedProblem, parsed: Pick<ParsedImport, 'origins'>): SeedProblem {
  const [section, index, ...rest] = problem.path.split('.');
  const origin = parsed.origins[section]?.[Number(index)];
  if (!origin) return problem;
  return { file: origin.file, path: [origin.path, ...rest].join('.'), reason: problem.reason };
}

/**
 * Reads one report (JSON plus the CSV files it names) into the seed format, reporting every problem it
 * finds with file, row and field rather than stopping at the first. Returns null when the file is
 * unusable as a whole (not JSON, no förbund, no document).
 */
export function parseImport(source: ImportSource, readCsv: (name: string) => string | null, problems: SeedProblem[]): ParsedImport | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(source.text);
  } catch (e) {
    problems.push({ file: source.name, path: '(file)', reason: `not valid JSON: ${(e as Error).message}` });
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ file: source.name, path: '(file)', reason: 'a report is a JSON object' });
    return null;
  }
  const header = plainToInstance(ImportHeader, raw);
  const headerErrors = validateSync(header, VALIDATION);
  problems.push(...flatten(headerErrors, source.name));
  // Without a förbund slug or a document the rows cannot be read; every other problem is still reported below.
  if (typeof header.forbund?.slug !== 'string' || !header.document || typeof header.document !== 'object') return null;

  const slug = header.forbund.slug;
  const { defaultLocator, ...document } = header.document;
  const hash = createHash('sha256').update(source.text);
  const origins: ParsedImport['origins'] = {};
  const sections: Record<string, unknown[]> = {};
  const own: SeedProblem[] = [];
  for (const section of REPORT_SECTIONS) {
    const rows = Array.isArray(raw[section]) ? (raw[section] as unknown[]) : [];
    sections[section] = rows.map((row, i) => {
      const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
      if (r.forbund !== undefined && r.forbund !== slug) {
        own.push({ file: source.name, path: `${section}.${i}.forbund`, reason: `row names förbund "${String(r.forbund)}" but the report is for "${slug}"` });
      }
      return { locator: defaultLocator, ...r, forbund: slug };
    });
    origins[section] = rows.map((_, i) => ({ file: source.name, path: `${section}.${i}` }));
  }
  for (const section of CSV_SECTIONS) {
    const name = header.csv?.[section];
    if (!name) continue;
    const text = readCsv(name);
    if (text === null) {
      own.push({ file: source.name, path: `csv.${section}`, reason: `CSV file "${name}" not found` });
      continue;
    }
    hash.update('\0').update(name).update('\0').update(text);
    for (const { line, record } of csvRecords(text)) {
      const typed = Object.fromEntries(
        Object.entries(record).map(([k, v]) => [k, INTEGER_FIELDS.has(k) && /^-?\d+$/.test(v) ? Number(v) : v]),
      );
      if (typed.forbund !== undefined && typed.forbund !== slug) {
        own.push({ file: name, path: `row ${line}.forbund`, reason: `row names förbund "${String(typed.forbund)}" but the report is for "${slug}"` });
      }
      sections[section].push({ locator: defaultLocator, ...typed, forbund: slug });
      origins[section].push({ file: name, path: `row ${line}` });
    }
  }

  const assembled = plainToInstance(SeedDocumentFile, { formatVersion: 1, document: { ...document, forbund: slug }, ...sections });
  const parsed = { file: source.name, header, document: assembled, checksum: hash.digest('hex'), origins };
  // The document was checked with the header above; here only the rows are.
  const rowErrors = validateSync(assembled, VALIDATION).filter((e) => e.property !== 'document');
  problems.push(...own, ...flatten(rowErrors, source.name).map((p) => locate(p, parsed)));
  return parsed;
}
