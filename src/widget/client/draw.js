/* Building nodes and drawing the three charts (included into finsam-comparison.js by src/widget/assets.ts). */
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
  /** The API's text in the widget's language: `${field}Sv` in Swedish, `${field}` (English) otherwise. */
  const inLanguage = (o, field, lang) => (lang === 'sv' ? o[`${field}Sv`] : o[field]);
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

  /** A figure with nothing to spread over a tall frame: the comparison's one row, or a trend of one year. */
  const sparse = (s) => s.view === 'comparison' || (s.view === 'trend' && s.series.filter((p) => p.value.value !== null).length < 2);

  /** The parts of a polyline [[x, y]…] inside the band top ≤ y ≤ bottom, as a path: a limit line leaves the plot at its edge. */
  function clippedPath(points, top, bottom) {
    const inside = ([, y]) => y >= top && y <= bottom;
    const edge = ([x0, y0], [x1, y1]) => {
      const yEdge = (y0 < top) !== (y1 < top) ? top : bottom;
      return [x0 + ((yEdge - y0) / (y1 - y0)) * (x1 - x0), yEdge];
    };
    let d = '';
    let drawing = false;
    points.forEach((p, i) => {
      const previous = points[i - 1];
      if (inside(p)) {
        d += drawing ? 'L' : 'M';
        if (!drawing && previous) d += `${edge(previous, p).map((v) => v.toFixed(1)).join(' ')}L`;
        d += `${p[0].toFixed(1)} ${p[1].toFixed(1)}`;
        drawing = true;
      } else if (drawing) {
        d += `L${edge(previous, p).map((v) => v.toFixed(1)).join(' ')}`;
        drawing = false;
      }
    });
    return d;
  }

  /** A label near (cx, cy) kept inside left…right, shortened with … when it is wider than that (12 px text is about 7 px a character). */
  function placeLabel(text, cx, cy, left, right, top, scale) {
    const CHAR = 7 * scale;
    const room = right - left;
    const shown = text.length * CHAR <= room ? text : `${text.slice(0, Math.max(1, Math.floor(room / CHAR) - 1))}…`;
    const w = shown.length * CHAR;
    return { text: shown, x: Math.min(Math.max(cx - w / 2, left), right - w), y: cy - 12 < top + 10 ? cy + 22 : cy - 12 };
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

  function funnelChart(svg, s, { width, height, lang, t, scale }) {
    const left = 44;
    const bottom = 34;
    const top = 18;
    const right = 12;
    const points = s.points;
    const limits = s.funnel.limits;
    const maxN = Math.max(...points.map((p) => p.denominator), ...limits.map((l) => l.denominator)) * 1.05;
    const minN = Math.min(...points.map((p) => p.denominator));
    // The share axis spans the points and the limits near them; the limits of tiny denominators (near 0 and 100 %) leave the plot.
    const near = limits.filter((l) => l.denominator >= minN * 0.8);
    const [lo, hi] = shareDomain([...points.map((p) => p.value), ...near.flatMap((l) => [l.lower998, l.upper998]), s.funnel.target && s.funnel.target.value]);
    const x = (n) => left + (n / maxN) * (width - left - right);
    const y = (p) => top + (1 - (p - lo) / (hi - lo)) * (height - top - bottom);
    const g = h('svg:g', { class: 'axis', 'aria-hidden': 'true' });
    for (const tick of ticks(lo, hi, hi - lo > 0.5 ? 0.2 : 0.1)) g.append(h('svg:line', { class: 'grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }), h('svg:text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, pct(lang, tick)));
    const nStep = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find((st) => maxN / st <= Math.max(3, Math.floor((width - left) / 70))) || 10000;
    for (let n = 0; n <= maxN; n += nStep) g.append(h('svg:text', { x: x(n), y: height - bottom + 16, 'text-anchor': 'middle' }, number(lang, n, 0)));
    g.append(h('svg:text', { x: left + (width - left - right) / 2, y: height - 4, 'text-anchor': 'middle' }, t.denominator));
    svg.append(g);
    // Over the whole axis, from the smallest denominator to the largest.
    const path = (key) => clippedPath(limits.map((l) => [x(l.denominator), y(l[key])]), top, height - bottom);
    if (limits.length > 1) {
      for (const key of ['lower95', 'upper95']) svg.append(h('svg:path', { class: 'limit95', d: path(key) }));
      for (const key of ['lower998', 'upper998']) svg.append(h('svg:path', { class: 'limit998', d: path(key) }));
      if (s.funnel.overdispersion.adjusted) for (const key of ['adjustedLower998', 'adjustedUpper998']) svg.append(h('svg:path', { class: 'limit998 widened', d: path(key) }));
    }
    if (s.funnel.target) svg.append(h('svg:line', { class: 'target', x1: left, x2: width - right, y1: y(s.funnel.target.value), y2: y(s.funnel.target.value) }));
    const mine = points.find((p) => p.slug === s.forbund.slug);
    for (const p of points) if (p !== mine) svg.append(h('svg:circle', { class: 'other', cx: x(p.denominator), cy: y(p.value), r: 3 }));
    if (mine) {
      const cx = x(mine.denominator);
      // Inside the plot, right of the share axis and its labels; the whole name is in the legend and the table.
      const label = placeLabel(s.forbund.name, cx, y(mine.value), left + 4, width - right, top, scale);
      svg.append(h('svg:circle', { class: 'dot', cx, cy: y(mine.value), r: 7 }),
        h('svg:text', { class: 'highlight-label', x: label.x, y: label.y, 'font-weight': 600 }, label.text));
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
