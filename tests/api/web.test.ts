import { createHash } from 'node:crypto';
import { createApiKey } from '../../src/domain/auth/keys';
import { startTestApi, TestApi } from '../support/api';
import { backends, REGISTERED_SLUGS } from '../support/database';

const QUERY = '{ forbund(slug: "uppsala") { outcome(year: 2017) { anonymous } } }';
const get = (t: TestApi, params: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${t.api.url}?${new URLSearchParams(params)}`, { headers });

describe.each(backends)('open to the web on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApi(backend);
    admin = (await createApiKey(t.db.dataSource.manager, { name: 'web test', role: 'ADMIN' })).secret;
  });
  afterAll(() => t.close());

  it('answers a CORS preflight from any origin, for reads and for keyed writes', async () => {
    const res = await fetch(t.api.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://nns.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const read = await get(t, { query: QUERY }, { origin: 'https://nns.example' });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-expose-headers')).toMatch(/etag/);
  });

  it('answers GET queries with no special header, and never runs a mutation over GET', async () => {
    const res = await get(t, { query: '{ forbunds { slug } }' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.forbunds.map((f: any) => f.slug)).toEqual(REGISTERED_SLUGS);
    const mutation = await get(t, { query: 'mutation { setObservation(input: { forbund: "uppsala", measure: "x", year: 2017, sourceDocument: "x", locator: "xx" }) { dryRun } }' });
    expect(mutation.status).toBe(405);
  });

  it('refuses a POST that is not JSON, so no cross-site form can write', async () => {
    const res = await fetch(t.api.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ forbunds { slug } }' }) });
    expect(res.status).toBe(415);
  });

  it('marks public answers cacheable with an ETag from the data version, answers If-None-Match with 304, and a write changes both', async () => {
    const first = await get(t, { query: QUERY });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"\d+-/);
    expect(((await first.json()) as any).data.forbund.outcome.anonymous).toBe(1);

    t.db.counter.reset();
    const again = await get(t, { query: QUERY }, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    // Only the data version was read: nothing ran.
    expect(t.db.counter.statements.map((s) => s.trim())).toEqual(['SELECT version FROM data_version WHERE id = 1']);

    const write = await fetch(t.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query: `mutation { setObservation(input: { forbund: "uppsala", measure: "participants_anonymous", year: 2017, value: "2", sourceDocument: "uppsala-ar-2017", locator: "Statistik deltagare inom förbundets individinsatser", note: "web test" }) { files { changed } } }`,
      }),
    });
    expect(write.headers.get('cache-control')).toBe('private, no-store');
    expect(((await write.json()) as any).data.setObservation.files[0].changed).toBe(1);

    const after = await get(t, { query: QUERY }, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as any).data.forbund.outcome.anonymous).toBe(2);
  });

  it('serves a repeated public query from the response cache, keyed by the data version', async () => {
    const query = '{ nationalComparison(measure: "to_work_or_studies", year: 2017) { entries { rank value { numerator } } } }';
    await get(t, { query });
    t.db.counter.reset();
    const cached = await get(t, { query });
    expect(((await cached.json()) as any).data.nationalComparison.entries[0].value.numerator).toBe(31);
    expect(t.db.counter.count).toBe(1);
    expect(t.api.metrics.registry.getSingleMetricAsString('finsam_response_cache_lookups')).toBeDefined();
    const text = await (await fetch(t.api.url.replace('/graphql', '/metrics'))).text();
    expect(Number(/finsam_response_cache_lookups\{result="hit"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(0);
  });

  it('serves a cached answer in the media type the client accepts, as GraphQL over HTTP says', async () => {
    const query = '{ forbund(slug: "uppsala") { slug } }';
    const ask = (accept: string) => get(t, { query }, { accept });
    for (let i = 0; i < 2; i++) {
      const modern = await ask('application/graphql-response+json');
      expect(modern.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
      const plain = await ask('application/json');
      expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
      // One URL, two representations: a cache in between must tell them apart.
      for (const res of [modern, plain]) expect(res.headers.get('vary')?.toLowerCase()).toContain('accept');
      expect(await plain.json()).toEqual(await modern.json());
    }
  });

  it('gives long max-age to answers as of a settled past moment, and private no-store to keyed requests', async () => {
    const past = await get(t, { query: '{ forbund(slug: "uppsala", asOf: "2020-01-01T00:00:00Z") { slug } }' });
    expect(past.headers.get('cache-control')).toBe('public, max-age=86400');
    const keyed = await fetch(`${t.api.url}?${new URLSearchParams({ query: QUERY })}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(keyed.headers.get('cache-control')).toBe('private, no-store');
    expect(keyed.headers.get('etag')).toBeNull();
    const failed = await get(t, { query: '{ nationalComparison(measure: "nope", year: 2017) { pooled { value } } }' });
    expect(failed.headers.get('cache-control')).toBe('private, no-store');
  });

  it('takes automatic persisted queries, so a widget\'s GET URL is short', async () => {
    const sha256Hash = createHash('sha256').update(QUERY).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const unknown = (await (await get(t, { extensions })).json()) as any;
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await get(t, { query: QUERY, extensions });
    expect(registered.status).toBe(200);
    const short = await get(t, { extensions });
    expect(short.status).toBe(200);
    expect(((await short.json()) as any).data.forbund.outcome.anonymous).toBeGreaterThan(0);
    expect(short.headers.get('etag')).toBeTruthy();
  });

  it('compresses and caches the GraphiQL page and the CSV export', async () => {
    const page = await fetch(t.api.url, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('public, max-age=3600');
    // fetch decodes the body itself; the header says it travelled compressed.
    expect(page.headers.get('content-encoding')).toBe('gzip');
    const etag = page.headers.get('etag')!;
    await page.arrayBuffer();
    expect((await fetch(t.api.url, { headers: { accept: 'text/html', 'if-none-match': etag } })).status).toBe(304);

    const url = t.api.url.replace('/graphql', '/export/observations.csv?forbund=uppsala');
    const csv = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-encoding')).toBe('gzip');
    expect(csv.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8').split('\r\n')[0]).toMatch(/^\ufeffforbund_slug,/);
    expect((await fetch(url, { headers: { 'if-none-match': csv.headers.get('etag')! } })).status).toBe(304);
  });

  it('gzips a large GraphQL answer for clients that accept it', async () => {
    const res = await fetch(`${t.api.url}?${new URLSearchParams({ query: '{ measures { code name nameSv definition } }' })}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
  });

  it('has liveness, readiness and Prometheus metrics, and a request id on every answer', async () => {
    const base = t.api.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'alive' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ok' });
    await get(t, { query: '{ nope }' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/finsam_http_requests_total\{route="\/graphql",operation="query forbunds",status="200"\} \d+/);
    expect(metrics).toMatch(/finsam_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} \d+/);
    expect(metrics).toMatch(/finsam_http_request_duration_seconds_bucket/);
    expect(metrics).toMatch(/finsam_sql_statements_per_request_bucket/);
    const res = await get(t, { query: QUERY }, { 'x-request-id': 'dashboard-42' });
    expect(res.headers.get('x-request-id')).toBe('dashboard-42');
  });
});
