import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Allocation, AllocationPart } from '../../domain/allocations/allocation.entity';
import { BoardMember } from '../../domain/board/board.entity';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from '../../domain/decisions/decision.entity';
import { FinancialLine } from '../../domain/finance/financial-line.entity';
import { Goal } from '../../domain/goals/goal.entity';
import { Insats, InsatsFigure } from '../../domain/insatser/insats.entity';
import { Observation } from '../../domain/measures/observation.entity';
import { Membership } from '../../domain/members/membership.entity';
import { ForbundFact, ForbundFactKind } from '../../domain/forbund-life/forbund-fact.entity';
import {
  AllocationRow,
  BoardMemberRow,
  DocumentFile,
  FinancialLineRow,
  ForbundFactRow,
  GoalRow,
  InsatsRow,
  MeetingRow,
  MembershipRow,
  ObservationRow,
} from '../format/document';

/** Ids of the förbund and organisations rows refer to by slug and key. */
export interface Keys {
  forbund: Map<string, number>;
  organisation: Map<string, number>;
}

/** What every inserted figure row is stamped with. */
export interface Stamp {
  sourceDocumentId: string;
  batchId: number | null;
}

export interface Incoming<R> {
  row: R;
  /** Position of the row in its section of the file, kept as the figure's print order. */
  index: number;
  identity: string;
  content: Record<string, unknown>;
}

/** One kind of figure in a document file: how to name a row and how to write it. */
export interface Section<R = unknown> {
  /** The file's key for the section, e.g. "observations". */
  name: keyof DocumentFile & string;
  table: string;
  rows(file: DocumentFile): R[];
  /** The row's identity within its document: a changed figure keeps it, a new one gets a new one. */
  identity(row: R): string;
  /** What is compared and kept in history; the whole row unless a section says otherwise. */
  content?(row: R): Record<string, unknown>;
  insert(em: EntityManager, rows: Array<Incoming<R>>, keys: Keys, stamp: Stamp): Promise<void>;
}

const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const num = (v: string | undefined): number | null => (v === undefined ? null : Number(v));

/** PostgreSQL's limit on the parameters of one statement (a 16-bit count). */
export const MAX_BIND_PARAMETERS = 65535;

/** The list in consecutive slices of at most `size`. */
export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Inserts rows and returns their generated ids, in order: as few statements as PostgreSQL's parameter
 * limit allows (one parameter per column and row), so a section of any size imports. The statement is
 * built here from the entity's metadata: TypeORM's query builder takes quadratic time on large inserts.
 */
export async function insertAll<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Array<Partial<T>>): Promise<number[]> {
  if (!rows.length) return [];
  const metadata = em.connection.getMetadata(target);
  const keys = new Set(rows.flatMap((r) => Object.keys(r)));
  const columns = metadata.columns.filter((c) => keys.has(c.propertyName));
  const perStatement = Math.floor(MAX_BIND_PARAMETERS / columns.length);
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  const ids: number[] = [];
  for (const part of chunks(rows, perStatement)) {
    const params: unknown[] = [];
    const tuples = part.map((row) => {
      const start = params.length;
      // The driver's own conversion (jsonb as JSON text, arrays as arrays), as TypeORM would send them.
      for (const c of columns) params.push(em.connection.driver.preparePersistentValue(c.getEntityValue(row) ?? null, c));
      return `(${columns.map((_, j) => `$${start + j + 1}`).join(', ')})`;
    });
    const inserted: Array<{ id: number }> = await em.query(`INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')} RETURNING id`, params);
    for (const r of inserted) ids.push(Number(r.id));
  }
  return ids;
}

function versioned<R>(item: Incoming<R>, stamp: Stamp, locator: string, note: string | undefined) {
  return { ...stamp, locator, note: nil(note), identity: item.identity, content: item.content };
}

const memberships: Section<MembershipRow> = {
  name: 'memberships',
  table: 'membership',
  rows: (f) => f.memberships,
  identity: (m) => `${m.forbund}|${m.organisation}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      Membership,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        organisationId: keys.organisation.get(item.row.organisation)!,
        fromYear: nil(item.row.fromYear),
        toYear: nil(item.row.toYear),
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

const forbundFacts: Section<ForbundFactRow> = {
  name: 'forbundFacts',
  table: 'forbund_fact',
  rows: (f) => f.forbundFacts ?? [],
  identity: (f) => `${f.forbund}|${f.fact}|${f.into ?? ''}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      ForbundFact,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        fact: item.row.fact as ForbundFactKind,
        date: nil(item.row.date),
        relatedForbundId: item.row.into === undefined ? null : keys.forbund.get(item.row.into)!,
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

const allocations: Section<AllocationRow> = {
  name: 'allocations',
  table: 'allocation',
  rows: (f) => f.allocations,
  identity: (a) => `${a.forbund}|${a.year}|${a.kind}|${a.locator}`,
  insert: async (em, items, keys, stamp) => {
    const ids = await insertAll(
      em,
      Allocation,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        year: item.row.year,
        kind: item.row.kind as Allocation['kind'],
        totalSek: nil(item.row.totalSek),
        statedUnit: nil(item.row.statedUnit) as Allocation['statedUnit'],
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
    await insertAll(
      em,
      AllocationPart,
      items.flatMap((item, i) =>
        item.row.parts.map((p, position) => ({
          allocationId: ids[i],
          position,
          party: p.party as AllocationPart['party'],
          organisationId: p.organisation === undefined ? null : keys.organisation.get(p.organisation)!,
          label: p.label,
          amountSek: p.amountSek,
          statedUnit: p.statedUnit as AllocationPart['statedUnit'],
        })),
      ),
    );
  },
};

const observations: Section<ObservationRow> = {
  name: 'observations',
  table: 'observation',
  rows: (f) => f.observations,
  identity: (o) => `${o.forbund ?? 'national'}|${o.measure}|${o.year}|${o.gender}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      Observation,
      items.map((item) => ({
        forbundId: item.row.forbund ? keys.forbund.get(item.row.forbund)! : null,
        measureCode: item.row.measure,
        year: item.row.year,
        gender: item.row.gender as Observation['gender'],
        value: num(item.row.value),
        numerator: num(item.row.numerator),
        denominator: num(item.row.denominator),
        statedPercent: num(item.row.statedPercent),
        valueText: nil(item.row.valueText),
        qualifier: nil(item.row.qualifier) as Observation['qualifier'],
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

const goals: Section<GoalRow> = {
  name: 'goals',
  table: 'goal',
  rows: (f) => f.goals,
  identity: (g) => `${g.forbund}|${g.year}|${g.area ?? ''}|${g.text}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      Goal,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        year: item.row.year,
        position: item.index,
        area: nil(item.row.area),
        text: item.row.text,
        target: nil(item.row.target),
        result: nil(item.row.result),
        status: item.row.status as Goal['status'],
        statusBasis: item.row.statusBasis as Goal['statusBasis'],
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

const financialLines: Section<FinancialLineRow> = {
  name: 'financialLines',
  table: 'financial_line',
  rows: (f) => f.financialLines,
  identity: (l) => `${l.forbund}|${l.year}|${l.statement}|${l.section ?? ''}|${l.label}|${l.kind}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      FinancialLine,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        year: item.row.year,
        statement: item.row.statement as FinancialLine['statement'],
        section: nil(item.row.section),
        label: item.row.label,
        key: nil(item.row.key),
        amountSek: item.row.amountSek,
        statedUnit: item.row.statedUnit as FinancialLine['statedUnit'],
        kind: item.row.kind as FinancialLine['kind'],
        position: item.row.order,
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

/** An insats's description; its yearly figures are a section of their own (below). */
const insatser: Section<InsatsRow> = {
  name: 'insatser',
  table: 'insats',
  rows: (f) => f.insatser,
  identity: (i) => `${i.forbund}|${i.key}`,
  content: ({ figures: _figures, ...description }) => description,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      Insats,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        key: item.row.key,
        name: item.row.name,
        parties: item.row.parties,
        targetGroup: nil(item.row.targetGroup),
        goals: nil(item.row.goals),
        result: nil(item.row.result),
        periodStart: nil(item.row.periodStart),
        periodEnd: nil(item.row.periodEnd),
        kind: item.row.kind as Insats['kind'],
        category: nil(item.row.category),
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

type InsatsFigureOfInsats = InsatsRow['figures'][number] & { forbund: string; insatsKey: string };

const insatsFigures: Section<InsatsFigureOfInsats> = {
  name: 'insatser',
  table: 'insats_figure',
  rows: (f) => f.insatser.flatMap((i) => i.figures.map((fig) => ({ ...fig, forbund: i.forbund, insatsKey: i.key }))),
  identity: (f) => `${f.forbund}|${f.insatsKey}|${f.year}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      InsatsFigure,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        insatsKey: item.row.insatsKey,
        year: item.row.year,
        costSek: nil(item.row.costSek),
        budgetSek: nil(item.row.budgetSek),
        grantedSek: nil(item.row.grantedSek),
        liabilitySek: nil(item.row.liabilitySek),
        remainingCommitmentSek: nil(item.row.remainingCommitmentSek),
        utilisationPercent: num(item.row.utilisationPercent),
        statedUnit: item.row.statedUnit as InsatsFigure['statedUnit'],
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

const boardMembers: Section<BoardMemberRow> = {
  name: 'boardMembers',
  table: 'board_member',
  rows: (f) => f.boardMembers,
  identity: (b) => `${b.forbund}|${b.year}|${b.organisation}|${b.role}|${b.name}`,
  insert: async (em, items, keys, stamp) => {
    await insertAll(
      em,
      BoardMember,
      items.map((item) => ({
        forbundId: keys.forbund.get(item.row.forbund)!,
        year: item.row.year,
        organisationId: keys.organisation.get(item.row.organisation)!,
        role: item.row.role as BoardMember['role'],
        position: item.index,
        name: item.row.name,
        party: nil(item.row.party),
        ...versioned(item, stamp, item.row.locator, item.row.note),
      })),
    );
  },
};

/** A meeting with its attendance, decisions and grants: they change together, as one protocol. */
const meetings: Section<MeetingRow> = {
  name: 'meetings',
  table: 'board_meeting',
  rows: (f) => f.meetings,
  identity: (m) => `${m.forbund}|${m.date}`,
  insert: async (em, items, keys, stamp) => {
    for (const item of items) {
      const meeting = item.row;
      const [meetingId] = await insertAll(em, BoardMeeting, [
        { forbundId: keys.forbund.get(meeting.forbund)!, date: meeting.date, place: nil(meeting.place), ...versioned(item, stamp, meeting.locator, meeting.note) },
      ]);
      await insertAll(
        em,
        MeetingAttendance,
        meeting.attendance.map((a, position) => ({ meetingId, position, name: a.name, present: a.present, attendanceNote: nil(a.attendanceNote) })),
      );
      const decisionIds = await insertAll(
        em,
        BoardDecision,
        meeting.decisions.map((d, position) => ({
          meetingId,
          position,
          paragraph: d.paragraph,
          dnr: nil(d.dnr),
          title: d.title,
          decisionText: d.decisionText,
          locator: d.locator,
          note: nil(d.note),
        })),
      );
      await insertAll(
        em,
        DecisionGrant,
        meeting.decisions.flatMap((d, i) =>
          d.grants.map((g, position) => ({
            decisionId: decisionIds[i],
            position,
            amountSek: g.amountSek,
            statedUnit: g.statedUnit as DecisionGrant['statedUnit'],
            periodStart: nil(g.periodStart),
            periodEnd: nil(g.periodEnd),
            periodAsStated: g.periodAsStated,
            note: nil(g.note),
          })),
        ),
      );
    }
  },
};

export const SECTIONS: Section[] = [memberships, forbundFacts, allocations, observations, goals, financialLines, insatser, insatsFigures, boardMembers, meetings] as Section[];
