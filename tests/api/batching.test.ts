import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';
import { addSyntheticForbund, DASHBOARD } from '../support/synthetic';

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

  it('issues the same number of SQL statements for 2 förbund as for 60', async () => {
    const two = await statementsFor(small);
    const sixty = await statementsFor(large);
    expect(two.entries).toBe(1); // Uppsala 2017; Jämtland reports no such share for 2017
    expect(sixty.entries).toBe(59);
    expect(sixty.count).toBe(two.count);
    expect(two.count).toBeLessThan(40);
  });
});
