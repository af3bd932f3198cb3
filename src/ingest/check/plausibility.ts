/**
 * Plausibility checks every write path runs (seed files, CLI import, importReport, setObservation):
 * errors reject the whole write, warnings are reported and kept with the import batch. Pure functions
 * over exact decimal strings: counts and money are compared as BigInt, never as floats.
 */
import { AllocationRow, ObservationRow } from '../format/document';

/** A finding at "<section>.<index>[.<field>]" of a seed-format document. */
export interface Finding {
  path: string;
  reason: string;
}

export interface Plausibility {
  errors: Finding[];
  warnings: Finding[];
}

/** How far (in percentage points) a stated percentage may be from numerator/denominator before a warning. */
export const PERCENT_TOLERANCE_POINTS = 1;

/** An exact decimal as an integer and a power of ten: "-12.50" is -1250n × 10^-2. */
interface Exact {
  units: bigint;
  scale: number;
}

function exact(s: string): Exact | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[3] ?? '';
  return { units: BigInt(`${m[1]}${m[2]}${frac}`), scale: frac.length };
}

/** The two values' units on a common scale. */
function align(a: Exact, b: Exact): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** A count: a non-negative whole number, as a BigInt; null when it is not one. */
function count(s: string | undefined): bigint | null {
  if (s === undefined) return null;
  const e = exact(s);
  if (!e || e.units < 0n || e.units % 10n ** BigInt(e.scale) !== 0n) return null;
  return e.units / 10n ** BigInt(e.scale);
}

/** Which fields of an observation are counts, by the unit of its measure. */
function countFields(unit: string | undefined): Array<'value' | 'numerator' | 'denominator'> {
  return unit === 'PERSONS' || unit === 'COUNT' ? ['value'] : unit === 'SHARE' ? ['numerator', 'denominator'] : [];
}

function checkObservation(o: ObservationRow, i: number, unit: string | undefined, out: Plausibility): void {
  for (const field of countFields(unit)) {
    if (o[field] !== undefined && count(o[field]) === null) {
      out.errors.push({ path: `observations.${i}.${field}`, reason: `a count is a whole number of 0 or more, not ${o[field]}` });
    }
  }
  if (unit !== 'SHARE') return;
  const numerator = count(o.numerator);
  const denominator = count(o.denominator);
  if (numerator === null || denominator === null) return;
  if (numerator > denominator) {
    out.errors.push({ path: `observations.${i}.numerator`, reason: `numerator ${numerator} is larger than its denominator ${denominator}` });
    return;
  }
  const stated = o.statedPercent === undefined ? null : exact(o.statedPercent);
  if (!stated || denominator === 0n) return;
  // |stated − 100·n/d| > tolerance  ⇔  |stated·d − 100·n| > tolerance·d, all in units of 10^-scale.
  const ten = 10n ** BigInt(stated.scale);
  const gap = stated.units * denominator - 100n * numerator * ten;
  if ((gap < 0n ? -gap : gap) > BigInt(PERCENT_TOLERANCE_POINTS) * denominator * ten) {
    const computed = format((100000n * numerator) / denominator, 3).replace(/\.?0+$/, '');
    out.warnings.push({
      path: `observations.${i}.statedPercent`,
      reason: `stated ${o.statedPercent} % but ${numerator} of ${denominator} is ${computed} %, more than ${PERCENT_TOLERANCE_POINTS} percentage point away`,
    });
  }
}

/**
 * Fields whose WOMEN and MEN figures are parts of the ALL figure. A share's denominator is not: a
 * gender's share may be of everyone (profile_gender_share: women of all registered participants).
 */
function partFields(unit: string | undefined): Array<'value' | 'numerator'> {
  return unit === 'PERSONS' ? ['value'] : unit === 'SHARE' ? ['numerator'] : [];
}

/**
 * WOMEN and MEN figures of one förbund, measure and year must not add up to more than the ALL figure.
 * When a figure is given twice (a repeated identity), the smallest parts and the largest total are
 * compared, so only a certain contradiction is an error.
 */
function checkGenderParts(observations: ObservationRow[], unit: (code: string) => string | undefined, out: Plausibility): void {
  const groups = new Map<string, Array<[ObservationRow, number]>>();
  observations.forEach((o, i) => {
    if (!partFields(unit(o.measure)).length) return;
    const key = `${o.forbund ?? ''}|${o.measure}|${o.year}`;
    const group = groups.get(key);
    if (group) group.push([o, i]);
    else groups.set(key, [[o, i]]);
  });
  for (const rows of groups.values()) {
    for (const field of partFields(unit(rows[0][0].measure))) {
      const pick = (gender: string, better: (a: bigint, b: bigint) => boolean) => {
        let best: [bigint, number] | null = null;
        for (const [o, i] of rows) {
          const c = o.gender === gender ? count(o[field]) : null;
          if (c !== null && (!best || better(c, best[0]))) best = [c, i];
        }
        return best;
      };
      const total = pick('ALL', (a, b) => a > b)?.[0];
      const women = pick('WOMEN', (a, b) => a < b);
      const men = pick('MEN', (a, b) => a < b);
      const parts = (women?.[0] ?? 0n) + (men?.[0] ?? 0n);
      if (total === undefined || (!women && !men) || parts <= total) continue;
      const where = (women ?? men)!;
      out.errors.push({
        path: `observations.${where[1]}.${field}`,
        reason: `${field} of WOMEN (${women?.[0] ?? '–'}) and MEN (${men?.[0] ?? '–'}) add up to ${parts}, more than the ALL total ${total} of ${rows[0][0].measure} ${rows[0][0].year}`,
      });
    }
  }
}

/** Allocation parts should add up to the allocation's total; a difference is a warning, in kronor. */
function checkAllocation(a: AllocationRow, i: number, out: Plausibility): void {
  const total = a.totalSek === undefined ? null : exact(a.totalSek);
  const parts = (a.parts ?? []).map((p) => exact(p.amountSek));
  if (!total || !parts.length || parts.some((p) => p === null)) return;
  const sum = (parts as Exact[]).reduce((s, p) => {
    const [x, y, scale] = align(s, p);
    return { units: x + y, scale };
  });
  const [partUnits, totalUnits, scale] = align(sum, total);
  if (partUnits === totalUnits) return;
  out.warnings.push({
    path: `allocations.${i}.parts`,
    reason: `the parts add up to ${format(partUnits, scale)} kr, the total is ${format(totalUnits, scale)} kr: a difference of ${format(partUnits - totalUnits, scale)} kr`,
  });
}

/**
 * Checks a seed-format document's figures for what cannot be true (errors) and what is probably a
 * misprint or transcription slip (warnings). `units` maps measure codes to their unit; rows of unknown
 * measures are left to the reference checks.
 */
export function checkPlausibility(
  doc: { observations?: ObservationRow[]; allocations?: AllocationRow[] },
  units: ReadonlyMap<string, { unit: string }>,
): Plausibility {
  const out: Plausibility = { errors: [], warnings: [] };
  const unit = (code: string) => units.get(code)?.unit;
  const observations = Array.isArray(doc.observations) ? doc.observations : [];
  observations.forEach((o, i) => checkObservation(o, i, unit(o.measure), out));
  checkGenderParts(observations, unit, out);
  (Array.isArray(doc.allocations) ? doc.allocations : []).forEach((a, i) => checkAllocation(a, i, out));
  return out;
}
