/** A benchmark peer run as a child process on a free port: started, waited for until it answers, measured, stopped. */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, rssMbOf } from '../../tests/support/tools';
import type { Running } from './systems';

export interface ChildServer {
  /** Named in errors. */
  name: string;
  command: string;
  args: string[];
  /** Added to this process's environment; PORT is set to the free port. */
  env: Record<string, string>;
  /** Whether the server at `base` answers yet. */
  answers(base: string): Promise<boolean>;
  timeoutMs: number;
  pollMs: number;
}

/** Starts it and resolves once it answers; if it exits or stays silent, kills it and throws with what it printed. */
export async function startChildServer(child: ChildServer): Promise<Running> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(child.command, child.args, { env: { ...process.env, ...child.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  let exited = false;
  // No 'exit' follows a spawn 'error' (a missing binary): either ends it.
  const exit = new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', (e) => {
      output += `${e}\n`;
      resolve();
    });
  }).then(() => void (exited = true));
  const deadline = Date.now() + child.timeoutMs;
  while (!(await child.answers(base))) {
    if (exited || Date.now() > deadline) {
      const why = exited ? `exited (${proc.exitCode ?? proc.signalCode})` : `did not answer within ${child.timeoutMs} ms`;
      proc.kill('SIGKILL');
      await exit;
      throw new Error(`${child.name} ${why}:\n${output}`);
    }
    await sleep(child.pollMs);
  }
  const pid = proc.pid!;
  return {
    base,
    pid,
    rssMb: () => rssMbOf(pid),
    stop: async () => {
      if (exited) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
