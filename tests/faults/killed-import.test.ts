import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openAppDatabase } from '../../src/app/modules';
import { loadSeeds } from '../../src/ingest/seed';
import { tableChecksums } from '../support/database';
import { PgCluster, pgClusterUnavailable } from '../support/pg-cluster';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { keyFrom, runTool, toolCommand } from '../support/tools';


// Every PERSONS, FTE and PERCENT measure × every allowed year × every gender: 4074 observations.
const VALUE_MEASURES = [
  'participants_registered',
  'participants_anonymous',
  'participants_structural',
  'participants_individual_total',
  'participants_all',
  'participants_ended',
  'competence_activity_participants',
  'staff_fte',
  'member_income_consumption_insatser_pct',
  'member_income_consumption_elected_pct',
  'member_income_consumption_admin_pct',
  'insatser_granted_budget_used_pct',
  'samverkansinsatser_budget_consumed_pct',
  'insatser_over_85pct_budget_share_pct',
];
// Kept under what one INSERT of financial lines can carry while imports are not yet batched (65535 parameters).
const FINANCIAL_LINES = 3_500;

interface Report {
  path: string;
  report: Record<string, unknown>;
  csv: Array<{ name: string; content: string }>;
}

/** A synthetic report of ~7,500 figures for a förbund of its own, written to dir as the CLI reads it. */
function writeLargeReport(dir: string, financialLines = FINANCIAL_LINES): Report {
  const observations = ['measure,year,gender,value'];
  for (const measure of VALUE_MEASURES) {
    for (let year = 2004; year <= 2100; year++) {
      // Plausible figures, so the import's checks let it through: women and men add up to less than the total.
      const part = year % 40;
      observations.push(`${measure},${year},ALL,${2 * part + 1}`, `${measure},${year},WOMEN,${part}`, `${measure},${year},MEN,${part}`);
    }
  }
  const lines = ['year,statement,label,amountSek,statedUnit,kind,order'];
  for (let i = 0; i < financialLines; i++) lines.push(`2017,NOTES,Synthetic line ${i},${i * 10},KR,ACTUAL,${i}`);
  const csv = [
    { name: 'observations.csv', content: observations.join('\n') + '\n' },
    { name: 'financial-lines.csv', content: lines.join('\n') + '\n' },
  ];
  const report = {
    format: 'finsam-compare/report',
    formatVersion: 1,
    forbund: { slug: 'fault-import', name: 'Samordningsförbundet Fault Import (synthetic test data)' },
    year: 2017,
    document: {
      id: 'fault-import-2017',
      url: 'https://example.invalid/fault-import-2017',
      title: 'Synthetic report for the killed-import fault test',
      kind: 'ANNUAL_REPORT',
      status: 'FINAL',
      publisher: 'tests',
      yearsCovered: [2017],
      defaultLocator: 'synthetic',
    },
    csv: { observations: csv[0].name, financialLines: csv[1].name },
  };
  for (const f of csv) writeFileSync(join(dir, f.name), f.content);
  const path = join(dir, 'report.json');
  writeFileSync(path, JSON.stringify(report));
  return { path, report, csv };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const unavailable = pgClusterUnavailable();
if (unavailable) console.warn(`Skipping the PostgreSQL killed-import fault test: ${unavailable}`);

(unavailable ? describe.skip : describe)('an import CLI killed half-way on PostgreSQL', () => {
  let cluster: PgCluster;
  let monitor: Client;
  let importer: ChildProcess | undefined;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'finsam-killed-import-'));
    cluster = await PgCluster.create();
    await cluster.start();
    monitor = new Client({ connectionString: cluster.url });
    await monitor.connect();
  }, 60_000);

  afterAll(async () => {
    importer?.kill('SIGKILL');
    await monitor?.end();
    await cluster?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 30_000);

  async function checksums(): Promise<Record<string, string>> {
    const db = await openAppDatabase({ databaseUrl: cluster.url });
    try {
      return await tableChecksums(db);
    } finally {
      await db.close();
    }
  }

  it('leaves nothing of the import in the database, and no session holding locks', async () => {
    // The database the CLI expects to find: migrated and seeded as FINSAM_SEED=reference leaves it.
    const db = await openAppDatabase({ databaseUrl: cluster.url });
    await db.dataSource.runMigrations({ transaction: 'each' });
    await loadSeeds(db.dataSource, 'seeds', 'reference');
    await db.close();
    const before = await checksums();
    const { path } = writeLargeReport(work);

    const proc = spawn(...toolCommand('import', path), {
      env: { ...process.env, DATABASE_URL: cluster.url, FINSAM_SEED: 'reference' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    importer = proc;
    let output = '';
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.once('exit', (code, signal) => resolve(signal ?? code)));

    // Half-way: the import's transaction holds a write lock on observation, so its figures are written but not committed.
    const backend = await until('the import writes observations', 60_000, async () => {
      if (proc.exitCode !== null) throw new Error(`the import ended (${proc.exitCode}) before it could be killed; make the report larger:\n${output.slice(0, 2_000)}`);
      const { rows } = await monitor.query(
        `SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
         WHERE c.relname = 'observation' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()`,
      );
      return rows[0]?.pid as number | undefined;
    });
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // PostgreSQL sees the socket close, rolls the transaction back and lets the session and its locks go.
    await until('the killed import leaves no session or lock', 10_000, async () => {
      const { rows } = await monitor.query(
        `SELECT (SELECT count(*) FROM pg_stat_activity WHERE pid = $1)::int + (SELECT count(*) FROM pg_locks WHERE pid = $1)::int AS n`,
        [backend],
      );
      return rows[0].n === 0;
    });
    expect(await checksums()).toEqual(before);
  }, 90_000);
});

describe('the PGlite server killed during an importReport', () => {
  let server: ServerProcess | undefined;
  let work: string;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'finsam-killed-server-'));
    dataDir = join(work, 'data');
    // FINSAM_SEED=all matches the test template's seeds, so neither the CLI nor the server reloads them.
    env = { FINSAM_DATA_DIR: dataDir, FINSAM_SEED: 'all', FINSAM_COST_BUDGET: '0' };
  });

  afterAll(async () => {
    await server?.kill();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 30_000);

  async function checksums(): Promise<Record<string, string>> {
    const db = await openAppDatabase({ dataDir });
    try {
      return await tableChecksums(db);
    } finally {
      await db.close();
    }
  }

  /** The newest modification time of the WAL files: it moves when PGlite writes a transaction's rows. */
  function walMtime(): number {
    const wal = join(dataDir, 'pg_wal');
    return Math.max(...readdirSync(wal).map((f) => statSync(join(wal, f)).mtimeMs));
  }

  it('starts again on the same folder, answers, and holds nothing of the import', async () => {
    // The migrated, seeded template of this test run (globalSetup), unpacked into a folder of the test's own.
    const seeded = await openAppDatabase({ dataDir, loadDataDir: new Blob([readFileSync(process.env.FINSAM_TEST_TEMPLATE!)]) });
    await seeded.close();
    const key = keyFrom((await runTool(env, 'keys', 'create', '--name', 'fault', '--role', 'ADMIN')).stdout);
    const before = await checksums();
    // Within the rows one importReport may carry (MAX_IMPORT_ROWS_OVER_HTTP): 4 074 observations and 900 lines.
    const { report, csv } = writeLargeReport(work, 900);

    server = await startServerProcess(env);
    const walBefore = walMtime();
    let answer: string | null = null;
    fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query: 'mutation ($report: JSONObject!, $csv: [CsvFileInput!]!) { importReport(report: $report, csv: $csv, fileName: "report.json") { files { added batchId } } }',
        variables: { report, csv },
      }),
    }).then(
      async (res) => (answer = `HTTP ${res.status} ${await res.text()}`),
      (e: Error) => (answer = e.message),
    );
    // Half-way: PGlite keeps writing WAL (the import's rows; a small write would touch it once or twice) and has not answered.
    const walWrites = new Set<number>();
    await until('PGlite writes the import', 60_000, async () => {
      if (answer !== null) throw new Error(`the import answered before it could be killed; make the report larger: ${answer.slice(0, 2_000)}`);
      const mtime = walMtime();
      if (mtime > walBefore) walWrites.add(mtime);
      return walWrites.size >= 2;
    });
    // Sent now, with no await between the check above and the signal: the import had not answered.
    await server.kill();

    server = await startServerProcess(env);
    const res = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ uppsala: forbund(slug: "uppsala") { name } imported: forbund(slug: "fault-import") { name } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ uppsala: { name: 'Samordningsförbundet Uppsala län' }, imported: null });
    expect(await server.stop()).toBe(0);
    server = undefined;
    expect(await checksums()).toEqual(before);
  }, 120_000);
});
