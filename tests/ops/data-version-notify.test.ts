/**
 * Without a read replica, each API process keeps the data version in memory from PostgreSQL's NOTIFY
 * (src/platform/db/data-version.ts). Two processes as `npm start` runs them, on one database: a write through A is
 * seen by A's very next request, and by B once the notification arrives; so is a write by plain SQL.
 */
import { Client } from 'pg';
import { createScratchDatabase } from '../support/database';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { eventually, keyFrom, runTool } from '../support/tools';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const ANONYMOUS_2017 = '{ forbund(slug: "uppsala") { outcome(year: 2017) { anonymous } } }';
const setAnonymous = (value: string) => `mutation { setObservation(input: {
  forbund: "uppsala", measure: "participants_anonymous", year: 2017, value: "${value}",
  sourceDocument: "uppsala-ar-2017", locator: "Statistik deltagare inom förbundets individinsatser (notify test)" }) {
  files { changed } } }`;

async function read(server: ServerProcess): Promise<{ anonymous: number; etag: string | null }> {
  const res = await fetch(`${server.base}/graphql?query=${encodeURIComponent(ANONYMOUS_2017)}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as any;
  return { anonymous: body.data.forbund.outcome.anonymous, etag: res.headers.get('etag') };
}

/** Reads from `server` until `done`, for at most 2 s: the last answer and how long it took. */
async function until(server: ServerProcess, done: (a: { anonymous: number; etag: string | null }) => boolean) {
  const { value, ms } = await eventually(() => read(server), done, 2000);
  return { ...value, ms };
}

describe('the data version from NOTIFY, across processes', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let a: ServerProcess;
  let b: ServerProcess;
  let key: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    key = keyFrom((await runTool({ DATABASE_URL: scratch.url }, 'keys', 'create', '--name', 'notify', '--role', 'ADMIN')).stdout);
    const env = { DATABASE_URL: scratch.url, FINSAM_COST_BUDGET: '0', FINSAM_LOG_LEVEL: 'warn' };
    [a, b] = await Promise.all([startServerProcess(env, 120_000), startServerProcess(env, 120_000)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((s) => s.stop()));
    await scratch?.drop();
  });

  it('answers a repeated public read with no SQL at all: the version is known, the answer kept', async () => {
    await read(b);
    const sum = async () => {
      const text = await (await fetch(`${b.base}/metrics`)).text();
      return Number(/finsam_sql_statements_per_request_sum\{route="\/graphql"\} (\d+)/.exec(text)?.[1]);
    };
    const before = await sum();
    expect(before).toBeGreaterThan(0); // the first read ran SQL, and the metric is there
    for (let i = 0; i < 5; i++) await read(b);
    expect(await sum()).toBe(before);
  });

  it('a write through A: A answers it at once, B as soon as the notification arrives', async () => {
    const before = await read(b);
    expect(await read(b)).toEqual(before); // the cached answer, same ETag
    const res = await fetch(`${a.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: setAnonymous('9') }),
    });
    expect(((await res.json()) as any).data.setObservation.files[0].changed).toBe(1);
    expect((await read(a)).anonymous).toBe(9);
    const onB = await until(b, (x) => x.anonymous === 9);
    expect(onB.anonymous).toBe(9);
    expect(onB.etag).not.toBe(before.etag);
    expect(onB.ms).toBeLessThan(1000);
  });

  it('a write by plain SQL, as another tool would make it, moves both ETags', async () => {
    const [beforeA, beforeB] = [await read(a), await read(b)];
    const client = new Client({ connectionString: scratch.url });
    await client.connect();
    await client.query(`UPDATE measure SET note = note WHERE code = 'participants_anonymous'`);
    await client.end();
    expect((await until(a, (x) => x.etag !== beforeA.etag)).etag).not.toBe(beforeA.etag);
    expect((await until(b, (x) => x.etag !== beforeB.etag)).etag).not.toBe(beforeB.etag);
  });
});
