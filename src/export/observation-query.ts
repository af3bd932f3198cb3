import { GraphQLError } from 'graphql';
import { EntityManager } from 'typeorm';
import { Gender } from '../platform/common/enums';
import { numberColumn } from '../platform/common/numeric';
import { ErrorCode, unknownForbund, unknownMeasure } from '../platform/common/errors';
import { dateOutOfRange } from '../platform/common/text';
import { Observation } from '../domain/measures/observation.entity';

/**
 * The slug national figures (rikssnitt and other figures for the whole country) go by in the export and its
 * filter: a row's key has no empty part, so it can be a primary key.
 */
export const NATIONAL_SLUG = 'riket';

/** What a researcher or a syncing dashboard asks for; shared by the GraphQL connection and the CSV export. */
export interface ObservationQuery {
  measures?: string[];
  /** Förbund slugs, and NATIONAL_SLUG for the national figures; without them every figure is included. */
  forbund?: string[];
  years?: number[];
  gender?: Gender;
  /** Only what changed after this moment: new versions, and tombstones for removed figures. */
  updatedSince?: Date;
  /** As the data stood at this moment; now when null. */
  asOf: Date | null;
}

/** One observation with what the export shows beside it. */
export interface ObservationRecord {
  observation: Observation;
  forbundSlug: string | null;
  forbundName: string | null;
  measureName: string;
  measureNameSv: string;
  unit: string;
  sourceFile: string | null;
  sourceUrl: string | null;
  isFinal: boolean;
  /** The figure the API's answers use, where several sources give one (domain/outcomes/preferred.ts's rule). */
  preferred: boolean;
  cursor: string;
}

/** The sort key: national figures first, then förbund, measure, year, gender, document, figure identity. */
type Key = [string, string, number, string, string, string];

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): Key {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // The year is compared as a PostgreSQL integer: anything else would be a database error, not bad input.
    const year = Array.isArray(key) ? key[2] : undefined;
    const isYear = Number.isInteger(year) && Math.abs(year) <= 2147483647;
    if (Array.isArray(key) && key.length === 6 && isYear && key.every((k, i) => i === 2 || (typeof k === 'string' && !k.includes('\0')))) return key as Key;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('The cursor is not one this API gave out; start again without "after".', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** Checks the names a query uses; unknown ones are errors with stable codes, not empty answers. */
export async function checkQuery(db: EntityManager, query: ObservationQuery): Promise<void> {
  for (const [name, date] of [['updatedSince', query.updatedSince], ['asOf', query.asOf]] as const) {
    if (date && dateOutOfRange(date)) throw new GraphQLError(`${name} must be between the years 1 and 9999.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  if (query.measures?.length) {
    const known: Array<{ code: string }> = await db.query('SELECT code FROM measure ORDER BY code');
    const codes = known.map((m) => m.code);
    const unknown = query.measures.find((m) => !codes.includes(m));
    if (unknown !== undefined) throw unknownMeasure(unknown, codes);
  }
  if (query.forbund?.length) {
    // Compared here, not in SQL: a name PostgreSQL cannot hold (a NUL byte) is unknown, not a database error.
    const known: Array<{ slug: string }> = await db.query('SELECT slug FROM forbund ORDER BY slug');
    const slugs = [...known.map((k) => k.slug), NATIONAL_SLUG];
    const unknown = query.forbund.find((s) => !slugs.includes(s));
    if (unknown !== undefined) throw unknownForbund(unknown, slugs);
  }
}

const KEY = [`coalesce(f.slug, '')`, 'o.measure_code', 'o.year', 'o.gender', 'o.source_document_id', `coalesce(o.identity, 'id:' || o.id)`];
const KEY_SQL = KEY.join(', ');

/** WHERE clause and parameters of a query (and, for a page, the cursor); in one place for page and count. */
function where(query: ObservationQuery, after: Key | null): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (query.measures?.length) conditions.push(`o.measure_code = ANY(${p(query.measures)})`);
  if (query.forbund?.length) {
    const national = query.forbund.includes(NATIONAL_SLUG) ? ' OR o.forbund_id IS NULL' : '';
    conditions.push(`(f.slug = ANY(${p(query.forbund)})${national})`);
  }
  if (query.years?.length) conditions.push(`o.year = ANY(${p(query.years)})`);
  if (query.gender) conditions.push(`o.gender = ${p(query.gender)}`);
  const at = query.asOf === null ? null : p(query.asOf);
  const inForce = at === null ? 'o.valid_to IS NULL' : `o.valid_from <= ${at} AND (o.valid_to IS NULL OR o.valid_to > ${at})`;
  if (query.updatedSince) {
    const since = p(query.updatedSince);
    // A tombstone is a figure's last version, closed after `since` (and by asOf) with no successor.
    const closed = at === null ? `o.valid_to IS NOT NULL` : `o.valid_to <= ${at}`;
    const later = `SELECT 1 FROM observation n WHERE n.source_document_id = o.source_document_id AND n.identity = o.identity AND n.valid_from > o.valid_from${at === null ? '' : ` AND n.valid_from <= ${at}`}`;
    conditions.push(`((${inForce} AND o.valid_from > ${since}) OR (${closed} AND o.valid_to > ${since} AND NOT EXISTS (${later})))`);
  } else {
    conditions.push(inForce);
  }
  if (after) conditions.push(`(${KEY_SQL}) > (${after.map((k) => p(k)).join(', ')})`);
  return { sql: conditions.join(' AND '), params };
}

const FROM = `FROM observation o
  LEFT JOIN forbund f ON f.id = o.forbund_id
  JOIN measure m ON m.code = o.measure_code
  JOIN source_document d ON d.id = o.source_document_id`;

const num = (v: string | null) => numberColumn.from(v) as number | null;

/** The latest year a document covers (documentRank's latestYear). */
const latestYear = (alias: string) => `coalesce((SELECT max(y) FROM unnest(${alias}.years_covered) y), 0)`;

/**
 * Whether a row is the figure the API uses for its förbund (or the nation), measure, year and gender: in force at
 * the moment asked about, and no other figure then in force is better by preferredFigures' rule (a final document
 * over a preliminary one, then the one covering the latest year, then the one recorded first). Decided against
 * every figure in force, not only the rows of the page or of an updatedSince answer.
 */
function preferredSql(at: string | null): string {
  const inForce = (alias: string) => (at === null ? `${alias}.valid_to IS NULL` : `${alias}.valid_from <= ${at} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${at})`);
  return `(${inForce('o')} AND NOT EXISTS (
    SELECT 1 FROM observation b JOIN source_document bd ON bd.id = b.source_document_id
     WHERE b.forbund_id IS NOT DISTINCT FROM o.forbund_id AND b.measure_code = o.measure_code AND b.year = o.year AND b.gender = o.gender
       AND b.id <> o.id AND ${inForce('b')}
       AND (CASE WHEN bd.status <> d.status THEN bd.status = 'FINAL'
                 WHEN ${latestYear('bd')} <> ${latestYear('d')} THEN ${latestYear('bd')} > ${latestYear('d')}
                 ELSE b.id < o.id END)))`;
}

/** One page in cursor order: one statement, whatever the page size. */
export async function observationPage(db: EntityManager, query: ObservationQuery, after: Key | null, limit: number): Promise<ObservationRecord[]> {
  const { sql, params } = where(query, after);
  const at = query.asOf === null ? null : `$${params.push(query.asOf)}`;
  const rows = await db.query(
    `SELECT o.*, f.slug AS forbund_slug, f.name AS forbund_name, m.name AS measure_name, m.name_sv AS measure_name_sv, m.unit, d.file AS source_file, d.url AS source_url,
            d.status AS document_status, ${preferredSql(at)} AS preferred, ${KEY.map((k, i) => `${k} AS k${i}`).join(', ')}
     ${FROM} WHERE ${sql} ORDER BY ${KEY_SQL} LIMIT ${Math.floor(limit)}`,
    params,
  );
  return rows.map((r: Record<string, any>) => {
    const observation = Object.assign(new Observation(), {
      id: r.id,
      forbundId: r.forbund_id,
      measureCode: r.measure_code,
      year: r.year,
      gender: r.gender,
      value: num(r.value),
      numerator: num(r.numerator),
      denominator: num(r.denominator),
      statedPercent: num(r.stated_percent),
      valueText: r.value_text,
      qualifier: r.qualifier,
      sourceDocumentId: r.source_document_id,
      locator: r.locator,
      note: r.note,
      validFrom: new Date(r.valid_from),
      validTo: r.valid_to === null ? null : new Date(r.valid_to),
      batchId: r.batch_id,
      identity: r.identity,
      content: r.content,
    });
    // Closed by the moment asked about (now, or asOf): the figure is removed, and this is its tombstone.
    observation.deleted = observation.validTo !== null && (query.asOf === null || observation.validTo <= query.asOf);
    return {
      observation,
      forbundSlug: r.forbund_slug,
      forbundName: r.forbund_name,
      measureName: r.measure_name,
      measureNameSv: r.measure_name_sv,
      unit: r.unit,
      sourceFile: r.source_file,
      sourceUrl: r.source_url,
      isFinal: r.document_status === 'FINAL',
      preferred: r.preferred === true,
      cursor: encodeCursor([r.k0, r.k1, r.k2, r.k3, r.k4, r.k5]),
    };
  });
}

export async function observationCount(db: EntityManager, query: ObservationQuery): Promise<number> {
  const { sql, params } = where(query, null);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n ${FROM} WHERE ${sql}`, params);
  return n;
}
