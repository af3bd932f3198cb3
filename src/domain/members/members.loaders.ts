import { RequestContext } from '../../platform/common/context';
import { EntityManager, In } from 'typeorm';
import { byKeyLoader, groupedLoader } from '../../platform/common/loaders';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';
import { fastFind, toEntities } from '../../platform/db/fast-find';

/**
 * One membership per förbund and organisation, in order of first mention: every annual report lists the
 * members again, so a förbund has many rows per member. The one kept is the one with most known period
 * (the first on a tie). Chosen in SQL, so a dashboard reads one row per member, not one per document.
 */
const DISTINCT_MEMBERSHIPS = `
  SELECT id, forbund_id, organisation_id, from_year, to_year, source_document_id, locator, note, valid_from, valid_to, batch_id FROM (
    SELECT DISTINCT ON (m.forbund_id, m.organisation_id) m.*, min(m.id) OVER (PARTITION BY m.forbund_id, m.organisation_id) AS first_id
    FROM membership m
    WHERE m.forbund_id = ANY($1)
      AND ($2::timestamptz IS NULL AND m.valid_to IS NULL OR m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to > $2))
      AND ($3::int IS NULL OR (m.from_year IS NULL OR m.from_year <= $3) AND (m.to_year IS NULL OR m.to_year >= $3))
    ORDER BY m.forbund_id, m.organisation_id, (m.from_year IS NOT NULL)::int + (m.to_year IS NOT NULL)::int DESC, m.id
  ) chosen
  ORDER BY first_id`;

/** A förbund's members (optionally those covering a year), as of the request's moment. */
export const membershipsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<{ year: number | null }, Membership>(
    async (ids, { year }) => toEntities(db, Membership, await db.query(DISTINCT_MEMBERSHIPS, [ids, ctx.asOf, year])),
    (m) => m.forbundId,
  );

export const organisationById = (db: EntityManager) =>
  byKeyLoader<number, Organisation>((ids) => fastFind(db, Organisation, { where: { id: In(ids) } }), (o) => o.id);

/** Every organisation, ordered by kind and name: read once per data version (about 320). */
export function allOrganisations(ctx: RequestContext): Promise<Organisation[]> {
  return ctx.shared('organisations', () => fastFind(ctx.db, Organisation, { order: { kind: 'ASC', name: 'ASC' } }));
}
