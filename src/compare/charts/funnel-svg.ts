/**
 * A funnel plot as a standalone SVG: förbund as points against their denominator, the 95 % and 99.8 % control
 * limits (and the widened ones when förbund vary more than chance), the target line, Swedish labels, and the
 * source and reading date in the corner, so the picture still says where it comes from when pasted in a report.
 * Pure text: no renderer, no fonts or scripts fetched, nothing the page it lands on has to allow.
 */
import { escapeXml } from '../../platform/common/text';

type Zone = 'ABOVE_998' | 'ABOVE_95' | 'INSIDE' | 'BELOW_95' | 'BELOW_998';

export interface FunnelChart {
  year: number;
  measure: { code: string; nameSv: string; denominatorMeasure: string | null };
  /** Swedish name of what the denominator counts, e.g. "Avslutade deltagare (utregistrerade)". */
  denominatorName: string | null;
  reference: { year: number; value: number; isFallback: boolean; provenance: { document: { title: string; publisher: string | null } } } | null;
  funnel: {
    target: { value: number; basis: 'REFERENCE' | 'POOLED' } | null;
    overdispersion: { adjusted: boolean; phi: number | null; k: number };
    limits: Array<{
      denominator: number;
      lower95: number;
      upper95: number;
      lower998: number;
      upper998: number;
      adjustedLower95: number | null;
      adjustedUpper95: number | null;
      adjustedLower998: number | null;
      adjustedUpper998: number | null;
    }>;
  };
  entries: Array<{
    forbund: { slug: string; name: string };
    value: { numerator: number | null; denominator: number | null; value: number | null; provenance: { document: { id: string; title: string } } };
    funnel: { position: Zone; adjustedPosition: Zone | null } | null;
  }>;
  highlight: string | null;
  asOf: Date | null;
}

const WIDTH = 800;
const HEIGHT = 520;
const PLOT = { left: 72, right: 24, top: 56, bottom: 112 };
const INNER = { width: WIDTH - PLOT.left - PLOT.right, height: HEIGHT - PLOT.top - PLOT.bottom };

/** Colours with at least 4.5:1 contrast on white. */
const INK = '#1f2328';
const MUTED = '#57606a';
const LIMIT_95 = '#0969da';
const LIMIT_998 = '#8250df';
const OUTSIDE = '#cf222e';
const HIGHLIGHT = '#bf3989';

/** Swedish percent: decimal comma, a space before %. */
const percentSv = (v: number, decimals = 1) => `${(v * 100).toFixed(decimals).replace('.', ',').replace(/,0+$/, '')} %`;
/** What fits on the stamp's line at 10.5 px across the chart. */
const SOURCE_CHARS = 125;
const round = (v: number) => Math.round(v * 10) / 10;

function niceStep(max: number): number {
  const raw = max / 8;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

export function renderFunnelSvg(chart: FunnelChart, readAt: Date): string {
  const counted = chart.entries.filter((e) => e.value.denominator && e.value.value !== null && e.value.numerator !== null);
  const xMax = Math.max(10, ...chart.funnel.limits.map((l) => l.denominator), ...counted.map((e) => e.value.denominator!));
  const x = (n: number) => round(PLOT.left + (n / xMax) * INNER.width);
  const y = (p: number) => round(PLOT.top + (1 - p) * INNER.height);
  const out: string[] = [];
  const target = chart.funnel.target;
  const title = `${chart.measure.nameSv} ${chart.year}: förbund i trattdiagram`;
  const targetText = !target
    ? 'Inget rikssnitt och inga förbund med antal'
    : target.basis === 'REFERENCE'
      ? `Rikssnitt ${chart.reference!.year}: ${percentSv(target.value)}${chart.reference!.isFallback ? ' (senast publicerade)' : ''}`
      : `Sammanvägd andel för förbunden: ${percentSv(target.value)} (inget rikssnitt publicerat)`;
  const outside = counted.filter((e) => e.funnel && e.funnel.position !== 'INSIDE').length;
  const desc = `${counted.length} förbund med antal. ${targetText}. ${outside} utanför 95 %-gränserna.`;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="t d" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">`,
    `<title id="t">${escapeXml(title)}</title>`,
    `<desc id="d">${escapeXml(desc)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="24" font-size="16" font-weight="600" fill="${INK}">${escapeXml(title)}</text>`,
    `<text x="${PLOT.left}" y="42" fill="${MUTED}">${escapeXml(targetText)}</text>`,
  );

  // Axes and grid: shares 0–100 % (every share fits; a funnel starts wide at small denominators).
  for (let p = 0; p <= 1.0001; p += 0.1) {
    out.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(p)}" y2="${y(p)}" stroke="#d0d7de" stroke-width="${p === 0 ? 1 : 0.5}"/>`,
      `<text x="${PLOT.left - 8}" y="${y(p) + 4}" text-anchor="end" fill="${MUTED}">${Math.round(p * 100)} %</text>`,
    );
  }
  const step = niceStep(xMax);
  for (let n = 0; n <= xMax; n += step) {
    out.push(
      `<line x1="${x(n)}" x2="${x(n)}" y1="${PLOT.top + INNER.height}" y2="${PLOT.top + INNER.height + 5}" stroke="${MUTED}"/>`,
      `<text x="${x(n)}" y="${PLOT.top + INNER.height + 18}" text-anchor="middle" fill="${MUTED}">${n.toLocaleString('sv-SE')}</text>`,
    );
  }
  out.push(
    `<text x="${PLOT.left + INNER.width / 2}" y="${PLOT.top + INNER.height + 38}" text-anchor="middle" fill="${INK}">${escapeXml(`Antal i nämnaren: ${(chart.denominatorName ?? 'nämnare').toLowerCase()}`)}</text>`,
    `<text transform="translate(18 ${PLOT.top + INNER.height / 2}) rotate(-90)" text-anchor="middle" fill="${INK}">${escapeXml(`Andel: ${chart.measure.nameSv.toLowerCase()}`)}</text>`,
  );

  // Limits, then the target, then the points on top.
  const path = (pick: (l: FunnelChart['funnel']['limits'][number]) => number | null) => {
    const points = chart.funnel.limits.filter((l) => pick(l) !== null).map((l) => `${x(l.denominator)},${y(pick(l)!)}`);
    return points.length ? `M${points.join('L')}` : '';
  };
  const line = (d: string, colour: string, width: number, dash = '') =>
    d ? `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` : '';
  out.push(
    line(path((l) => l.lower95), LIMIT_95, 1.5),
    line(path((l) => l.upper95), LIMIT_95, 1.5),
    line(path((l) => l.lower998), LIMIT_998, 1.5),
    line(path((l) => l.upper998), LIMIT_998, 1.5),
  );
  if (chart.funnel.overdispersion.adjusted) {
    out.push(
      line(path((l) => l.adjustedLower95), LIMIT_95, 1, '5 4'),
      line(path((l) => l.adjustedUpper95), LIMIT_95, 1, '5 4'),
      line(path((l) => l.adjustedLower998), LIMIT_998, 1, '5 4'),
      line(path((l) => l.adjustedUpper998), LIMIT_998, 1, '5 4'),
    );
  }
  if (target) out.push(`<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(target.value)}" y2="${y(target.value)}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="2 3"/>`);

  const highlighted = counted.find((e) => e.forbund.slug === chart.highlight);
  for (const e of counted) {
    if (e === highlighted) continue;
    const off = e.funnel !== null && e.funnel.position !== 'INSIDE';
    out.push(
      `<circle cx="${x(e.value.denominator!)}" cy="${y(e.value.value!)}" r="3.5" fill="${off ? OUTSIDE : MUTED}" fill-opacity="0.85"><title>${escapeXml(
        `${e.forbund.name}: ${e.value.numerator} av ${e.value.denominator} (${percentSv(e.value.value!)})`,
      )}</title></circle>`,
    );
  }
  if (highlighted) {
    const cx = x(highlighted.value.denominator!);
    const cy = y(highlighted.value.value!);
    const label = `${highlighted.forbund.name}: ${percentSv(highlighted.value.value!)} (${highlighted.value.numerator} av ${highlighted.value.denominator})`;
    const anchor = cx > PLOT.left + INNER.width * 0.6 ? 'end' : 'start';
    out.push(
      `<circle cx="${cx}" cy="${cy}" r="7" fill="${HIGHLIGHT}" stroke="#ffffff" stroke-width="2"/>`,
      `<text x="${anchor === 'end' ? cx - 12 : cx + 12}" y="${cy - 10}" text-anchor="${anchor}" font-weight="600" fill="${HIGHLIGHT}">${escapeXml(label)}</text>`,
    );
  } else if (chart.highlight) {
    out.push(`<text x="${WIDTH - PLOT.right}" y="42" text-anchor="end" fill="${HIGHLIGHT}">${escapeXml(`${chart.highlight}: inga antal för ${chart.year}`)}</text>`);
  }

  // Legend and the corner stamp: source and when the data was read.
  const legendY = HEIGHT - 50;
  const legend: Array<[string, string, string]> = [
    [LIMIT_95, '', '95 % kontrollgräns'],
    [LIMIT_998, '', '99,8 % kontrollgräns'],
    ...(chart.funnel.overdispersion.adjusted ? ([[MUTED, '5 4', 'justerad för överspridning']] as Array<[string, string, string]>) : []),
    [INK, '2 3', target?.basis === 'POOLED' ? 'sammanvägd andel' : 'rikssnitt'],
  ];
  // Each item as wide as its text (about 6.5 px a character at 12 px) plus the sample line and a gap.
  let lx = PLOT.left;
  legend.forEach(([colour, dash, text]) => {
    out.push(line(`M${lx},${legendY}L${lx + 24},${legendY}`, colour, 1.5, dash), `<text x="${lx + 30}" y="${legendY + 4}" fill="${INK}">${escapeXml(text)}</text>`);
    lx += 30 + text.length * 6.5 + 28;
  });
  const documents = new Set(counted.map((e) => e.value.provenance.document.id));
  const example = counted[0]?.value.provenance.document.title;
  const source = [
    `Källa: ${documents.size} dokument från förbunden${example ? ` (t.ex. ${example})` : ''}`,
    chart.reference ? `rikssnitt: ${chart.reference.provenance.document.title}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  const read = `Data läst ${(chart.asOf ?? readAt).toISOString().slice(0, 10)}${chart.asOf ? ' (asOf)' : ''} ur Finsam Compare`;
  out.push(
    `<text x="${PLOT.left}" y="${HEIGHT - 24}" font-size="10.5" fill="${MUTED}">${escapeXml(source.length > SOURCE_CHARS ? `${source.slice(0, SOURCE_CHARS - 1)}…` : source)}</text>`,
    `<text x="${PLOT.left}" y="${HEIGHT - 10}" font-size="10.5" fill="${MUTED}">${escapeXml(read)}</text>`,
    '</svg>',
  );
  return out.filter(Boolean).join('\n');
}
