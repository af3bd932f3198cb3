/**
 * Long computations off the event loop ("Fair under load"), on a synthetic national spread (80 förbund,
 * 2013–2017): the comparison statistics run in the worker pool and answer, to the byte, as they do on the event
 * loop (FINSAM_WORKERS=0); and a cheap request is answered while a heavy comparison is being computed. The
 * timings are printed; the assertions on them are generous, as the machine is shared.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { insertSyntheticOutcomes } from '../../scripts/perf/dataset';
import { heavyComparisonQuery } from '../../scripts/perf/heavy-query';
import { statsPool } from '../../src/compare/national/stats-pool';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

const YEARS = [2013, 2014, 2015, 2016, 2017];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe.each(backends)('the comparison statistics off the event loop on %s', (backend) => {
  let t: TestApi;
  let tag = 0;
  beforeAll(async () => {
    t = await startTestApi(backend, { workers: 1 });
    await insertSyntheticOutcomes(t.db.dataSource.manager, { forbund: 80, fromYear: 2013, years: 5, revisedShare: 0, seed: 1 });
  });
  afterAll(async () => {
    await statsPool.setThreads(1);
    await t.close();
  });

  /** The answer's text as sent; each document differs by a comment, so the response cache never answers for the computation. */
  async function answer(o: { asOf?: Date | null; peerGroup?: 'COUNTY' } = {}): Promise<string> {
    const res = await fetch(t.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: heavyComparisonQuery({ years: YEARS, ...o, tag: `${backend} ${tag++}` }) }),
    });
    const text = await res.text();
    expect([res.status, text.includes('"errors"')]).toEqual([200, false]);
    return text;
  }

  it('computes the statistics in a worker thread, answering to the byte as on the event loop', async () => {
    const asOf = new Date(Date.now() + 60_000);
    const before = statsPool.stats().done;
    const pooled = await answer({ asOf, peerGroup: 'COUNTY' });
    const current = await answer({ peerGroup: 'COUNTY' });
    const inWorkers = statsPool.stats().done;
    // 5 years and the 4 before them for the trends, each computed twice (asOf, then the current version), and
    // both times the 5 years' funnels (1 000 points are not kept); the rank intervals are kept by their inputs.
    expect(inWorkers.worker - before.worker).toBeGreaterThanOrEqual(2 * 9 + 2 * 5);
    expect(inWorkers.inline).toBe(before.inline);

    await statsPool.setThreads(0);
    const inline = await answer({ asOf, peerGroup: 'COUNTY' });
    const after = statsPool.stats().done;
    expect(after.worker).toBe(inWorkers.worker);
    expect(after.inline - inWorkers.inline).toBeGreaterThanOrEqual(9 + 5);
    await statsPool.setThreads(1);

    expect(pooled.length).toBeGreaterThan(300_000);
    expect(inline).toBe(pooled);
    expect(current).toBe(pooled);
    const data = JSON.parse(pooled).data;
    expect(data.y2017.entries).toHaveLength(81);
    expect(data.y2017.entries.filter((e: any) => e.rankInterval).length).toBeGreaterThan(75);
    expect(data.y2017.funnel.limits.length).toBeGreaterThan(100);
  });

  /** A heavy asOf request (computed afresh) while a probe asks `{ __typename }` one at a time, 10 ms apart. */
  async function underLoad(workers: number) {
    await statsPool.setThreads(workers);
    await answer({ asOf: new Date(Date.now() - 1000) }); // warm: the threads started, the code compiled
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const probes: number[] = [];
    let heavyDone = false;
    let duringHeavy = 0;
    delay.enable();
    const t0 = performance.now();
    const heavy = answer({ asOf: new Date(Date.now() + 120_000 + workers) }).then(() => {
      heavyDone = true;
      return performance.now() - t0;
    });
    while (!heavyDone) {
      const p0 = performance.now();
      const res = await t.query('{ __typename }');
      expect(res.data).toEqual({ __typename: 'Query' });
      probes.push(performance.now() - p0);
      if (!heavyDone) duringHeavy++;
      await new Promise((r) => setTimeout(r, 10));
    }
    const heavyMs = await heavy;
    delay.disable();
    const result = { workers, heavyMs: Math.round(heavyMs), probes: probes.length, duringHeavy, probeMedianMs: Math.round(median(probes)), probeMaxMs: Math.round(Math.max(...probes)), loopDelayMaxMs: Math.round(delay.max / 1e6) };
    console.log(`${backend}: heavy asOf request with FINSAM_WORKERS=${workers}: ${JSON.stringify(result)}`);
    return result;
  }

  it('answers a cheap request while a heavy comparison is computed', async () => {
    const inline = await underLoad(0);
    const pooled = await underLoad(1);
    await statsPool.setThreads(1);
    // The probe is answered again and again while the heavy request runs, each time well within a second.
    expect(pooled.duringHeavy).toBeGreaterThanOrEqual(3);
    expect(pooled.probeMaxMs).toBeLessThan(Math.max(1000, inline.probeMaxMs));
    expect(pooled.loopDelayMaxMs).toBeLessThan(Math.max(1000, inline.loopDelayMaxMs));
  });
});
