import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';
import { addSyntheticForbund, DASHBOARD } from '../support/synthetic';
import { BENCH_QUERIES } from '../../scripts/perf/queries';

const Q1 = BENCH_QUERIES.find((q) => q.key === 'q1')!;

describe.each(backends)('statements per dashboard request on %s', (backend) => {
  let small: TestApi;
  let large: TestApi;
  beforeAll(async () => {
    small = await startTestApi(backend);
    large = await startTestApi(backend);
    await addSyntheticForbund(large.db.dataSource, 58);
  });
  afterAll(async () => {
    await small.close();
    await large.close();
  });

  async function statementsFor(t: TestApi): Promise<{ count: number; entries: number }> {
    t.db.counter.reset();
    const res = await t.query(DASHBOARD);
    expect(res.errors).toBeUndefined();
    return { count: t.db.counter.count, entries: res.data.nationalComparison.entries.length };
  }

  /** A running server's steady state: the first request has computed what is kept per data version (measures, documents, förbund). */
  async function q1StatementsFor(t: TestApi): Promise<{ count: number; forbund: number }> {
    await t.query(Q1.query, Q1.variables);
    t.db.counter.reset();
    const res = await t.query(Q1.query, Q1.variables);
    expect(res.errors).toBeUndefined();
    return { count: t.db.counter.count, forbund: res.data.forbunds.length };
  }

  it("answers the benchmark's Q1 (every förbund with members, allocation, outcome) in at most 8 statements, for the registry's 19 förbund as for 77", async () => {
    const registry = await q1StatementsFor(small);
    const more = await q1StatementsFor(large);
    expect([registry.forbund, more.forbund]).toEqual([19, 77]);
    expect(more.count).toBe(registry.count);
    expect(registry.count).toBeLessThanOrEqual(8);
  });

  it('issues the same number of SQL statements for 2 förbund as for 60', async () => {
    const two = await statementsFor(small);
    const sixty = await statementsFor(large);
    expect(two.entries).toBe(1); // Uppsala 2017; Jämtland reports no such share for 2017
    expect(sixty.entries).toBe(59);
    // A first request's loads may batch in one turn of the event loop or split over two (PostgreSQL answers
    // asynchronously): one statement either way, never more with more förbund.
    expect(Math.abs(sixty.count - two.count)).toBeLessThanOrEqual(1);
    expect(two.count).toBeLessThan(40);
  });

  it('computes every comparison method (99.8 %, outcome, funnel, trend, rank interval, shrinkage) in as many statements for 60 förbund as for 2', async () => {
    const METHODS = `{ nationalComparison(measure: "to_work_or_studies", year: 2017) {
      funnel(points: 20) { target { value } overdispersion { phi } limits { denominator lower95 } }
      entries { ci998 { low } outcome { at95 } funnel { position } shrunken { value } rankInterval { low } quintile smallNumbers recentTrend { marker } }
    } }`;
    const statements = async (t: TestApi) => {
      t.db.counter.reset();
      const res = await t.query(METHODS);
      expect(res.errors).toBeUndefined();
      return [res.data.nationalComparison.entries.length, t.db.counter.count];
    };
    const [twoEntries, two] = await statements(small);
    const [sixtyEntries, sixty] = await statements(large);
    expect([twoEntries, sixtyEntries]).toEqual([1, 59]);
    expect(sixty).toBe(two);
  });
});
