import { EntityManager } from 'typeorm';
import { badInput } from '../platform/common/errors';
import { checkParams, dateParam } from '../platform/http/params';
import { Gender } from '../platform/common/enums';
import { csvField, csvText } from '../platform/common/csv';
import { shareValue } from '../domain/measures/share';
import { nextTurn } from '../platform/common/turns';
import { CsvColumn, CSV_FIELDS } from './datapackage';
import { checkQuery, decodeCursor, NATIONAL_SLUG, ObservationQuery, observationPage, ObservationRecord } from './observation-query';

/** The name national rows carry beside their slug. */
export const NATIONAL_NAME = 'Riket';

const PAGE = 1000;

export const CSV_COLUMNS = CSV_FIELDS.map((f) => f.name);

/**
 * What an exported row costs a client's budget: as a row of the observations connection with every column
 * selected (a field a point), so the CSV is no cheaper a way to the same data.
 */
export const CSV_ROW_COST = CSV_COLUMNS.length;

const list = (value: string | null) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined);

/** The export's query parameters, checked like the GraphQL filter: same names, same errors. */
export function queryFromParams(params: URLSearchParams): ObservationQuery {
  checkParams(params);
  const years = list(params.get('years'))?.map((y) => {
    if (!/^\d{4}$/.test(y)) throw badInput(`years must be four-digit years separated by commas, got "${y}"`);
    return Number(y);
  });
  const gender = params.get('gender') ?? undefined;
  if (gender !== undefined && !Object.values(Gender).includes(gender as Gender)) throw badInput(`gender must be one of ${Object.values(Gender).join(', ')}`);
  return {
    measures: list(params.get('measures')),
    forbund: list(params.get('forbund')),
    years,
    gender: gender as Gender | undefined,
    updatedSince: dateParam('updatedSince', params.get('updatedSince')),
    asOf: dateParam('asOf', params.get('asOf')) ?? null,
  };
}

function line(r: ObservationRecord): string {
  const o = r.observation;
  // Every column by name: the compiler holds this to CSV_FIELDS, and the order is theirs.
  const cells: Record<CsvColumn, string | number | boolean | null> = {
    forbund_slug: r.forbundSlug ?? NATIONAL_SLUG,
    forbund_name: r.forbundName ?? NATIONAL_NAME,
    measure: o.measureCode,
    measure_name: r.measureName,
    measure_name_sv: r.measureNameSv,
    unit: r.unit,
    year: o.year,
    gender: o.gender,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    stated_percent: o.statedPercent,
    share: r.unit === 'SHARE' ? shareValue(o) : null,
    qualifier: o.qualifier,
    value_text: o.valueText,
    deleted: o.deleted,
    source_document: o.sourceDocumentId,
    source_file: r.sourceFile,
    source_url: r.sourceUrl,
    locator: o.locator,
    is_final: r.isFinal,
    preferred: r.preferred,
    recorded_at: o.validFrom.toISOString(),
    superseded_at: o.validTo?.toISOString() ?? null,
    note: o.note,
  };
  // Only text can hold a formula: numbers and booleans are written as they are, so numeric columns stay numbers.
  return CSV_COLUMNS.map((name) => cells[name])
    .map((f) => (f === null || f === undefined ? '' : typeof f === 'string' ? csvText(f) : csvField(String(f))))
    .join(',');
}

/** A page of rows as CSV lines, each ended by CRLF. */
export function csvLines(page: ObservationRecord[]): string {
  return page.map((r) => `${line(r)}\r\n`).join('');
}

/**
 * GET /export/observations.csv: tidy long-format CSV, one observation a row with its provenance. Bad
 * parameters are refused before the first byte (the GraphQL filter's codes); then the rows are produced
 * page by page as the client takes them, never the whole table in memory: a slow client is waited for,
 * and a client that has gone stops the reading. UTF-8 with a byte-order mark (so Excel reads å, ä, ö) and
 * CRLF line ends (RFC 4180). Comes with the asOf asked for: an answer as of a settled moment is cached longer.
 */
export async function observationsCsv(
  db: EntityManager,
  params: URLSearchParams,
  /** Called with each page's row count before the page is sent, so the client pays for what it takes. */
  pay: (rows: number) => Promise<void>,
): Promise<{ asOf: Date | null; rows: AsyncIterable<string> }> {
  const query = queryFromParams(params);
  await checkQuery(db, query);
  const rows = (async function* () {
    yield `\ufeff${CSV_COLUMNS.join(',')}\r\n`;
    let after: ReturnType<typeof decodeCursor> | null = null;
    for (;;) {
      const page = await observationPage(db, query, after, PAGE);
      await pay(page.length);
      if (page.length) yield csvLines(page);
      if (page.length < PAGE) return;
      after = decodeCursor(page[page.length - 1].cursor);
      // The embedded database answers on this thread: without a turn between pages, other requests would wait for the whole file.
      await nextTurn();
    }
  })();
  return { asOf: query.asOf, rows };
}
