/**
 * GET /export/coverage.csv and /export/coverage.xlsx?year=…[&countyCode=…]: the coverage matrix as files for the
 * national network's spreadsheets. The figures come from the GraphQL schema itself (the coverage query), so
 * the files, the page and the API cannot disagree.
 */
import { execute, GraphQLError, GraphQLSchema, parse } from 'graphql';
import { MAX_YEAR, MIN_YEAR } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { csvField, csvText } from '../../platform/common/csv';
import { badInput } from '../../platform/common/errors';
import { checkParams } from '../../platform/http/params';

export interface CoverageParams {
  year: number;
  countyCode: string | null;
}

export function coverageParams(params: URLSearchParams): CoverageParams {
  checkParams(params, ['year', 'countyCode']);
  const year = params.get('year') ?? '';
  if (!/^\d{4}$/.test(year) || Number(year) < MIN_YEAR || Number(year) > MAX_YEAR) throw badInput(`year must be a year ${MIN_YEAR}–${MAX_YEAR}, e.g. year=2017; got "${year.slice(0, 40)}"`);
  const countyCode = params.get('countyCode');
  if (countyCode !== null && !/^\d{2}$/.test(countyCode)) throw badInput(`countyCode must be SCB's two-digit länskod, e.g. countyCode=03; got "${countyCode.slice(0, 40)}"`);
  return { year: Number(year), countyCode };
}

export const COVERAGE_QUERY = parse(`
  query CoverageFile($year: Int!, $countyCode: String) {
    coverage(year: $year, countyCode: $countyCode) {
      year
      measures { code nameSv }
      forbund { forbund { slug name countyCode county } reported cells { measureCode status lastChanged } }
    }
  }
`);

export interface CoverageData {
  year: number;
  measures: Array<{ code: string; nameSv: string }>;
  forbund: Array<{
    forbund: { slug: string; name: string; countyCode: string | null; county: string | null };
    reported: number;
    cells: Array<{ measureCode: string; status: string; lastChanged: string | null }>;
  }>;
}

/** The matrix, or the error a client would get from GraphQL for the same request. */
export async function coverageData(schema: GraphQLSchema, ctx: RequestContext, params: CoverageParams): Promise<CoverageData> {
  const result = await execute({ schema, document: COVERAGE_QUERY, contextValue: ctx, variableValues: { year: params.year, countyCode: params.countyCode } });
  if (result.errors?.length) throw result.errors[0] instanceof GraphQLError ? result.errors[0] : badInput(String(result.errors[0]));
  return (result.data as { coverage: CoverageData }).coverage;
}

/** Swedish words for the statuses, as the page shows them. */
export const STATUS_SV: Record<string, string> = { FINAL: 'slutlig', PRELIMINARY: 'preliminär', APPROXIMATE: 'ungefärlig', MISSING: 'saknas' };

export const COVERAGE_COLUMNS = ['year', 'forbund_slug', 'forbund_name', 'county_code', 'measure', 'measure_name_sv', 'status', 'last_changed'] as const;

/** Long format, one row per förbund and measure (UTF-8 with a byte-order mark, CRLF, text cells neutralised). */
export function coverageCsv(data: CoverageData): string {
  const names = new Map(data.measures.map((m) => [m.code, m.nameSv]));
  const lines = data.forbund.flatMap((row) =>
    row.cells.map((c) =>
      [
        csvField(String(data.year)),
        csvText(row.forbund.slug),
        csvText(row.forbund.name),
        csvText(row.forbund.countyCode ?? ''),
        csvText(c.measureCode),
        csvText(names.get(c.measureCode) ?? ''),
        csvText(c.status),
        csvText(c.lastChanged ?? ''),
      ].join(','),
    ),
  );
  return `\ufeff${[COVERAGE_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/** The matrix as a workbook: a sheet förbund × measure with the statuses in Swedish, and a legend. */
export async function coverageXlsx(data: CoverageData): Promise<Buffer> {
  // Loaded when a workbook is written, not with the module: the import CLI and a server that never writes one are spared its memory.
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'Finsam Compare';
  const sheet = book.addWorksheet(`Täckning ${data.year}`, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.addRow(['Förbund', 'Län', ...data.measures.map((m) => `${m.nameSv} (${m.code})`), 'Rapporterade mått']).font = { bold: true };
  for (const row of data.forbund) {
    // Names are written as text values, never formulas, whatever they begin with.
    sheet.addRow([row.forbund.name, row.forbund.county ?? '', ...row.cells.map((c) => STATUS_SV[c.status] ?? c.status), row.reported]);
  }
  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 22;
  const legend = book.addWorksheet('Förklaring');
  legend.addRows([
    ['Status', 'Betydelse'],
    ['slutlig', 'En exakt uppgift i ett slutligt dokument.'],
    ['preliminär', 'Bara i ett preliminärt dokument: en slutlig rapport kan ersätta den.'],
    ['ungefärlig', 'Bara ungefärlig ("ca", "drygt"): visas men jämförs inte.'],
    ['saknas', 'Inte rapporterad.'],
    [],
    ['Källa', `Finsam Compare, coverage(year: ${data.year}); varje förbund i registret som fanns ${data.year}.`],
  ]);
  legend.getColumn(2).width = 80;
  return Buffer.from(await book.xlsx.writeBuffer());
}
