/**
 * Running the server: health, readiness and metrics; JSON request logs; graceful shutdown; the
 * command-line tools beside a running embedded (PGlite) server; the address it binds. Every server is
 * started as `npm start` starts it, on a PGlite folder of the test's own, and spoken to over HTTP.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { keyFrom, runTool } from '../support/tools';


/** Whether a new TCP connection to host:port is refused (true) or accepted (false). */
function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within 5 s`));
    }, 5000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ECONNREFUSED') resolve(true);
      else reject(e);
    });
  });
}

/** SIGTERM, and SIGKILL if it has not exited within `ms`; resolves to the exit code, or 'hung'. */
async function stopWithin(server: ServerProcess, ms: number): Promise<number | null | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), ms)));
  const result = await Promise.race([server.stop(), hung]);
  clearTimeout(timer);
  if (result === 'hung') await server.kill();
  return result;
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const setAnonymous = (value: string) => `mutation { setObservation(input: {
  forbund: "uppsala", measure: "participants_anonymous", year: 2017, value: "${value}",
  sourceDocument: "uppsala-ar-2017", locator: "Statistik deltagare inom förbundets individinsatser (ops test)" }) {
  files { batchId changed } } }`;

async function post(base: string, query: string, key?: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, headers: res.headers, ...((await res.json()) as object) };
}

describe('the server as it is run (embedded PGlite)', () => {
  const work = mkdtempSync(join(tmpdir(), 'finsam-ops-'));
  const dataDir = join(work, 'data');
  const lockFile = join(dataDir, 'finsam-server.json');
  // NODE_ENV unset, as under `npm start` (Jest sets it to "test" and children would inherit it).
  const env = { NODE_ENV: undefined, FINSAM_DATA_DIR: dataDir, FINSAM_COST_BUDGET: '0', FINSAM_LOG_LEVEL: 'warn' };
  const servers: ServerProcess[] = [];
  let server: ServerProcess;
  /** Made by the command-line tool before the first start (which also creates and seeds the database). */
  let firstKey: string;
  const t0 = Date.now();
  const lap = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  beforeAll(async () => {
    const created = await runTool(env, 'keys', 'create', '--name', 'first', '--role', 'ADMIN');
    expect(created.code).toBe(0);
    firstKey = keyFrom(created.stdout);
    lap('data folder created and seeded by keys.ts');
    server = await startServerProcess({ ...env, FINSAM_LOG_LEVEL: 'info' }, 120_000);
    servers.push(server);
    lap('server listening');
  }, 300_000);

  afterAll(async () => {
    for (const s of servers) await stopWithin(s, 10_000).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('binds to 127.0.0.1 by default, and says so', async () => {
    expect(server.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toMatch(/GraphQL API and GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphql \(this machine only: set HOST=0\.0\.0\.0 to serve the network\)/);
    const port = Number(new URL(server.base).port);
    // Another loopback address of this machine is not served: it listens on 127.0.0.1 alone, not on every address.
    expect(await refused('127.0.0.2', port)).toBe(true);
    expect(await refused('127.0.0.1', port)).toBe(false);
  });

  it('answers /healthz, /readyz and /metrics (Prometheus text, with request, error, latency, SQL, cache and process metrics)', async () => {
    const health = await fetch(`${server.base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });

    // An error to count, and a good read (asked twice: a cache miss, then a hit).
    const bad = await fetch(`${server.base}/graphql?query=${encodeURIComponent('{ noSuchField }')}`);
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { errors: Array<{ extensions: { code: string } }> };
    const code = badBody.errors[0].extensions.code;
    expect(code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (let i = 0; i < 2; i++) expect((await fetch(`${server.base}/graphql?query=${encodeURIComponent('{ forbund(slug: "uppsala") { name } }')}`)).status).toBe(200);

    const res = await fetch(`${server.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // Prometheus text format: every sample line is name{labels} value, with # HELP / # TYPE before it.
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eEInfa]+$/);
    expect(text).toContain('# TYPE finsam_http_requests_total counter');
    expect(text).toMatch(/^finsam_http_requests_total\{route="\/graphql",operation="",status="400"\} [1-9]/m);
    expect(text).toMatch(/^finsam_http_requests_total\{route="\/graphql",operation="query forbund",status="200"\} [1-9]/m);
    expect(text).toContain('# TYPE finsam_errors_total counter');
    expect(text).toMatch(new RegExp(`^finsam_errors_total\\{code="${code}"\\} [1-9]`, 'm'));
    expect(text).toContain('# TYPE finsam_http_request_duration_seconds histogram');
    expect(text).toMatch(/^finsam_http_request_duration_seconds_bucket\{le="\+Inf",route="\/graphql"\} [1-9]/m);
    expect(text).toContain('# TYPE finsam_sql_statements_per_request histogram');
    expect(text).toMatch(/^finsam_sql_statements_per_request_count\{route="\/graphql"\} [1-9]/m);
    expect(text).toMatch(/^finsam_response_cache_lookups\{result="hit"\} [1-9]/m);
    expect(text).toMatch(/^finsam_response_cache_lookups\{result="miss"\} [1-9]/m);
    for (const processMetric of ['finsam_process_cpu_user_seconds_total', 'finsam_process_resident_memory_bytes', 'finsam_nodejs_heap_size_used_bytes', 'finsam_nodejs_eventloop_lag_seconds']) {
      expect(text).toMatch(new RegExp(`^${processMetric} \\d`, 'm'));
    }
  });

  it('logs JSON lines with a request id, the one the response carries, and never the API key', async () => {
    const invalidKey = `fck_${'Z'.repeat(43)}`;
    const read = await fetch(`${server.base}/graphql?query=${encodeURIComponent('{ forbund(slug: "uppsala") { slug } }')}`);
    const readId = read.headers.get('x-request-id');
    expect(readId).toMatch(/^[0-9a-f-]{36}$/);
    const written = await post(server.base, setAnonymous('3'), firstKey);
    expect(written.errors).toBeUndefined();
    const writeId = written.headers.get('x-request-id');
    const denied = await post(server.base, setAnonymous('4'), invalidKey);
    expect(denied.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(new Set([readId, writeId, denied.headers.get('x-request-id')]).size).toBe(3);

    await until('the log line of the last request', () => server.output().includes(denied.headers.get('x-request-id')));
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) }));
    const ofRead = lines.filter((l) => l.reqId === readId);
    expect(ofRead.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(ofRead.find((l) => l.msg === 'request completed').res.statusCode).toBe(200);
    expect(lines.some((l) => l.reqId === writeId)).toBe(true);

    const output = server.output();
    expect(output).not.toContain(firstKey);
    expect(output).not.toContain(firstKey.slice(4, 20));
    expect(output).not.toContain(invalidKey);
  });

  it('the command-line tools refuse to open the folder of a running server, naming it and what to do', async () => {
    const [keys, imported] = await Promise.all([
      runTool(env, 'keys', 'create', '--name', 'refused', '--role', 'ADMIN'),
      runTool(env, 'import', 'examples/import/uppsala-2017.json'),
    ]);
    const url = `${server.base}/graphql`;
    for (const res of [keys, imported]) {
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain(`pid ${server.pid}`);
      expect(res.stderr).toContain(url);
      expect(res.stderr).toContain('Stop the server');
      expect(res.stderr).toContain('DATABASE_URL');
      expect(`${res.stdout}${res.stderr}`).not.toMatch(/fck_/);
    }
    expect(imported.stderr).toContain('importReport');
    // The server is unharmed.
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  });

  it('SIGTERM: requests in flight complete, new connections are refused, the process exits 0 and removes its lock', async () => {
    expect(existsSync(lockFile)).toBe(true);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.pid, url: `${server.base}/graphql` });
    const { hostname, port } = new URL(server.base);
    const fullCsv = Buffer.from(await (await fetch(`${server.base}/export/observations.csv`)).arrayBuffer());

    // A GraphQL request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ query: '{ forbund(slug: "uppsala") { name outcome(year: 2017) { participants anonymous } } }' });
    const slow = httpRequest({ host: hostname, port: Number(port), method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const slowAnswer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      slow.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
        res.on('error', reject);
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 20));
    // A CSV download under way, read slowly.
    const csv = httpRequest({ host: hostname, port: Number(port), method: 'GET', path: '/export/observations.csv' });
    const csvAnswer = new Promise<{ status: number; bytes: Buffer }>((resolve, reject) => {
      csv.on('response', (res) => {
        res.pause();
        const chunks: Buffer[] = [];
        const pump = () => {
          let chunk: Buffer | null;
          while ((chunk = res.read(512)) !== null) chunks.push(chunk);
        };
        const timer = setInterval(pump, 20);
        res.on('end', () => {
          clearInterval(timer);
          resolve({ status: res.statusCode!, bytes: Buffer.concat(chunks) });
        });
        res.on('error', (e) => {
          clearInterval(timer);
          reject(e);
        });
      });
      csv.on('error', reject);
    });
    csv.end();
    // Settled now, so a request that fails early is a finding of this test, not an unhandled rejection.
    const answers = Promise.allSettled([slowAnswer, csvAnswer]);
    await new Promise((r) => setTimeout(r, 300));

    const exitCode = new Promise<number | null>((resolve) => server.proc.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    let signalOfExit: string | null = null;
    server.proc.once('exit', (_code, signal) => (signalOfExit = signal));
    server.proc.kill('SIGTERM');
    await until('the server to say it is stopping', () => server.output().includes('SIGTERM: finishing requests in flight'), 5000);
    await new Promise((r) => setTimeout(r, 200));
    expect(await refused(hostname, Number(port))).toBe(true);

    slow.end(body.slice(20));
    const [answer, download] = await answers;
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([exitCode, new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), 10_000)))]);
    clearTimeout(timer);
    const diagnosis = `exit ${exited} (signal ${signalOfExit}); slow POST: ${answer.status === 'fulfilled' ? answer.value.status : answer.reason}; CSV: ${download.status === 'fulfilled' ? download.value.status : download.reason}; server output tail:\n${server.output().slice(-1500)}`;
    if (exited !== 0 || answer.status === 'rejected' || download.status === 'rejected') console.log(`graceful shutdown: ${diagnosis}`);

    expect(answer.status).toBe('fulfilled');
    const slowResult = (answer as PromiseFulfilledResult<{ status: number; text: string }>).value;
    expect(slowResult.status).toBe(200);
    expect(JSON.parse(slowResult.text).data.forbund.name).toMatch(/Uppsala/);
    expect(download.status).toBe('fulfilled');
    const csvResult = (download as PromiseFulfilledResult<{ status: number; bytes: Buffer }>).value;
    expect(csvResult.status).toBe(200);
    expect(csvResult.bytes.length).toBe(fullCsv.length);
    expect(csvResult.bytes.equals(fullCsv)).toBe(true);
    expect(exited).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  }, 60_000);

  it('after the server stops, keys.ts works on the folder, and the next server accepts its key; HOST changes the address', async () => {
    if (server.proc.exitCode === null && server.proc.signalCode === null) await stopWithin(server, 10_000);
    const created = await runTool(env, 'keys', 'create', '--name', 'x', '--role', 'ADMIN');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = keyFrom(created.stdout);
    const listed = await runTool(env, 'keys', 'list');
    expect(listed.stdout).toMatch(/\tx\tactive/);
    expect(listed.stdout).not.toContain('refused');
    lap('keys.ts create and list after the stop');

    const again = await startServerProcess({ ...env, HOST: '127.0.0.2' }, 120_000);
    servers.push(again);
    lap('server restarted');
    expect(again.base).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(again.output()).not.toContain('this machine only');
    expect(await refused('127.0.0.1', Number(new URL(again.base).port))).toBe(true);

    const written = await post(again.base, setAnonymous('5'), key);
    expect(written.errors).toBeUndefined();
    expect(written.data.setObservation.files[0].changed).toBe(1);
  }, 300_000);
});
