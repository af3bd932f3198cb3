/**
 * The widget's two HTML pages: /embed/comparison (the iframe alternative, for portals that allow no scripts
 * of others) and /widget/example.html (both ways, live, with the snippets to copy). Neither has an inline
 * script or style: they are served under a strict Content-Security-Policy, the one a careful host would set.
 */
import { badInput } from '../platform/common/errors';
import { escapeXml } from '../platform/common/text';
import { checkParams } from '../platform/http/params';

export const VIEWS = ['comparison', 'funnel', 'trend'] as const;
export const LANGS = ['sv', 'en'] as const;

export interface EmbedParams {
  forbund: string;
  measure: string;
  year: string;
  view: (typeof VIEWS)[number];
  lang: (typeof LANGS)[number];
}

const KNOWN = ['forbund', 'measure', 'year', 'view', 'lang'];
const MAX_PARAM_CHARS = 100;

/** The embed page's parameters, checked as the widget would check its attributes; forbund and year are required. */
export function embedParams(params: URLSearchParams, defaults: Partial<EmbedParams> = {}): EmbedParams {
  checkParams(params, KNOWN);
  // Each refusal also in Swedish (extensions.messageSv): the error page speaks the embed's language.
  for (const [name, value] of params) {
    if (value.length > MAX_PARAM_CHARS) throw badInput(`${name} is over the limit of ${MAX_PARAM_CHARS} characters`, { messageSv: `${name} är längre än ${MAX_PARAM_CHARS} tecken.` });
  }
  const forbund = params.get('forbund') ?? defaults.forbund;
  if (!forbund) throw badInput('forbund is required, e.g. forbund=uppsala', { messageSv: 'Ange förbundet, t.ex. forbund=uppsala.' });
  const year = params.get('year') ?? defaults.year;
  const shown = (v: string) => JSON.stringify(v.slice(0, 40));
  if (!year || !/^\d{4}$/.test(year)) {
    throw badInput(`year must be a four-digit year, e.g. year=2017; got ${shown(year ?? '')}`, { messageSv: `Ogiltigt värde för year: ${shown(year ?? '')}. Ange ett år med fyra siffror, t.ex. year=2017.` });
  }
  const invalid = (name: string, value: string, valid: readonly string[]) =>
    badInput(`${name} must be one of ${valid.join(', ')}; got ${shown(value)}`, { messageSv: `Ogiltigt värde för ${name}: ${shown(value)}. Giltiga värden: ${valid.join(', ')}.` });
  const view = params.get('view') ?? 'comparison';
  if (!(VIEWS as readonly string[]).includes(view)) throw invalid('view', view, VIEWS);
  const lang = params.get('lang') ?? 'sv';
  if (!(LANGS as readonly string[]).includes(lang)) throw invalid('lang', lang, LANGS);
  return { forbund, measure: params.get('measure') ?? defaults.measure ?? 'to_work_or_studies', year, view: view as EmbedParams['view'], lang: lang as EmbedParams['lang'] };
}

/** Content-Security-Policy of both pages: only this origin's files, nothing inline. */
export function pageCsp(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    // data: for the empty favicon only: without one, the browser asks /favicon.ico and logs the 404.
    "img-src 'self' data:",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

const element = (p: EmbedParams, extra = '') =>
  `<finsam-comparison forbund="${escapeXml(p.forbund)}" measure="${escapeXml(p.measure)}" year="${escapeXml(p.year)}"${p.view === 'comparison' ? '' : ` view="${p.view}"`}${p.lang === 'sv' ? '' : ` lang="${p.lang}"`}${extra}></finsam-comparison>`;

const embedQuery = (p: EmbedParams) => new URLSearchParams({ forbund: p.forbund, measure: p.measure, year: p.year, view: p.view, lang: p.lang }).toString();

/**
 * The page a bad parameter gets, in the embed's look and language (English only with lang=en): what is wrong in
 * words, and the code and the API's message for whoever wrote the address.
 */
export function embedErrorPage(lang: string | null, code: string, message: string, messageSv: string | null): string {
  const sv = lang !== 'en';
  const title = sv ? 'Jämförelsen kan inte visas' : 'The comparison cannot be shown';
  const said = sv ? (messageSv ?? 'Adressen till jämförelsen är felaktig.') : message;
  return `<!doctype html>
<html lang="${sv ? 'sv' : 'en'}" class="embed">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Finsam Compare</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/widget/page.css">
</head>
<body>
<main class="embed-box"><div class="embed-error" role="alert">
<h1>${title}</h1>
<p>${escapeXml(said)}</p>
<p class="embed-error-code" lang="en"><code>${escapeXml(code)}</code>: ${escapeXml(message)}</p>
</div></main>
</body>
</html>
`;
}

/** The widget alone, filling its frame: the iframe's aspect-ratio sizes it and the chart takes the room left. */
export function embedPage(p: EmbedParams): string {
  const title = p.lang === 'sv' ? `${p.forbund} jämfört med rikssnittet ${p.year}` : `${p.forbund} against the national average, ${p.year}`;
  return `<!doctype html>
<html lang="${p.lang}" class="embed">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)} · Finsam Compare</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/widget/page.css">
<script src="/widget/finsam-comparison.js" defer></script>
</head>
<body>
<main class="embed-box" aria-labelledby="page-title"><h1 id="page-title" class="sr-only">${escapeXml(title)}</h1>${element(p, ' fill')}</main>
</body>
</html>
`;
}

const frameTitle = (p: EmbedParams) => (p.lang === 'sv' ? 'Förbundet jämfört med rikssnittet (Finsam Compare)' : 'The förbund against the national average (Finsam Compare)');

/**
 * The iframe snippet for these parameters, as a portal pastes it: its height follows its width (aspect-ratio),
 * and where a host's CSP refuses style attributes, width and height still give it a usable size.
 */
export function iframeSnippet(origin: string, p: EmbedParams): string {
  return `<iframe src="${origin}/embed/comparison?${escapeXml(embedQuery(p))}" title="${frameTitle(p)}" width="100%" height="440" loading="lazy"
  style="max-width: 720px; aspect-ratio: 4 / 3; height: auto; min-height: 400px; border: 0"></iframe>`;
}

/** The same frame on the example page, styled by class: the page's own CSP refuses style attributes. */
const liveFrame = (p: EmbedParams) =>
  `<iframe class="finsam-frame" src="/embed/comparison?${escapeXml(embedQuery(p))}" title="${frameTitle(p)}" width="100%" height="440"></iframe>`;

/** The two-line snippet for these parameters. */
export function scriptSnippet(origin: string, p: EmbedParams): string {
  return `<script src="${origin}/widget/finsam-comparison.js" defer></script>\n${element(p)}`;
}

/** /widget/example.html: each way of putting the comparison on a page, live, beside the snippet that makes it. */
export function examplePage(origin: string, p: EmbedParams): string {
  // Focusable, so a keyboard user can scroll a long line.
  const code = (text: string) => `<pre tabindex="0"><code>${escapeXml(text)}</code></pre>`;
  const funnel = { ...p, view: 'funnel' as const };
  const trend = { ...p, view: 'trend' as const };
  const english = { ...p, lang: 'en' as const };
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Finsam Compare på din webbsida</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/widget/page.css">
<script src="/widget/finsam-comparison.js" defer></script>
</head>
<body>
<main class="example">
<h1>Finsam Compare på din webbsida</h1>
<p>Visa hur ert samordningsförbund står sig mot riket med två rader HTML. Byt <code>forbund</code>,
<code>measure</code> och <code>year</code> (eller öppna sidan med <code>?forbund=…&amp;year=…</code>).
<span lang="en">Show how your förbund compares with the nation with two lines of HTML.</span></p>

<h2>Med skript / <span lang="en">With a script</span></h2>
${code(scriptSnippet(origin, p))}
<div class="live">${element(p)}</div>

<h2>Trattdiagram / <span lang="en">Funnel plot</span> (<code>view="funnel"</code>)</h2>
${code(element(funnel))}
<div class="live">${element(funnel)}</div>

<h2>Tidsserie / <span lang="en">Trend</span> (<code>view="trend"</code>)</h2>
${code(element(trend))}
<div class="live">${element(trend)}</div>

<h2><span lang="en">In English</span> (<code>lang="en"</code>)</h2>
${code(element(english))}
<div class="live" lang="en">${element(english)}</div>

<h2>Utan skript: iframe / <span lang="en">Without scripts: an iframe</span></h2>
<p>För portaler som inte tillåter andras skript. Ramen får sin höjd av bredden (<code>aspect-ratio</code>) och
diagrammet fyller den. <span lang="en">For portals that allow no scripts of others: the frame takes its height
from its width and the chart fills it.</span></p>
${code(iframeSnippet(origin, p))}
<div class="live">${liveFrame(p)}</div>

<h2>Utseende / <span lang="en">Theming</span></h2>
<p>Widgeten ärver sidans typsnitt och textfärg och följer ljust eller mörkt läge. Färgerna kan ändras med
CSS-variabler på elementet: <span lang="en">It inherits the page's font and text colour and follows its light or
dark scheme. Colours can be set with custom properties:</span></p>
${code(`finsam-comparison {
  --finsam-accent: #005b99;      /* förbundets andel och intervall */
  --finsam-reference: #a3341c;   /* rikssnittet */
  --finsam-peer: #6a3fb0;        /* jämförelsegruppens snitt */
  --finsam-muted: #4b5563;       /* axlar, källa, metod */
  --finsam-grid: #d5d9df;        /* rutnät och ram */
  --finsam-background: transparent;
  --finsam-border: 1px solid #d5d9df;
  --finsam-padding: .75em;
}`)}
</main>
</body>
</html>
`;
}
