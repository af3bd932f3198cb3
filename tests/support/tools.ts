import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The command that runs a command-line tool as `npm run <name>` does (its node options included): the build from the test run's global setup. */
export function toolCommand(name: 'import' | 'keys' | 'register', ...args: string[]): [string, string[]] {
  const [node, ...script] = (JSON.parse(readFileSync('package.json', 'utf8')).scripts[name] as string).split(/\s+/);
  if (node !== 'node') throw new Error(`npm run ${name} is expected to run node`);
  return [process.execPath, [...script, ...args]];
}

/** Runs a command-line tool as a user would (`npm run keys -- …`); never throws: its exit code and what it printed. */
export async function runTool(
  env: Record<string, string | undefined>,
  name: 'import' | 'keys' | 'register',
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, argv] = toolCommand(name, ...args);
  try {
    const { stdout, stderr } = await run(command, argv, { env: { ...process.env, ...env }, timeout: 150_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The key `npm run keys -- create` printed. */
export function keyFrom(stdout: string): string {
  const m = /^(fck_\S+)$/m.exec(stdout);
  if (!m) throw new Error(`no key printed:\n${stdout}`);
  return m[1];
}

/** A port nobody listens on right now on 127.0.0.1 (the machine's own services' ports are in use, so never picked). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A process's resident set size now, in MB (from /proc); NaN once it is gone. */
export function rssMbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Asks `get` every 10 ms until `done` holds or `ms` have passed; the last value and how long it took, for
 * the test to assert on (a timeout is not an error here: the assertion says what was expected).
 */
export async function eventually<T>(get: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await get();
    if (done(value) || Date.now() - start > ms) return { value, ms: Date.now() - start };
    await new Promise((r) => setTimeout(r, 10));
  }
}
