/**
 * Undoing a document's latest import batch (ångra): a new batch that restores what the batch replaced — rows it
 * added are closed, rows it changed or removed come back as they were — so nothing of the history is lost and
 * the undo is itself in the history (and can be undone in turn).
 */
import { EntityManager } from 'typeorm';
import { Actor } from '../../platform/common/context';
import { ChangeRecord, createBatch, recordChanges, recordSummary, SectionCounts } from './apply';
import { loadKeys } from './keys';
import { SECTIONS } from './sections';

export interface UndoResult {
  batchId: number;
  documentId: string;
  forbundId: number | null;
  counts: Record<string, SectionCounts>;
  changes: ChangeRecord[];
}

/** Why a batch cannot be undone: it is not the document's latest, or there is no such batch. */
export class UndoRefused extends Error {}

interface StoredChange {
  entity: string;
  action: ChangeRecord['action'];
  identity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The batch and its document's förbund, read before the write so its locks can be taken. */
export async function batchToUndo(em: EntityManager, batchId: number): Promise<{ documentId: string; forbundId: number | null; forbundSlug: string | null }> {
  const [batch] = await em.query(
    `SELECT b.document_id, d.forbund_id, f.slug FROM import_batch b JOIN source_document d ON d.id = b.document_id LEFT JOIN forbund f ON f.id = d.forbund_id WHERE b.id = $1`,
    [batchId],
  );
  if (!batch) throw new UndoRefused(`There is no import batch ${batchId} with a document to undo.`);
  return { documentId: batch.document_id, forbundId: batch.forbund_id, forbundSlug: batch.slug };
}

/** Writes the batch that undoes `batchId`; call inside lockedWrite, holding the document's lock. */
export async function undoBatch(em: EntityManager, batchId: number, actor: Actor): Promise<UndoResult> {
  const { documentId, forbundId } = await batchToUndo(em, batchId);
  const [later] = await em.query('SELECT id FROM import_batch WHERE document_id = $1 AND id > $2 ORDER BY id LIMIT 1', [documentId, batchId]);
  if (later) throw new UndoRefused(`Batch ${batchId} is not the latest of document ${documentId}: batch ${later.id} came after it. Undo the latest first.`);
  const done: StoredChange[] = await em.query('SELECT entity, action, identity, before, after FROM change WHERE batch_id = $1 ORDER BY id', [batchId]);
  if (!done.length) throw new UndoRefused(`Batch ${batchId} changed no figures: there is nothing to undo.`);

  const undoId = await createBatch(em, { actor: actor.name, origin: 'undo', file: null, checksum: null, documentId, warnings: [] });
  const keys = await loadKeys(em);
  const counts: Record<string, SectionCounts> = {};
  const changes: ChangeRecord[] = [];
  for (const section of SECTIONS) {
    const own = done.filter((c) => c.entity === section.table);
    if (!own.length) continue;
    const tally = (counts[section.table] = { added: 0, changed: 0, removed: 0, unchanged: 0 });
    // What the batch added or changed is closed; what it changed or removed is written again as it was.
    const close = own.filter((c) => c.action !== 'REMOVED').map((c) => c.identity);
    if (close.length) {
      await em.query(`UPDATE ${section.table} SET valid_to = finsam_write_at() WHERE source_document_id = $1 AND identity = ANY($2) AND valid_to IS NULL`, [documentId, close]);
    }
    const restore = own.filter((c) => c.action !== 'ADDED');
    if (restore.length) {
      await section.insert(
        em,
        restore.map((c, index) => ({ row: c.before, index, identity: c.identity, content: c.before! })),
        keys,
        { sourceDocumentId: documentId, batchId: undoId },
      );
    }
    for (const c of own) {
      const action = c.action === 'ADDED' ? 'REMOVED' : c.action === 'REMOVED' ? 'ADDED' : 'CHANGED';
      tally[action === 'ADDED' ? 'added' : action === 'REMOVED' ? 'removed' : 'changed']++;
      changes.push({ entity: section.table, action, identity: c.identity, before: c.after, after: c.before });
    }
  }
  await recordChanges(em, undoId, changes);
  await recordSummary(em, undoId, counts);
  return { batchId: undoId, documentId, forbundId, counts, changes };
}
