import { DocumentStatus, SourceDocument } from '../sources/source-document.entity';

export interface Ranked {
  forbundId: number | null;
  measureCode: string;
  year: number;
  gender: string;
  sourceDocumentId: string;
}

export interface DocumentRank {
  status: DocumentStatus;
  /** The latest year the document covers: a later report supersedes an earlier one's comparatives. */
  latestYear: number;
}

/** How a document ranks when several give the same figure. */
export function documentRank(doc: SourceDocument): DocumentRank {
  return { status: doc.status, latestYear: Math.max(0, ...doc.yearsCovered) };
}

/**
 * One figure per förbund, measure, year and gender when several sources give it: a final document over a preliminary
 * one (Jämtland 2016: the final annual report over the supervision report on the preliminary one), then
 * the most recent document. Input order is kept among the survivors.
 */
export function preferredFigures<T extends Ranked>(rows: T[], rankOf: (documentId: string) => DocumentRank): T[] {
  const better = (a: T, b: T) => {
    const ra = rankOf(a.sourceDocumentId);
    const rb = rankOf(b.sourceDocumentId);
    if (ra.status !== rb.status) return ra.status === DocumentStatus.FINAL;
    return ra.latestYear > rb.latestYear;
  };
  const best = new Map<string, T>();
  for (const row of rows) {
    const key = `${row.forbundId}|${row.measureCode}|${row.year}|${row.gender}`;
    const current = best.get(key);
    if (!current || better(row, current)) best.set(key, row);
  }
  const kept = new Set(best.values());
  return rows.filter((r) => kept.has(r));
}
