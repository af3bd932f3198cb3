import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { categories as planned } from './plan';
import { isServerError } from './runner';
import { LOAD_TIMEOUTS } from './load-phase';
import { FuzzResult } from './session';

export interface Target {
  name: string;
  pass: boolean;
  value: string;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sum = (counts: Record<string, number>, match: (outcome: string) => boolean) =>
  Object.entries(counts).reduce((total, [outcome, n]) => total + (match(outcome) ? n : 0), 0);

/** Every outcome count of the run, the probe's and the rate-limit server's included. */
function allOutcomes(r: FuzzResult): Array<Record<string, number>> {
  return [...Object.values(r.categories).map((c) => c.outcomes), r.probe.outcomes, ...(r.load ? [r.load.heavy.heavy, r.load.heavy.probeStatuses, r.load.drip.healthStatuses] : [])];
}

/** The issue's targets. */
export function evaluate(r: FuzzResult): Target[] {
  const count = (match: (outcome: string) => boolean) => allOutcomes(r).reduce((total, o) => total + sum(o, match), 0);
  const serverErrors = count(isServerError);
  const timeouts = count((o) => o === 'timeout');
  const notSent = count((o) => o === 'not-sent');
  const fuzzerErrors = count((o) => o === 'fuzzer-error');
  const accepted = Object.values(r.categories).reduce((total, c) => total + c.accepted, 0);
  const p99 = percentile(r.probe.latenciesMs, 99);
  const crashes = [r.crash, r.load?.crash].filter(Boolean);
  const targets: Target[] = [
    { name: '0 responses 5xx', pass: serverErrors === 0, value: String(serverErrors) },
    { name: '0 client timeouts', pass: timeouts === 0, value: String(timeouts) },
    { name: '0 crashes', pass: crashes.length === 0, value: crashes.length ? crashes.join('; ') : '0' },
    { name: '0 rows changed by rejected writes', pass: r.tablesChanged.length === 0, value: r.tablesChanged.length ? `changed: ${r.tablesChanged.join(', ')}` : 'all tables equal' },
    { name: '0 hostile writes accepted', pass: accepted === 0, value: String(accepted) },
    { name: 'probe p99 < 1 s', pass: p99 < 1000, value: `${p99.toFixed(1)} ms` },
    { name: 'peak RSS < 400 MB', pass: r.rssMb.peak < 400, value: `${r.rssMb.peak.toFixed(0)} MB` },
    { name: 'RSS 30 s after within 50 MB of before', pass: Math.abs(r.rssMb.after - r.rssMb.before) <= 50, value: `${r.rssMb.before.toFixed(0)} → ${r.rssMb.after.toFixed(0)} MB` },
    { name: 'no request cut by --seconds', pass: notSent === 0 && fuzzerErrors === 0, value: `${r.planned - notSent} of ${r.planned}${fuzzerErrors ? `, ${fuzzerErrors} fuzzer errors` : ''}` },
  ];
  if (r.load) {
    const { heavy, drip, races } = r.load;
    // Refusals a client can act on are answers too: the cap on requests in flight (429) and a conflict (409).
    const raceErrors = Object.keys(races.answers).filter((k) => !/^(200|409 WRITE_CONFLICT|429 RATE_LIMITED)$/.test(k));
    targets.push(
      { name: 'heavy client over budget: 429 with Retry-After', pass: heavy.heavyRetryAfter > 0, value: `${heavy.heavyRetryAfter} of ${Object.values(heavy.heavy).reduce((a, b) => a + b, 0)}` },
      { name: 'probe p99 < 1 s beside the heavy client', pass: heavy.probeP99 < 1000, value: `${heavy.probeP99.toFixed(0)} ms` },
      {
        name: 'dripping sockets cut within the timeouts',
        // The server looks for overdue sockets once a second (TIMEOUT_CHECK_MS), and a busy 2-core machine may add a second more.
        pass: drip.closed === drip.sockets && drip.lastClosedMs['fast body'] < LOAD_TIMEOUTS.receiveMs + 3000 && drip.lastClosedMs.headers < LOAD_TIMEOUTS.receiveMs + 3000 && drip.lastClosedMs['slow body'] < LOAD_TIMEOUTS.idleMs + 3000,
        value: `${drip.closed} of ${drip.sockets}, last after ${JSON.stringify(drip.lastClosedMs)} ms`,
      },
      { name: '/healthz answers while they drip', pass: Object.keys(drip.healthStatuses).every((s) => s === '200'), value: outcomes(drip.healthStatuses) },
      { name: 'racing writes: no 5xx, one version in force', pass: raceErrors.length === 0 && (races.answers['200'] ?? 0) > 0 && races.currentVersions === 1, value: `${outcomes(races.answers)}; ${races.currentVersions} in force` },
    );
  }
  return targets;
}

const outcomes = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([o, n]) => `${o}×${n}`)
    .join(' ');

/** The table the issue asks for, then the targets. */
export function format(r: FuzzResult, targets: Target[]): string {
  const lines = [`== ${r.backend}: ${r.planned} requests planned, seed ${r.seed}, ${r.seconds.toFixed(0)} s ==`];
  lines.push(`${'category'.padEnd(18)} ${'requests'.padStart(8)} ${'max ms'.padStart(8)}  outcomes (HTTP status or failure) · first error codes`);
  const order = [...planned.map((c) => c.name), ...Object.keys(r.categories).filter((n) => !planned.some((c) => c.name === n))];
  for (const name of order) {
    const c = r.categories[name];
    if (!c) continue;
    const codes = Object.entries(c.codes).sort(([, a], [, b]) => b - a).slice(0, 4).map(([k, n]) => `${k}×${n}`).join(' ');
    lines.push(`${name.padEnd(18)} ${String(c.requests).padStart(8)} ${c.maxMs.toFixed(0).padStart(8)}  ${outcomes(c.outcomes)}${codes ? ` · ${codes}` : ''}`);
    for (const e of c.examples) lines.push(`${' '.repeat(20)}${e}`);
  }
  const p = r.probe.latenciesMs;
  lines.push(`${'probe'.padEnd(18)} ${String(p.length).padStart(8)} ${percentile(p, 100).toFixed(0).padStart(8)}  ${outcomes(r.probe.outcomes)} · p50 ${percentile(p, 50).toFixed(1)} ms, p99 ${percentile(p, 99).toFixed(1)} ms`);
  if (r.load) {
    const { heavy, drip, races } = r.load;
    lines.push(`${'heavy (127.0.0.2)'.padEnd(18)} ${String(Object.values(heavy.heavy).reduce((a, b) => a + b, 0)).padStart(8)} ${''.padStart(8)}  ${outcomes(heavy.heavy)} · cost ${heavy.heavyCost} each`);
    lines.push(`${'probe (127.0.0.3)'.padEnd(18)} ${String(heavy.probeAnswers).padStart(8)} ${heavy.probeMax.toFixed(0).padStart(8)}  ${outcomes(heavy.probeStatuses)} · p50 ${heavy.probeP50.toFixed(1)} ms, p99 ${heavy.probeP99.toFixed(1)} ms`);
    lines.push(`${'dripping sockets'.padEnd(18)} ${String(drip.sockets).padStart(8)} ${''.padStart(8)}  ${drip.closed} cut by the server, last after ${JSON.stringify(drip.lastClosedMs)} ms · /healthz ${outcomes(drip.healthStatuses)} (max ${drip.healthMaxMs.toFixed(0)} ms)`);
    lines.push(`${'racing writes'.padEnd(18)} ${String(Object.values(races.answers).reduce((a, b) => a + b, 0)).padStart(8)} ${''.padStart(8)}  ${outcomes(races.answers)} · ${races.currentVersions} version in force`);
  }
  lines.push(`server RSS: before ${r.rssMb.before.toFixed(0)} MB, peak ${r.rssMb.peak.toFixed(0)} MB, after ${r.rssMb.afterSettle.toFixed(0)} MB at 10 s and ${r.rssMb.after.toFixed(0)} MB at 30 s; JavaScript heap in use ${r.heapUsedMb.before.toFixed(0)} → ${r.heapUsedMb.after.toFixed(0)} MB`);
  lines.push(`tables: ${r.tablesChanged.length ? `CHANGED ${r.tablesChanged.join(', ')}` : 'every checksum equal before and after'}`);
  lines.push(`crashed: ${r.crash ?? 'no'}`);
  if (r.crash) lines.push('server output (tail):', ...r.serverOutputTail.split('\n').slice(-15).map((l) => `  ${l}`));
  for (const t of targets) lines.push(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(40)} ${t.value}`);
  return lines.join('\n');
}

/** Writes the result and its targets as JSON; returns the file's path. */
export function writeSummary(dir: string, r: FuzzResult, targets: Target[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${r.startedAt.replace(/[:.]/g, '-')}-${r.backend}.json`);
  const probe = { count: r.probe.latenciesMs.length, p50Ms: percentile(r.probe.latenciesMs, 50), p99Ms: percentile(r.probe.latenciesMs, 99), maxMs: percentile(r.probe.latenciesMs, 100), outcomes: r.probe.outcomes };
  writeFileSync(path, `${JSON.stringify({ ...r, probe, targets, pass: targets.every((t) => t.pass) }, null, 2)}\n`);
  return path;
}
