import { AmountKind } from '../../platform/common/enums';
import { byScore } from '../../platform/common/sort';
import { DocumentStatus } from '../sources/source-document.entity';

export interface AllocationCandidate {
  kind: AmountKind;
  totalSek: string | null;
  status: DocumentStatus;
  partCount: number;
}

/**
 * The allocation a förbund-year is best described by when sources give several: an outcome over a budget,
 * a final document over a preliminary one, a per-member breakdown over a bare total.
 */
export function preferredAllocation<T extends AllocationCandidate>(candidates: T[]): T | null {
  const score = (c: T) => [
    c.kind === AmountKind.ACTUAL ? 0 : 1,
    c.status === DocumentStatus.FINAL ? 0 : 1,
    -c.partCount,
    c.totalSek === null ? 1 : 0,
  ];
  return [...candidates].sort(byScore(score))[0] ?? null;
}
