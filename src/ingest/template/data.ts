/**
 * What a förbund's report template for a year is filled with: the registry's förbund and members, every measure,
 * and the figures already stored for that year — the template document's own where it has them (so downloading
 * and uploading again changes nothing), else the figure the API itself prefers (final over preliminary, then the
 * latest document).
 */
import { EntityManager } from 'typeorm';
import { HttpError } from '../../platform/http/errors';
import { ErrorCode } from '../../platform/common/errors';
import { DocumentStatus } from '../../domain/sources/source-document.entity';
import { preferredFigures } from '../../domain/outcomes/preferred';
import { templateDocumentId } from '../format/template/layout';

export interface TemplateMember {
  key: string;
  name: string;
  kind: string;
  municipalityCode: string | null;
}

export interface TemplateMeasure {
  code: string;
  nameSv: string;
  unit: string;
  category: string;
  definition: string;
}

/** A stored figure as the report format writes it (decimal strings). */
export interface TemplateObservation {
  measure: string;
  gender: string;
  value?: string;
  numerator?: string;
  denominator?: string;
  statedPercent?: string;
  valueText?: string;
  qualifier?: string;
  locator: string;
  note?: string;
}

export interface TemplateAllocation {
  totalSek?: string;
  statedUnit?: string;
  locator: string;
  note?: string;
  parts: Array<{ party: string; organisation?: string; label: string; amountSek: string; statedUnit: string }>;
}

export interface TemplateGoal {
  area?: string;
  text: string;
  target?: string;
  result?: string;
  status: string;
  locator: string;
  note?: string;
}

export interface TemplateSource {
  id: string;
  title?: string;
  url?: string;
  publisher?: string;
  documentDate?: string;
  status?: string;
  kind?: string;
}

export interface TemplateData {
  forbund: { slug: string; name: string };
  year: number;
  members: TemplateMember[];
  measures: TemplateMeasure[];
  source: TemplateSource;
  observations: TemplateObservation[];
  allocation: TemplateAllocation | null;
  goals: TemplateGoal[];
}

const present = <T extends Record<string, unknown>>(row: T): { [K in keyof T]: Exclude<T[K], null> } =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };

interface DocumentRanked {
  source_document_id: string;
  document_status: DocumentStatus;
  latest_year: number;
}

/** Of the documents that give rows, the one to take them from: the template's own, else final over preliminary, then the latest. */
function bestDocument(rows: DocumentRanked[], own: string): string | null {
  if (rows.some((r) => r.source_document_id === own)) return own;
  const [best] = [...rows].sort((a, b) => (a.document_status === b.document_status ? b.latest_year - a.latest_year : a.document_status === DocumentStatus.FINAL ? -1 : 1));
  return best?.source_document_id ?? null;
}

const DOCUMENT_RANK = `d.status AS document_status, coalesce((SELECT max(y) FROM unnest(d.years_covered) y), 0) AS latest_year`;

/** The template's contents; UNKNOWN_FORBUND (404) with the valid slugs for a förbund the registry does not have. */
export async function templateData(em: EntityManager, slug: string, year: number): Promise<TemplateData> {
  const [forbund] = await em.query('SELECT id, slug, name FROM forbund WHERE slug = $1', [slug]);
  if (!forbund) {
    const valid = (await em.query('SELECT slug FROM forbund ORDER BY slug')).map((f: { slug: string }) => f.slug);
    throw new HttpError(404, ErrorCode.UNKNOWN_FORBUND, `Unknown förbund ${JSON.stringify(slug)}. Valid förbund slugs: ${valid.join(', ')}`, { validForbund: valid });
  }
  const own = templateDocumentId(slug, year);
  // The members known for the year; where the registry knows none for it (its sources speak of other years), every member it knows.
  const known: Array<TemplateMember & { covers: boolean }> = await em.query(
    `SELECT o.key, o.name, o.kind, o.municipality_code AS "municipalityCode",
            bool_or((m.from_year IS NULL OR m.from_year <= $2) AND (m.to_year IS NULL OR m.to_year >= $2)) AS covers
     FROM membership m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.forbund_id = $1 AND m.valid_to IS NULL
     GROUP BY o.key, o.name, o.kind, o.municipality_code
     ORDER BY CASE o.kind WHEN 'MUNICIPALITY' THEN 0 WHEN 'REGION' THEN 1 WHEN 'FORSAKRINGSKASSAN' THEN 2 ELSE 3 END, o.name`,
    [forbund.id, year],
  );
  const members = known.some((m) => m.covers) ? known.filter((m) => m.covers) : known;
  const measures: TemplateMeasure[] = await em.query(`SELECT code, name_sv AS "nameSv", unit, category, definition FROM measure ORDER BY category, code`);

  const observations: Array<DocumentRanked & TemplateObservation> = await em.query(
    `SELECT o.measure_code AS measure, o.gender, o.value::text, o.numerator::text, o.denominator::text, o.stated_percent::text AS "statedPercent",
            o.value_text AS "valueText", o.qualifier, o.locator, o.note, o.source_document_id, ${DOCUMENT_RANK}
     FROM observation o JOIN source_document d ON d.id = o.source_document_id
     WHERE o.forbund_id = $1 AND o.year = $2 AND o.valid_to IS NULL ORDER BY o.id`,
    [forbund.id, year],
  );
  const ownKeys = new Set(observations.filter((o) => o.source_document_id === own).map((o) => `${o.measure}|${o.gender}`));
  const candidates = observations
    .filter((o) => o.source_document_id === own || !ownKeys.has(`${o.measure}|${o.gender}`))
    .map((o) => ({ ...o, forbundId: forbund.id as number, measureCode: o.measure, year, sourceDocumentId: o.source_document_id }));
  const rank = new Map(observations.map((o) => [o.source_document_id, { status: o.document_status, latestYear: o.latest_year }]));
  const chosen = preferredFigures(candidates, (id) => rank.get(id)!);

  const allocations = await em.query(
    `SELECT a.id, a.total_sek::text AS "totalSek", a.stated_unit AS "statedUnit", a.locator, a.note, a.source_document_id, ${DOCUMENT_RANK}
     FROM allocation a JOIN source_document d ON d.id = a.source_document_id
     WHERE a.forbund_id = $1 AND a.year = $2 AND a.kind = 'ACTUAL' AND a.valid_to IS NULL ORDER BY a.id`,
    [forbund.id, year],
  );
  const allocationDocument = bestDocument(allocations, own);
  const allocation = allocations.find((a: DocumentRanked) => a.source_document_id === allocationDocument);
  const parts = allocation
    ? await em.query(
        `SELECT p.party, o.key AS organisation, p.label, p.amount_sek::text AS "amountSek", p.stated_unit AS "statedUnit"
         FROM allocation_part p LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.allocation_id = $1 ORDER BY p.position`,
        [allocation.id],
      )
    : [];

  const goals = await em.query(
    `SELECT g.area, g.text, g.target, g.result, g.status, g.locator, g.note, g.source_document_id, ${DOCUMENT_RANK}
     FROM goal g JOIN source_document d ON d.id = g.source_document_id
     WHERE g.forbund_id = $1 AND g.year = $2 AND g.valid_to IS NULL ORDER BY g.position, g.id`,
    [forbund.id, year],
  );
  const goalDocument = bestDocument(goals, own);

  const [document] = await em.query(`SELECT title, url, publisher, document_date::text AS "documentDate", status, kind FROM source_document WHERE id = $1`, [own]);
  return {
    forbund: { slug: forbund.slug, name: forbund.name },
    year,
    members: members.map(({ covers: _covers, ...member }) => member),
    measures,
    source: { ...present({ ...document }), id: own },
    observations: chosen.map(({ measure, gender, value, numerator, denominator, statedPercent, valueText, qualifier, locator, note }) =>
      present({ measure, gender, value, numerator, denominator, statedPercent, valueText, qualifier, locator, note }),
    ),
    allocation: allocation
      ? { ...present({ totalSek: allocation.totalSek, statedUnit: allocation.statedUnit, locator: allocation.locator, note: allocation.note }), parts: parts.map(present) }
      : null,
    goals: goals
      .filter((g: DocumentRanked) => g.source_document_id === goalDocument)
      .map(({ area, text, target, result, status, locator, note }: TemplateGoal) => present({ area, text, target, result, status, locator, note })),
  };
}
