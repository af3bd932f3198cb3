/**
 * `npm start` as a process manager or a container runtime runs it: SIGTERM goes to the npm process, and must stop
 * the server too (npm forwards it; the server must be what receives it, not a shell left between them). Its
 * output: plain start-up lines with no log line among them, request log lines that name the operation and the
 * error code, and a last line once it has stopped. PGlite in a folder of the test's own, on a free port.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  const work = mkdtempSync(join(tmpdir(), 'finsam-npm-start-'));
  let npm: ChildProcess | undefined;
  let server: number | undefined;
  afterAll(() => {
    // A server left behind by a failure would hold the test's pipes open, and Jest with them.
    if (server !== undefined && alive(server)) process.kill(server, 'SIGKILL');
    if (npm && npm.exitCode === null) npm.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('stops the server on a SIGTERM sent to npm, and says what it did in plain lines and in log lines', async () => {
    const port = await freePort();
    const dataDir = join(work, 'data');
    // NODE_ENV unset, as for a user (Jest sets it to "test").
    npm = spawn('npm', ['start'], { env: { ...process.env, NODE_ENV: undefined, PORT: String(port), FINSAM_DATA_DIR: dataDir, FINSAM_COST_BUDGET: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout!.on('data', (d) => (out += d));
    npm.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => npm!.once('exit', (code) => resolve(code)));
    await until('the server to listen', () => out.includes('GraphQL API and GraphiQL at'), 120_000);
    server = JSON.parse(readFileSync(join(dataDir, 'finsam-server.json'), 'utf8')).pid as number;
    expect(server).not.toBe(npm.pid);

    // Every start-up line is plain text: Fastify's "Server listening" is not printed as JSON among them.
    const startUp = out.slice(0, out.indexOf('GraphQL API and GraphiQL at')).split('\n').filter((l) => l.trim() && !l.startsWith('>'));
    expect(startUp.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(startUp.at(-1)).toMatch(/^Finsam Compare on embedded PostgreSQL \(PGlite\)/);

    const base = `http://127.0.0.1:${port}`;
    const good = await fetch(`${base}/graphql?query=${encodeURIComponent('{ forbund(slug: "uppsala") { name } }')}`);
    expect(good.status).toBe(200);
    const bad = await fetch(`${base}/graphql?query=${encodeURIComponent('{ nationalComparison(measure: "nope", year: 2017) { year } }')}`);
    const csv = await fetch(`${base}/export/observations.csv?forbund=atlantis`);
    expect(csv.status).toBe(400);
    const completed = () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'request completed');
    const line = (id: string | null) => completed().find((l) => l.reqId === id);
    await until('the log lines of the three requests', () => [good, bad, csv].every((r) => line(r.headers.get('x-request-id'))), 10_000);
    expect(line(good.headers.get('x-request-id'))).toMatchObject({ operation: 'query forbund', res: { statusCode: 200 } });
    expect(line(good.headers.get('x-request-id')).errorCodes).toBeUndefined();
    expect(line(bad.headers.get('x-request-id'))).toMatchObject({ operation: 'query nationalComparison', errorCodes: ['UNKNOWN_MEASURE'] });
    expect(line(csv.headers.get('x-request-id'))).toMatchObject({ errorCodes: ['UNKNOWN_FORBUND'], res: { statusCode: 400 } });

    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the server process to end', () => !alive(server!), 15_000);
    expect(await accepts(port)).toBe(false);
    const lines = out.trim().split('\n');
    expect(out).toContain('SIGTERM: finishing requests in flight and stopping…');
    expect(lines.at(-1)).toBe('Finsam Compare stopped: requests finished, database closed.');
  }, 180_000);
});
