/**
 * What a new user meets first when something is wrong: an unknown förbund gets one code wherever a slug is an
 * argument, a wrong key is refused instead of passing as a public read, a list of import batches costs what it
 * asks for, and /metrics is for operators only. All over HTTP against a running server.
 */
import { networkInterfaces } from 'node:os';
import { createApiKey } from '../../src/domain/auth/keys';
import { startTestApi, TestApi } from '../support/api';
import { backends, REGISTERED_SLUGS } from '../support/database';

const post = async (t: TestApi, query: string, headers: Record<string, string> = {}) => {
  const res = await fetch(t.api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};
const base = (t: TestApi) => t.api.url.replace('/graphql', '');

const SET_OBSERVATION = (forbund: string) => `mutation { setObservation(input: { forbund: "${forbund}", measure: "participants_anonymous", year: 2017,
  value: "1", sourceDocument: "uppsala-ar-2017", locator: "Statistik (refusals test)" }) { files { changed } } }`;

describe.each(backends)('refusals a new user meets, on %s', (backend) => {
  let t: TestApi;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApi(backend);
    admin = (await createApiKey(t.db.dataSource.manager, { name: 'refusals test', role: 'ADMIN' })).secret;
  });
  afterAll(() => t.close());

  it('answers an unknown förbund with UNKNOWN_FORBUND and the valid slugs wherever a slug is an argument', async () => {
    const expectUnknown = (extensions: any, message: string, valid = REGISTERED_SLUGS) => {
      expect(extensions.code).toBe('UNKNOWN_FORBUND');
      expect(extensions.validForbund).toEqual(valid);
      expect(message).toBe(`Unknown förbund "atlantis". Valid förbund slugs: ${valid.join(', ')}`);
    };
    // The export and its connection also take "riket", the national figures' slug.
    const withNational = [...REGISTERED_SLUGS, 'riket'];
    const graphql: Array<[string, string[]]> = [
      ['{ observations(filter: { forbund: ["uppsala", "atlantis"] }) { totalCount } }', withNational],
      ['{ availability(forbund: ["atlantis"]) { years } }', REGISTERED_SLUGS],
    ];
    for (const [query, valid] of graphql) {
      const { status, body } = await post(t, query);
      expect([query, status]).toEqual([query, 200]);
      expectUnknown(body.errors[0].extensions, body.errors[0].message, valid);
    }
    const written = await post(t, SET_OBSERVATION('atlantis'), { authorization: `Bearer ${admin}` });
    expectUnknown(written.body.errors[0].extensions, written.body.errors[0].message);
    // The GET resources: a 400 with the same code and the same list as GraphQL's extensions.
    for (const path of ['/export/observations.csv?forbund=atlantis', '/charts/funnel.svg?measure=to_work_or_studies&year=2017&highlight=atlantis']) {
      const res = await fetch(`${base(t)}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 400, 'application/json; charset=utf-8']);
      const body = (await res.json()) as any;
      expectUnknown({ code: body.code, validForbund: body.validForbund }, body.error, path.startsWith('/export') ? withNational : REGISTERED_SLUGS);
    }
    // The lookup itself answers null, as GraphQL lookups do.
    expect((await post(t, '{ forbund(slug: "atlantis") { name } }')).body).toMatchObject({ data: { forbund: null } });
  });

  it('refuses a request with a wrong key with 401 UNAUTHENTICATED, readable from another origin, instead of answering it as public', async () => {
    const query = '{ forbunds { slug } }';
    for (const authorization of ['Bearer fck_typo', `Bearer ${admin}x`, 'Bearer', 'Basic dXNlcjpwYXNz']) {
      const res = await post(t, query, { authorization, origin: 'https://nns.example' });
      expect([authorization, res.status]).toEqual([authorization, 401]);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(res.body.errors[0].message).toMatch(/The API key is not valid/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    }
    const csv = await fetch(`${base(t)}/export/observations.csv?forbund=uppsala`, { headers: { authorization: 'Bearer fck_typo' } });
    expect(csv.status).toBe(401);
    expect(await csv.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    // No key at all is a public read, and the right key a keyed one.
    expect((await post(t, query)).status).toBe(200);
    expect((await post(t, query, { authorization: `Bearer ${admin}` })).status).toBe(200);
  });

  it('costs importBatches by the batches asked for, not by a thousand warnings on each', async () => {
    const cost = async (query: string) => (await post(t, query)).body.extensions.cost.requested as number;
    // The README's query: 20 batches (the default), each with its handful of warnings.
    const readme = await cost('{ importBatches { id documentId warnings { file path reason } } }');
    expect(readme).toBe(await cost('{ importBatches(first: 20) { id documentId warnings { file path reason } } }'));
    expect(readme).toBeLessThan(2_000);
    // More batches cost proportionally more: the bound is still the rows asked for.
    expect(await cost('{ importBatches(first: 200) { id documentId warnings { file path reason } } }')).toBe((readme - 1) * 10 + 1);
    expect(await cost('{ importBatches(first: 5) { id } }')).toBe(6);
  });
});

describe('/metrics, for operators', () => {
  const TOKEN = 'metrics-test-token-0123456789';
  let open: TestApi;
  let tokened: TestApi;
  beforeAll(async () => {
    // Listening on every address, so the test can also come from this machine's network address.
    open = await startTestApi('pglite', { host: '0.0.0.0' });
    tokened = await startTestApi('pglite', { metricsToken: TOKEN });
  });
  afterAll(async () => {
    await open?.close();
    await tokened?.close();
  });

  it('without FINSAM_METRICS_TOKEN: this machine only, not through a proxy, never with CORS', async () => {
    const port = new URL(open.api.url).port;
    const local = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { origin: 'https://evil.example' } });
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('finsam_http_requests_total');
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
    for (const forwarded of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }] as Array<Record<string, string>>) {
      const proxied = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: forwarded });
      expect(proxied.status).toBe(404);
      expect(await proxied.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/FINSAM_METRICS_TOKEN/) }] });
    }
    const preflight = await fetch(`http://127.0.0.1:${port}/metrics`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // From this machine's network address, as another machine would come.
    const address = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (address) expect((await fetch(`http://${address}:${port}/metrics`)).status).toBe(404);
    else console.warn('no non-loopback IPv4 address on this machine: the remote case was not tried');
    // The API itself still answers every origin.
    expect((await fetch(`http://127.0.0.1:${port}/graphql?query=%7Bforbunds%7Bslug%7D%7D`, { headers: { origin: 'https://nns.example' } })).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('with FINSAM_METRICS_TOKEN: only with the token as a Bearer, which is not an API key', async () => {
    const url = `${base(tokened)}/metrics`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await ok.text()).toMatch(/^finsam_errors_total\{code="UNAUTHENTICATED"\} [1-9]/m);
    // The metrics token opens nothing else: as an API key it is wrong.
    expect((await fetch(`${tokened.api.url}?query=%7Bforbunds%7Bslug%7D%7D`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(401);
  });
});
