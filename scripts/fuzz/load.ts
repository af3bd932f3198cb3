/**
 * Two load classes the fuzzer and the test suite share (tests/load/fairness.test.ts): a heavy client beside a
 * probe from another address, and clients that drip their requests. Loopback only; bounded in time.
 */
import { Socket } from 'node:net';
import { clientFrom, percentile, socketFrom } from './loopback';

/** Every field of a national comparison's entry: what a client that wants everything asks. */
const ENTRY = `forbund { slug name } year value { numerator denominator value statedPercent } reference { year value }
  differencePp ratio ci95 { low high } ci998 { low high } outcome { at95 at998 method labelSv labelEn reason }
  funnel { position lower95 upper95 lower998 upper998 adjustedPosition }
  shrunken { value low high prior { alpha beta mean strength forbundCount basis } } quintile quintileReason smallNumbers
  test { method z pValue } significantlyDifferent rank percentile peerMean coverage { shareWithPersonalData }
  rankInterval { low high } recentTrend { marker slope chiSquare years reason }`;

/**
 * About the heaviest query the default limits let through (cost 86 020 of 100 000): five national comparisons
 * with 1 000-point funnels and every entry field, asOf a moment of the client's choosing, so that no result kept
 * per data version can be reused.
 */
export const HEAVY_QUERY = `query Heavy($asOf: DateTime) {
  ${[2021, 2022, 2023, 2024, 2025]
    .map(
      (year) => `y${year}: nationalComparison(measure: "to_work_or_studies", year: ${year}, asOf: $asOf) {
    funnel(points: 1000) { limits { denominator lower95 upper95 lower998 upper998 adjustedLower95 adjustedUpper95 adjustedLower998 adjustedUpper998 } }
    entries { ${ENTRY} }
  }`,
    )
    .join('\n  ')}
}`;

const PROBE = '{ forbund(slug: "uppsala") { name } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HeavyResult {
  heavyCost: number | null;
  /** The heavy client's answers by HTTP status. */
  heavy: Record<number, number>;
  /** Its 429s that said when to come back (Retry-After). */
  heavyRetryAfter: number;
  probeStatuses: Record<number, number>;
  probeP50: number;
  probeP99: number;
  probeMax: number;
  probeAnswers: number;
}

/** `connections` heavy requests at a time from 127.0.0.2 for `seconds`, and a probe every 100 ms from 127.0.0.3. */
export async function heavyBesideProbe(base: string, seconds: number, connections = 8): Promise<HeavyResult> {
  const heavy = clientFrom('127.0.0.2', base);
  const probe = clientFrom('127.0.0.3', base);
  const result: HeavyResult = { heavyCost: null, heavy: {}, heavyRetryAfter: 0, probeStatuses: {}, probeP50: NaN, probeP99: NaN, probeMax: NaN, probeAnswers: 0 };
  const probeMs: number[] = [];
  const until = Date.now() + seconds * 1000;
  const count = (into: Record<number, number>, status: number) => (into[status] = (into[status] ?? 0) + 1);
  try {
    const heavyLoops = Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const answer = await heavy.post(HEAVY_QUERY, { asOf: new Date().toISOString() }).catch(() => ({ status: 0, text: '', headers: {} as Record<string, unknown> }));
        count(result.heavy, answer.status);
        if (answer.status === 429 && answer.headers['retry-after'] !== undefined) result.heavyRetryAfter++;
        if (answer.status === 200) result.heavyCost ??= JSON.parse(answer.text).extensions.cost.requested;
        else await sleep(50);
      }
    });
    const probeLoop = (async () => {
      while (Date.now() < until) {
        const answer = await probe.post(PROBE).catch(() => ({ status: 0, ms: NaN }));
        count(result.probeStatuses, answer.status);
        probeMs.push(answer.ms);
        await sleep(100);
      }
    })();
    await Promise.all([...heavyLoops, probeLoop]);
  } finally {
    heavy.close();
    probe.close();
  }
  return { ...result, probeP50: percentile(probeMs, 50), probeP99: percentile(probeMs, 99), probeMax: Math.max(...probeMs), probeAnswers: probeMs.length };
}

export interface DripResult {
  sockets: number;
  closed: number;
  /** When the last of each kind was closed by the server, ms after they started. */
  lastClosedMs: Record<'fast body' | 'slow body' | 'headers', number>;
  healthStatuses: Record<number, number>;
  healthMaxMs: number;
}

/**
 * `bodies` sockets sending a request body a byte at a time — half every 500 ms (only the whole-request limit
 * can cut them), half every 3 s (the body-idle limit does) — and `headers` sending their headers that way, spread
 * over five addresses (127.0.0.10–14, each under the cap per address); /healthz from 127.0.0.20 throughout.
 */
export async function drippingClients(base: string, bodies: number, headers: number, waitMs: number): Promise<DripResult> {
  const start = Date.now();
  const closed: Array<{ kind: keyof DripResult['lastClosedMs']; ms: number }> = [];
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const open = async (i: number, kind: keyof DripResult['lastClosedMs']) => {
    const socket = await socketFrom(`127.0.0.${10 + (i % 5)}`, base);
    sockets.push(socket);
    socket.on('error', () => {});
    socket.on('data', () => {});
    socket.once('close', () => closed.push({ kind, ms: Date.now() - start }));
    socket.write(kind === 'headers' ? 'POST /graphql HTTP/1.1\r\nHost: x\r\n' : 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
    timers.push(setInterval(() => !socket.destroyed && socket.write(kind === 'headers' ? 'X' : ' '), kind === 'slow body' ? 3000 : 500));
  };
  await Promise.all([
    ...Array.from({ length: Math.ceil(bodies / 2) }, (_, i) => open(i, 'fast body')),
    ...Array.from({ length: Math.floor(bodies / 2) }, (_, i) => open(i, 'slow body')),
    ...Array.from({ length: headers }, (_, i) => open(i, 'headers')),
  ]);
  const health = clientFrom('127.0.0.20', base);
  const healthStatuses: Record<number, number> = {};
  let healthMaxMs = 0;
  try {
    while (closed.length < sockets.length && Date.now() - start < waitMs) {
      const answer = await health.get('/healthz').catch(() => ({ status: 0, ms: NaN }));
      healthStatuses[answer.status] = (healthStatuses[answer.status] ?? 0) + 1;
      healthMaxMs = Math.max(healthMaxMs, answer.ms);
      await sleep(200);
    }
  } finally {
    health.close();
    for (const t of timers) clearInterval(t);
  }
  // Counted before the sockets still open are closed here: only what the server cut counts.
  const byServer = [...closed];
  for (const s of sockets) s.destroy();
  const last = (kind: keyof DripResult['lastClosedMs']) => Math.max(...byServer.filter((c) => c.kind === kind).map((c) => c.ms));
  return { sockets: sockets.length, closed: byServer.length, lastClosedMs: { 'fast body': last('fast body'), 'slow body': last('slow body'), headers: last('headers') }, healthStatuses, healthMaxMs };
}

export interface RaceResult {
  /** Every answer by HTTP status and error code, e.g. "200", "409 WRITE_CONFLICT". */
  answers: Record<string, number>;
  /** Current versions of the raced figure afterwards: exactly one when the writes took turns. */
  currentVersions: number;
}

/**
 * Writes that race, as a careless client or a double-clicked button sends them: 20 corrections of one figure
 * at once and 20 imports of one new förbund at once, with an ADMIN key. `currentVersions` is read back through
 * the API: the raced figure must have one value in force.
 */
export async function writeRaces(base: string, admin: string): Promise<RaceResult> {
  const client = clientFrom('127.0.0.4', base);
  const answers: Record<string, number> = {};
  const send = async (query: string, variables: Record<string, unknown>) => {
    const a = await client.post(query, variables, { authorization: `Bearer ${admin}` }).catch(() => ({ status: 0, text: '{}' }));
    const codes = ((JSON.parse(a.text).errors ?? []) as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code);
    const key = [a.status, ...new Set(codes)].join(' ');
    answers[key] = (answers[key] ?? 0) + 1;
  };
  const correction = (value: number) => ({
    input: { forbund: 'uppsala', measure: 'participants_anonymous', year: 2017, value: String(value), sourceDocument: 'uppsala-ar-2017', locator: 'Statistik', note: 'fuzzer: a race' },
  });
  const report = (value: number) => ({
    report: {
      format: 'finsam-compare/report',
      formatVersion: 1,
      forbund: { slug: 'fuzz-race', name: 'Samordningsförbundet Fuzz Race (synthetic)' },
      year: 2020,
      document: { id: 'fuzz-race-2020', url: 'https://example.invalid/race', title: 'Race', kind: 'ANNUAL_REPORT', status: 'FINAL', publisher: 'fuzzer', yearsCovered: [2020] },
      observations: [{ measure: 'participants_ended', year: 2020, gender: 'ALL', value: String(value), locator: 'Statistik' }],
    },
  });
  try {
    await Promise.all(Array.from({ length: 20 }, (_, i) => send('mutation($input: SetObservationInput!) { setObservation(input: $input) { files { batchId } } }', correction(i + 2))));
    await Promise.all(Array.from({ length: 20 }, (_, i) => send('mutation($report: JSONObject!) { importReport(report: $report, fileName: "race.json") { files { batchId } } }', report(i))));
    const read = await client.post('{ forbund(slug: "uppsala") { outcome(year: 2017) { observations { measure { code } gender provenance { document { id } supersededAt } } } } }');
    const versions = JSON.parse(read.text).data.forbund.outcome.observations.filter(
      (o: any) => o.measure.code === 'participants_anonymous' && o.gender === 'ALL' && o.provenance.document.id === 'uppsala-ar-2017',
    );
    return { answers, currentVersions: versions.filter((o: any) => o.provenance.supersededAt === null).length };
  } finally {
    client.close();
  }
}
