/**
 * The national picture of who has reported what (täckning): for each förbund that existed in a year and each
 * measure, whether the figure is there and how firm it is. Plain functions over plain rows, so the rule is
 * tested on its own.
 */
export type CoverageStatus = 'FINAL' | 'PRELIMINARY' | 'APPROXIMATE' | 'MISSING';

export interface CoverageFigure {
  forbundId: number;
  measureCode: string;
  gender: string;
  qualifier: string | null;
  documentFinal: boolean;
  recordedAt: Date;
}

export interface CoverageCell {
  measureCode: string;
  status: CoverageStatus;
  /** When the cell's newest figure was recorded; null when missing. */
  lastChanged: Date | null;
}

/**
 * A cell's status from its figures (every gender, every source): FINAL when a final document gives an exact
 * figure, PRELIMINARY when only a preliminary one does, APPROXIMATE when the best figure is "ca" or "drygt" —
 * it cannot be compared, so it is no better than preliminary — and MISSING when none is given.
 */
export function cellStatus(figures: CoverageFigure[]): CoverageStatus {
  if (!figures.length) return 'MISSING';
  const exact = figures.filter((f) => f.qualifier === null);
  if (exact.some((f) => f.documentFinal)) return 'FINAL';
  if (exact.length) return 'PRELIMINARY';
  return 'APPROXIMATE';
}

/** Whether a förbund existed in a year, by the years of its founding and its end (either unknown: assumed so). */
export function existedIn(year: number, life: { founded: number | null; ended: number | null }): boolean {
  return (life.founded === null || life.founded <= year) && (life.ended === null || life.ended >= year);
}

/** Each förbund's cells, one per measure, in the measures' order. */
export function coverageCells(figures: CoverageFigure[], forbundIds: number[], measureCodes: string[]): Map<number, CoverageCell[]> {
  const byCell = new Map<string, CoverageFigure[]>();
  for (const f of figures) {
    const key = `${f.forbundId}|${f.measureCode}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  return new Map(
    forbundIds.map((id) => [
      id,
      measureCodes.map((code) => {
        const cell = byCell.get(`${id}|${code}`) ?? [];
        const newest = cell.reduce<Date | null>((at, f) => (at === null || f.recordedAt > at ? f.recordedAt : at), null);
        return { measureCode: code, status: cellStatus(cell), lastChanged: newest };
      }),
    ]),
  );
}
