import { EntityManager } from 'typeorm';
import { DocumentInfo, DocumentFile } from '../format/document';
import { SourceDocument } from '../../domain/sources/source-document.entity';
import { Problem } from '../format/problems';
import { chunks, Incoming, Keys, SECTIONS, Section } from './sections';

/** Change records per INSERT: each is one JSON parameter, so this only bounds a statement's size. */
const CHANGES_PER_STATEMENT = 5000;

export type ChangeAction = 'ADDED' | 'CHANGED' | 'REMOVED';

export interface ChangeRecord {
  entity: string;
  action: ChangeAction;
  identity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface SectionCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export function sumCounts(counts: Record<string, SectionCounts>): SectionCounts {
  return Object.values(counts).reduce(
    (t, c) => ({ added: t.added + c.added, changed: t.changed + c.changed, removed: t.removed + c.removed, unchanged: t.unchanged + c.unchanged }),
    { added: 0, changed: 0, removed: 0, unchanged: 0 },
  );
}

export interface DocumentChanges {
  documentId: string;
  /** The source document was not stored before (on a dry run: would not have been). */
  documentCreated: boolean;
  counts: Record<string, SectionCounts>;
  changes: ChangeRecord[];
}

/** JSON with sorted keys: jsonb does not keep key order, so contents are compared in this form. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const plain = (row: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(row));

/** Incoming rows with their identities; a repeated identity in one document gets "#2", "#3"… in order. */
export function identify<R>(section: Section<R>, rows: R[]): Array<Incoming<R>> {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const base = section.identity(row);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    // A row is its own content (it holds only what its file gave): a large section is not copied once more.
    const content = section.content ? plain(section.content(row)) : (row as Record<string, unknown>);
    return { row, index, identity: n === 1 ? base : `${base}#${n}`, content };
  });
}

function documentRow(d: DocumentInfo, keys: Keys): Partial<SourceDocument> {
  return {
    id: d.id,
    file: d.file ?? null,
    url: d.url ?? null,
    title: d.title,
    kind: d.kind,
    status: d.status as SourceDocument['status'],
    publisher: d.publisher,
    forbundId: d.forbund ? keys.forbund.get(d.forbund)! : null,
    yearsCovered: d.yearsCovered,
    documentDate: d.documentDate ?? null,
    note: d.note ?? null,
  };
}

/**
 * Makes the database hold exactly what the file says for its document: unchanged figures are left alone,
 * changed and removed ones are closed (valid_to) and changed and added ones inserted, all stamped with
 * one batch, created only if something changes. A partial apply (a correction of single figures) touches
 * only the figures it names and leaves the document's others and its metadata alone. Call inside a transaction.
 */
export async function applyDocument(
  em: EntityManager,
  file: DocumentFile,
  keys: Keys,
  openBatch: (documentId: string) => Promise<number>,
  /** partial: touch only the figures the file names; dryRun: work out the changes and write nothing (no batch number either). */
  options: { partial?: boolean; dryRun?: boolean } = {},
): Promise<DocumentChanges> {
  const documentId = file.document.id;
  const changes: ChangeRecord[] = [];
  const counts: Record<string, SectionCounts> = {};
  const plan: Array<{ section: Section; retire: number[]; insert: Array<Incoming<unknown>> }> = [];

  const [existingDoc] = await em.query('SELECT id FROM source_document WHERE id = $1', [documentId]);
  for (const section of SECTIONS) {
    const incoming = identify(section, section.rows(file));
    if (options.partial && !incoming.length) continue;
    const current: Array<{ id: number; identity: string | null; content: Record<string, unknown> | null }> = existingDoc
      ? await em.query(
          `SELECT id, identity, content FROM ${section.table} WHERE source_document_id = $1 AND valid_to IS NULL${options.partial ? ' AND identity = ANY($2)' : ''}`,
          options.partial ? [documentId, incoming.map((i) => i.identity)] : [documentId],
        )
      : [];
    const byIdentity = new Map(current.map((c) => [c.identity, c]));
    const entity = section.table;
    const tally = (counts[entity] = { added: 0, changed: 0, removed: 0, unchanged: 0 });
    const retire: number[] = [];
    const insert: Array<Incoming<unknown>> = [];
    for (const item of incoming) {
      const old = byIdentity.get(item.identity);
      byIdentity.delete(item.identity);
      if (old && canonical(old.content) === canonical(item.content)) {
        tally.unchanged++;
        continue;
      }
      if (old) retire.push(old.id);
      insert.push(item);
      tally[old ? 'changed' : 'added']++;
      changes.push({ entity, action: old ? 'CHANGED' : 'ADDED', identity: item.identity, before: old?.content ?? null, after: item.content });
    }
    for (const old of byIdentity.values()) {
      retire.push(old.id);
      tally.removed++;
      changes.push({ entity, action: 'REMOVED', identity: old.identity ?? `row ${old.id}`, before: old.content, after: null });
    }
    plan.push({ section, retire, insert });
  }

  const docRow = documentRow(file.document, keys);
  const docChanged = !options.partial && (!existingDoc || (await documentDiffers(em, docRow)));
  const result = { documentId, documentCreated: !existingDoc, counts, changes };
  if ((!changes.length && !docChanged) || options.dryRun) return result;

  if (docChanged && existingDoc) await em.update(SourceDocument, { id: documentId }, docRow);
  else if (docChanged) await em.insert(SourceDocument, docRow);
  const batchId = await openBatch(documentId);
  for (const { section, retire, insert } of plan) {
    if (retire.length) await em.query(`UPDATE ${section.table} SET valid_to = finsam_write_at() WHERE id = ANY($1)`, [retire]);
    if (insert.length) await section.insert(em, insert, keys, { sourceDocumentId: documentId, batchId });
  }
  await recordChanges(em, batchId, changes);
  return result;
}

/** The batch's changes, figure by figure, in as few statements as their size allows. */
export async function recordChanges(em: EntityManager, batchId: number, changes: ChangeRecord[]): Promise<void> {
  for (const part of chunks(changes, CHANGES_PER_STATEMENT)) {
    await em.query(
      `INSERT INTO change (batch_id, entity, action, identity, before, after)
       SELECT $1, c->>'entity', c->>'action', c->>'identity', c->'before', c->'after' FROM jsonb_array_elements($2::jsonb) c`,
      [batchId, JSON.stringify(part)],
    );
  }
}

async function documentDiffers(em: EntityManager, row: Partial<SourceDocument>): Promise<boolean> {
  const stored = await em.findOneByOrFail(SourceDocument, { id: row.id! });
  return (Object.keys(row) as Array<keyof SourceDocument>).some((k) => canonical(stored[k]) !== canonical(row[k]));
}

/** Creates an import batch row (who, how, which file, what plausibility warnings it raised) and returns its id. */
export async function createBatch(
  em: EntityManager,
  batch: { actor: string; origin: string; file: string | null; checksum: string | null; documentId: string; warnings?: Problem[] },
): Promise<number> {
  const [{ id }] = await em.query(
    `INSERT INTO import_batch (actor, origin, file, checksum, document_id, summary, warnings) VALUES ($1, $2, $3, $4, $5, '{}', $6) RETURNING id`,
    [batch.actor, batch.origin, batch.file, batch.checksum, batch.documentId, JSON.stringify(batch.warnings ?? [])],
  );
  return id;
}

export async function recordSummary(em: EntityManager, batchId: number, counts: Record<string, SectionCounts>): Promise<void> {
  await em.query('UPDATE import_batch SET summary = $2 WHERE id = $1', [batchId, JSON.stringify(counts)]);
}
