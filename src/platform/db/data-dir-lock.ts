import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Beside PostgreSQL's own postmaster.pid: which server has the embedded database open. */
const LOCK_FILE = 'finsam-server.json';

interface LockInfo {
  pid: number;
  url: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server that has this PGlite folder open, if one is running (a lock left by a dead process does not count). */
export function runningServer(dataDir: string): LockInfo | null {
  const path = join(dataDir, LOCK_FILE);
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return info.pid !== process.pid && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * PGlite is one process's database: a second process would write a copy the first never sees. So a
 * tool refuses, naming the server and what to do, rather than change data the server will not show.
 */
export function assertDataDirFree(dataDir: string): void {
  const server = runningServer(dataDir);
  if (!server) return;
  throw new Error(
    `The Finsam Compare server (pid ${server.pid}, ${server.url}, started ${server.startedAt}) has the embedded database in ${dataDir} open, ` +
      'and an embedded database serves one process at a time. Stop the server (Ctrl-C, or kill ' +
      `${server.pid}), run this command, then start the server again. To work beside a running server, run both on PostgreSQL (DATABASE_URL); ` +
      'imports can also be sent to the running server with the importReport mutation.',
  );
}

export function claimDataDir(dataDir: string, url: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(path, JSON.stringify({ pid: process.pid, url, startedAt: new Date().toISOString() }));
  return () => rmSync(path, { force: true });
}
