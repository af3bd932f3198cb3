/**
 * The heavy lane: heavy work (a costly query, a chart) runs a few pieces at a time, a few more wait their turn,
 * and the rest are told at once that the server is busy (429 SERVER_BUSY with Retry-After) — never a 500, never
 * a wait past the deadline — while cheap requests, which never enter the lane, go on being answered.
 */
import { startTestApi, TestApi } from '../support/api';

/** Every comparison field over every year, asOf a new moment each time so nothing kept per data version helps. */
const heavy = (asOf: string) => `{ ${[2013, 2016, 2017, 2019, 2020]
  .map((y) => `y${y}: nationalComparison(measure: "to_work_or_studies", year: ${y}, asOf: "${asOf}") {
    funnel(points: 1000) { limits { denominator lower95 upper95 lower998 upper998 } }
    entries { rank rankInterval { low high } recentTrend { marker } shrunken { value } outcome { at998 } } }`)
  .join(' ')} }`;

describe('the heavy lane (PGlite)', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('pglite', { limits: { heavyCost: 1_000, heavyLane: 1, heavyQueue: 1, maxInFlight: 0, costBudget: 0 } });
  });
  afterAll(() => t.close());

  it('runs one heavy query, queues one, and refuses the rest at once with 429 SERVER_BUSY and Retry-After, while a cheap query is answered', async () => {
    const sent = Array.from({ length: 8 }, (_, i) =>
      fetch(t.api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: heavy(new Date(Date.now() - i * 1000).toISOString()) }) }).then(async (res) => ({
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: { cost?: { requested: number } } },
      })),
    );
    const cheap = await t.query('{ forbund(slug: "uppsala") { name } }');
    const answers = await Promise.all(sent);
    expect(cheap.status).toBe(200);
    expect(cheap.data.forbund.name).toBe('Samordningsförbundet Uppsala län');
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 429]));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok[0].body.extensions?.cost?.requested).toBeGreaterThan(1_000);
    for (const busy of answers.filter((a) => a.status === 429)) {
      expect(busy.retryAfter).toBe('1');
      expect(busy.body.errors?.[0].extensions).toMatchObject({ code: 'SERVER_BUSY', limit: 1, heavyCost: 1_000 });
      expect(busy.body.errors?.[0].message).toMatch(/^The server is busy: .*Try again in 1 s, or ask for less: work costing under 1000 points never waits\.$/);
    }
  });
});
