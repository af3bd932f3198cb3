/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The embeddable widget in a real browser: Debian's Chromium driven by playwright-core, against a running API.
 * Host pages are served from another origin (another port) under the strict Content-Security-Policy a careful
 * member portal sets, so what passes here is what a portal's visitors see. Screenshots go to
 * test-artifacts/widget/. Uppsala's figures are the seed documents'; the funnel and trend views, and a year
 * without its own rikssnitt, run on a synthetic national dataset (80 made-up förbund, 2021–2025) in a database of its own.
 */
import { createServer, Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { buildSchema, parse, validate } from 'graphql';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { insertSyntheticOutcomes } from '../../scripts/perf/dataset';
import { WIDGET_GZIP_LIMIT_BYTES } from '../../src/widget/assets';
import { WIDGET_QUERIES } from '../../src/widget/queries';
import { startTestApi, TestApi } from '../support/api';
import { freePort } from '../support/tools';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`;
if (missing) console.warn(`tests/web/widget.test.ts skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

const ARTIFACTS = path.join(__dirname, '../../test-artifacts/widget');

/** A site of its own origin serving the pages a test gives it, under the CSP a careful portal sets. */
class HostSite {
  private pages = new Map<string, { html: string; csp: string }>();
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<HostSite> {
    const port = await freePort();
    const server = createServer();
    const site = new HostSite(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      const page = site.pages.get((req.url ?? '/').split('?')[0]);
      if (!page) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp }).end(page.html);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return site;
  }

  /** A page holding `body`; the API's origin may give scripts (unless `scripts` is false), answers and frames, nothing else. */
  page(name: string, api: string, body: string, { scripts = true } = {}): string {
    const csp = [`default-src 'none'`, `script-src ${scripts ? api : `'none'`}`, `connect-src ${api}`, `frame-src ${api}`, `style-src 'self'`, `img-src data:`].join('; ');
    const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kommunens sida</title><link rel="icon" href="data:,"></head><body><main><h1>Samordningsförbundet</h1>\n${body}\n</main></body></html>`;
    this.pages.set(`/${name}`, { html, csp });
    return `${this.origin}/${name}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The errors and warnings a page writes to its console, and its uncaught errors. */
function listen(page: Page): { errors: string[] } {
  const seen = { errors: [] as string[] };
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
  return seen;
}

/** The visible and screen-reader text of a widget's shadow root, spaces normalised. */
const widgetText = (page: Page, selector = 'finsam-comparison') =>
  page.locator(selector).first().evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/[ \t\r\n]+/g, ' '));

/** The widget's table as [header, cell…] rows. */
const tableRows = (page: Page, selector: string) =>
  page.locator(selector).locator('table tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));

/** Waits until the widget shows a figure or a message, not the loading line. */
async function settled(page: Page, selector = 'finsam-comparison'): Promise<void> {
  await page.waitForFunction((sel) => {
    const all = [...document.querySelectorAll(sel)];
    return all.length > 0 && all.every((el) => el.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]') && el.shadowRoot.querySelector('.frame'));
  }, selector);
}

// Checked without a browser too: a query the schema no longer answers would break every portal at once.
test.each(Object.entries(WIDGET_QUERIES))('the widget\'s %s query validates against the printed schema', (_view, query) => {
  expect(validate(buildSchema(readFileSync('schema.graphql', 'utf8')), parse(query))).toEqual([]);
});

const snippet = (api: string, attrs: string) => `<script src="${api}/widget/finsam-comparison.js" defer></script>\n<finsam-comparison ${attrs}></finsam-comparison>`;

describeInBrowser('the comparison widget in Chromium', () => {
  let t: TestApi;
  let national: TestApi;
  let browser: Browser;
  let host: HostSite;
  let api: string;
  let nationalApi: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [t, national, host, browser] = await Promise.all([
      startTestApi('pglite'),
      startTestApi('pglite'),
      HostSite.start(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] }),
    ]);
    await insertSyntheticOutcomes(national.db.dataSource.manager, { forbund: 80, fromYear: 2021, years: 5, revisedShare: 0, seed: 1 });
    api = t.api.url.replace('/graphql', '');
    nationalApi = national.api.url.replace('/graphql', '');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), host?.close(), t?.close(), national?.close()]);
  });

  async function open(url: string, options: { width?: number; dark?: boolean; lang?: string } = {}) {
    const context = await browser.newContext({ viewport: { width: options.width ?? 800, height: 900 }, colorScheme: options.dark ? 'dark' : 'light', locale: 'sv-SE' });
    const page = await context.newPage();
    const seen = listen(page);
    await page.goto(url);
    return { page, seen, close: () => context.close() };
  }

  it('weighs at most 15 KB gzipped, as the build prints', async () => {
    const res = await fetch(`${api}/widget/finsam-comparison.js`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(gzipSync(body).length).toBeLessThanOrEqual(WIDGET_GZIP_LIMIT_BYTES);
  });

  it('shows Uppsala 2017 on another site under a strict CSP: 19 %, 13,6–25,6 %, rikssnitt 31 % (2017), worse, the method and the sources', async () => {
    const url = host.page('uppsala', api, snippet(api, 'forbund="uppsala" measure="to_work_or_studies" year="2017"'));
    const { page, seen, close } = await open(url);
    await settled(page);
    const text = await widgetText(page);
    expect(text).toContain('Samordningsförbundet Uppsala län');
    expect(text).toContain('19\u00a0%');
    expect(text).toContain('31 av 164');
    expect(text).toContain('95 % konfidensintervall: 13,6–25,6\u00a0%');
    expect(text).toContain('11,3–30,0\u00a0%'); // 99.8 %, in the table
    expect(text).toContain('Rikssnitt 31\u00a0% (2017)');
    expect(text).not.toContain('inte publicerat');
    expect(text).toContain('Sämre än rikssnittet (95 %: sämre · 99,8 %: sämre)');
    expect(text).toContain('Metod: Konfidensintervall mot ett referensvärde: andelens 95- och 99,8-procentiga konfidensintervall (Wilson) jämförda med rikssnittet 2017 (31 %).');
    // A visitor reads Swedish only: no English method, no measure codes, no internal file names.
    for (const foreign of ['Confidence', 'to_work_or_studies', '.txt', 'uppsala-ar-2017']) expect(text).not.toContain(foreign);
    // The peer group (county) holds only Uppsala: no mean drawn, and the table says why.
    expect(text).toContain('inget annat förbund i Uppsala län');
    const shadow = page.locator('finsam-comparison');
    // The chart: one dot, both intervals, the year's own rikssnitt drawn solid.
    await expect(shadow.locator('svg circle.dot').count()).resolves.toBe(1);
    await expect(shadow.locator('svg line.ci95').count()).resolves.toBe(1);
    await expect(shadow.locator('svg line.ci998').count()).resolves.toBe(1);
    await expect(shadow.locator('svg line.reference').count()).resolves.toBe(1);
    await expect(shadow.locator('svg line.reference.fallback').count()).resolves.toBe(0);
    const links = await shadow.locator('.source a').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: (a as HTMLAnchorElement).href })));
    expect(links.map((l) => l.text)).toContain('Uppgiften med proveniens (CSV)');
    // The provenance link gives the figure itself, with the document and where in it the figure stands.
    const csv = await (await fetch(links.find((l) => l.text === 'Uppgiften med proveniens (CSV)')!.href)).text();
    const row = csv.split('\n').find((line) => line.includes('uppsala') && line.includes('to_work_or_studies') && line.includes(',2017,'));
    expect(row).toMatch(/,31,164,/);
    expect(row).toContain('uppsala-ar-2017');
    expect(seen.errors).toEqual([]);
    await close();
  });

  it('says it in English with lang="en"', async () => {
    const url = host.page('english', api, snippet(api, 'forbund="uppsala" year="2017" lang="en"'));
    const { page, seen, close } = await open(url);
    await settled(page);
    const text = await widgetText(page);
    expect(text).toContain('95 % confidence interval: 13.6–25.6\u00a0%');
    expect(text).toContain('National average 31\u00a0% (2017)');
    expect(text).toContain('Worse than the national average (95 %: worse · 99.8 %: worse)');
    expect(text).toContain('Method: Confidence intervals overlapping reference value: the Wilson score 95 % and 99.8 % intervals of the share against rikssnitt 2017 (31 %).');
    expect(text).not.toContain('Konfidensintervall mot');
    expect(seen.errors).toEqual([]);
    await close();
  });

  it('gives the trend\'s reason and a not-comparable figure\'s in Swedish, and in English only with lang="en"', async () => {
    const url = host.page(
      'languages',
      api,
      `<script src="${api}/widget/finsam-comparison.js" defer></script>
       <finsam-comparison id="trend-sv" forbund="uppsala" year="2017" view="trend"></finsam-comparison>
       <finsam-comparison id="trend-en" forbund="uppsala" year="2017" view="trend" lang="en"></finsam-comparison>
       <finsam-comparison id="nc-en" forbund="jamtland" year="2016" lang="en"></finsam-comparison>`,
    );
    const { page, seen, close } = await open(url);
    await settled(page);
    const sv = await widgetText(page, '#trend-sv');
    expect(sv).toContain('Trend de senaste fem åren: kan inte beräknas (En trend kräver antal för 5 år i följd; det finns för 2017.)');
    expect(sv).toContain('Metod: Konfidensintervall');
    expect(sv).not.toMatch(/Needs|consecutive|Method/);
    const en = await widgetText(page, '#trend-en');
    expect(en).toContain('(Needs 5 consecutive yearly points with counts; has 2017.)');
    expect(en).not.toContain('En trend kräver');
    const nc = await widgetText(page, '#nc-en');
    expect(nc).toContain('Reports "Fått eller ökat omfattningen av arbete och/eller studier" (gained or increased work and/or studies), not "Gått vidare till arbete eller studier" (went directly to work or studies on ending). Different definitions are not ranked together.');
    expect(nc).not.toMatch(/_|\.txt/);
    expect(seen.errors).toEqual([]);
    await close();
  });

  it('reads by GET with persisted queries: once the server knows the query, the hash alone, in a URL any cache may keep', async () => {
    const url = host.page('twice', api, snippet(api, 'forbund="uppsala" year="2017" view="trend"'));
    const { page, close } = await open(url);
    const asked: Array<{ url: string; method: string; status: number }> = [];
    page.on('response', (response) => {
      if (response.url().includes('/graphql')) asked.push({ url: response.url(), method: response.request().method(), status: response.status() });
    });
    await settled(page);
    await page.reload();
    await settled(page);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    // 304 when the browser revalidates what it kept.
    expect(asked.every((a) => a.method === 'GET' && [200, 304].includes(a.status))).toBe(true);
    // Whether the first view sent the text depends on what the server had seen; the last one sends the hash alone.
    const last = new URL(asked[asked.length - 1].url);
    expect(last.searchParams.get('query')).toBeNull();
    expect(JSON.parse(last.searchParams.get('extensions')!).persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    const res = await fetch(last);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get('etag')).toBeTruthy();
    await close();
  });

  it('draws the national funnel with the förbund highlighted, and its yearly series with the trend marker', async () => {
    const url = host.page(
      'views',
      nationalApi,
      `<script src="${nationalApi}/widget/finsam-comparison.js" defer></script>
       <finsam-comparison id="funnel" forbund="bench-07" year="2025" view="funnel"></finsam-comparison>
       <finsam-comparison id="trend" forbund="bench-10" year="2025" view="trend"></finsam-comparison>
       <finsam-comparison id="fallback" forbund="bench-07" year="2025"></finsam-comparison>`,
    );
    const { page, seen, close } = await open(url);
    await settled(page);
    // No rikssnitt is published for 2025: the latest earlier one (2020, 28 %) is used, marked and drawn dashed.
    const fallback = await widgetText(page, '#fallback');
    expect(fallback).toContain('Rikssnitt 28\u00a0% (2020*)');
    expect(fallback).toContain('Rikssnittet för 2025 är inte publicerat; det senaste, från 2020, används.');
    await expect(page.locator('#fallback').locator('svg line.reference.fallback').count()).resolves.toBe(1);
    const funnel = page.locator('#funnel');
    await expect(funnel.locator('svg circle.other').count()).resolves.toBe(79);
    await expect(funnel.locator('svg circle.dot').count()).resolves.toBe(1);
    await expect(funnel.locator('svg path.limit95').count()).resolves.toBe(2);
    // Exact 99.8 % limits, and the same widened for overdispersion (the synthetic förbund vary more than chance).
    await expect(funnel.locator('svg path.limit998').count()).resolves.toBe(4);
    await expect(funnel.locator('svg path.widened').count()).resolves.toBe(2);
    const rows = await tableRows(page, '#funnel');
    expect(rows).toContainEqual(['Förbund i diagrammet', '80']);
    expect(rows.find((r) => r[0] === 'Läge i trattdiagrammet')![1]).toMatch(/^(över|under|inom)/);
    expect(rows.find((r) => r[0] === '95 %-gränser vid samma antal')![1]).toMatch(/^\d+,\d–\d+,\d\u00a0%$/);
    expect(rows.find((r) => r[0] === 'Gränser vidgade för överspridning')![1]).toMatch(/^(över|under|inom)/);
    const trend = page.locator('#trend');
    await expect(trend.locator('svg circle.dot').count()).resolves.toBe(5);
    const trendText = await widgetText(page, '#trend');
    expect(trendText).toMatch(/Trend de senaste fem åren: (ökande|minskande|ingen signifikant förändring|kan inte beräknas)/);
    for (const year of [2021, 2022, 2023, 2024, 2025]) expect(trendText).toContain(String(year));
    expect(seen.errors).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'views-national-800.png'), fullPage: true });
    await close();
  });

  it('says what is wrong instead of a blank box: unknown förbund, a year without data, not comparable, the API unreachable', async () => {
    const closed = await freePort();
    const url = host.page(
      'messages',
      `${api} http://127.0.0.1:${closed}`,
      `<script src="${api}/widget/finsam-comparison.js" defer></script>
       <finsam-comparison id="unknown" forbund="atlantis" year="2017"></finsam-comparison>
       <finsam-comparison id="nodata" forbund="uppsala" year="2015"></finsam-comparison>
       <finsam-comparison id="notcomparable" forbund="jamtland" year="2016"></finsam-comparison>
       <finsam-comparison id="stated" forbund="jamtland" measure="work_or_studies_gained_or_increased" year="2016"></finsam-comparison>
       <finsam-comparison id="badview" forbund="uppsala" year="2017" view="pie"></finsam-comparison>
       <finsam-comparison id="unreachable" forbund="uppsala" year="2017" api="http://127.0.0.1:${closed}/graphql"></finsam-comparison>`,
    );
    const { page, seen, close } = await open(url);
    await settled(page);
    expect(await widgetText(page, '#unknown')).toContain('Förbundet "atlantis" finns inte i Finsam Compare.');
    const noData = await widgetText(page, '#nodata');
    expect(noData).toContain('Samordningsförbundet Uppsala län har inga uppgifter om "Gått vidare till arbete eller studier" för 2015.');
    expect(noData).toContain('Det finns uppgifter för 2017.');
    const notComparable = await widgetText(page, '#notcomparable');
    expect(notComparable).toContain('Samordningsförbundet i Jämtlands läns uppgift för 2016 går inte att jämföra med rikssnittet.');
    expect(notComparable).toContain('Förbundet redovisar "Fått eller ökat omfattningen av arbete och/eller studier", inte "Gått vidare till arbete eller studier". Olika definitioner rangordnas inte tillsammans.');
    for (const foreign of ['Different definitions', 'work_or_studies_gained_or_increased', '000_', '.txt']) expect(notComparable).not.toContain(foreign);
    // Only a stated percentage: shown as stated, not compared, and no interval is drawn.
    const stated = await widgetText(page, '#stated');
    expect(stated).toContain('78\u00a0%');
    expect(stated).toContain('Inte jämförd med rikssnittet');
    expect(stated).toContain('Källan anger bara en procentsats, inga antal: inget intervall kan beräknas.');
    await expect(page.locator('#stated svg line.ci95').count()).resolves.toBe(0);
    expect(await widgetText(page, '#badview')).toContain('Ogiltigt värde för view: "pie". Giltiga värden: comparison, funnel, trend.');
    expect(await widgetText(page, '#unreachable')).toContain('Jämförelsen kunde inte hämtas: Finsam Compare svarar inte just nu.');
    // The retry button is there and reachable by keyboard.
    await expect(page.locator('#unreachable button').textContent()).resolves.toBe('Försök igen');
    // The widget logs nothing; the browser itself reports the refused connection.
    expect(seen.errors.filter((e) => !e.includes('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
    await close();
  });

  it('at 320 px keeps the funnel\'s label inside the plot, draws the limits over the whole axis, and gives the 95 % band 3:1 contrast in light and dark', async () => {
    const url = host.page(
      'narrow',
      `${api} ${nationalApi}`,
      `<script src="${api}/widget/finsam-comparison.js" defer></script>
       <finsam-comparison id="alone" forbund="uppsala" year="2017" view="funnel"></finsam-comparison>
       <finsam-comparison id="national" forbund="bench-07" year="2025" view="funnel" api="${nationalApi}/graphql"></finsam-comparison>`,
    );
    for (const dark of [false, true]) {
      const { page, seen, close } = await open(url, { width: 320, dark });
      await settled(page);
      for (const id of ['#alone', '#national']) {
        const geometry = await page.locator(id).evaluate((el) => {
          const svg = el.shadowRoot!.querySelector('svg')!;
          const label = svg.querySelector<SVGTextElement>('text.highlight-label')!.getBBox();
          const axisLabels = [...svg.querySelectorAll<SVGTextElement>('.axis text[text-anchor="end"]')].map((t) => t.getBBox());
          const xs = (cls: string) => [...svg.querySelectorAll(`path.${cls}`)].map((p) => (p.getAttribute('d')!.match(/[\d.]+ [\d.]+/g) ?? []).map((pair) => Number(pair.split(' ')[0])));
          return { width: svg.width.baseVal.value, label: { left: label.x, right: label.x + label.width }, axisRight: Math.max(...axisLabels.map((b) => b.x + b.width)), limits: xs('limit95') };
        });
        // Right of the share axis's labels, and inside the chart.
        expect([id, geometry.label.left > geometry.axisRight]).toEqual([id, true]);
        expect([id, geometry.label.right <= geometry.width]).toEqual([id, true]);
        // Both 95 % limits run from the left of the plot to its right, not over a stretch around the highlighted förbund.
        expect(geometry.limits).toHaveLength(2);
        for (const xs of geometry.limits) {
          expect([id, Math.min(...xs) < geometry.width * 0.35, Math.max(...xs) > geometry.width * 0.85]).toEqual([id, true, true]);
        }
      }
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      expect(seen.errors).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `funnel-320-${dark ? 'dark' : 'light'}.png`), fullPage: true });
      await close();
    }
    // The band against the page behind it, on the embed page (light or dark with the visitor's setting).
    for (const dark of [false, true]) {
      const { page, seen, close } = await open(`${api}/embed/comparison?forbund=uppsala&year=2017`, { width: 320, dark });
      await settled(page);
      await expect(page.locator('finsam-comparison').evaluate((el) => el.shadowRoot!.querySelector('.frame')!.classList.contains('dark'))).resolves.toBe(dark);
      const contrast = await page.locator('finsam-comparison').evaluate((el) => {
        const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: number[]) => c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
        const band = el.shadowRoot!.querySelector('line.ci95')!;
        const style = getComputedStyle(band);
        const [a, b] = [lum(rgb(style.stroke)), lum(rgb(getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor))];
        return { ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), opacity: Number(style.opacity) };
      });
      expect([dark, contrast.opacity]).toEqual([dark, 1]);
      expect([dark, contrast.ratio >= 3]).toEqual([dark, true]);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      expect(seen.errors).toEqual([]);
      await close();
    }
  });

  it('fills a 1280 × 900 frame with a single year\'s figure: larger text and a chart of its own height, not a stretched empty one', async () => {
    for (const view of ['comparison', 'trend']) {
      const { page, seen, close } = await open(`${api}/embed/comparison?forbund=uppsala&year=2017&view=${view}`, { width: 1280 });
      await page.setViewportSize({ width: 1280, height: 900 });
      await settled(page);
      const box = await page.locator('finsam-comparison').evaluate((el) => {
        const frame = el.shadowRoot!.querySelector('.frame')!.getBoundingClientRect();
        const chart = el.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
        return { top: frame.top, height: frame.height, chart: chart.height, font: parseFloat(getComputedStyle(el).fontSize) };
      });
      expect([view, box.height >= 900 * 0.55]).toEqual([view, true]);
      // Centred in the frame, the chart no taller than one row or one year needs.
      expect([view, Math.abs(box.top - (900 - box.height - box.top)) < 12]).toEqual([view, true]);
      expect([view, box.chart <= (view === 'comparison' ? 160 : 320)]).toEqual([view, true]);
      expect(box.font).toBeGreaterThan(20);
      expect(seen.errors).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `embed-${view}-1280.png`) });
      await close();
    }
    // A funnel has something to spread: it still takes the frame's room.
    const { page, close } = await open(`${nationalApi}/embed/comparison?forbund=bench-07&year=2025&view=funnel`, { width: 1280 });
    await settled(page);
    const chart = await page.locator('finsam-comparison').evaluate((el) => el.shadowRoot!.querySelector('svg')!.getBoundingClientRect().height);
    expect(chart).toBeGreaterThan(400);
    await close();
  });

  it('passes axe on the example page in light and dark, with its widgets, frames and table shown', async () => {
    for (const dark of [false, true]) {
      const { page, seen, close } = await open(`${api}/widget/example.html`, { dark });
      await settled(page);
      await page.frameLocator('iframe').first().locator('finsam-comparison .source').waitFor();
      // Tables shown too, so axe checks them as sighted readers see them.
      for (const button of await page.locator('finsam-comparison .actions button').all()) await button.click();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(seen.errors).toEqual([]);
      await close();
    }
  });

  it('is usable by keyboard: Tab reaches the table button, Enter shows the table', async () => {
    const url = host.page('keyboard', api, snippet(api, 'forbund="uppsala" year="2017"'));
    const { page, close } = await open(url);
    await settled(page);
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'Visa tabell'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.querySelector('finsam-comparison')?.shadowRoot?.activeElement?.textContent ?? '');
    }
    expect(focused).toBe('Visa tabell');
    await page.keyboard.press('Enter');
    await expect(page.locator('finsam-comparison .table-box').getAttribute('class')).resolves.not.toContain('sr-only');
    await expect(page.locator('finsam-comparison table').isVisible()).resolves.toBe(true);
    await expect(page.locator('finsam-comparison button').getAttribute('aria-expanded')).resolves.toBe('true');
    await close();
  });

  it('fits from 320 to 1280 px in light and dark, inheriting the page\'s colours (screenshots in test-artifacts/widget)', async () => {
    const blank = await open('about:blank', { width: 320 });
    const blankShot = await blank.page.screenshot();
    await blank.close();
    for (const width of [320, 1280]) {
      for (const dark of [false, true]) {
        const { page, seen, close } = await open(`${api}/widget/example.html`, { width, dark });
        await settled(page);
        const widget = page.locator('finsam-comparison').first();
        const box = (await widget.boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(width);
        expect(box.height).toBeGreaterThan(150);
        // Nothing wider than the viewport: no sideways scrolling on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // In dark mode the widget draws with its dark colours, chosen from the page's light text.
        expect(await widget.evaluate((el) => el.shadowRoot!.querySelector('.frame')!.classList.contains('dark'))).toBe(dark);
        const file = path.join(ARTIFACTS, `example-${width}-${dark ? 'dark' : 'light'}.png`);
        const shot = await widget.screenshot({ path: file });
        expect(shot.length).toBeGreaterThan(blankShot.length);
        expect(shot.equals(blankShot)).toBe(false);
        expect(seen.errors).toEqual([]);
        await close();
      }
    }
  });

  it('works in an iframe on a page that allows no scripts at all, filling the frame the snippet sizes', async () => {
    const example = await (await fetch(`${api}/widget/example.html`)).text();
    const iframe = /<pre tabindex="0"><code>(&lt;iframe[\s\S]*?)<\/code><\/pre>/.exec(example)![1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    // As HTML: the ampersands of the address written as &amp;, as an attribute value should be.
    expect(iframe).toContain(`${api}/embed/comparison?forbund=uppsala&amp;measure=to_work_or_studies&amp;year=2017`);
    const url = host.page('frame', api, iframe, { scripts: false });
    for (const width of [320, 760]) {
      const { page, seen, close } = await open(url, { width });
      const frame = page.frameLocator('iframe');
      await frame.locator('finsam-comparison .source').waitFor();
      const text = await frame.locator('finsam-comparison').evaluate((el) => el.shadowRoot!.textContent!.replace(/[ \t\r\n]+/g, ' '));
      expect(text).toContain('13,6–25,6\u00a0%');
      const frameBox = (await page.locator('iframe').boundingBox())!;
      expect(frameBox.height).toBeGreaterThanOrEqual(400);
      // The chart takes the room the frame has: it is drawn, and the frame's page does not scroll at a usual width.
      const chart = (await frame.locator('finsam-comparison svg').boundingBox())!;
      expect(chart.height).toBeGreaterThan(100);
      if (width > 320) expect(await frame.locator('html').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      // The host's CSP forbids style attributes: the snippet's width and height still size the frame.
      expect(seen.errors.filter((e) => !/style/i.test(e))).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `iframe-${width}.png`), fullPage: true });
      await close();
    }
  });

  it('refuses bad embed parameters with a styled page in the embed\'s language, naming the code and the valid values', async () => {
    const res = await fetch(`${api}/embed/comparison?forbund=uppsala&year=2017&view=pie`);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('BAD_USER_INPUT');
    expect(body).toContain('view must be one of comparison, funnel, trend');
    for (const [query, lang, words] of [
      ['forbund=uppsala&year=2017&view=pie', 'sv', 'Ogiltigt värde för view: "pie". Giltiga värden: comparison, funnel, trend.'],
      ['forbund=uppsala&year=17&lang=en', 'en', 'year must be a four-digit year, e.g. year=2017; got "17"'],
    ] as const) {
      for (const dark of [false, true]) {
        const { page, seen, close } = await open(`${api}/embed/comparison?${query}`, { width: 320, dark });
        const box = page.locator('.embed-error');
        await expect(box.locator('h1').textContent()).resolves.toBe(lang === 'sv' ? 'Jämförelsen kan inte visas' : 'The comparison cannot be shown');
        await expect(box.textContent()).resolves.toContain(words);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
        // The page's stylesheet is applied (a framed box in the system font, not bare serif text) under its CSP.
        const style = await box.evaluate((el) => ({ border: getComputedStyle(el).borderLeftWidth, font: getComputedStyle(el).fontFamily }));
        expect(style.border).toBe('4px');
        expect(style.font).toMatch(/system-ui/);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => v.id)).toEqual([]);
        // The browser's own line for the page's 400 is the only one.
        expect(seen.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
        await page.screenshot({ path: path.join(ARTIFACTS, `embed-error-${lang}-${dark ? 'dark' : 'light'}.png`) });
        await close();
      }
    }
    const hostile = await fetch(`${api}/embed/comparison?forbund=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&year=2017`);
    expect(hostile.status).toBe(200);
    expect(await hostile.text()).not.toContain('<script>alert');
    expect(hostile.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
