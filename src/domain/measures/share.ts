/** Counts and stated percentage of a share, as a source gives them (any may be missing). */
export interface ShareFigures {
  numerator: number | null;
  denominator: number | null;
  statedPercent: number | null;
}

/** The share as a fraction 0–1: from the counts when both are given, else from the printed percentage. */
export function shareValue(f: ShareFigures): number | null {
  if (f.numerator !== null && f.denominator !== null && f.denominator > 0) return f.numerator / f.denominator;
  return f.statedPercent === null ? null : f.statedPercent / 100;
}

/** True when only a percentage is known: such a share cannot be tested or pooled like counts can. */
export function isPercentageOnly(f: ShareFigures): boolean {
  return f.numerator === null && f.statedPercent !== null;
}
