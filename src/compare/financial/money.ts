/** Financial and activity benchmarks: pure computation over figures the resolver has gathered. */

export interface Band {
  effectiveFrom: string;
  minAllocationSek: string;
  maxAllocationSek: string | null;
  maxEquityShare: number;
}

/** Kronor from an exact decimal string, exact in BigInt öre. */
export function toOre(sek: string): bigint {
  const [whole, frac = ''] = sek.replace(/^-/, '').split('.');
  const ore = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  return sek.startsWith('-') ? -ore : ore;
}

/** Öre back to a kronor decimal string ("12.5" → "12.50" shown as "12.5"; whole kronor without decimals). */
export function fromOre(ore: bigint): string {
  const sign = ore < 0n ? '-' : '';
  const abs = ore < 0n ? -ore : ore;
  const rest = abs % 100n;
  return `${sign}${abs / 100n}${rest === 0n ? '' : `.${rest.toString().padStart(2, '0').replace(/0$/, '')}`}`;
}

/** Sum of exact kronor amounts. */
export function sumSek(amounts: string[]): string {
  return fromOre(amounts.reduce((s, a) => s + toOre(a), 0n));
}

/** amount / count in kronor, rounded half away from zero to the öre, exactly. */
export function perCapitaSek(amountSek: string, count: number): string | null {
  if (!Number.isInteger(count) || count <= 0) return null;
  const ore = toOre(amountSek);
  const n = BigInt(count);
  const abs = ore < 0n ? -ore : ore;
  const rounded = (abs * 2n + n) / (2n * n);
  return fromOre(ore < 0n ? -rounded : rounded);
}

/** The band in force on a date for an allocation: the latest effective version whose range holds it. */
export function equityBandFor<B extends Band>(bands: B[], allocationSek: string, onDate: string): B | null {
  const allocation = toOre(allocationSek);
  const inForce = bands.filter((b) => b.effectiveFrom <= onDate);
  const latest = inForce.reduce<string | null>((m, b) => (m === null || b.effectiveFrom > m ? b.effectiveFrom : m), null);
  return (
    inForce.find(
      (b) =>
        b.effectiveFrom === latest &&
        allocation >= toOre(b.minAllocationSek) &&
        (b.maxAllocationSek === null || allocation < toOre(b.maxAllocationSek)),
    ) ?? null
  );
}

export interface GoalCounts {
  met: number;
  partlyMet: number;
  notMet: number;
  notStated: number;
  total: number;
  /** met / goals with a status (met + partly + not met); null when none has one. */
  shareMet: number | null;
  /** (met + partly met) / goals with a status. */
  shareMetOrPartly: number | null;
}

export function goalAttainment(statuses: string[]): GoalCounts {
  const count = (s: string) => statuses.filter((x) => x === s).length;
  const met = count('MET');
  const partlyMet = count('PARTLY_MET');
  const notMet = count('NOT_MET');
  const assessed = met + partlyMet + notMet;
  return {
    met,
    partlyMet,
    notMet,
    notStated: count('NOT_STATED'),
    total: statuses.length,
    shareMet: assessed ? met / assessed : null,
    shareMetOrPartly: assessed ? (met + partlyMet) / assessed : null,
  };
}

/** Spent / budget with signs as printed (cost lines are negative in income statements). */
export function utilisation(spentSek: string, budgetSek: string): number | null {
  const budget = toOre(budgetSek);
  if (budget === 0n) return null;
  return Number(toOre(spentSek)) / Number(budget);
}
