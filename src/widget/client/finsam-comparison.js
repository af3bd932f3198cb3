/*
 * <finsam-comparison forbund="uppsala" measure="to_work_or_studies" year="2017" view="comparison|funnel|trend" lang="sv|en">
 * One förbund against the nation, drawn from Finsam Compare. With numerator="9" denominator="60" it previews the
 * comparison view of those counts as if they were stored (comparisonPreview), as /rapportera shows it before a save. Served by the API at /widget/finsam-comparison.js with
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

  // @include text.js
  const STYLE = __FINSAM_STYLE__;
  let sheet = null;
  const styles = () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    return sheet;
  };

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
      return ['forbund', 'measure', 'year', 'view', 'lang', 'api', 'numerator', 'denominator'];
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
      const variables = { forbund, measure, year: Number(yearText) };
      const counts = ['numerator', 'denominator'].map((a) => (this.getAttribute(a) || '').trim());
      if (!counts.some(Boolean)) return { api, view, query: view, variables };
      const bad = counts.findIndex((c) => !/^\d{1,7}$/.test(c));
      if (bad >= 0) return { error: t.invalid(['numerator', 'denominator'][bad], counts[bad], t.countsHint) };
      return { api, view: 'comparison', query: 'preview', variables: { ...variables, numerator: Number(counts[0]), denominator: Number(counts[1]) } };
    }

    async refresh() {
      const generation = ++this.generation;
      const settings = this.settings();
      if (settings.error) return this.show({ message: settings.error });
      this.show({ loading: true });
      const body = await load(settings.api, settings.query, settings.variables);
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
      const frame = h('div', { class: `frame${darkPage(this) ? ' dark' : ''}${s && s.entry && sparse(s) ? ' compact' : ''}`, lang: this.language });
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
      if (s.detail) box.append(h('p', { class: 'small' }, inLanguage(s.detail, 'reason', lang)));
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
      if (outcome.reason) nodes.push(h('p', { class: 'note' }, inLanguage(outcome, 'reason', lang)));
      if (s.notComparable) nodes.push(h('p', { class: 'note' }, inLanguage(s.notComparable, 'reason', lang)));
      this.chartBox = h('div', { class: 'chart' });
      nodes.push(this.chartBox);
      nodes.push(this.legend(s, t));
      if (s.reference && s.reference.isFallback) nodes.push(h('p', { class: 'note' }, `* ${t.fallbackNote(s.reference.year, s.year)}`));
      if (s.view === 'trend' && e.recentTrend) {
        const tr = e.recentTrend;
        nodes.push(h('p', { class: 'small' }, `${t.recentTrend}: ${lang === 'sv' ? tr.labelSv : tr.labelEn}`, tr.reason ? ` (${inLanguage(tr, 'reason', lang)})` : ''));
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
      nodes.push(h('p', { class: 'method' }, `${t.method}: ${inLanguage(outcome, 'method', lang)}`));
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
      if (s.preview) return h('p', { class: 'source' }, t.previewSource);
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
      const compact = sparse(this.state);
      // A chart with one row or one year keeps its own height even in a tall frame: stretched, it would be mostly empty.
      const fill = this.hasAttribute('fill') && !compact;
      const view = this.state.view;
      // Its text is .75 em (12 px at 16 px): a page that sets a larger font (the embed page in a large frame) gets a taller chart.
      const scale = (parseFloat(getComputedStyle(this).fontSize) || 16) / 16;
      const natural = Math.round(scale * (view === 'comparison' ? 110 : compact ? 220 : Math.min(360, Math.max(220, width * 0.6))));
      const height = fill ? Math.max(this.size.height, 110) : natural;
      const draw = view === 'funnel' ? funnelChart : view === 'trend' ? trendChart : comparisonChart;
      const t = TEXT[this.language];
      const svg = h('svg:svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title' },
        h('svg:title', { id: 'chart-title' }, summary(this.state, t, this.language)));
      draw(svg, this.state, { width, height, lang: this.language, t, scale });
      if (!fill) this.chartBox.style.height = `${height}px`;
      this.chartBox.replaceChildren(svg);
    }
  }

  // @include draw.js

  /** What the API said, as a figure to draw or a message to show. */
  function interpret(body, settings) {
    const { view, variables, api } = settings;
    if (body.failure) return { failure: body.failure };
    const errors = body.errors || [];
    const code = (c) => errors.find((e) => e.extensions && e.extensions.code === c);
    // The API's own messages (English, with codes) are for developers: a visitor gets the widget's words.
    if (code('UNKNOWN_FORBUND')) return { message: { key: 'unknownForbund', arg: variables.forbund } };
    if (code('UNKNOWN_MEASURE')) return { message: { key: 'unknownMeasure', arg: variables.measure } };
    if (code('RATE_LIMITED')) return { failure: 'rateLimited' };
    const data = body.data;
    if (!data || errors.length) return { message: { key: 'refused' } };
    if (!data.forbund) return { message: { key: 'unknownForbund', arg: variables.forbund } };
    const nc = data.nationalComparison;
    const measureName = (lang) => (lang === 'sv' ? nc.measure.nameSv || nc.measure.name : nc.measure.name);
    const entry = data.comparisonPreview || data.forbund.benchmark;
    const notComparable = nc.notComparable.find((n) => n.forbund.slug === variables.forbund);
    if (!entry) {
      const years = data.availability && data.availability[0] ? data.availability[0].years : [];
      if (notComparable) return { message: { key: 'notComparable', name: data.forbund.name, year: variables.year }, detail: notComparable };
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
      notComparable: notComparable || null,
      preview: Boolean(data.comparisonPreview),
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
