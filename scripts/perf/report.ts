/** The benchmark's results: the JSON written to perf/results/, its table, and the targets checked against it. */
import { BenchQuery } from './queries';
import { SystemName } from './systems';

export interface SystemResult {
  rps: number;
  p50: number;
  p99: number;
  rssPeakMb: number;
  sqlPerRequest: number | null;
  cpuMsPerRequest: number;
  failures: number;
}

export type QueryResults = Record<string, Partial<Record<SystemName, SystemResult>>>;

export interface Target {
  name: string;
  pass: boolean;
  measured: string;
}

export interface Summary {
  date: string;
  machine: string;
  dataset: Record<string, unknown>;
  method: string;
  queries: QueryResults;
  peakRssMb: Record<string, number>;
  /** The server answering a route that does no work: what the HTTP stack alone allows on this machine. */
  ceiling: { route: string; rps: number; p99: number };
  targets?: Target[];
}

const RSS_LIMIT_MB = 250;
const Q1_SQL_LIMIT = 8;

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined || b === 0 ? null : a / b;
}

const fixed = (n: number | null, digits = 2) => (n === null ? '—' : n.toFixed(digits));

/** The targets of the performance issue, each with what was measured. */
export function evaluate(s: Summary): Target[] {
  const targets: Target[] = [];
  const q = s.queries;
  for (const key of ['q1', 'q3']) {
    const uncached = ratio(q[key]?.project?.rps, q[key]?.postgraphile?.rps);
    if (uncached !== null) targets.push({ name: `${key} caches off ≥ 1.0 × PostGraphile req/s`, pass: uncached >= 1, measured: `${fixed(uncached)} ×` });
    const cached = ratio(q[key]?.projectCached?.rps, q[key]?.postgraphile?.rps);
    if (cached !== null) {
      const needed = Math.round(5 * q[key]!.postgraphile!.rps);
      targets.push({ name: `${key} caches on ≥ 5 × PostGraphile req/s`, pass: cached >= 5, measured: `${fixed(cached)} × (5 × is ${needed} req/s; the HTTP ceiling here ${s.ceiling.rps})` });
    }
  }
  for (const key of ['q1', 'q2', 'q3']) {
    const p99 = ratio(q[key]?.projectCached?.p99, q[key]?.floor?.p99);
    if (p99 !== null) targets.push({ name: `${key} caches on: p99 ≤ 2 × the floor's p99`, pass: p99 <= 2, measured: `${q[key]!.projectCached!.p99} ms vs ${q[key]!.floor!.p99} ms (${fixed(p99)} ×)` });
  }
  const sql = q.q1?.project?.sqlPerRequest;
  if (sql != null) targets.push({ name: `q1 SQL statements per request ≤ ${Q1_SQL_LIMIT}`, pass: sql <= Q1_SQL_LIMIT, measured: String(sql) });
  for (const name of ['project', 'projectCached'] as const) {
    const peak = s.peakRssMb[name];
    if (peak !== undefined) targets.push({ name: `${name} peak RSS < ${RSS_LIMIT_MB} MB`, pass: peak < RSS_LIMIT_MB, measured: `${peak} MB` });
  }
  const failed = Object.values(q).flatMap((bySystem) => Object.entries(bySystem).filter(([, r]) => r!.failures > 0).map(([name]) => name));
  targets.push({ name: 'every timed request answered 2xx', pass: failed.length === 0, measured: failed.length ? `failures: ${failed.join(', ')}` : 'yes' });
  return targets;
}

export function render(s: Summary, queries: BenchQuery[]): string {
  const lines = [`machine: ${s.machine}`, `dataset: ${JSON.stringify(s.dataset)}`, `method: ${s.method}`, ''];
  lines.push(`${'query'.padEnd(7)} ${'system'.padEnd(14)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'CPU ms/req'.padStart(10)} ${'SQL/req'.padStart(7)} ${'peak RSS MB'.padStart(11)}`);
  for (const q of queries) {
    for (const [name, r] of Object.entries(s.queries[q.key] ?? {})) {
      lines.push(
        `${q.key.padEnd(7)} ${name.padEnd(14)} ${fixed(r!.rps, 1).padStart(8)} ${String(r!.p50).padStart(7)} ${String(r!.p99).padStart(7)} ${fixed(r!.cpuMsPerRequest).padStart(10)} ${String(r!.sqlPerRequest ?? '—').padStart(7)} ${String(r!.rssPeakMb).padStart(11)}`,
      );
    }
    const r = s.queries[q.key] ?? {};
    lines.push(
      `${''.padEnd(7)} ratios: caches off ÷ PostGraphile ${fixed(ratio(r.project?.rps, r.postgraphile?.rps))}, caches off ÷ floor ${fixed(ratio(r.project?.rps, r.floor?.rps))}, ` +
        `caches on ÷ PostGraphile ${fixed(ratio(r.projectCached?.rps, r.postgraphile?.rps))}, caches on ÷ floor ${fixed(ratio(r.projectCached?.rps, r.floor?.rps))}`,
    );
  }
  lines.push(`ceiling: this API's server answers ${s.ceiling.route}, which does no work, at ${s.ceiling.rps} req/s (p99 ${s.ceiling.p99} ms)`);
  lines.push('');
  for (const t of s.targets ?? []) lines.push(`${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(46)} ${t.measured}`);
  return lines.join('\n');
}
