import { EntityManager } from 'typeorm';
import { badInput } from '../platform/common/errors';
import { checkParams, dateParam } from '../platform/http/params';
import { Gender } from '../platform/common/enums';
import { csvField, csvText } from '../platform/common/csv';
import { shareValue } from '../domain/measures/share';
import { nextTurn } from '../platform/common/turns';
import { checkQuery, decodeCursor, ObservationQuery, observationPage, ObservationRecord } from './observation-query';

const PAGE = 1000;

export const CSV_COLUMNS = [
  'forbund_slug',
  'forbund_name',
  'measure',
  'measure_name',
  'unit',
  'year',
  'gender',
  'value',
  'numerator',
  'denominator',
  'stated_percent',
  'share',
  'value_text',
  'deleted',
  'source_document',
  'source_file',
  'source_url',
  'locator',
  'is_final',
  'recorded_at',
  'superseded_at',
  'note',
] as const;

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
  const share = shareValue(o);
  const fields = [
    r.forbundSlug,
    r.forbundName,
    o.measureCode,
    r.measureName,
    r.unit,
    o.year,
    o.gender,
    o.value,
    o.numerator,
    o.denominator,
    o.statedPercent,
    r.unit === 'SHARE' ? share : null,
    o.valueText,
    o.deleted,
    o.sourceDocumentId,
    r.sourceFile,
    r.sourceUrl,
    o.locator,
    r.isFinal,
    o.validFrom.toISOString(),
    o.validTo?.toISOString() ?? null,
    o.note,
  ];
  // Only text can hold a formula: numbers and booleans are written as they are, so numeric columns stay numbers.
  return fields.map((f) => (f === null || f === undefined ? '' : typeof f === 'string' ? csvText(f) : csvField(String(f)))).join(',');
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
