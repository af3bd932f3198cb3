/**
 * The widget's queries, one per view and one for a preview. The served script carries each with its SHA-256, so a browser
 * asks by hash alone over GET (a short URL the browser's and a CDN's caches can keep) and sends the text only
 * the first time a server has not seen it (automatic persisted queries).
 */
import { createHash } from 'node:crypto';

/** What the comparison view shows of an entry beside its share. */
const COMPARED = `
  ci95 { low high } ci998 { low high }
  reference { year value isFallback provenance { document { title url } } }
  outcome { at95 at998 method methodSv labelSv labelEn reason reasonSv }
  peerGroup { label mean count }
  smallNumbers`;

const ENTRY = `
  value { numerator denominator value statedPercent provenance { locator document { id title url publisher } } }${COMPARED}`;

/** Every view asks for the förbund's entry (with what the view adds), the year's national facts and the years with data. */
const widgetQuery = (name: string, forbund: string, national = '') => `query ${name}($forbund: String!, $measure: String!, $year: Int!) {
  forbund(slug: $forbund) {
    slug name
    ${forbund}
  }
  nationalComparison(measure: $measure, year: $year) {
    measure { code name nameSv }
    reference { year value isFallback }
    notComparable { forbund { slug } reason reasonSv }${national}
  }
  availability(measure: $measure, forbund: [$forbund]) { years }
}`;

export const WIDGET_QUERIES = {
  comparison: widgetQuery('FinsamWidgetComparison', `benchmark(measure: $measure, year: $year, peerGroup: COUNTY) { ${ENTRY} }`),
  funnel: widgetQuery(
    'FinsamWidgetFunnel',
    `benchmark(measure: $measure, year: $year) { ${ENTRY} funnel { position adjustedPosition lower95 upper95 lower998 upper998 } }`,
    `
    funnel(points: 60) { target { value basis } overdispersion { adjusted } limits { denominator lower95 upper95 lower998 upper998 adjustedLower998 adjustedUpper998 } }
    entries { forbund { slug } value { numerator denominator value } }`,
  ),
  trend: widgetQuery(
    'FinsamWidgetTrend',
    `benchmark(measure: $measure, year: $year) { ${ENTRY} recentTrend { marker labelSv labelEn reason reasonSv } }
    trend(measure: $measure, toYear: $year) { year value { numerator denominator value } ci95 { low high } reference { year value isFallback } }`,
  ),
  // The comparison view of a figure not yet stored (the numerator and denominator attributes): /rapportera's preview.
  preview: `query FinsamWidgetPreview($forbund: String!, $measure: String!, $year: Int!, $numerator: Int!, $denominator: Int!) {
  forbund(slug: $forbund) { slug name }
  comparisonPreview(forbund: $forbund, measure: $measure, year: $year, numerator: $numerator, denominator: $denominator, peerGroup: COUNTY) {
    value { numerator denominator value }${COMPARED}
  }
  nationalComparison(measure: $measure, year: $year) {
    measure { code name nameSv }
    reference { year value isFallback }
    notComparable { forbund { slug } reason reasonSv }
  }
}`,
};

/** A view's query, or the preview's (the comparison view of counts not yet stored). */
export type WidgetQuery = keyof typeof WIDGET_QUERIES;

/** Each query with its hash, as the script carries them. */
export const PERSISTED_WIDGET_QUERIES = Object.fromEntries(
  Object.entries(WIDGET_QUERIES).map(([view, query]) => [view, { query, sha256: createHash('sha256').update(query).digest('hex') }]),
) as Record<WidgetQuery, { query: string; sha256: string }>;
