/**
 * `npm run import` of a report whose 100 000 financial lines come as one CSV file, on both backends, with the
 * peak resident memory of the process read from /proc while it runs (VmHWM). Synthetic rows: test data only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppDatabase } from '../../src/app/modules';
import { backends, createScratchDatabase } from '../support/database';
import { toolCommand } from '../support/tools';

const ROWS = 100_000;

function writeReport(dir: string): string {
  const lines = ['year,statement,label,amountSek,statedUnit,kind,order'];
  for (let i = 0; i < ROWS; i++) lines.push(`2017,NOTES,Synthetic line ${i},${i * 10},KR,ACTUAL,${i}`);
  writeFileSync(join(dir, 'lines.csv'), `${lines.join('\n')}\n`);
  const report = {
    format: 'finsam-compare/report',
    formatVersion: 1,
    forbund: { slug: 'large-import', name: 'Samordningsförbundet Large Import (synthetic test data)' },
    year: 2017,
    document: { id: 'large-import-2017', url: 'https://example.invalid/large', title: 'Synthetic large report', kind: 'ANNUAL_REPORT', status: 'FINAL', publisher: 'tests', yearsCovered: [2017], defaultLocator: 'synthetic' },
    csv: { financialLines: 'lines.csv' },
  };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
  return join(dir, 'report.json');
}

/** Runs the CLI and samples its peak resident memory until it exits. */
function runMeasured(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; peakMb: number; out: string }> {
  const [command, argv] = toolCommand('import', ...args);
  const child = spawn(command, argv, { env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // gone between two samples
    }
  }, 50);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearInterval(sample);
      resolve({ code, peakMb: peakKb / 1024, out });
    }),
  );
}

describe.each(backends)('a 100 000-row import from the command line on %s', (backend) => {
  const work = mkdtempSync(join(tmpdir(), 'finsam-large-'));
  let env: Record<string, string>;
  let dispose = async () => {};
  beforeAll(async () => {
    if (backend === 'pglite') {
      const dataDir = join(work, 'data');
      const db = await openAppDatabase({ dataDir, loadDataDir: new Blob([readFileSync(process.env.FINSAM_TEST_TEMPLATE!)]) });
      await db.close();
      env = { FINSAM_DATA_DIR: dataDir, FINSAM_SEED: 'all' };
    } else {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url, FINSAM_SEED: 'all' };
      dispose = scratch.drop;
    }
  }, 120_000);
  afterAll(async () => {
    await dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('imports every row in one transaction, its peak memory printed, and under 300 MB on PostgreSQL', async () => {
    const report = writeReport(work);
    const started = Date.now();
    const run = await runMeasured(env, report);
    console.log(`${backend}: ${ROWS} rows in ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${run.peakMb.toFixed(0)} MB`);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`${ROWS} added, 0 changed, 0 removed, 0 unchanged (written as batch`);
    // PGlite's own memory (the embedded server's buffers and the transaction's data) is most of its figure.
    expect(run.peakMb).toBeLessThan(backend === 'postgres' ? 300 : 600);
  }, 180_000);
});
