/**
 * An uploaded report in any of its three forms — the template as a workbook (.xlsx), the template as CSV, or the
 * import format's JSON — made into the one import source the pipeline takes (runImport), so all three are checked
 * and written alike. A workbook or CSV is read into import format v1 with the cell of every value.
 */
import { GraphQLError } from 'graphql';
import { EntityManager } from 'typeorm';
import { Measure } from '../domain/measures/measure.entity';
import { ErrorCode } from '../platform/common/errors';
import { REPORT_SECTIONS } from './format/report';
import { WorkbookRefused } from './format/xlsx/refusal';
import { csvSheets } from './format/template/csv-sheets';
import { readTemplate } from './format/template/read-template';
import { ImportSource } from './format/read-report';
import { readXlsx } from './format/xlsx/read-xlsx';
import { Sheet } from './format/xlsx/cells';

export type UploadFormat = 'xlsx' | 'csv' | 'json';

/** The format of a file by its name's ending, for the CLI; null for one it does not know. */
export function formatOfName(name: string): UploadFormat | null {
  const m = /\.(xlsx|csv|json)$/i.exec(name);
  return m ? (m[1].toLowerCase() as UploadFormat) : null;
}

/** Each measure's unit: how the template's Värde is read. */
async function measureUnits(em: EntityManager): Promise<Map<string, string>> {
  return new Map((await em.find(Measure, { select: { code: true, unit: true } })).map((m) => [m.code, m.unit]));
}

/** The template's sheets as the report they describe, with the cell of every value. */
async function fromSheets(em: EntityManager, name: string, sheets: Sheet[]): Promise<ImportSource> {
  const { report, origins } = readTemplate(name, sheets, await measureUnits(em));
  return { name, json: report, sheets: origins };
}

/**
 * An upload as an import source. A workbook is refused (WorkbookRefused, with its code) when it is too large, has
 * macros or external links, or a formula without its value; JSON that does not parse is the pipeline's problem.
 */
export async function uploadSource(em: EntityManager, name: string, format: UploadFormat, body: Buffer): Promise<ImportSource> {
  if (format === 'xlsx') return fromSheets(em, name, (await readXlsx(body)).sheets);
  if (format === 'csv') return fromSheets(em, name, csvSheets(body.toString('utf8')));
  const text = body.toString('utf8');
  try {
    return { name, json: JSON.parse(text) };
  } catch {
    // The pipeline reports JSON that does not parse, with the parser's reason.
    return { name, text };
  }
}

/** The report of a source, for counting its rows; null for text that is not JSON. */
export function reportOf(source: ImportSource): Record<string, unknown> | null {
  const json = 'json' in source ? source.json : null;
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
}

/**
 * Rows one import over HTTP (importReport, POST /import) may carry. A request is answered in the server's event
 * loop, so its work is kept to about a second (a real report has tens to hundreds of rows); `npm run import` takes
 * reports of any size.
 */
export const MAX_IMPORT_ROWS_OVER_HTTP = 5_000;

/** Counts a report's rows before it is checked: its JSON sections and the lines of its CSV files. */
export function assertImportSize(report: Record<string, unknown>, csvTexts: string[] = []): void {
  let rows = REPORT_SECTIONS.reduce((n, section) => n + (Array.isArray(report[section]) ? (report[section] as unknown[]).length : 0), 0);
  for (const text of csvTexts) rows += text.split('\n').length - 1;
  if (rows > MAX_IMPORT_ROWS_OVER_HTTP) {
    throw new GraphQLError(`The report has ${rows} rows; an import over HTTP takes up to ${MAX_IMPORT_ROWS_OVER_HTTP}. Import larger reports with npm run import, which takes any size.`, {
      extensions: { code: ErrorCode.IMPORT_TOO_LARGE, limit: MAX_IMPORT_ROWS_OVER_HTTP, http: { status: 413 } },
    });
  }
}

/** A refused workbook as an error with its code and status: 413 for one too large, 422 for one that is not read. */
export function workbookRefusal(e: WorkbookRefused, file: string): GraphQLError {
  return new GraphQLError(e.message, {
    extensions: {
      code: e.code,
      ...(e.limit === undefined ? {} : { limit: e.limit }),
      problems: [{ file, path: '(file)', reason: e.message }],
      http: { status: e.code === ErrorCode.WORKBOOK_TOO_LARGE ? 413 : 422 },
    },
  });
}
