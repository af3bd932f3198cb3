/**
 * Limits in cost, not requests: every client (its key, else its address) spends cost points from a budget per
 * minute, every answer says what it cost and what is left, and a client over its budget or with too many
 * requests in flight gets 429 RATE_LIMITED with Retry-After, while everyone else goes on.
 */
import { connect } from 'node:net';
import { createApiKey } from '../../src/domain/auth/keys';
import { startTestApi, TestApi } from '../support/api';

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }>; extensions?: Record<string, any> };

async function post(t: TestApi, query: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Body }> {
  const res = await fetch(t.api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

async function get(t: TestApi, query: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Body | null }> {
  const res = await fetch(`${t.api.url}?${new URLSearchParams({ query })}`, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Body) : null };
}

/** Costs 101: a list of up to 100 förbund, one field each. */
const LIST = '{ forbunds { slug } }';
/** The same cost, but each its own answer (the response cache would serve a repeated one for a point). */
const list = (i: number) => `{ f${i}: forbunds { slug } }`;
/** Costs 2. */
const ONE = '{ forbund(slug: "uppsala") { name } }';

describe('cost budgets (PGlite)', () => {
  let t: TestApi;
  beforeEach(async () => {
    t = await startTestApi('pglite', { limits: { costBudget: 500, maxInFlight: 2 } });
  });
  afterEach(() => t.close());

  it('charges each answer its computed cost and reports what is left, in extensions and headers', async () => {
    const first = await post(t, LIST);
    expect(first.status).toBe(200);
    expect(first.body.extensions?.cost.requested).toBe(101);
    expect(first.body.extensions?.rateLimit).toMatchObject({ limit: 500, cost: 101, remaining: 399 });
    expect(Date.parse(first.body.extensions?.rateLimit.resetAt)).toBeGreaterThan(Date.now());
    expect(first.headers.get('x-ratelimit-limit')).toBe('500');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('399');
    expect(first.headers.get('x-ratelimit-cost')).toBe('101');
    expect(Number(first.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(Date.now());
    const second = await post(t, ONE);
    expect(second.body.extensions?.rateLimit).toMatchObject({ cost: 2, remaining: 397 });
  });

  it('refuses what the budget cannot hold with 429, Retry-After and the numbers; a key has its own budget, a made-up key shares the address\'s', async () => {
    for (let i = 0; i < 4; i++) expect((await post(t, list(i))).status).toBe(200); // 404 spent, 96 left
    const refused = await post(t, list(4));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 500, cost: 101, remaining: 95 });
    expect(refused.body.errors?.[0].message).toMatch(/500 points a minute/);
    // What still fits goes through: the budget is in points, not requests.
    expect((await post(t, ONE)).status).toBe(200);
    const key = (await createApiKey(t.db.dataSource.manager, { name: 'cost test', role: 'ADMIN' })).secret;
    const withKey = await post(t, LIST, { authorization: `Bearer ${key}` });
    expect(withKey.status).toBe(200);
    expect(withKey.body.extensions?.rateLimit).toMatchObject({ remaining: 399 });
    // A made-up key is refused, and the try is paid from the address's budget (93 left after ONE), not from one of its own.
    const madeUp = await post(t, list(5), { authorization: 'Bearer fck_made-up' });
    expect(madeUp.status).toBe(401);
    expect(madeUp.headers.get('x-ratelimit-remaining')).toBe('92');
    // Monitors are never counted.
    expect((await fetch(t.api.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('charges a cached answer and a 304 one point, and fills in the asker\'s own numbers', async () => {
    const fresh = await get(t, LIST);
    expect(fresh.body?.extensions?.rateLimit).toMatchObject({ cost: 101, remaining: 399 });
    const kept = await get(t, LIST);
    expect(kept.status).toBe(200);
    expect(kept.body?.data).toEqual(fresh.body?.data);
    expect(kept.body?.extensions?.rateLimit).toMatchObject({ cost: 1, remaining: 398 });
    const notModified = await get(t, LIST, { 'if-none-match': fresh.headers.get('etag')! });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('x-ratelimit-remaining')).toBe('397');
  });

  it('caps a client\'s requests in flight: a third while two bodies are still arriving is 429', async () => {
    const { port } = new URL(t.api.url);
    // Two requests whose bodies never finish: they stay in flight until their sockets close.
    const open = [0, 1].map(
      () =>
        new Promise<ReturnType<typeof connect>>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`);
            resolve(socket);
          });
        }),
    );
    const sockets = await Promise.all(open);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const third = await post(t, ONE);
      expect(third.status).toBe(429);
      expect(third.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 2 });
      expect(third.headers.get('retry-after')).toBe('1');
    } finally {
      for (const s of sockets) s.destroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await post(t, ONE)).status).toBe(200);
  });
});
