/*
 * <finsam-comparison forbund="uppsala" measure="to_work_or_studies" year="2017" view="comparison|funnel|trend" lang="sv|en">
 * One förbund against the nation, drawn from Finsam Compare. Served by the API at /widget/finsam-comparison.js with
 * its three queries and their hashes filled in. No dependencies; styles are a constructed stylesheet in the shadow
 * root and every node is built with the DOM, so a host page's strict Content-Security-Policy holds.
 */
(() => {
  'use strict';
  if (!window.customElements || customElements.get('finsam-comparison')) return;

  const QUERIES = __FINSAM_QUERIES__;
  const here = document.currentScript && document.currentScript.src ? document.currentScript.src : location.href;
  const DEFAULT_API = new URL('/graphql', here).href;
  const VIEWS = ['comparison', 'funnel', 'trend'];
  const LANGS = ['sv', 'en'];
  const TIMEOUT_MS = 10000;
  const SVG = 'http://www.w3.org/2000/svg';

  const WORDS = {
    sv: { BETTER: 'bättre', SIMILAR: 'liknande', WORSE: 'sämre', HIGHER: 'högre', LOWER: 'lägre', NOT_COMPARED: 'inte jämförd' },
    en: { BETTER: 'better', SIMILAR: 'similar', WORSE: 'worse', HIGHER: 'higher', LOWER: 'lower', NOT_COMPARED: 'not compared' },
  };
  const ZONES = {
    sv: { ABOVE_998: 'över 99,8 %-gränsen', ABOVE_95: 'över 95 %-gränsen', INSIDE: 'inom gränserna', BELOW_95: 'under 95 %-gränsen', BELOW_998: 'under 99,8 %-gränsen' },
    en: { ABOVE_998: 'above the 99.8 % limit', ABOVE_95: 'above the 95 % limit', INSIDE: 'within the limits', BELOW_95: 'below the 95 % limit', BELOW_998: 'below the 99.8 % limit' },
  };
  const TEXT = {
    sv: {
      loading: 'Hämtar jämförelsen …',
      of: (x, n) => `${x} av ${n}`,
      share: 'Andel',
      ci95: '95 % konfidensintervall',
      ci998: '99,8 % konfidensintervall',
      reference: 'Rikssnitt',
      fallbackNote: (used, year) => `Rikssnittet för ${year} är inte publicerat; det senaste, från ${used}, används.`,
      peer: 'Jämförelsegruppens snitt',
      peerAlone: (label) => `inget annat förbund i ${label}`,
      outcome: 'Jämfört med rikssnittet',
      levels: (a, b) => `95 %: ${a} · 99,8 %: ${b}`,
      method: 'Metod',
      source: 'Källa',
      referenceSource: 'Rikssnitt',
      provenance: 'Uppgiften med proveniens (CSV)',
      showTable: 'Visa tabell',
      hideTable: 'Dölj tabell',
      tableCaption: (name, year) => `${name} ${year} jämfört med rikssnittet`,
      statedOnly: 'Källan anger bara en procentsats, inga antal: inget intervall kan beräknas.',
      funnelCaption: (name, year) => `Trattdiagram ${year}: ${name} markerat`,
      denominator: 'Antal avslutade deltagare',
      position: 'Läge i trattdiagrammet',
      limits95: '95 %-gränser vid samma antal',
      limits998: '99,8 %-gränser vid samma antal',
      widened: 'Gränser vidgade för överspridning',
      target: 'Målvärde',
      pooled: 'sammanvägt värde för förbunden',
      compared: 'Förbund i diagrammet',
      trendCaption: (name) => `${name} år för år`,
      year: 'År',
      recentTrend: 'Trend de senaste fem åren',
      legendValue: 'andel med 95 % (tjock) och 99,8 % (tunn) konfidensintervall',
      legendTrend: 'andel med 95 % konfidensintervall',
      legendOthers: 'övriga förbund',
      legendLimits: 'kontrollgränser 95 % och 99,8 %',
      legendWidened: '99,8 % vidgad för överspridning (streckad)',
      missing: (a) => `Ange attributet ${a}.`,
      yearHint: 'ett år med fyra siffror, t.ex. 2017',
      invalid: (a, v, valid) => `Ogiltigt värde för ${a}: "${v}". Giltiga värden: ${valid}.`,
      unknownForbund: (slug) => `Förbundet "${slug}" finns inte i Finsam Compare.`,
      unknownMeasure: (code) => `Måttet "${code}" finns inte i Finsam Compare.`,
      noData: (name, measure, year) => `${name} har inga uppgifter om "${measure}" för ${year}.`,
      yearsWithData: (years) => `Det finns uppgifter för ${years.join(', ')}.`,
      notComparable: (name, year) => `${/[sxz]$/i.test(name) ? name : `${name}s`} uppgift för ${year} går inte att jämföra med rikssnittet.`,
      unreachable: 'Jämförelsen kunde inte hämtas: Finsam Compare svarar inte just nu.',
      rateLimited: 'Jämförelsen kunde inte hämtas: för många förfrågningar just nu.',
      refused: 'Finsam Compare kunde inte svara på frågan.',
      retry: 'Försök igen',
      summary: (name, v, ci, ref, outcome) => `${name}: ${v}${ci ? ` (95 % konfidensintervall ${ci})` : ''}. ${ref}. ${outcome}.`,
    },
    en: {
      loading: 'Loading the comparison …',
      of: (x, n) => `${x} of ${n}`,
      share: 'Share',
      ci95: '95 % confidence interval',
      ci998: '99.8 % confidence interval',
      reference: 'National average',
      fallbackNote: (used, year) => `The national average for ${year} is not published; the latest, from ${used}, is used.`,
      peer: 'Peer group mean',
      peerAlone: (label) => `no other förbund in ${label}`,
      outcome: 'Against the national average',
      levels: (a, b) => `95 %: ${a} · 99.8 %: ${b}`,
      method: 'Method',
      source: 'Source',
      referenceSource: 'National average',
      provenance: 'The figure with its provenance (CSV)',
      showTable: 'Show table',
      hideTable: 'Hide table',
      tableCaption: (name, year) => `${name} ${year} against the national average`,
      statedOnly: 'The source states only a percentage, no counts: no interval can be calculated.',
      funnelCaption: (name, year) => `Funnel plot ${year}: ${name} highlighted`,
      denominator: 'Ended participants',
      position: 'Position in the funnel',
      limits95: '95 % limits at the same number',
      limits998: '99.8 % limits at the same number',
      widened: 'Limits widened for overdispersion',
      target: 'Target',
      pooled: 'pooled over the förbund',
      compared: 'Förbund in the plot',
      trendCaption: (name) => `${name} year by year`,
      year: 'Year',
      recentTrend: 'Trend over the last five years',
      legendValue: 'share with its 95 % (thick) and 99.8 % (thin) confidence intervals',
      legendTrend: 'share with its 95 % confidence interval',
      legendOthers: 'other förbund',
      legendLimits: 'control limits 95 % and 99.8 %',
      legendWidened: '99.8 % widened for overdispersion (dashed)',
      missing: (a) => `Set the ${a} attribute.`,
      yearHint: 'a four-digit year, e.g. 2017',
      invalid: (a, v, valid) => `Invalid value for ${a}: "${v}". Valid values: ${valid}.`,
      unknownForbund: (slug) => `There is no förbund "${slug}" in Finsam Compare.`,
      unknownMeasure: (code) => `There is no measure "${code}" in Finsam Compare.`,
      noData: (name, measure, year) => `${name} has no figure for "${measure}" in ${year}.`,
      yearsWithData: (years) => `There are figures for ${years.join(', ')}.`,
      notComparable: (name, year) => `${name}'s figure for ${year} cannot be compared with the national average.`,
      unreachable: 'The comparison could not be loaded: Finsam Compare does not answer just now.',
      rateLimited: 'The comparison could not be loaded: too many requests just now.',
      refused: 'Finsam Compare could not answer the question.',
      retry: 'Try again',
      summary: (name, v, ci, ref, outcome) => `${name}: ${v}${ci ? ` (95 % confidence interval ${ci})` : ''}. ${ref}. ${outcome}.`,
    },
  };

  const STYLE = `
:host { display: block; min-width: 0; max-width: 100%; }
:host([hidden]) { display: none; }
.frame { --_accent: var(--finsam-accent, #1d5bbf); --_reference: var(--finsam-reference, #a3341c); --_peer: var(--finsam-peer, #6a3fb0);
  --_muted: var(--finsam-muted, #4b5563); --_grid: var(--finsam-grid, #d5d9df); --_dot: var(--finsam-dot, #6b7280);
  --_surface: var(--finsam-background, transparent); --_focus: var(--finsam-focus, #1d5bbf);
  position: relative; box-sizing: border-box; display: flex; flex-direction: column; gap: .35em; height: 100%; padding: var(--finsam-padding, .75em);
  background: var(--_surface); color: var(--finsam-text, inherit); border: var(--finsam-border, 1px solid var(--_grid));
  border-radius: var(--finsam-radius, 6px); line-height: 1.4; overflow-wrap: anywhere; }
.frame.dark { --_accent: var(--finsam-accent, #86b4ff); --_reference: var(--finsam-reference, #ff9e7d); --_peer: var(--finsam-peer, #c9b0ff);
  --_muted: var(--finsam-muted, #c3c9d1); --_grid: var(--finsam-grid, #4a5059); --_dot: var(--finsam-dot, #9aa3ad); --_focus: var(--finsam-focus, #86b4ff); }
p { margin: 0; }
.title { font-weight: 600; }
.headline { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 .5em; }
.value { font-size: 2em; font-weight: 700; color: var(--_accent); line-height: 1.1; }
.small, .method, .source, .note, .legend { font-size: .85em; color: var(--_muted); }
.outcome { font-weight: 600; }
.chart { position: relative; min-height: 0; }
.chart svg { display: block; width: 100%; overflow: visible; }
:host([fill]) .chart { flex: 1 1 auto; min-height: 120px; }
:host([fill]) .chart svg { position: absolute; inset: 0; height: 100%; }
svg text { fill: currentColor; font-size: 12px; font-family: inherit; }
svg .axis text, svg .muted { fill: var(--_muted); }
svg .grid { stroke: var(--_grid); stroke-width: 1; }
svg .ci95 { stroke: var(--_accent); stroke-width: 8; stroke-linecap: butt; opacity: .45; }
svg .ci998, svg .interval { stroke: var(--_accent); stroke-width: 2; }
svg .dot { fill: var(--_accent); stroke: var(--finsam-dot-outline, Canvas); stroke-width: 2; }
svg .other { fill: var(--_dot); opacity: .7; }
svg .reference { stroke: var(--_reference); stroke-width: 2; }
svg .reference.fallback { stroke-dasharray: 5 3; }
svg .reference-label { fill: var(--_reference); font-weight: 600; }
svg .peer { fill: var(--_peer); stroke: var(--finsam-dot-outline, Canvas); stroke-width: 1.5; }
svg .peer-label { fill: var(--_peer); }
svg .limit95 { stroke: var(--_muted); stroke-width: 1.25; fill: none; }
svg .limit998 { stroke: var(--_muted); stroke-width: 2; fill: none; }
svg .widened { stroke-dasharray: 6 4; stroke-width: 1.25; }
svg .target { stroke: var(--_reference); stroke-width: 2; }
svg .series { stroke: var(--_accent); stroke-width: 1.5; fill: none; opacity: .6; }
.legend { display: flex; flex-wrap: wrap; gap: .15em 1em; }
.legend span::before { content: ""; display: inline-block; width: 1.1em; height: .5em; margin-right: .35em; vertical-align: middle; background: var(--_swatch); border-radius: 2px; }
.legend .l-value { --_swatch: var(--_accent); }
.legend .l-reference { --_swatch: var(--_reference); }
.legend .l-peer { --_swatch: var(--_peer); }
.legend .l-others { --_swatch: var(--_dot); }
.legend .l-limits { --_swatch: var(--_muted); }
a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
a:focus-visible, button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; border-radius: 2px; }
button { font: inherit; font-size: .85em; color: inherit; background: transparent; border: 1px solid var(--_muted); border-radius: 4px; padding: .2em .7em; cursor: pointer; justify-self: start; }
.actions { display: flex; flex-wrap: wrap; gap: .5em 1em; align-items: center; }
table { border-collapse: collapse; font-size: .85em; width: 100%; }
caption { text-align: start; font-weight: 600; padding-bottom: .25em; }
th, td { text-align: start; padding: .2em .5em .2em 0; border-bottom: 1px solid var(--_grid); vertical-align: top; }
td.num { font-variant-numeric: tabular-nums; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.message { border-inline-start: 4px solid var(--_reference); padding-inline-start: .6em; }
`;
  let sheet = null;
  const styles = () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    return sheet;
  };

  /** An element with attributes and children; text is always set as text, never parsed. */
  function h(tag, attrs, ...children) {
    const el = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  const number = (lang, x, digits) => x.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const pct = (lang, share, digits = 0) => `${number(lang, share * 100, digits)}\u00a0%`;
  const interval = (lang, iv) => (iv ? `${number(lang, iv.low * 100, 1)}–${number(lang, iv.high * 100, 1)}\u00a0%` : null);
  const nice = (x, step, up) => (up ? Math.ceil(x / step - 1e-9) : Math.floor(x / step + 1e-9)) * step;

  /** A share's axis [lo, hi] covering the values, on round steps, at least 20 points wide. */
  function shareDomain(values) {
    const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
    let lo = Math.max(0, nice(Math.min(...finite) - 0.02, 0.1, false));
    let hi = Math.min(1, nice(Math.max(...finite) + 0.02, 0.1, true));
    if (hi - lo < 0.2) hi = Math.min(1, lo + 0.2), lo = Math.max(0, hi - 0.2);
    return [lo, hi];
  }
  /** Round ticks from lo up to hi, never past it. */
  const ticks = (lo, hi, step) => Array.from({ length: Math.floor((hi - lo) / step + 1e-9) + 1 }, (_, i) => lo + i * step);

  /** How a label at x is anchored so it stays inside the chart (its width estimated from 12 px text). */
  function anchor(x, text, width) {
    const half = text.length * 3.4;
    return x - half < 0 ? 'start' : x + half > width ? 'end' : 'middle';
  }

  const requests = new Map();

  async function getJson(url) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const res = await fetch(url, { signal: controller.signal, credentials: 'omit', headers: { accept: 'application/json' } });
      if (res.status === 429) return { failure: 'rateLimited' };
      if (res.status >= 500) return { failure: 'unreachable' };
      return await res.json();
    } catch {
      return { failure: 'unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A GET by the query's hash (short, cacheable); the text follows only when the server has not seen it. */
  async function ask(api, view, variables) {
    const { query, sha256 } = QUERIES[view];
    const base = { operationName: query.match(/query (\w+)/)[1], variables: JSON.stringify(variables), extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256 } }) };
    const url = (params) => `${api}${api.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
    const first = await getJson(url(base));
    const notFound = first.errors && first.errors.some((e) => e.extensions && e.extensions.code === 'PERSISTED_QUERY_NOT_FOUND');
    return notFound ? getJson(url({ ...base, query })) : first;
  }

  /** Widgets on one page asking the same share one request. */
  function load(api, view, variables) {
    const key = JSON.stringify([api, view, variables]);
    if (!requests.has(key)) {
      const pending = ask(api, view, variables);
      requests.set(key, pending);
      pending.then((body) => body.failure && requests.delete(key));
    }
    return requests.get(key);
  }

  /** Dark colours when the page's own text is light: the widget follows the page it sits on. */
  function darkPage(el) {
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(getComputedStyle(el).color);
    if (!m) return matchMedia('(prefers-color-scheme: dark)').matches;
    const [r, g, b] = m.slice(1, 4).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4;
  }

  class FinsamComparison extends HTMLElement {
    static get observedAttributes() {
      return ['forbund', 'measure', 'year', 'view', 'lang', 'api'];
    }

    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'open' });
      this.root.adoptedStyleSheets = [styles()];
      this.state = null;
      this.size = { width: 0, height: 0 };
      this.chartBox = null;
      this.resizer = new ResizeObserver((entries) => this.resized(entries[entries.length - 1].contentRect));
      this.scheme = matchMedia('(prefers-color-scheme: dark)');
      this.onScheme = () => this.render();
      this.generation = 0;
      this.pending = false;
    }

    connectedCallback() {
      this.scheme.addEventListener('change', this.onScheme);
      this.refresh();
    }

    disconnectedCallback() {
      this.scheme.removeEventListener('change', this.onScheme);
      this.resizer.disconnect();
    }

    attributeChangedCallback() {
      if (this.isConnected && !this.pending) {
        this.pending = true;
        queueMicrotask(() => {
          this.pending = false;
          this.refresh();
        });
      }
    }

    /** The widget's language (not HTMLElement's own lang property, which it leaves alone). */
    get language() {
      const lang = (this.getAttribute('lang') || 'sv').toLowerCase();
      return LANGS.includes(lang) ? lang : 'sv';
    }

    /** The attributes checked before anything is asked; a message names what is wrong and what is valid. */
    settings() {
      const t = TEXT[this.language];
      const forbund = (this.getAttribute('forbund') || '').trim();
      const measure = (this.getAttribute('measure') || 'to_work_or_studies').trim();
      const yearText = (this.getAttribute('year') || '').trim();
      const view = (this.getAttribute('view') || 'comparison').trim();
      const lang = (this.getAttribute('lang') || 'sv').trim().toLowerCase();
      if (!forbund) return { error: t.missing('forbund') };
      if (!yearText) return { error: t.missing('year') };
      if (!/^\d{4}$/.test(yearText)) return { error: t.invalid('year', yearText, t.yearHint) };
      if (!VIEWS.includes(view)) return { error: t.invalid('view', view, VIEWS.join(', ')) };
      if (!LANGS.includes(lang)) return { error: t.invalid('lang', lang, LANGS.join(', ')) };
      const api = this.getAttribute('api') || DEFAULT_API;
      return { api, view, variables: { forbund, measure, year: Number(yearText) } };
    }

    async refresh() {
      const generation = ++this.generation;
      const settings = this.settings();
      if (settings.error) return this.show({ message: settings.error });
      this.show({ loading: true });
      const body = await load(settings.api, settings.view, settings.variables);
      if (generation !== this.generation) return;
      this.show(interpret(body, settings));
    }

    show(state) {
      this.state = state;
      this.render();
    }

    resized(rect) {
      const width = Math.round(rect.width);
      const height = Math.round(rect.height);
      const fill = this.hasAttribute('fill');
      if (width === this.size.width && (!fill || height === this.size.height)) return;
      this.size = { width, height };
      this.drawChart();
    }

    render() {
      const t = TEXT[this.language];
      const s = this.state;
      const frame = h('div', { class: `frame${darkPage(this) ? ' dark' : ''}`, lang: this.language });
      this.resizer.disconnect();
      this.chartBox = null;
      if (!s || s.loading) {
        frame.setAttribute('aria-busy', 'true');
        frame.append(h('p', { role: 'status', class: 'small' }, t.loading));
      } else if (s.message || s.failure) {
        frame.append(this.messageNodes(s, t, this.language));
      } else {
        frame.append(...this.figureNodes(s, t));
      }
      this.root.replaceChildren(frame);
      // The observer's first call gives the chart its size and draws it, before the frame is painted.
      this.size = { width: 0, height: 0 };
      if (this.chartBox) this.resizer.observe(this.chartBox);
    }

    messageNodes(s, t, lang) {
      const box = h('div', { class: 'message', role: 'status' });
      box.append(h('p', {}, s.failure ? t[s.failure] : messageText(s.message, t, lang)));
      if (s.detail) box.append(h('p', { class: 'small', lang: 'en' }, s.detail));
      if (s.failure) {
        const retry = h('button', { type: 'button' }, t.retry);
        retry.addEventListener('click', () => this.refresh());
        box.append(h('p', { class: 'actions' }, retry));
      }
      return box;
    }

    figureNodes(s, t) {
      const lang = this.language;
      const e = s.entry;
      const v = e.value;
      const nodes = [h('p', { class: 'title', id: 'title' }, `${s.forbund.name} · ${s.measureName(lang)} ${s.year}`)];
      nodes.push(
        h('p', { class: 'headline' },
          h('span', { class: 'value' }, v.value !== null ? pct(lang, v.value) : `${number(lang, v.statedPercent, 0)}\u00a0%`),
          v.numerator !== null && v.denominator !== null ? h('span', { class: 'small' }, t.of(v.numerator, v.denominator)) : null,
          e.ci95 ? h('span', { class: 'small' }, `${t.ci95}: ${interval(lang, e.ci95)}`) : null),
      );
      const outcome = e.outcome;
      nodes.push(
        h('p', { class: 'outcome' }, lang === 'sv' ? outcome.labelSv : outcome.labelEn,
          outcome.at95 !== 'NOT_COMPARED' ? h('span', { class: 'small' }, ` (${t.levels(WORDS[lang][outcome.at95], WORDS[lang][outcome.at998])})`) : null),
      );
      if (outcome.reason) nodes.push(h('p', { class: 'note', lang: 'en' }, outcome.reason));
      if (s.notComparableReason) nodes.push(h('p', { class: 'note', lang: 'en' }, s.notComparableReason));
      this.chartBox = h('div', { class: 'chart' });
      nodes.push(this.chartBox);
      nodes.push(this.legend(s, t));
      if (s.reference && s.reference.isFallback) nodes.push(h('p', { class: 'note' }, `* ${t.fallbackNote(s.reference.year, s.year)}`));
      if (s.view === 'trend' && e.recentTrend) {
        const tr = e.recentTrend;
        nodes.push(h('p', { class: 'small' }, `${t.recentTrend}: ${lang === 'sv' ? tr.labelSv : tr.labelEn}`, tr.reason ? h('span', { lang: 'en' }, ` (${tr.reason})`) : null));
      }
      const table = this.table(s, t);
      const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'table' }, t.showTable);
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? t.hideTable : t.showTable;
        table.classList.toggle('sr-only', !open);
      });
      nodes.push(h('div', { class: 'actions' }, toggle), table);
      nodes.push(this.sources(s, t));
      nodes.push(h('p', { class: 'method' }, `${t.method}: `, h('span', { lang: 'en' }, outcome.method)));
      return nodes;
    }

    legend(s, t) {
      const items = [h('span', { class: 'l-value' }, s.view === 'funnel' ? s.forbund.name : s.view === 'trend' ? t.legendTrend : t.legendValue)];
      if (s.view === 'funnel') {
        items.push(h('span', { class: 'l-others' }, t.legendOthers), h('span', { class: 'l-limits' }, t.legendLimits));
        if (s.funnel.overdispersion.adjusted) items.push(h('span', { class: 'l-limits' }, t.legendWidened));
      }
      if (s.reference && s.reference.value !== null) items.push(h('span', { class: 'l-reference' }, `${t.reference} ${pct(this.language, s.reference.value)} (${s.reference.year}${s.reference.isFallback ? '*' : ''})`));
      if (s.view === 'comparison' && s.peer && s.peer.count > 1) items.push(h('span', { class: 'l-peer' }, `${t.peer}: ${s.peer.label}`));
      return h('p', { class: 'legend', 'aria-hidden': 'true' }, items);
    }

    sources(s, t) {
      const doc = s.entry.value.provenance.document;
      const refDoc = s.reference && s.reference.provenance ? s.reference.provenance.document : null;
      // Only web addresses become links: a stored url is data, never a script to run.
      const link = (d) => (/^https?:\/\//i.test(d.url || '') ? h('a', { href: d.url, rel: 'noopener', target: '_blank' }, d.title) : d.title);
      return h('p', { class: 'source' },
        `${t.source}: `, link(doc), `, ${s.entry.value.provenance.locator} (${s.year})`,
        refDoc ? [' · ', `${t.referenceSource}: `, link(refDoc)] : null,
        ' · ', h('a', { href: s.csv }, t.provenance));
    }

    table(s, t) {
      const lang = this.language;
      const e = s.entry;
      const row = (label, ...cells) => h('tr', {}, h('th', { scope: 'row' }, label), cells.map((c) => h('td', { class: 'num' }, c)));
      const value = e.value.value !== null ? `${pct(lang, e.value.value, 1)} (${t.of(e.value.numerator, e.value.denominator)})` : `${number(lang, e.value.statedPercent, 0)}\u00a0%`;
      const ref = s.reference && s.reference.value !== null ? `${pct(lang, s.reference.value)} (${s.reference.year}${s.reference.isFallback ? '*' : ''})` : '–';
      let caption;
      let rows;
      if (s.view === 'trend') {
        caption = t.trendCaption(s.forbund.name);
        rows = [h('tr', {}, [t.year, t.share, t.ci95, t.reference].map((c) => h('th', { scope: 'col' }, c)))].concat(
          s.series.map((p) => row(String(p.year), p.value.value !== null ? `${pct(lang, p.value.value, 1)} (${t.of(p.value.numerator, p.value.denominator)})` : '–',
            interval(lang, p.ci95) || '–', p.reference && p.reference.value !== null ? `${pct(lang, p.reference.value)}${p.reference.isFallback ? ` (${p.reference.year}*)` : ''}` : '–')),
        );
      } else if (s.view === 'funnel') {
        const f = e.funnel;
        caption = t.funnelCaption(s.forbund.name, s.year);
        rows = [
          row(t.share, value),
          row(t.denominator, e.value.denominator === null ? '–' : String(e.value.denominator)),
          row(t.position, f ? ZONES[lang][f.position] : '–'),
          row(t.limits95, f ? interval(lang, { low: f.lower95, high: f.upper95 }) : '–'),
          row(t.limits998, f ? interval(lang, { low: f.lower998, high: f.upper998 }) : '–'),
          row(t.target, s.funnel.target ? `${pct(lang, s.funnel.target.value, 1)}${s.funnel.target.basis === 'POOLED' ? ` (${t.pooled})` : ''}` : '–'),
          s.funnel.overdispersion.adjusted && f && f.adjustedPosition ? row(t.widened, ZONES[lang][f.adjustedPosition]) : null,
          row(t.compared, String(s.points.length)),
        ];
      } else {
        caption = t.tableCaption(s.forbund.name, s.year);
        rows = [
          row(t.share, value),
          row(t.ci95, interval(lang, e.ci95) || t.statedOnly),
          row(t.ci998, interval(lang, e.ci998) || '–'),
          row(t.reference, ref),
          row(t.peer, s.peer ? (s.peer.count > 1 ? `${pct(lang, s.peer.mean, 1)} (${s.peer.label}, ${s.peer.count})` : t.peerAlone(s.peer.label)) : '–'),
          row(t.outcome, e.outcome.at95 === 'NOT_COMPARED' ? e.outcome[lang === 'sv' ? 'labelSv' : 'labelEn'] : t.levels(WORDS[lang][e.outcome.at95], WORDS[lang][e.outcome.at998])),
        ];
      }
      // Hidden by its box, not itself: a table is never narrower than its content.
      return h('div', { id: 'table', class: 'table-box sr-only' }, h('table', {}, h('caption', {}, caption), h('tbody', {}, rows)));
    }

    /** The chart is drawn at the size it is shown, so its text stays readable from 320 px up. */
    drawChart() {
      if (!this.chartBox || !this.state || !this.state.entry) return;
      const width = Math.max(this.size.width, 200);
      const fill = this.hasAttribute('fill');
      const view = this.state.view;
      const natural = view === 'comparison' ? 110 : Math.round(Math.min(360, Math.max(220, width * 0.6)));
      const height = fill ? Math.max(this.size.height, 110) : natural;
      const draw = view === 'funnel' ? funnelChart : view === 'trend' ? trendChart : comparisonChart;
      const t = TEXT[this.language];
      const svg = h('svg:svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title' },
        h('svg:title', { id: 'chart-title' }, summary(this.state, t, this.language)));
      draw(svg, this.state, { width, height, lang: this.language, t });
      if (!fill) this.chartBox.style.height = `${height}px`;
      this.chartBox.replaceChildren(svg);
    }
  }

  /** A message in the widget's language: attribute problems come as text, the API's answers as a key and facts. */
  function messageText(m, t, lang) {
    if (typeof m === 'string') return m;
    if (m.key === 'unknownForbund') return t.unknownForbund(m.arg);
    if (m.key === 'unknownMeasure') return t.unknownMeasure(m.arg);
    if (m.key === 'notComparable') return t.notComparable(m.name, m.year);
    if (m.key === 'noData') return [t.noData(m.name, m.measureName(lang), m.year), m.years.length ? t.yearsWithData(m.years) : ''].join(' ').trim();
    return t.refused;
  }

  function summary(s, t, lang) {
    const e = s.entry;
    const v = e.value.value !== null ? pct(lang, e.value.value) : `${number(lang, e.value.statedPercent, 0)}\u00a0%`;
    const ref = s.reference && s.reference.value !== null ? `${t.reference} ${pct(lang, s.reference.value)} (${s.reference.year})` : t.reference;
    return t.summary(s.forbund.name, v, interval(lang, e.ci95), ref, lang === 'sv' ? e.outcome.labelSv : e.outcome.labelEn);
  }

  function comparisonChart(svg, s, { width, height, lang, t }) {
    const e = s.entry;
    const v = e.value.value !== null ? e.value.value : e.value.statedPercent / 100;
    const ref = s.reference && s.reference.value !== null ? s.reference.value : null;
    const peer = s.peer && s.peer.count > 1 ? s.peer.mean : null;
    const [lo, hi] = shareDomain([v, ref, peer, e.ci998 && e.ci998.low, e.ci998 && e.ci998.high, e.ci95 && e.ci95.low, e.ci95 && e.ci95.high]);
    const pad = 12;
    const x = (p) => pad + ((p - lo) / (hi - lo)) * (width - 2 * pad);
    const axisY = height - 20;
    const rowY = Math.round(axisY / 2 + 8);
    const step = hi - lo > 0.5 ? 0.2 : 0.1;
    const g = h('svg:g', { class: 'axis', 'aria-hidden': 'true' });
    for (const tick of ticks(lo, hi, step)) g.append(h('svg:line', { class: 'grid', x1: x(tick), x2: x(tick), y1: 18, y2: axisY }), h('svg:text', { x: x(tick), y: axisY + 14, 'text-anchor': 'middle' }, pct(lang, tick)));
    svg.append(g);
    if (ref !== null) {
      const label = `${t.reference} ${pct(lang, ref)} (${s.reference.year}${s.reference.isFallback ? '*' : ''})`;
      svg.append(h('svg:line', { class: `reference${s.reference.isFallback ? ' fallback' : ''}`, x1: x(ref), x2: x(ref), y1: 18, y2: axisY }),
        h('svg:text', { class: 'reference-label', x: x(ref), y: 12, 'text-anchor': anchor(x(ref), label, width) }, label));
    }
    if (e.ci998) svg.append(h('svg:line', { class: 'ci998', x1: x(e.ci998.low), x2: x(e.ci998.high), y1: rowY, y2: rowY }));
    if (e.ci95) svg.append(h('svg:line', { class: 'ci95', x1: x(e.ci95.low), x2: x(e.ci95.high), y1: rowY, y2: rowY }));
    if (peer !== null) {
      const px = x(peer);
      svg.append(h('svg:path', { class: 'peer', d: `M${px} ${rowY - 16}l5 6-5 6-5-6z` }));
    }
    svg.append(h('svg:circle', { class: 'dot', cx: x(v), cy: rowY, r: 7 }));
  }

  function funnelChart(svg, s, { width, height, lang, t }) {
    const left = 44;
    const bottom = 34;
    const top = 18;
    const right = 12;
    const points = s.points;
    const limits = s.funnel.limits;
    const maxN = Math.max(...points.map((p) => p.denominator), ...limits.map((l) => l.denominator)) * 1.05;
    const minN = Math.min(...points.map((p) => p.denominator));
    const shown = limits.filter((l) => l.denominator >= minN * 0.8);
    const [lo, hi] = shareDomain([...points.map((p) => p.value), ...shown.flatMap((l) => [l.lower998, l.upper998]), s.funnel.target && s.funnel.target.value]);
    const x = (n) => left + (n / maxN) * (width - left - right);
    const y = (p) => top + (1 - (p - lo) / (hi - lo)) * (height - top - bottom);
    const g = h('svg:g', { class: 'axis', 'aria-hidden': 'true' });
    for (const tick of ticks(lo, hi, hi - lo > 0.5 ? 0.2 : 0.1)) g.append(h('svg:line', { class: 'grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }), h('svg:text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, pct(lang, tick)));
    const nStep = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find((st) => maxN / st <= Math.max(3, Math.floor((width - left) / 70))) || 10000;
    for (let n = 0; n <= maxN; n += nStep) g.append(h('svg:text', { x: x(n), y: height - bottom + 16, 'text-anchor': 'middle' }, number(lang, n, 0)));
    g.append(h('svg:text', { x: left + (width - left - right) / 2, y: height - 4, 'text-anchor': 'middle' }, t.denominator));
    svg.append(g);
    const path = (key) => `M${shown.map((l) => `${x(l.denominator).toFixed(1)} ${y(Math.min(hi, Math.max(lo, l[key]))).toFixed(1)}`).join('L')}`;
    if (shown.length > 1) {
      for (const key of ['lower95', 'upper95']) svg.append(h('svg:path', { class: 'limit95', d: path(key) }));
      for (const key of ['lower998', 'upper998']) svg.append(h('svg:path', { class: 'limit998', d: path(key) }));
      if (s.funnel.overdispersion.adjusted) for (const key of ['adjustedLower998', 'adjustedUpper998']) svg.append(h('svg:path', { class: 'limit998 widened', d: path(key) }));
    }
    if (s.funnel.target) svg.append(h('svg:line', { class: 'target', x1: left, x2: width - right, y1: y(s.funnel.target.value), y2: y(s.funnel.target.value) }));
    const mine = points.find((p) => p.slug === s.forbund.slug);
    for (const p of points) if (p !== mine) svg.append(h('svg:circle', { class: 'other', cx: x(p.denominator), cy: y(p.value), r: 3 }));
    if (mine) {
      const cx = x(mine.denominator);
      const side = anchor(cx, s.forbund.name, width);
      svg.append(h('svg:circle', { class: 'dot', cx, cy: y(mine.value), r: 7 }),
        h('svg:text', { x: cx + (side === 'start' ? 10 : side === 'end' ? -10 : 0), y: y(mine.value) - 12, 'text-anchor': side, 'font-weight': 600 }, s.forbund.name));
    }
  }

  function trendChart(svg, s, { width, height, lang }) {
    const left = 60;
    const bottom = 24;
    const top = 18;
    const right = 24;
    const series = s.series;
    const years = series.map((p) => p.year);
    const first = Math.min(...years);
    const last = Math.max(...years);
    const values = series.flatMap((p) => [p.value.value, p.ci95 && p.ci95.low, p.ci95 && p.ci95.high, p.reference && p.reference.value]);
    const [lo, hi] = shareDomain(values);
    const x = (yr) => (first === last ? left + (width - left - right) / 2 : left + ((yr - first) / (last - first)) * (width - left - right));
    const y = (p) => top + (1 - (p - lo) / (hi - lo)) * (height - top - bottom);
    const g = h('svg:g', { class: 'axis', 'aria-hidden': 'true' });
    for (const tick of ticks(lo, hi, hi - lo > 0.5 ? 0.2 : 0.1)) g.append(h('svg:line', { class: 'grid', x1: left - 16, x2: width - 8, y1: y(tick), y2: y(tick) }), h('svg:text', { x: left - 22, y: y(tick) + 4, 'text-anchor': 'end' }, pct(lang, tick)));
    const every = Math.max(1, Math.ceil((years.length * 44) / (width - left)));
    years.forEach((yr, i) => i % every === 0 && g.append(h('svg:text', { x: x(yr), y: height - 6, 'text-anchor': 'middle' }, String(yr))));
    svg.append(g);
    const counted = series.filter((p) => p.value.value !== null);
    if (counted.length > 1) svg.append(h('svg:path', { class: 'series', d: `M${counted.map((p) => `${x(p.year).toFixed(1)} ${y(p.value.value).toFixed(1)}`).join('L')}` }));
    for (const p of series) {
      const cx = x(p.year);
      if (p.reference && p.reference.value !== null) svg.append(h('svg:line', { class: `reference${p.reference.isFallback ? ' fallback' : ''}`, x1: cx - 9, x2: cx + 9, y1: y(p.reference.value), y2: y(p.reference.value) }));
      if (p.ci95) svg.append(h('svg:line', { class: 'interval', x1: cx, x2: cx, y1: y(p.ci95.low), y2: y(p.ci95.high) }));
      if (p.value.value !== null) svg.append(h('svg:circle', { class: 'dot', cx, cy: y(p.value.value), r: 5 }));
    }
  }

  /** What the API said, as a figure to draw or a message to show. */
  function interpret(body, settings) {
    const { view, variables, api } = settings;
    if (body.failure) return { failure: body.failure };
    const errors = body.errors || [];
    const code = (c) => errors.find((e) => e.extensions && e.extensions.code === c);
    if (code('UNKNOWN_FORBUND')) return { message: { key: 'unknownForbund', arg: variables.forbund }, detail: code('UNKNOWN_FORBUND').message };
    if (code('UNKNOWN_MEASURE')) return { message: { key: 'unknownMeasure', arg: variables.measure }, detail: code('UNKNOWN_MEASURE').message };
    if (code('RATE_LIMITED')) return { failure: 'rateLimited' };
    const data = body.data;
    if (!data || errors.length) return { message: { key: 'refused' }, detail: errors.map((e) => e.message).join(' ') || null };
    if (!data.forbund) return { message: { key: 'unknownForbund', arg: variables.forbund } };
    const nc = data.nationalComparison;
    const measureName = (lang) => (lang === 'sv' ? nc.measure.nameSv || nc.measure.name : nc.measure.name);
    const entry = data.forbund.benchmark;
    const notComparable = nc.notComparable.find((n) => n.forbund.slug === variables.forbund);
    if (!entry) {
      const years = data.availability && data.availability[0] ? data.availability[0].years : [];
      if (notComparable) return { message: { key: 'notComparable', name: data.forbund.name, year: variables.year }, detail: notComparable.reason };
      return { message: { key: 'noData', name: data.forbund.name, measureName, year: variables.year, years } };
    }
    const origin = new URL(api, location.href).origin;
    const csv = `${origin}/export/observations.csv?${new URLSearchParams({ forbund: variables.forbund, measures: variables.measure, years: String(variables.year) })}`;
    const state = {
      view,
      year: variables.year,
      forbund: data.forbund,
      entry,
      measureName,
      reference: entry.reference || nc.reference,
      peer: entry.peerGroup,
      csv,
      notComparableReason: notComparable ? notComparable.reason : null,
    };
    if (view === 'funnel') {
      state.funnel = nc.funnel;
      state.points = nc.entries.filter((p) => p.value.value !== null && p.value.denominator).map((p) => ({ slug: p.forbund.slug, value: p.value.value, denominator: p.value.denominator }));
    }
    if (view === 'trend') state.series = data.forbund.trend;
    return state;
  }

  customElements.define('finsam-comparison', FinsamComparison);
})();
