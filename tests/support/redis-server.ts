import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './tools';

/** Debian's Redis server binary (package redis-server). */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why a throwaway Redis cannot be started on this machine, or null when it can. */
export function redisServerUnavailable(): string | null {
  return existsSync(REDIS_SERVER) ? null : `${REDIS_SERVER} is missing (apt-get install redis-server)`;
}

/**
 * A Redis server of the test's own: loopback only, on a free port, nothing persisted, in a temporary
 * folder removed by stop(). The machine's Redis on 6379 is never touched.
 */
export class RedisServer {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly proc: ChildProcess,
    private readonly exited: Promise<number | null>,
    readonly output: () => string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A client of this server (the caller disconnects it). */
  client(): Redis {
    return new Redis(this.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  }

  static async start(timeoutMs = 15000): Promise<RedisServer> {
    const missing = redisServerUnavailable();
    if (missing) throw new Error(missing);
    const dir = mkdtempSync(join(tmpdir(), 'finsam-redis-'));
    const port = await freePort();
    const proc = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const server = new RedisServer(port, dir, proc, exited, () => out);
    try {
      await server.waitForPing(timeoutMs);
      return server;
    } catch (e) {
      await server.stop();
      throw e;
    }
  }

  private async waitForPing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let dead = false;
    void this.exited.then(() => (dead = true));
    for (;;) {
      if (dead) throw new Error(`redis-server exited before answering PING:\n${this.output()}`);
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
      client.on('error', () => {});
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        // not up yet
      } finally {
        client.disconnect();
      }
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within ${timeoutMs} ms:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SHUTDOWN NOSAVE, else SIGTERM, else SIGKILL; then removes the folder. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.call('SHUTDOWN', 'NOSAVE').catch(() => {}); // the connection closes as it answers
      } catch {
        // not answering: signals below
      } finally {
        client.disconnect();
      }
      const gone = async (ms: number) => {
        let timer: NodeJS.Timeout | undefined;
        const result = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
        clearTimeout(timer);
        return result;
      };
      if (!(await gone(3000))) {
        this.proc.kill('SIGTERM');
        if (!(await gone(3000))) {
          this.proc.kill('SIGKILL');
          await this.exited;
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
