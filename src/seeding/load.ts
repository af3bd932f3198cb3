import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { Allocation, AllocationPart } from '../allocations/allocation.entity';
import { BoardMember } from '../board/board.entity';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from '../decisions/decision.entity';
import { FinancialLine } from '../finance/financial-line.entity';
import { Forbund } from '../forbund/forbund.entity';
import { Goal } from '../goals/goal.entity';
import { Insats, InsatsFigure } from '../insatser/insats.entity';
import { Measure } from '../measures/measure.entity';
import { Observation } from '../measures/observation.entity';
import { Membership } from '../members/membership.entity';
import { Organisation } from '../members/organisation.entity';
import { SourceDocument } from '../sources/source-document.entity';
import { SeedDocumentFile, SeedReferenceFile } from './format';
import { readSeeds, SeedSet } from './read';

export interface SeedResult {
  changed: boolean;
  checksum: string;
  documents: number;
  rows: number;
}

/** Inserts rows in one statement and returns their generated ids, in order. */
async function insertAll<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Array<Partial<T>>): Promise<number[]> {
  if (!rows.length) return [];
  const result = await em.createQueryBuilder().insert().into(target).values(rows as never).returning('id').execute();
  return result.identifiers.map((r) => Number(r.id));
}

const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

async function upsertReference(em: EntityManager, ref: SeedReferenceFile): Promise<void> {
  await em.upsert(
    Organisation,
    ref.organisations.map((o) => ({
      key: o.key,
      name: o.name,
      kind: o.kind as Organisation['kind'],
      municipalityCode: nil(o.municipalityCode),
      county: nil(o.county),
    })),
    ['key'],
  );
  await em.upsert(
    Forbund,
    ref.forbund.map((f) => ({
      slug: f.slug,
      name: f.name,
      otherNames: f.otherNames,
      county: nil(f.county),
      organisationNumber: nil(f.organisationNumber),
      foundedYear: nil(f.foundedYear),
      website: nil(f.website),
      provenance: f.provenance,
      note: nil(f.note),
    })),
    ['slug'],
  );
  await em.upsert(
    Measure,
    ref.measures.map((m) => ({
      code: m.code,
      name: m.name,
      nameSv: m.nameSv,
      definition: m.definition,
      unit: m.unit as Measure['unit'],
      category: m.category,
      denominatorMeasure: nil(m.denominatorMeasure),
      note: nil(m.note),
    })),
    ['code'],
  );
}

/** Removes everything a set of source documents brought, children before parents. */
export async function deleteDocuments(em: EntityManager, documentIds: string[]): Promise<void> {
  if (!documentIds.length) return;
  const bySource = { sourceDocumentId: In(documentIds) };
  await em.delete(InsatsFigure, bySource);
  await em.delete(Insats, bySource);
  await em.delete(BoardMeeting, bySource);
  for (const entity of [BoardMember, FinancialLine, Goal, Observation, Allocation, Membership]) {
    await em.delete(entity, bySource);
  }
  await em.delete(SourceDocument, { id: In(documentIds) });
}

/** Writes one validated document file; reference data must already be in place. */
export async function writeDocument(em: EntityManager, file: SeedDocumentFile): Promise<number> {
  const forbundIds = new Map((await em.find(Forbund)).map((f) => [f.slug, f.id]));
  const organisationIds = new Map((await em.find(Organisation)).map((o) => [o.key, o.id]));
  const fid = (slug: string) => forbundIds.get(slug)!;
  const oid = (key: string | undefined) => (key === undefined ? null : organisationIds.get(key)!);
  const d = file.document;
  const src = (row: { locator: string; note?: string }) => ({ sourceDocumentId: d.id, locator: row.locator, note: nil(row.note) });

  await em.insert(SourceDocument, {
    id: d.id,
    file: nil(d.file),
    url: nil(d.url),
    title: d.title,
    kind: d.kind,
    status: d.status as SourceDocument['status'],
    publisher: d.publisher,
    forbundId: d.forbund ? fid(d.forbund) : null,
    yearsCovered: d.yearsCovered,
    documentDate: nil(d.documentDate),
    note: nil(d.note),
  });

  let rows = 1;
  rows += (
    await insertAll(
      em,
      Membership,
      file.memberships.map((m) => ({ forbundId: fid(m.forbund), organisationId: oid(m.organisation)!, fromYear: nil(m.fromYear), toYear: nil(m.toYear), ...src(m) })),
    )
  ).length;

  const allocationIds = await insertAll(
    em,
    Allocation,
    file.allocations.map((a) => ({
      forbundId: fid(a.forbund),
      year: a.year,
      kind: a.kind as Allocation['kind'],
      totalSek: nil(a.totalSek),
      statedUnit: nil(a.statedUnit) as Allocation['statedUnit'],
      ...src(a),
    })),
  );
  const parts = file.allocations.flatMap((a, i) =>
    a.parts.map((p, position) => ({
      allocationId: allocationIds[i],
      position,
      party: p.party as AllocationPart['party'],
      organisationId: oid(p.organisation),
      label: p.label,
      amountSek: p.amountSek,
      statedUnit: p.statedUnit as AllocationPart['statedUnit'],
    })),
  );
  rows += allocationIds.length + (await insertAll(em, AllocationPart, parts)).length;

  rows += (
    await insertAll(
      em,
      Observation,
      file.observations.map((o) => ({
        forbundId: o.forbund ? fid(o.forbund) : null,
        measureCode: o.measure,
        year: o.year,
        gender: o.gender as Observation['gender'],
        value: o.value === undefined ? null : Number(o.value),
        numerator: o.numerator === undefined ? null : Number(o.numerator),
        denominator: o.denominator === undefined ? null : Number(o.denominator),
        statedPercent: o.statedPercent === undefined ? null : Number(o.statedPercent),
        valueText: nil(o.valueText),
        ...src(o),
      })),
    )
  ).length;

  rows += (
    await insertAll(
      em,
      Goal,
      file.goals.map((g, position) => ({
        forbundId: fid(g.forbund),
        year: g.year,
        position,
        area: nil(g.area),
        text: g.text,
        target: nil(g.target),
        result: nil(g.result),
        status: g.status as Goal['status'],
        statusBasis: g.statusBasis as Goal['statusBasis'],
        ...src(g),
      })),
    )
  ).length;

  rows += (
    await insertAll(
      em,
      FinancialLine,
      file.financialLines.map((l) => ({
        forbundId: fid(l.forbund),
        year: l.year,
        statement: l.statement as FinancialLine['statement'],
        section: nil(l.section),
        label: l.label,
        key: nil(l.key),
        amountSek: l.amountSek,
        statedUnit: l.statedUnit as FinancialLine['statedUnit'],
        kind: l.kind as FinancialLine['kind'],
        position: l.order,
        ...src(l),
      })),
    )
  ).length;

  // An insats described in an earlier document keeps that description; this document adds its figures.
  for (const insats of file.insatser) {
    const existing = await em.findOne(Insats, { where: { forbundId: fid(insats.forbund), key: insats.key } });
    const insatsId =
      existing?.id ??
      (
        await insertAll(em, Insats, [
          {
            forbundId: fid(insats.forbund),
            key: insats.key,
            name: insats.name,
            parties: insats.parties,
            targetGroup: nil(insats.targetGroup),
            goals: nil(insats.goals),
            result: nil(insats.result),
            periodStart: nil(insats.periodStart),
            periodEnd: nil(insats.periodEnd),
            kind: insats.kind as Insats['kind'],
            category: nil(insats.category),
            ...src(insats),
          },
        ])
      )[0];
    rows += 1;
    rows += (
      await insertAll(
        em,
        InsatsFigure,
        insats.figures.map((f) => ({
          insatsId,
          year: f.year,
          costSek: nil(f.costSek),
          budgetSek: nil(f.budgetSek),
          grantedSek: nil(f.grantedSek),
          liabilitySek: nil(f.liabilitySek),
          remainingCommitmentSek: nil(f.remainingCommitmentSek),
          utilisationPercent: f.utilisationPercent === undefined ? null : Number(f.utilisationPercent),
          statedUnit: f.statedUnit as InsatsFigure['statedUnit'],
          ...src(f),
        })),
      )
    ).length;
  }

  rows += (
    await insertAll(
      em,
      BoardMember,
      file.boardMembers.map((b, position) => ({
        forbundId: fid(b.forbund),
        year: b.year,
        organisationId: oid(b.organisation)!,
        role: b.role as BoardMember['role'],
        position,
        name: b.name,
        party: nil(b.party),
        ...src(b),
      })),
    )
  ).length;

  for (const meeting of file.meetings) {
    const [meetingId] = await insertAll(em, BoardMeeting, [{ forbundId: fid(meeting.forbund), date: meeting.date, place: nil(meeting.place), ...src(meeting) }]);
    await insertAll(
      em,
      MeetingAttendance,
      meeting.attendance.map((a, position) => ({ meetingId, position, name: a.name, present: a.present, attendanceNote: nil(a.attendanceNote) })),
    );
    const decisionIds = await insertAll(
      em,
      BoardDecision,
      meeting.decisions.map((dec, position) => ({
        meetingId,
        position,
        paragraph: dec.paragraph,
        dnr: nil(dec.dnr),
        title: dec.title,
        decisionText: dec.decisionText,
        locator: dec.locator,
        note: nil(dec.note),
      })),
    );
    const grants = meeting.decisions.flatMap((dec, i) =>
      dec.grants.map((g, position) => ({
        decisionId: decisionIds[i],
        position,
        amountSek: g.amountSek,
        statedUnit: g.statedUnit as DecisionGrant['statedUnit'],
        periodStart: nil(g.periodStart),
        periodEnd: nil(g.periodEnd),
        periodAsStated: g.periodAsStated,
        note: nil(g.note),
      })),
    );
    rows += 1 + meeting.attendance.length + decisionIds.length + (await insertAll(em, DecisionGrant, grants)).length;
  }
  return rows;
}

/**
 * Loads the seed files in one transaction. Idempotent: when the files' checksum equals the one recorded
 * by the last load, nothing is written; otherwise the seed documents' rows are replaced as a whole.
 */
export async function loadSeeds(dataSource: DataSource, dir: string, seeds: SeedSet = readSeeds(dir)): Promise<SeedResult> {
  return dataSource.transaction(async (em) => {
    const [state] = await em.query('SELECT checksum FROM seed_state WHERE id = 1');
    if (state?.checksum === seeds.checksum) return { changed: false, checksum: seeds.checksum, documents: seeds.documents.length, rows: 0 };
    await upsertReference(em, seeds.reference);
    await deleteDocuments(em, seeds.documents.map((d) => d.document.id));
    let rows = 0;
    for (const doc of seeds.documents) rows += await writeDocument(em, doc);
    await em.query(
      `INSERT INTO seed_state (id, checksum, loaded_at) VALUES (1, $1, now())
       ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, loaded_at = EXCLUDED.loaded_at`,
      [seeds.checksum],
    );
    return { changed: true, checksum: seeds.checksum, documents: seeds.documents.length, rows };
  });
}
