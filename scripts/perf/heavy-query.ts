/**
 * The heaviest comparison request a client may send within the limits: several years of nationalComparison
 * aliased in one document, each with 1 000-point funnel limits and every BenchmarkEntry field. What an outside
 * test used to hold the event loop ("Fair under load"); the event-loop measurement and its test send it.
 */

/** Every field of BenchmarkEntry, each object with a few of its own: the most a request may ask within the cost limit. */
const ENTRY = `
  year forbund { slug } value { numerator denominator value } reference { value }
  differencePp ratio ci95 { low high } ci998 { low high }
  outcome { at95 at998 } funnel { position adjustedPosition } shrunken { value low high }
  quintile quintileReason smallNumbers test { pValue } significantlyDifferent rank percentile
  peerGroup { key } peerMean coverage { shareWithPersonalData } rankInterval { low high } recentTrend { marker slope }`;

const FUNNEL = (points: number) => `
  funnel(points: ${points}) {
    target { value basis } method overdispersion { phi tau2 adjusted }
    limits { denominator lower95 upper95 lower998 upper998 adjustedLower95 adjustedUpper95 }
  }`;

export interface HeavyOptions {
  /** The years compared, one alias each. */
  years: number[];
  measure?: string;
  points?: number;
  /** Compute afresh as of this moment (asOf answers are not kept per data version). */
  asOf?: Date | null;
  peerGroup?: 'COUNTY' | 'ALLOCATION_BAND' | null;
  /** Written into a comment, so a response cache keyed by the document text never serves it. */
  tag?: string;
}

/** The document: one alias per year, e.g. the seven years 2019–2025 of to_work_or_studies. */
export function heavyComparisonQuery(o: HeavyOptions): string {
  const measure = o.measure ?? 'to_work_or_studies';
  const asOf = o.asOf ? `, asOf: "${o.asOf.toISOString()}"` : '';
  const peers = o.peerGroup ? `, peerGroup: ${o.peerGroup}` : '';
  const aliases = o.years.map(
    (year) => `y${year}: nationalComparison(measure: "${measure}", year: ${year}${peers}${asOf}) {
      year reference { year value isFallback } pooled { value forbundCount } meanOfForbund { value forbundCount }
      ${FUNNEL(o.points ?? 1000)}
      entries { ${ENTRY} }
    }`,
  );
  return `# ${o.tag ?? 'heavy'}\n{ ${aliases.join('\n')} }`;
}

/** The seven years of the outside test's request. */
export const HEAVY_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
