/**
 * Scale past one machine: several API processes on one PostgreSQL database (reads through
 * DATABASE_READ_URL), sharing a Redis of the test's own for the response cache and the rate limits.
 * Every process is started as `npm start` starts it, and spoken to over HTTP.
 */
import { Redis } from 'ioredis';
import { createScratchDatabase } from '../support/database';
import { RedisServer, redisServerUnavailable } from '../support/redis-server';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { keyFrom, runTool } from '../support/tools';


// The shared PostgreSQL of this machine and CI (tests/support/database.ts creates scratch databases on it).
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const unavailable = redisServerUnavailable();
if (unavailable) console.warn(`tests/ops/replicas.test.ts skipped: ${unavailable}`);
const describeWithRedis = unavailable ? describe.skip : describe;

interface Answer {
  status: number;
  etag: string | null;
  cacheControl: string | null;
  body: any;
}

/** GET /graphql?query=…, as a browser or CDN would send a public read. */
async function get(server: ServerProcess, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${server.base}/graphql?query=${encodeURIComponent(query)}`, { headers, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), cacheControl: res.headers.get('cache-control'), body: text ? JSON.parse(text) : null };
}

async function post(server: ServerProcess, query: string, key: string): Promise<any> {
  const res = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** A sample of /metrics, e.g. metric(server, 'finsam_response_cache_lookups', 'result="hit"'). */
async function metric(server: ServerProcess, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${server.base}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  if (!line) throw new Error(`no ${name}{${labels}} in /metrics`);
  return Number(line.split(' ')[1]);
}

/** SIGTERM, and SIGKILL if it has not exited within 10 s. */
async function stopOrKill(server: ServerProcess): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 10_000)));
  const result = await Promise.race([server.stop(), hung]);
  clearTimeout(timer);
  if (result === 'hung') await server.kill();
}

/** The answer without its extensions (the computed cost rides along). */
const dataOf = (answer: Answer) => ({ data: answer.body?.data, errors: answer.body?.errors });

const setAnonymous = (value: string) => `mutation { setObservation(input: {
  forbund: "uppsala", measure: "participants_anonymous", year: 2017, value: "${value}",
  sourceDocument: "uppsala-ar-2017", locator: "Statistik deltagare inom förbundets individinsatser (ops test)" }) {
  files { batchId changed } } }`;

const ANONYMOUS_2017 = '{ forbund(slug: "uppsala") { outcome(year: 2017) { anonymous } } }';

describeWithRedis('API processes on one PostgreSQL database and one Redis', () => {
  let redis: RedisServer | null = null;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  const servers: ServerProcess[] = [];
  /** a and b: no rate limit; limitedA (whose replica cannot write) and limitedB: 6 requests a minute. */
  let a: ServerProcess, b: ServerProcess, limitedA: ServerProcess, limitedB: ServerProcess;
  let key: string;
  let readUrl: string;

  beforeAll(async () => {
    const t0 = Date.now();
    const lap = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    redis = await RedisServer.start();
    scratch = await createScratchDatabase();
    // The same database through a second connection string, as a replica would be reached.
    readUrl = scratch.url.includes('@127.0.0.1:') ? scratch.url.replace('@127.0.0.1:', '@localhost:') : `${scratch.url}?application_name=finsam-read`;
    expect(readUrl).not.toBe(scratch.url);
    // The key is made, and the database migrated and seeded, by the command-line tool.
    const created = await runTool({ DATABASE_URL: scratch.url }, 'keys', 'create', '--name', 'ops', '--role', 'ADMIN');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    key = keyFrom(created.stdout);
    lap('redis started, scratch database migrated and seeded by keys.ts');

    // NODE_ENV unset, as under `npm start` (Jest sets it to "test" and children would inherit it).
    const common = { NODE_ENV: undefined, DATABASE_URL: scratch.url, DATABASE_READ_URL: readUrl, REDIS_URL: redis.url, FINSAM_LOG_LEVEL: 'warn' };
    const readOnly = `${readUrl}${readUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c default_transaction_read_only=on')}`;
    const started = await Promise.allSettled([
      startServerProcess({ ...common, FINSAM_COST_BUDGET: '0' }, 120_000),
      startServerProcess({ ...common, FINSAM_COST_BUDGET: '0' }, 120_000),
      // A real replica refuses writes: this one reads through a connection that cannot write, as a hot standby's.
      startServerProcess({ ...common, FINSAM_COST_BUDGET: '6', DATABASE_READ_URL: readOnly }, 120_000),
      startServerProcess({ ...common, FINSAM_COST_BUDGET: '6' }, 120_000),
    ]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
    [a, b, limitedA, limitedB] = servers;
    lap('four API processes listening');
    for (const s of servers) expect(s.output()).toContain('reads from DATABASE_READ_URL');
    for (const s of servers) expect(s.output()).toContain('response cache and cost budgets in Redis');
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopOrKill(s)));
    await redis?.stop().catch((e) => console.warn(`stopping redis: ${e}`));
    await scratch?.drop().catch((e) => console.warn(`dropping the scratch database: ${e}`));
  }, 60_000);

  it('a figure written through A is what B answers next: 200 with a new ETag, never the cached answer or a 304', async () => {
    const first = await get(b, ANONYMOUS_2017);
    expect(first.status).toBe(200);
    expect(dataOf(first)).toEqual({ data: { forbund: { outcome: { anonymous: 1 } } } });
    expect(first.etag).toMatch(/^W\/"\d+-/);
    expect(first.cacheControl).toMatch(/^public, max-age=\d+/);

    // Asked again: served from the response cache (in Redis), same ETag.
    const hitsBefore = await metric(b, 'finsam_response_cache_lookups', 'result="hit"');
    const second = await get(b, ANONYMOUS_2017);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.etag).toBe(first.etag);
    expect(await metric(b, 'finsam_response_cache_lookups', 'result="hit"')).toBe(hitsBefore + 1);
    // A client that has it is told so.
    const revalidated = await get(b, ANONYMOUS_2017, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);

    const written = await post(a, setAnonymous('7'), key);
    expect(written.errors).toBeUndefined();
    expect(written.data.setObservation.files[0].changed).toBe(1);

    const conditional = await get(b, ANONYMOUS_2017, { 'if-none-match': first.etag! });
    expect(conditional.status).toBe(200);
    expect(dataOf(conditional)).toEqual({ data: { forbund: { outcome: { anonymous: 7 } } } });
    expect(conditional.etag).not.toBe(first.etag);
    const plain = await get(b, ANONYMOUS_2017);
    expect(dataOf(plain)).toEqual({ data: { forbund: { outcome: { anonymous: 7 } } } });
    expect(plain.etag).toBe(conditional.etag);
    expect((await get(a, ANONYMOUS_2017)).body).toEqual(plain.body);
  });

  it('an answer A cached in Redis is served by B from the cache', async () => {
    const query = '{ forbund(slug: "jamtland") { name outcome(year: 2017) { anonymous participants } } }';
    const fromA = await get(a, query);
    expect(fromA.status).toBe(200);
    expect(fromA.body.errors).toBeUndefined();

    const client: Redis = redis!.client();
    try {
      const keys = await client.keys('finsam*');
      expect(keys.some((k) => k.startsWith('finsam:') && k.includes('answer:'))).toBe(true);
    } finally {
      client.disconnect();
    }

    const hits = await metric(b, 'finsam_response_cache_lookups', 'result="hit"');
    const misses = await metric(b, 'finsam_response_cache_lookups', 'result="miss"');
    const fromB = await get(b, query);
    expect(fromB.status).toBe(200);
    expect(fromB.body).toEqual(fromA.body);
    expect(fromB.etag).toBe(fromA.etag);
    expect(await metric(b, 'finsam_response_cache_lookups', 'result="hit"')).toBe(hits + 1);
    expect(await metric(b, 'finsam_response_cache_lookups', 'result="miss"')).toBe(misses);
  });

  it('the cost budget is one across processes: alternating between two, the 7th one-point request of a budget of 6 is 429', async () => {
    const statuses: number[] = [];
    const remaining: Array<string | null> = [];
    let refused: any = null;
    for (let i = 0; i < 10; i++) {
      const server = i % 2 === 0 ? limitedA : limitedB;
      const res = await fetch(`${server.base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { signal: AbortSignal.timeout(10_000) });
      statuses.push(res.status);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
      const body = await res.json();
      if (res.status === 429) refused ??= { body, retryAfter: res.headers.get('retry-after') };
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    expect(remaining.slice(0, 6)).toEqual(['5', '4', '3', '2', '1', '0']);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 6 });
    expect(refused.retryAfter).toMatch(/^\d+$/);

    const client: Redis = redis!.client();
    try {
      expect((await client.keys('finsam-budget:*')).length).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });

  // Runs after the budget test: the key has a budget of its own, and the anonymous reads go to b (no limit).
  it('writes go to DATABASE_URL even when DATABASE_READ_URL is a replica that cannot write', async () => {
    const written = await post(limitedA, setAnonymous('8'), key);
    if (written.errors) console.log(`setObservation through a server whose replica cannot write:\n${JSON.stringify(written.errors)}\nserver output:\n${limitedA.output()}`);
    expect(written.errors).toBeUndefined();
    expect(written.data.setObservation.files[0].changed).toBe(1);
    expect(dataOf(await get(b, ANONYMOUS_2017))).toEqual({ data: { forbund: { outcome: { anonymous: 8 } } } });
  });
});
