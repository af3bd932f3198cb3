import { request as httpRequest } from 'node:http';
import { createApiKey } from '../../src/domain/auth/keys';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }>; extensions?: Record<string, any> };

async function post(t: TestApi, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Body }> {
  const res = await fetch(t.api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

const code = (b: Body) => b.errors?.[0]?.extensions?.code;
/** Statements that read data: the data version (for ETags) is read before anything else, refused or not. */
const dataStatements = (t: TestApi) => t.db.counter.statements.filter((s) => !s.includes('data_version'));
const CHEAP = '{ forbund(slug: "uppsala") { name } }';

describe.each(backends)('limits and clean errors on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('reports every answer\'s computed cost and the limit in extensions', async () => {
    const res = await post(t, { query: CHEAP });
    expect(res.status).toBe(200);
    expect(res.body.extensions?.cost).toEqual({ requested: 2, limit: 100000 });
  });

  it.each([
    ['depth', '{ forbunds { observations { forbund { observations { forbund { observations { forbund { observations { forbund { observations { year } } } } } } } } } } }', 'QUERY_TOO_DEEP', /depth limit of 10/],
    ['cost', '{ forbunds { observations { forbund { observations { forbund { observations { year } } } } } } }', 'QUERY_TOO_COSTLY', /over the limit of 100000/],
    ['aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: nationalComparison(measure: "to_work_or_studies", year: 2017) { pooled { value } }`).join(' ')} }`, 'TOO_MANY_ALIASES', /Aliases limit of 30/],
    ['directives', `{ forbunds ${'@include(if: true) '.repeat(50)}{ slug } }`, 'TOO_MANY_DIRECTIVES', /Directives limit of 20/],
    ['tokens', `{ ${'forbunds { slug } '.repeat(600)} }`, 'TOO_MANY_TOKENS', /2000 tokens/],
    ['document size', `{ forbunds { slug } } # ${'x'.repeat(25_000)}`, 'DOCUMENT_TOO_LARGE', /20000 bytes/],
  ])('refuses a query over the %s limit before running it, with the limit in the message', async (_name, query, expected, message) => {
    t.db.counter.reset();
    const res = await post(t, { query });
    expect(res.status).toBe(400);
    expect(code(res.body)).toBe(expected);
    expect(res.body.errors![0].message).toMatch(message);
    expect(res.body.data).toBeUndefined();
    expect(dataStatements(t)).toEqual([]);
  });

  it('rejects a cycle of 5 000 fragments and a megabyte of directives cleanly and fast', async () => {
    const fragments = Array.from({ length: 5000 }, (_, i) => `fragment F${i} on Forbund { ...F${(i + 1) % 5000} }`).join('\n');
    const cycle = await post(t, { query: `{ forbunds { ...F0 } }\n${fragments}` });
    expect(cycle.status).toBe(413);
    expect(code(cycle.body)).toBe('PAYLOAD_TOO_LARGE');
    const small = await post(t, { query: '{ forbunds { ...A } } fragment A on Forbund { ...B } fragment B on Forbund { ...A }' });
    expect(small.status).toBe(400);
    expect(code(small.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    const started = Date.now();
    const directives = await post(t, JSON.stringify({ query: `{ forbunds ${'@skip(if: false) '.repeat(60_000)}{ slug } }` }));
    expect(directives.status).toBe(413);
    expect(code(directives.body)).toBe('PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['a NUL byte in a literal', { query: '{ forbund(slug: "a\\u0000") { name } }' }],
    ['a NUL byte in a variable', { query: 'query($s: String!) { forbund(slug: $s) { name } }', variables: { s: 'a\u0000' } }],
    ['a lone surrogate in a variable', { query: 'query($s: String!) { forbund(slug: $s) { name } }', variables: { s: 'a\ud800b' } }],
    ['a NUL byte deep in a list variable', { query: 'query($f: ObservationFilter) { observations(filter: $f) { totalCount } }', variables: { f: { forbund: ['uppsala', 'x\u0000'] } } }],
    ['an asOf the database cannot hold', { query: '{ forbund(slug: "uppsala", asOf: "0000-01-01T00:00:00Z") { name } }' }],
  ])('answers %s with BAD_USER_INPUT before any SQL', async (_name, body) => {
    t.db.counter.reset();
    const res = await post(t, body);
    expect(res.status).toBe(400);
    expect(code(res.body)).toBe('BAD_USER_INPUT');
    expect(dataStatements(t)).toEqual([]);
  });

  it.each([
    ['asOf=-004714-01-01T00:00:00Z', /asOf must be/],
    ['updatedSince=99999-01-01T00:00:00Z', /updatedSince must be/],
    ['forbund=a%00b', /NUL/],
    ['measures=to_work%00', /NUL/],
    ['years=20171', /four-digit years/],
  ])('refuses the CSV export with %s before the first byte of a body', async (query, message) => {
    const res = await fetch(`${t.api.url.replace('/graphql', '')}/export/observations.csv?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: string; code: string };
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.error).toMatch(message);
  });

  it('refuses a large body without a key before reading it, and takes it with one', async () => {
    const big = { query: CHEAP, variables: { padding: 'x'.repeat(200_000) } };
    const anonymous = await post(t, big);
    expect(anonymous.status).toBe(413);
    expect(code(anonymous.body)).toBe('PAYLOAD_TOO_LARGE');
    expect(anonymous.body.errors![0].message).toMatch(/100000 bytes/);
    const key = (await createApiKey(t.db.dataSource.manager, { name: 'limits test', role: 'ADMIN' })).secret;
    const withKey = await post(t, big, { authorization: `Bearer ${key}` });
    expect(withKey.status).toBe(200);
    expect(withKey.body.data.forbund.name).toMatch(/Uppsala/);
  });

  it('counts a body sent without a Content-Length as it arrives', async () => {
    const url = new URL(t.api.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(`{"query":"{ forbunds { slug } }","variables":{"p":"`);
      for (let i = 0; i < 30; i++) req.write('x'.repeat(10_000));
      req.end('"}}');
    });
    expect(status).toBe(413);
  });

  it('answers malformed bodies with 4xx and a code, never 5xx', async () => {
    for (const [body, type] of [
      ['{"query": ', 'application/json'],
      ['[1,2,3]', 'application/json'],
      ['"just a string"', 'application/json'],
      ['query=x', 'application/x-www-form-urlencoded'],
      ['', 'application/json'],
    ]) {
      const res = await fetch(t.api.url, { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('bounded work', () => {
  it('stops a request at its deadline and cancels its remaining SQL', async () => {
    const t = await startTestApi('pglite', { limits: { requestTimeoutMs: 1 } });
    try {
      const res = await post(t, { query: '{ forbunds { slug members { organisation { name } } allocations { totalSek } } }' });
      expect(res.body.errors?.some((e) => e.extensions?.code === 'REQUEST_TIMEOUT')).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('caps the size of an answer', async () => {
    const t = await startTestApi('pglite', { limits: { maxResponseBytes: 2000 } });
    try {
      const res = await post(t, { query: '{ measures { code name nameSv definition } }' });
      expect(res.status).toBe(400);
      expect(code(res.body)).toBe('RESPONSE_TOO_LARGE');
      expect(res.body.errors![0].message).toMatch(/2000 bytes/);
    } finally {
      await t.close();
    }
  });
});
