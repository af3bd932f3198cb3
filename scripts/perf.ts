/**
 * npm run bench -- [--rounds N] [--seconds S] [--connections C] [--warmup S] [--queries q1,q2,q3,widget]
 *                  [--systems project,projectCached,postgraphile,floor] [--forbund N] [--years N]
 * This API against PostGraphile and a hand-written one-statement floor, on one PostgreSQL database holding a
 * national-scale synthetic dataset (BENCH_DATABASE_URL names the server, default the local one; the dataset
 * gets a database of its own). Checks that all return the same data, then drives each with autocannon in
 * interleaved rounds after a warm-up, counts SQL statements per request through a counting proxy, prints one
 * table and writes perf/results/<date>.json. Prints numbers and targets; asserts nothing.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkSameData } from './perf/compare';
import { ensureDataset, NATIONAL_SCALE } from './perf/dataset';
import { drive, RunResult } from './perf/drive';
import { BENCH_QUERIES, BenchQuery } from './perf/queries';
import { evaluate, QueryResults, render, Summary } from './perf/report';
import { startSqlCounter } from './perf/sql-counter';
import { Running, send, System, SYSTEMS } from './perf/systems';
import { numberOption, option, runCli } from './cli';

const count = (name: string, fallback: number) => numberOption(name, fallback, true);

function listOption<T extends { key?: string; name?: string }>(name: string, all: T[], id: (t: T) => string): T[] {
  const wanted = option(name, all.map(id).join(',')).split(',');
  const unknown = wanted.filter((w) => !all.some((t) => id(t) === w));
  if (unknown.length) throw new Error(`--${name}: unknown ${unknown.join(', ')}; valid: ${all.map(id).join(', ')}`);
  return all.filter((t) => wanted.includes(id(t)));
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** SQL statements per request, each system started once more behind the counting proxy (never during timed runs). */
async function countStatements(system: System, databaseUrl: string, queries: BenchQuery[], log: (line: string) => void): Promise<Map<string, number>> {
  const counter = await startSqlCounter(databaseUrl);
  const running = await system.start(counter.url);
  const perQuery = new Map<string, number>();
  const asked = 10;
  try {
    for (const q of queries) {
      const req = system.request(q);
      if (!req) continue;
      for (let i = 0; i < 2; i++) await send(running.base, req); // warm: prepared statements, per-version results
      counter.reset();
      for (let i = 0; i < asked; i++) await send(running.base, req);
      perQuery.set(q.key, counter.statements / asked);
    }
  } finally {
    await running.stop();
    await counter.close();
  }
  log(`SQL counted for ${system.name}: ${[...perQuery].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return perQuery;
}

async function describeMachine(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  await client.end();
  return `${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${rows[0].server_version} on 127.0.0.1`;
}

async function main(): Promise<number> {
  const log = (line: string) => console.log(`[bench +${(process.uptime()).toFixed(0)} s] ${line}`);
  const rounds = count('rounds', 5);
  const seconds = count('seconds', 10);
  const connections = count('connections', 10);
  const warmup = count('warmup', 3);
  const queries = listOption('queries', BENCH_QUERIES, (q) => q.key);
  const systems = listOption('systems', SYSTEMS, (s) => s.name);
  const spec = { ...NATIONAL_SCALE, forbund: count('forbund', NATIONAL_SCALE.forbund), years: count('years', NATIONAL_SCALE.years) };
  const server = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

  const dataset = await ensureDataset(server, spec, log);
  log(`dataset ${dataset.databaseUrl.replace(/\/\/[^@]*@/, '//')}: ${JSON.stringify(dataset.rows)}`);

  const started: Array<{ system: System; running: Running }> = [];
  const peakRss = new Map<string, number>();
  const results = new Map<string, RunResult[]>();
  const ceiling: RunResult[] = [];
  try {
    for (const system of systems) {
      started.push({ system, running: await system.start(dataset.databaseUrl) });
      log(`${system.name} started`);
    }
    for (const note of await checkSameData(queries, started)) log(`same data: ${note}`);

    for (const { system, running } of started) {
      for (const q of queries) {
        const req = system.request(q);
        if (req) await drive(running, req, { connections, seconds: warmup });
      }
      log(`${system.name} warmed up`);
    }
    for (let round = 0; round < rounds; round++) {
      // Each round starts with a different system, so no system always runs right after the same one.
      const order = started.map((_, i) => started[(i + round) % started.length]);
      for (const q of queries) {
        for (const { system, running } of order) {
          const req = system.request(q);
          if (!req) continue;
          const r = await drive(running, req, { connections, seconds });
          const key = `${q.key}|${system.name}`;
          results.set(key, [...(results.get(key) ?? []), r]);
          peakRss.set(system.name, Math.max(peakRss.get(system.name) ?? 0, Math.round(r.rssPeakMb)));
          log(`round ${round + 1}/${rounds} ${q.key} ${system.name}: ${r.rps.toFixed(1)} req/s, p99 ${r.p99} ms${r.failures ? `, ${r.failures} FAILED` : ''}`);
        }
      }
      // The HTTP stack's own ceiling on this machine: the same server answering a route that does nothing.
      const server = started.find((s) => s.system.name === 'projectCached') ?? started[0];
      ceiling.push(await drive(server.running, { method: 'GET', path: '/healthz', headers: {} }, { connections, seconds }));
    }
  } finally {
    for (const { running } of started) await running.stop();
  }

  const statements = new Map<string, Map<string, number>>();
  for (const system of systems) statements.set(system.name, await countStatements(system, dataset.databaseUrl, queries, log));

  const byQuery: QueryResults = {};
  for (const q of queries) {
    byQuery[q.key] = {};
    for (const system of systems) {
      const runs = results.get(`${q.key}|${system.name}`);
      if (!runs) continue;
      byQuery[q.key][system.name] = {
        rps: Math.round(median(runs.map((r) => r.rps)) * 10) / 10,
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        rssPeakMb: Math.round(Math.max(...runs.map((r) => r.rssPeakMb))),
        sqlPerRequest: statements.get(system.name)!.get(q.key) ?? null,
        cpuMsPerRequest: Math.round(median(runs.map((r) => r.cpuMsPerRequest)) * 100) / 100,
        failures: runs.reduce((n, r) => n + r.failures, 0),
      };
    }
  }
  const summary: Summary = {
    date: new Date().toISOString(),
    machine: await describeMachine(dataset.databaseUrl),
    dataset: { ...dataset.spec, reports: dataset.reports, revisions: dataset.revisions, rows: dataset.rows },
    method: `autocannon, ${connections} connections, ${seconds} s per run, ${rounds} interleaved rounds after a ${warmup} s warm-up; medians of the rounds`,
    queries: byQuery,
    peakRssMb: Object.fromEntries(peakRss),
    ceiling: { route: 'GET /healthz', rps: Math.round(median(ceiling.map((r) => r.rps))), p99: median(ceiling.map((r) => r.p99)) },
  };
  summary.targets = evaluate(summary);
  console.log(render(summary, queries));
  const dir = join('perf', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${summary.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`written: ${file}`);
  return 0;
}

runCli(main);
