/**
 * The requests the benchmark drives, as this API asks them. Each system (this API, PostGraphile, the
 * hand-written floor) answers them in its own way; `compare.ts` reduces every answer to the same shape.
 */
export const BENCH_YEAR = 2017;
export const BENCH_MEASURE = 'to_work_or_studies';
/** Q3's förbund: a real one, so the query also answers on the seed data alone. */
export const BENCH_SLUG = 'uppsala';

export interface BenchQuery {
  key: 'q1' | 'q2' | 'q3' | 'widget';
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Sent as GET /graphql?query=…&variables=… (cacheable by browsers and proxies) instead of POST. */
  get?: boolean;
}

/** Q1, the national dashboard: every förbund with its members, a year's allocation and outcome. */
const Q1 = `query Q1($year: Int!) {
  forbunds {
    slug name county
    members(year: $year) { organisation { key name kind municipalityCode } }
    allocation(year: $year) { kind totalSek byMember { party label amountSek organisation { key } } }
    outcome(year: $year) { participants anonymous ended toWorkOrStudies { numerator denominator } }
  }
}`;

/** Q2: the national comparison of one measure and year. */
const Q2 = `query Q2($measure: String!, $year: Int!) {
  nationalComparison(measure: $measure, year: $year) {
    reference { value }
    pooled { numerator denominator }
    entries {
      forbund { slug }
      value { numerator denominator value }
      rank differencePp significantlyDifferent ci95 { low high }
    }
  }
}`;

/** Q3: one förbund with its benchmark (what a member portal shows). */
const Q3 = `query Q3($slug: String!, $measure: String!, $year: Int!) {
  forbund(slug: $slug) {
    slug name county
    benchmark(measure: $measure, year: $year) {
      value { numerator denominator value }
      rank differencePp significantlyDifferent ci95 { low high }
    }
  }
}`;

export const BENCH_QUERIES: BenchQuery[] = [
  { key: 'q1', title: 'Q1 dashboard: every förbund, members, allocation, outcome', query: Q1, variables: { year: BENCH_YEAR } },
  { key: 'q2', title: 'Q2 nationalComparison', query: Q2, variables: { measure: BENCH_MEASURE, year: BENCH_YEAR } },
  { key: 'q3', title: 'Q3 one förbund with its benchmark', query: Q3, variables: { slug: BENCH_SLUG, measure: BENCH_MEASURE, year: BENCH_YEAR } },
  { key: 'widget', title: "widget: Q3 as a GET (a member portal's page)", query: Q3, variables: { slug: BENCH_SLUG, measure: BENCH_MEASURE, year: BENCH_YEAR }, get: true },
];
