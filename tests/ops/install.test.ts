/**
 * What `npm install` does in a fresh clone: it must leave the committed lockfile as it is (no optional binaries
 * of other platforms added, nothing re-resolved) and warn of no engine on the Node the project says it runs on.
 * npm resolves the tree from the lockfile in a copy of the two files (--package-lock-only: nothing is
 * downloaded into node_modules), exactly as a fresh clone's install would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('npm install in a fresh clone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'finsam-install-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps package-lock.json byte for byte and prints no EBADENGINE warning', () => {
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(file, join(dir, file));
    const run = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    const printed = `${run.stdout}${run.stderr}`;
    expect(printed.split('\n').filter((l) => l.includes('EBADENGINE'))).toEqual([]);
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync('package-lock.json', 'utf8'));
  });

  it('ignores what the README\'s commands make: the demo database, a linked node_modules', () => {
    const ignored = execFileSync('git', ['check-ignore', '.data-demo/PG_VERSION', '.data/PG_VERSION', 'node_modules'], { encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toEqual(['.data-demo/PG_VERSION', '.data/PG_VERSION', 'node_modules']);
  });
});
