/** One fuzz run on one backend: a scratch database, keys, the server as `npm start` runs it, the plan, the probe, and the checks after. */
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { ServerProcess, startServerProcess } from '../../tests/support/server-process';
import { BackendName, checksums, createFuzzDatabase, createKeys, createKeysInProcess } from './backend';
import { Client } from './client';
import { ServerWatch } from './monitor';
import { plan } from './plan';
import { PROBE_QUERY, ProbeStats, startProbe } from './probe';
import { loadPhase, LoadResult } from './load-phase';
import { CategoryStats, runPlan } from './runner';
import { gql } from './types';

export interface FuzzOptions {
  backend: BackendName;
  /** Requests in the plan (heavy cases included). */
  requests: number;
  /** Stop sending after this many seconds of sending; what is left counts as not sent. */
  seconds: number;
  seed: number;
  concurrency: number;
  timeoutMs: number;
  skipHeavy: boolean;
  /** The server is killed (and counted as crashed) past this RSS, before it takes the machine down. */
  killRssMb: number;
  /** PostgreSQL server to create the scratch database on. */
  databaseUrl: string;
  /** Seconds of the heavy client beside the probe in the load phase (on a national-scale server with the default limits); 0 skips the phase. */
  loadSeconds: number;
  /** "cli": keys made with scripts/keys.ts as an operator does; "in-process": faster, for the test suite. */
  keysVia: 'cli' | 'in-process';
  /** PGlite: a seeded data-dir dump to start from (with keysVia "in-process"). */
  template?: string;
  log(line: string): void;
}

export interface FuzzResult {
  backend: BackendName;
  seed: number;
  planned: number;
  startedAt: string;
  seconds: number;
  categories: Record<string, CategoryStats>;
  probe: ProbeStats;
  rssMb: { before: number; peak: number; afterSettle: number; after: number };
  heapUsedMb: { before: number; after: number };
  tablesChanged: string[];
  crash: string | null;
  serverOutputTail: string;
  load: LoadResult | null;
}

/** Time given to the server's garbage collector before a memory sample. */
const SETTLE_MS = 10_000;
/**
 * After a run, RSS is sampled at SETTLE_MS and again at this: V8's memory reducer gives back the heap a burst
 * grew only after some 20 s of quiet (measured: 164 → 135 MB between 15 and 25 s), and what is still held
 * then is what a run leaves behind. Both are printed, with the heap in use, which tells a leak from a peak.
 */
const QUIET_MS = 30_000;
const WARM_UP_REQUESTS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, and SIGKILL if it has not exited within 15 s. */
async function shutdown(server: ServerProcess): Promise<void> {
  const timer = setTimeout(() => void server.kill(), 15000);
  await server.stop();
  clearTimeout(timer);
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}

export async function fuzzBackend(o: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const log = (line: string) => o.log(`[${o.backend} +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
  const db = await createFuzzDatabase(o.backend, o.databaseUrl, o.template);
  try {
    log(`creating keys ${o.keysVia === 'cli' ? 'with scripts/keys.ts' : 'in process'} (migrates and seeds the scratch database)`);
    const keys = o.keysVia === 'cli' ? await createKeys(db) : await createKeysInProcess(db);
    log('keys created');
    const before = await checksums(db);
    log('checksums taken');
    // The printed schema (CI keeps it current): no need for introspection to be on, nor for the server's source.
    const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
    const items = plan(o.requests, o.seed, o.skipHeavy);
    const server = await startServerProcess({ ...db.env, FINSAM_COST_BUDGET: '0', FINSAM_MAX_IN_FLIGHT: '0', NODE_ENV: 'production' });
    const watch = new ServerWatch(server, o.killRssMb);
    const client = new Client(new URL(server.base), o.concurrency, o.timeoutMs);
    const probeClient = new Client(new URL(server.base), 1, o.timeoutMs);
    const rssMb = { before: NaN, peak: NaN, afterSettle: NaN, after: NaN };
    const heapUsedMb = { before: NaN, after: NaN };
    let categories: Record<string, CategoryStats>;
    let probe: ProbeStats;
    try {
      // The baseline is a server in its steady state: every code path loaded and compiled once (a short run of
      // its own seed, not counted), so "after" measures what the run leaves behind, not what a first request loads.
      for (let i = 0; i < 20; i++) await probeClient.send(gql(PROBE_QUERY));
      await runPlan({ plan: plan(WARM_UP_REQUESTS, o.seed + 1, true), seed: o.seed + 1, context: { schema, keys }, client, concurrency: o.concurrency, deadline: Infinity, dead: () => watch.dead });
      await sleep(SETTLE_MS);
      rssMb.before = watch.sample();
      heapUsedMb.before = await watch.heapUsedMb();
      log(`server pid ${server.pid} at ${server.base}, RSS ${rssMb.before.toFixed(0)} MB; sending ${items.length} requests`);
      const probing = startProbe(probeClient, 100, () => watch.dead);
      const deadline = Date.now() + o.seconds * 1000;
      categories = await runPlan({ plan: items, seed: o.seed, context: { schema, keys }, client, concurrency: o.concurrency, deadline, dead: () => watch.dead });
      probe = await probing.stop();
      if (!watch.dead) await sleep(SETTLE_MS);
      rssMb.afterSettle = watch.sample();
      if (!watch.dead) await sleep(QUIET_MS - SETTLE_MS);
      rssMb.after = watch.sample();
      rssMb.peak = watch.peakMb;
      heapUsedMb.after = await watch.heapUsedMb();
    } finally {
      watch.stop();
      client.close();
      probeClient.close();
      if (!watch.dead) await shutdown(server);
    }
    log(`main run done${watch.crash ? `; server ${watch.crash}` : ''}`);
    const after = await checksums(db);
    // On a database of its own: the load classes' writes are meant to be written.
    const load = o.loadSeconds > 0 ? await loadPhase(o.backend, o.databaseUrl, o.loadSeconds, o.template) : null;
    log('load phase done');
    return {
      backend: o.backend,
      seed: o.seed,
      planned: items.length,
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      categories,
      probe,
      rssMb,
      heapUsedMb,
      tablesChanged: changedTables(before, after),
      crash: watch.crash,
      serverOutputTail: server.output().slice(-3000),
      load,
    };
  } finally {
    await db.dispose();
  }
}
