/**
 * The comparison statistics off the event loop: each (measure, year)'s compare and analysis, the rank bootstrap
 * and the funnel lines run as tasks of compare/stats/worker.ts in a worker pool, so a cheap request is answered
 * while they are computed. The answers are the same as inline (FINSAM_WORKERS=0): the tasks are deterministic
 * and structured cloning carries every number exactly.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_WORKERS, WorkerFile, WorkerPool } from '../../platform/common/worker-pool';
import { scopeCheck } from '../../platform/db/request-scope';
import { funnel, rankIntervals as rankIntervalsTask, STATS_TASKS, YearInput, YearResult } from '../stats/worker';

/**
 * The worker module for the way this process runs: beside this file when it is compiled (`npm start`, dist/…js);
 * the TypeScript source with ts-node registered in the worker too under ts-node (`npm run dev`, the scripts);
 * otherwise (Jest, which compiles the source in its own process, where a worker thread cannot reach) the
 * compiled file under dist/, which the test run's global setup builds.
 */
export function statsWorkerFile(): WorkerFile | null {
  if (__filename.endsWith('.js')) return { filename: join(__dirname, '../stats/worker.js') };
  if ((process as unknown as Record<symbol, unknown>)[Symbol.for('ts-node.register.instance')]) {
    return { filename: join(__dirname, '../stats/worker.ts'), execArgv: ['--require', 'ts-node/register/transpile-only'] };
  }
  const built = resolve(__dirname, '../../../dist/src/compare/stats/worker.js');
  return existsSync(built) ? { filename: built } : null;
}

/**
 * The worker threads' nice value above the event loop's (Linux; elsewhere ignored): when the cores are short,
 * the loop answering cheap requests goes first and the statistics wait. Measured with ten heavy asOf requests
 * at once on PostgreSQL: the probe's median 18–23 ms at 0, 9 ms at 10; the heavy requests as long.
 */
const WORKER_NICE = 10;

/** The pool, started on its first task; the server sets its threads (FINSAM_WORKERS) and closes it when it stops. */
export const statsPool = new WorkerPool({ tasks: STATS_TASKS, workerFile: statsWorkerFile, threads: DEFAULT_WORKERS, niceIncrement: WORKER_NICE });

/** A task for the current request: dropped, if it is still queued, once the request's client has gone or its deadline passed. */
function run<K extends keyof typeof STATS_TASKS>(name: K, input: Parameters<(typeof STATS_TASKS)[K]>[0]): Promise<ReturnType<(typeof STATS_TASKS)[K]>> {
  return statsPool.run(name, input, scopeCheck()) as Promise<ReturnType<(typeof STATS_TASKS)[K]>>;
}

/** compare and analyseYear of one (measure, year). */
export function compareYear(input: YearInput): Promise<YearResult> {
  return run('compareYear', input);
}

/** The funnel's control limits at `points` denominators. */
export function funnelLines(input: Parameters<typeof funnel>[0]): Promise<ReturnType<typeof funnel>> {
  return run('funnel', input);
}

type Intervals = ReturnType<typeof rankIntervalsTask>;

/**
 * Rank intervals kept by their inputs (the figures and the seed), not by data version: a request at another
 * moment (asOf) over the same figures gets them without a second bootstrap, and requests asking at once share
 * one. Bounded: the least recently used go first. A failed computation is not kept; those who were waiting
 * for it (not the request it failed for) ask again.
 */
const rankMemo = new Map<string, Promise<Intervals>>();
const RANK_MEMO_ENTRIES = 64;

export function rankIntervals(input: Parameters<typeof rankIntervalsTask>[0]): Promise<Intervals> {
  const key = `${input.seedText}|${JSON.stringify(input.figures.map((f) => [f.numerator, f.denominator, f.value]))}`;
  const known = rankMemo.get(key);
  if (known) {
    rankMemo.delete(key);
    rankMemo.set(key, known);
    return known.catch(() => rankIntervals(input));
  }
  if (rankMemo.size >= RANK_MEMO_ENTRIES) rankMemo.delete(rankMemo.keys().next().value!);
  const pending = run('rankIntervals', input);
  rankMemo.set(key, pending);
  pending.catch(() => {
    if (rankMemo.get(key) === pending) rankMemo.delete(key);
  });
  return pending;
}
