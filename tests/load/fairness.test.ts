/**
 * Fair under load, on both backends, against the server as `npm start` runs it on national-scale data: a heavy
 * client on 127.0.0.2 sends about the heaviest query the default limits allow, as fast as it may, while a probe
 * on 127.0.0.3 asks a cheap question every 100 ms; then 500 sockets dripping request bodies (and 50 dripping
 * headers) must be cut by the configured timeouts while /healthz answers. The classes are the fuzzer's
 * (scripts/fuzz/load.ts). Loopback only; bounded in time.
 */
import { drippingClients, heavyBesideProbe } from '../../scripts/fuzz/load';
import { backends } from '../support/database';
import { startNationalServer } from '../support/national';

const RECEIVE_MS = 4000;
const IDLE_MS = 1500;

describe.each(backends)('fair under load on %s', (backend) => {
  let national: Awaited<ReturnType<typeof startNationalServer>>;
  beforeAll(async () => {
    national = await startNationalServer(backend, {
      FINSAM_RECEIVE_TIMEOUT_MS: String(RECEIVE_MS),
      FINSAM_HEADERS_TIMEOUT_MS: String(RECEIVE_MS),
      FINSAM_BODY_IDLE_TIMEOUT_MS: String(IDLE_MS),
    });
  }, 180_000);
  afterAll(() => national?.dispose(), 60_000);

  it('refuses the heavy client once its budget is spent, and answers the probe from another address fast', async () => {
    const r = await heavyBesideProbe(national.server.base, 10);
    console.log(`${backend}: heavy query cost ${r.heavyCost}; heavy client's answers ${JSON.stringify(r.heavy)}; probe ${r.probeAnswers} answers ${JSON.stringify(r.probeStatuses)}, p50 ${r.probeP50.toFixed(0)} ms, p99 ${r.probeP99.toFixed(0)} ms`);
    expect(r.heavy[200]).toBeGreaterThan(0);
    expect(r.heavy[429]).toBeGreaterThan(0);
    expect(Object.keys(r.heavy).filter((s) => Number(s) >= 500 || Number(s) === 0)).toEqual([]);
    expect(Object.keys(r.probeStatuses)).toEqual(['200']);
    expect(r.probeP99).toBeLessThan(1000);
  }, 120_000);

  it('closes 500 sockets dripping bodies (and 50 dripping headers) within the timeouts, while /healthz answers', async () => {
    const r = await drippingClients(national.server.base, 500, 50, RECEIVE_MS + 8000);
    console.log(`${backend}: ${r.closed} of ${r.sockets} sockets closed by the server; last closed after ${JSON.stringify(r.lastClosedMs)} ms; /healthz ${JSON.stringify(r.healthStatuses)} (max ${r.healthMaxMs.toFixed(0)} ms)`);
    expect(r.closed).toBe(r.sockets);
    // Node checks its timeouts every second: a cut comes at most about that long after its limit.
    expect(r.lastClosedMs['slow body']).toBeLessThan(IDLE_MS + 3000);
    expect(r.lastClosedMs['fast body']).toBeLessThan(RECEIVE_MS + 2000);
    expect(r.lastClosedMs.headers).toBeLessThan(RECEIVE_MS + 2000);
    expect(Object.keys(r.healthStatuses)).toEqual(['200']);
  }, 60_000);
});
