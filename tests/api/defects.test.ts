/**
 * A defect answers HTTP 500 with INTERNAL_SERVER_ERROR and nothing more, whatever else the answer holds: a
 * server whose schema has one field that always fails, served by the platform as the app serves its own.
 */
import { Query, Resolver } from 'type-graphql';
import { DEFAULT_LIMITS } from '../../src/platform/common/limits';
import { createSchema } from '../../src/platform/graphql/schema';
import { DEFAULT_CACHING } from '../../src/platform/http/caching';
import { DEFAULT_CONNECTIONS } from '../../src/platform/http/connections';
import { startApi } from '../../src/platform/http/server';
import { openSharedStore } from '../../src/platform/http/shared-store';
import { openTestDatabase } from '../support/database';

@Resolver()
class DefectResolver {
  @Query(() => String, { nullable: true, description: 'Always fails, as a defect would.' })
  defect(): string | null {
    throw new Error('a defect: /srv/app/secret.ts line 12');
  }

  @Query(() => String, { description: 'Answers.' })
  fine(): string {
    return 'fine';
  }
}

describe('a defect', () => {
  it('answers 500 INTERNAL_SERVER_ERROR without its message or stack, even beside fields that answered', async () => {
    const db = await openTestDatabase('pglite');
    const api = await startApi(await createSchema([DefectResolver]), { read: db.dataSource, write: db.dataSource }, {
      port: 0,
      limits: { ...DEFAULT_LIMITS, costBudget: 0 },
      connections: DEFAULT_CONNECTIONS,
      caching: DEFAULT_CACHING,
      store: openSharedStore(undefined),
      lookupKey: async () => null,
      modules: [],
      logLevel: 'silent',
    });
    // The defect is logged for operators (format-error.ts); here it would only clutter the test's output.
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ fine defect }' }) });
      const body = await res.json();
      expect(res.status).toBe(500);
      expect(body.data).toEqual({ fine: 'fine', defect: null });
      expect(body.errors).toEqual([{ message: 'Internal server error', locations: [{ line: 1, column: 8 }], path: ['defect'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(body)).not.toContain('secret');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    } finally {
      errors.mockRestore();
      await api.stop();
      await db.close();
    }
  });
});
