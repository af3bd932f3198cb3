import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rssMbOf } from './tools';

/** A server started as a user starts it (`npm start`'s command), in a child process of its own. */
export interface ServerProcess {
  proc: ChildProcess;
  pid: number;
  /** Base URL, e.g. http://127.0.0.1:41234 (GraphQL at `${base}/graphql`). */
  base: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** The arguments `npm start` gives node (its memory settings and the compiled entry point), read from package.json. */
function startArguments(): string[] {
  const start: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start;
  // `exec` makes npm's shell become node, so a signal sent to npm reaches the server: it is not an argument.
  const [node, ...args] = start.replace(/^exec\s+/, '').split(/\s+/);
  if (node !== 'node') throw new Error(`npm start is expected to run node, not "${start}"`);
  return args;
}

/**
 * Starts the compiled server (`dist/src/main.js`, built by the test run's global setup) as `npm start` does, with PORT=0 unless given, and resolves once it prints the URL it
 * listens on. `env` is added to the current environment (DATABASE_URL or FINSAM_DATA_DIR, FINSAM_SEED …).
 */
export async function startServerProcess(env: Record<string, string | undefined>, timeoutMs = 60000): Promise<ServerProcess> {
  const proc = spawn(process.execPath, startArguments(), {
    // Jest sets NODE_ENV=test, which changes libraries' behaviour (Apollo's signal handlers): a server here runs as `npm start` runs it.
    env: { ...process.env, NODE_ENV: undefined, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /(http:\/\/[^\s/]+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    proc.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
  const pid = proc.pid!;
  return {
    proc,
    pid,
    base,
    exited,
    output: () => out,
    rssMb: () => rssMbOf(pid),
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}
