import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './tools';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server binaries. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

// initdb refuses root: as root the tools run as the postgres OS user, on folders it owns.
const asRoot = process.getuid?.() === 0;

/** Why a throwaway cluster cannot be made on this machine, or null when it can. */
export function pgClusterUnavailable(): string | null {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, tool))) return `${join(PG_BIN, tool)} is missing (apt-get install postgresql)`;
  }
  if (!asRoot) return null;
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'runuser is missing';
  if (!/^postgres:/m.test(readFileSync('/etc/passwd', 'utf8'))) return 'there is no postgres OS user to run initdb as';
  return null;
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder, listening only on 127.0.0.1 at a free
 * port with trust auth. It can be stopped and started again on the same data and port, so a test can take
 * the database away from a running server. The shared server on 5432 is never touched.
 */
export class PgCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Connection string for the cluster's `postgres` database as user `postgres`. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The server's log, for failure messages. */
  log(): string {
    const path = join(this.dir, 'server.log');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  /** Runs initdb in a new temporary folder; call start() next. */
  static async create(): Promise<PgCluster> {
    const reason = pgClusterUnavailable();
    if (reason) throw new Error(`Cannot create a PostgreSQL cluster: ${reason}`);
    const dir = mkdtempSync(join(tmpdir(), 'finsam-pg-'));
    const port = await freePort();
    if (port === 5432) throw new Error('refusing port 5432: it belongs to the shared server');
    const cluster = new PgCluster(dir, port);
    try {
      mkdirSync(cluster.dataDir, { mode: 0o700 });
      if (asRoot) {
        const { uid, gid } = await postgresIds();
        chownSync(dir, uid, gid);
        chownSync(cluster.dataDir, uid, gid);
      }
      await cluster.tool('initdb', '-D', cluster.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync');
      // In the config file rather than on pg_ctl's command line, so a restart gets the same settings.
      appendFileSync(
        join(cluster.dataDir, 'postgresql.conf'),
        [
          `port = ${port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${dir}'`,
          // Throwaway data: durability only costs time here.
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          '',
        ].join('\n'),
      );
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return cluster;
  }

  private async tool(name: string, ...args: string[]): Promise<string> {
    const command = asRoot ? ['runuser', '-u', 'postgres', '--', join(PG_BIN, name)] : [join(PG_BIN, name)];
    const { stdout } = await run(command[0], [...command.slice(1), ...args], { cwd: this.dir, timeout: 60000 });
    return stdout;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    try {
      await this.tool('pg_ctl', '-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', 'start');
    } catch (e) {
      throw new Error(`pg_ctl start failed: ${(e as Error).message}\n${this.log()}`);
    }
  }

  /** Fast shutdown: open sessions are terminated, their transactions rolled back. */
  async stop(): Promise<void> {
    await this.tool('pg_ctl', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop');
  }

  /** Stops the server if it runs, and removes the folder. Safe to call twice. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await this.tool('pg_ctl', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop').catch(() => undefined);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}
