/**
 * Measures the national dashboard request (every förbund's comparison, members, allocation and
 * financial benchmarks) on 2 and on 75 förbund: SQL statements and latency over HTTP. Prints numbers;
 * asserts nothing. `npm run bench` (PGlite) or `DATABASE_URL=… npm run bench` (PostgreSQL, a scratch
 * database is created and dropped).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { startTestApi, TestApi } from '../tests/support/api';
import { addSyntheticForbund, DASHBOARD } from '../tests/support/synthetic';
import { runCli } from './cli';

const RUNS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label: string, api: TestApi): Promise<void> {
  await api.query(DASHBOARD); // warm-up: schema caches, query plans
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS; i++) {
    api.db.counter.reset();
    const start = performance.now();
    const res = await api.query(DASHBOARD);
    times.push(performance.now() - start);
    statements = api.db.counter.count;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  times.sort((a, b) => a - b);
  const entries = (await api.query(DASHBOARD)).data.nationalComparison.entries.length;
  console.log(
    `${label.padEnd(28)} entries ${String(entries).padStart(3)}  SQL statements ${String(statements).padStart(3)}  ` +
      `p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  max ${times[times.length - 1].toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  console.log(`Dashboard request, ${RUNS} runs each, backend ${backend}, Node ${process.version}`);
  for (const synthetic of [0, 73]) {
    const api = await startTestApi(backend);
    try {
      if (synthetic) await addSyntheticForbund(api.db.dataSource, synthetic);
      await measure(`${2 + synthetic} förbund`, api);
    } finally {
      await api.close();
    }
  }
}

runCli(main);
