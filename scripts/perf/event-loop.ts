/**
 * npm run bench:event-loop -- [--backend postgres|pglite] [--root DIR] [--rounds N] [--concurrent N] [--csv N]
 *                             [--pieces yes|no] [--server yes|no] [--heavy yes|no] [--out FILE]
 *
 * How long the server's synchronous work holds its event loop at national scale (80 synthetic förbund × 15
 * years, the benchmark's generator), and how long a cheap request waits behind it. Two parts:
 *
 * - pieces, in this process on the main thread: each statistic per (measure, year), the GraphQL execution and
 *   JSON serialisation of the heavy request (7 aliased years, funnel(points: 1000), every entry field) with and
 *   without asOf, and the CSV export's formatting per 1 000-row page; for GraphQL the event loop's longest
 *   block (monitorEventLoopDelay) and its busy time (eventLoopUtilization) beside the wall time;
 * - the server as `npm start` runs it (the build in --root, default this checkout), in a child process: a probe
 *   (`{ __typename }` over HTTP, one at a time, every 10 ms) while heavy requests and CSV exports run, with the
 *   server's own event-loop lag from /metrics.
 *
 * FINSAM_WORKERS is passed on to the server, and sizes the statistics' pool the pieces' loaders use (the
 * statistics themselves are timed by calling them here). Prints a table; asserts nothing.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { execute, parse, validate } from 'graphql';
import { Client } from 'pg';
import { openPrepared } from '../../src/app/app';
import { readConfig } from '../../src/app/config';
import { createAppSchema } from '../../src/app/modules';
import { RequestContext } from '../../src/platform/common/context';
import { VersionMemo } from '../../src/platform/common/version-memo';
import { Database } from '../../src/platform/db/data-source';
import { compare } from '../../src/compare/stats/comparison';
import { analyseYear, funnelLines, labelledTrend } from '../../src/compare/stats/analysis';
import { rankIntervals, seedFrom } from '../../src/compare/stats/ranks';
import { betaBinomialPrior } from '../../src/compare/stats/shrinkage';
import { nationalComparisons, rulesOf } from '../../src/compare/national/national.loaders';
import { NationalComparison } from '../../src/compare/national/comparison.types';
import { Gender } from '../../src/platform/common/enums';
import { statsPool } from '../../src/compare/national/stats-pool';
import { allMeasures } from '../../src/domain/measures/measures.loaders';
import { csvLines, observationsCsv } from '../../src/export/csv-export';
import { decodeCursor, observationPage } from '../../src/export/observation-query';
import { freePort, rssMbOf } from '../../tests/support/tools';
import { startChildServer } from './child-server';
import { insertSyntheticOutcomes, NATIONAL_SCALE } from './dataset';
import { HEAVY_YEARS, heavyComparisonQuery } from './heavy-query';
import { numberOption, option, runCli } from '../cli';

const MEASURE = 'to_work_or_studies';
const YEARS = Array.from({ length: NATIONAL_SCALE.years }, (_, i) => NATIONAL_SCALE.fromYear + i);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '–');

/** Milliseconds `work` takes, the median of `rounds` runs after one to warm it (on this thread it may never have run). */
function timeSync(rounds: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

// ---------------------------------------------------------------------------------------------------------
// The dataset
// ---------------------------------------------------------------------------------------------------------

interface Prepared {
  /** What the server process is started with. */
  env: Record<string, string>;
  open(): Promise<Database>;
}

/** The seeds and the national synthetic outcomes, made once per backend (a database or a data folder of its own) and reused. */
async function prepare(backend: string): Promise<Prepared> {
  if (backend === 'postgres') {
    const server = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const url = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    const name = 'finsam_eventloop_v1';
    const admin = new Client({ connectionString: server });
    await admin.connect();
    try {
      if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0) {
        console.log(`dataset: creating ${name}`);
        await admin.query(`DROP DATABASE IF EXISTS ${name}_partial`);
        await admin.query(`CREATE DATABASE ${name}_partial`);
        const { db } = await openPrepared(readConfig({ DATABASE_URL: url(`${name}_partial`), FINSAM_SEED: 'all' }));
        await insertSyntheticOutcomes(db.dataSource.manager, NATIONAL_SCALE);
        await db.close();
        await admin.query(`ALTER DATABASE ${name}_partial RENAME TO ${name}`);
      }
    } finally {
      await admin.end();
    }
    const env = { DATABASE_URL: url(name), FINSAM_SEED: 'all' };
    return { env, open: async () => (await openPrepared(readConfig(env))).db };
  }
  const dir = join(tmpdir(), 'finsam-eventloop-pglite-v1');
  if (!existsSync(dir)) {
    console.log(`dataset: creating ${dir}`);
    rmSync(`${dir}-partial`, { recursive: true, force: true });
    mkdirSync(`${dir}-partial`, { recursive: true });
    const { db } = await openPrepared(readConfig({ FINSAM_DATA_DIR: `${dir}-partial`, FINSAM_SEED: 'all' }));
    await insertSyntheticOutcomes(db.dataSource.manager, NATIONAL_SCALE);
    await db.close();
    renameSync(`${dir}-partial`, dir);
  }
  const env = { FINSAM_DATA_DIR: dir, FINSAM_SEED: 'all' };
  return { env, open: async () => (await openPrepared(readConfig(env))).db };
}

// ---------------------------------------------------------------------------------------------------------
// Pieces, on this process's main thread
// ---------------------------------------------------------------------------------------------------------

type Row = [string, string, string?];

/** Wall time, longest event-loop block and busy time of an async piece of work, the median of `rounds` runs. */
async function timeAsync(rounds: number, work: (i: number) => Promise<unknown>): Promise<{ wall: number; longest: number; busy: number }> {
  const walls: number[] = [];
  const longest: number[] = [];
  const busy: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    await work(i);
    walls.push(performance.now() - t0);
    busy.push(performance.eventLoopUtilization(elu).active);
    // The monitor's timer fires only once the loop turns: a block that ends in a resolved promise is seen after it.
    await sleep(5);
    delay.disable();
    longest.push(delay.max / 1e6);
  }
  return { wall: median(walls), longest: median(longest), busy: median(busy) };
}

async function pieces(db: Database, rounds: number): Promise<Row[]> {
  const rows: Row[] = [];
  const manager = db.dataSource.manager;
  const fresh = () => new RequestContext(manager, { kind: 'anonymous' }, db.dataSource, new VersionMemo());
  const measure = (await fresh().loader(allMeasures).load('all')).get(MEASURE)!;

  // Every year's comparison, as the loader builds it (SQL and all), and its figures for the statistics below.
  const comparisons: NationalComparison[] = [];
  const loads: number[] = [];
  for (const year of YEARS) {
    const t0 = performance.now();
    comparisons.push(await fresh().loader(nationalComparisons).load({ measure: MEASURE, year, peerGroup: null, gender: Gender.ALL }));
    loads.push(performance.now() - t0);
  }
  rows.push(['nationalComparison loader, one (measure, year): SQL + everything', ms(median(loads))]);
  const c = comparisons[comparisons.length - 1];
  const figures = c.entries.map((e) => e.figure);
  const reference = c.reference ? { value: c.reference.value, year: c.reference.year, isFallback: c.reference.isFallback } : null;
  const inputs = c.entries.map((e) => ({ key: e, figures: e.value, peerKey: e.peerGroup?.key ?? `county-${e.forbundId % 21}` }));
  rows.push([`  compare (rank, test, Wilson, peer means over ${inputs.length} förbund)`, ms(timeSync(rounds, () => compare(inputs, reference?.value ?? null)))]);
  rows.push(['  analyseYear (outcome, funnel positions, overdispersion, shrinkage, quintiles)', ms(timeSync(rounds, () => analyseYear(figures, reference, rulesOf(measure), c.year)))]);
  const units = figures.filter((f) => f.numerator !== null && f.denominator).map((f) => ({ numerator: f.numerator!, denominator: f.denominator! }));
  rows.push(['    of which betaBinomialPrior (shrinkage fit)', ms(timeSync(rounds, () => betaBinomialPrior(units, reference?.value ?? 0.33)))]);
  rows.push(['rank intervals (1 000-draw bootstrap)', ms(timeSync(rounds, () => rankIntervals(units, { seed: seedFrom(`${MEASURE}|${c.year}`), draws: 1000 })))]);
  const largest = Math.max(...figures.map((f) => f.denominator ?? 0));
  for (const points of [1000, 200]) {
    rows.push([`funnel lines, ${points} points`, ms(timeSync(rounds, () => funnelLines(c.analysis.target, c.analysis.overdispersion, largest, points)))]);
  }
  const series = c.entries.map((e) =>
    comparisons.slice(-5).flatMap((y) => {
      const f = y.entries.find((x) => x.forbundId === e.forbundId)?.figure;
      return f && f.numerator !== null && f.denominator ? [{ year: y.year, numerator: f.numerator, denominator: f.denominator }] : [];
    }),
  );
  rows.push([`recentTrend, all ${series.length} entries of a year`, ms(timeSync(rounds, () => series.map((s) => labelledTrend(s, measure.polarity))))]);

  // The heavy request through the schema, as Apollo executes it (without the HTTP layer).
  const schema = await createAppSchema();
  const memo = new VersionMemo();
  const shared = () => Object.assign(new RequestContext(manager, { kind: 'anonymous' }, db.dataSource, memo), { dataVersion: 'v' });
  const heavy = parse(heavyComparisonQuery({ years: HEAVY_YEARS }));
  rows.push(['heavy request: validate', ms(timeSync(3, () => validate(schema, heavy)))]);
  let answer: unknown;
  const run = async (ctx: RequestContext, document = heavy) => {
    const result = await execute({ schema, document, contextValue: ctx });
    if (result.errors?.length) throw new Error(String(result.errors[0]));
    answer = result;
  };
  const first = await timeAsync(1, () => run(shared()));
  const again = await timeAsync(rounds, () => run(shared()));
  const asOf = await timeAsync(Math.max(3, Math.ceil(rounds / 2)), (i) => {
    const ctx = fresh();
    ctx.asOf = new Date(Date.now() + 60_000 + i);
    return run(ctx);
  });
  for (const [what, t] of [['first at a data version', first], ['again (per-version results kept)', again], ['asOf (computed afresh)', asOf]] as const) {
    rows.push([`heavy request: execute, ${what}`, `${ms(t.wall)} wall`, `${ms(t.busy)} busy, longest block ${ms(t.longest)}`]);
  }
  const text = JSON.stringify(answer);
  rows.push([`heavy request: JSON.stringify (${(text.length / 1e6).toFixed(2)} MB)`, ms(timeSync(rounds, () => JSON.stringify(answer)))]);

  // The CSV export, a 1 000-row page at a time: read (SQL and rows mapped), then formatted.
  const query = { asOf: null };
  const reads: number[] = [];
  const formats: number[] = [];
  let bytes = 0;
  let after: ReturnType<typeof decodeCursor> | null = null;
  for (;;) {
    const t0 = performance.now();
    const page = await observationPage(manager, query, after, 1000);
    reads.push(performance.now() - t0);
    formats.push(timeSync(rounds, () => csvLines(page)));
    bytes += csvLines(page).length;
    if (page.length < 1000) break;
    after = decodeCursor(page[page.length - 1].cursor);
  }
  rows.push([`CSV export: a 1 000-row page read (SQL, rows mapped; ${reads.length} pages, ${(bytes / 1e6).toFixed(1)} MB)`, ms(median(reads))]);
  rows.push(['CSV export: a 1 000-row page formatted', ms(median(formats))]);
  const whole = await observationsCsv(manager, new URLSearchParams(), async () => {});
  const t0 = performance.now();
  for await (const _ of whole.rows);
  rows.push(['CSV export: whole, in this process', ms(performance.now() - t0)]);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// The server in a child process, probed
// ---------------------------------------------------------------------------------------------------------

interface Probed {
  /** Wall time of the load (each of its requests' median, and all together). */
  loadMs: number;
  allMs: number;
  probes: number[];
  /** The server's longest event-loop delay during the load (prom-client's monitorEventLoopDelay via /metrics). */
  serverLagMaxMs: number;
  cpuMs: number;
  clientLagMaxMs: number;
}

function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function post(base: string, query: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = await res.text();
  if (res.status !== 200 || body.includes('"errors"')) throw new Error(`${res.status}: ${body.slice(0, 300)}`);
  return performance.now() - t0;
}

async function getText(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

async function lagMaxMs(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^finsam_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  return m ? Number(m[1]) * 1000 : NaN;
}

/** Runs `load` (its requests' durations) while a probe asks `{ __typename }` one at a time, 10 ms apart. */
async function probed(base: string, pid: number, load: () => Promise<number[]>): Promise<Probed> {
  await lagMaxMs(base); // resets the server's histogram
  // This process's own loop too: a probe is only as prompt as the client that sends it.
  const clientDelay = monitorEventLoopDelay({ resolution: 10 });
  clientDelay.enable();
  const probes: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      probes.push(await post(base, '{ __typename }'));
      await sleep(10);
    }
  })();
  await sleep(30);
  const cpu0 = cpuMsOf(pid);
  const t0 = performance.now();
  const durations = await load();
  const allMs = performance.now() - t0;
  const cpuMs = cpuMsOf(pid) - cpu0;
  running = false;
  await probe;
  clientDelay.disable();
  return { loadMs: median(durations), allMs, probes, serverLagMaxMs: await lagMaxMs(base), cpuMs, clientLagMaxMs: clientDelay.max / 1e6 };
}

async function bumpDataVersion(env: Record<string, string>): Promise<void> {
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version');
  await client.query(`SELECT pg_notify('finsam_data_version', $1)`, [String(rows[0].version)]);
  await client.end();
  await sleep(200);
}

async function serverRuns(prepared: Prepared, root: string, o: { rounds: number; concurrent: number; csv: number; backend: string; heavy: boolean }): Promise<Row[]> {
  const port = await freePort();
  const server = await startChildServer({
    name: 'finsam',
    command: process.execPath,
    args: ['--max-semi-space-size=4', '--max-old-space-size=512', join(root, 'dist/src/main.js')],
    env: { ...prepared.env, PORT: String(port), FINSAM_LOG_LEVEL: 'warn', FINSAM_RATE_LIMIT: '0', FINSAM_SEED_DIR: join(root, 'seeds') },
    answers: async (base) => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200,
    timeoutMs: 120_000,
    pollMs: 200,
  });
  const base = server.base;
  const rows: Row[] = [];
  const say = (what: string, p: Probed) => {
    const row: Row = [what, `${ms(p.loadMs)} (all ${ms(p.allMs)})`, `probe median ${ms(median(p.probes))}, max ${ms(Math.max(...p.probes))} (${p.probes.length}); server lag max ${ms(p.serverLagMaxMs)}; CPU ${ms(p.cpuMs)}; client lag max ${ms(p.clientLagMaxMs)}`];
    console.log(row.join(' | '));
    rows.push(row);
  };
  try {
    let tag = 0;
    const heavy = (asOf: Date | null) => heavyComparisonQuery({ years: HEAVY_YEARS, asOf, tag: `run ${tag++}` });
    const idle = await probed(base, server.pid, async () => {
      await sleep(1000);
      return [1000];
    });
    say('idle (1 s)', idle);
    await post(base, heavy(new Date(Date.now() - 1000))); // warm: code paths, prepared statements
    if (o.heavy && o.backend === 'postgres') {
      for (let i = 0; i < o.rounds; i++) {
        await bumpDataVersion(prepared.env);
        say('heavy, first at a data version', await probed(base, server.pid, async () => [await post(base, heavy(null))]));
      }
    } else if (o.heavy) {
      say('heavy, first at a data version (after the warm-up)', await probed(base, server.pid, async () => [await post(base, heavy(null))]));
    }
    for (let i = 0; o.heavy && i < o.rounds; i++) say('heavy, again (per-version results kept)', await probed(base, server.pid, async () => [await post(base, heavy(null))]));
    for (let i = 0; o.heavy && i < o.rounds; i++) say('heavy, asOf', await probed(base, server.pid, async () => [await post(base, heavy(new Date(Date.now() + 60_000 + i)))]));
    if (o.heavy) {
      say(
        `heavy, asOf, ${o.concurrent} at once`,
        await probed(base, server.pid, () => Promise.all(Array.from({ length: o.concurrent }, (_, i) => post(base, heavy(new Date(Date.now() + 120_000 + i)))))),
      );
      say(
        `heavy, again, ${o.concurrent} at once`,
        await probed(base, server.pid, () => Promise.all(Array.from({ length: o.concurrent }, () => post(base, heavy(null))))),
      );
    }
    say('CSV export, whole', await probed(base, server.pid, async () => [await getText(`${base}/export/observations.csv`)]));
    say(`CSV export, whole, ${o.csv} at once`, await probed(base, server.pid, () => Promise.all(Array.from({ length: o.csv }, () => getText(`${base}/export/observations.csv`)))));
    rows.push(['server peak RSS MB', ms(rssMbOf(server.pid))]);
  } finally {
    await server.stop();
  }
  return rows;
}

runCli(async () => {
  const backend = option('backend', 'postgres');
  if (backend !== 'postgres' && backend !== 'pglite') throw new Error('--backend must be postgres or pglite');
  const root = resolve(option('root', '.'));
  const rounds = numberOption('rounds', 5, true);
  const concurrent = numberOption('concurrent', 10, true);
  const csv = numberOption('csv', 10, true);
  const prepared = await prepare(backend);
  const results: Record<string, Row[]> = {};
  if (option('pieces', 'yes') === 'yes') {
    const db = await prepared.open();
    // The statistics' pool as the server would have it: the loaders below send it their tasks.
    await statsPool.setThreads(readConfig().workers);
    try {
      results.pieces = await pieces(db, rounds);
    } finally {
      await statsPool.close();
      await db.close();
    }
    for (const r of results.pieces) console.log(r.join(' | '));
  }
  if (option('server', 'yes') === 'yes') results.server = await serverRuns(prepared, root, { rounds, concurrent, csv, backend, heavy: option('heavy', 'yes') === 'yes' });
  const out = option('out', '');
  if (out) writeFileSync(out, `${JSON.stringify({ backend, root, workers: process.env.FINSAM_WORKERS ?? null, at: new Date().toISOString(), results }, null, 2)}\n`);
  return 0;
});
