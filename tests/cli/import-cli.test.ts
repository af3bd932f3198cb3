import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppDatabase } from '../../src/app/modules';
import { backends, createScratchDatabase, tableChecksums } from '../support/database';
import { runTool } from '../support/tools';
import { falunTemplate, fillCsv, fillWorkbook } from '../support/report-template';
import { workbookParts, zip } from '../support/zip';

/** Runs `npm run import -- …` as a user would, on a database holding the national reference data only. */
const importCli = (env: Record<string, string>, ...args: string[]) => runTool({ FINSAM_SEED: 'reference', ...env }, 'import', ...args);

describe.each(backends)('npm run import on %s', (backend) => {
  let env: Record<string, string>;
  let open: () => ReturnType<typeof openAppDatabase>;
  let cleanup: () => Promise<void>;
  const work = mkdtempSync(join(tmpdir(), 'finsam-cli-'));

  beforeAll(async () => {
    if (backend === 'pglite') {
      const dataDir = join(work, 'data');
      env = { FINSAM_DATA_DIR: dataDir };
      open = () => openAppDatabase({ dataDir });
      cleanup = async () => rmSync(work, { recursive: true, force: true });
    } else {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      open = () => openAppDatabase({ databaseUrl: scratch.url });
      cleanup = async () => {
        await scratch.drop();
        rmSync(work, { recursive: true, force: true });
      };
    }
  });
  afterAll(() => cleanup());

  async function checksums(): Promise<Record<string, string>> {
    const db = await open();
    try {
      return await tableChecksums(db);
    } finally {
      await db.close();
    }
  }

  it('reports what a dry run would change and writes nothing', async () => {
    const res = await importCli(env, '--dry-run', 'examples/import/uppsala-2017.json');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('examples/import/uppsala-2017.json → uppsala-ar-2017-example: 97 added, 0 changed, 0 removed, 0 unchanged (dry run, nothing written)');
    expect(res.stdout).toContain('would add observation uppsala|to_work_or_studies|2017|ALL');
    expect(res.stdout).toContain('would create förbund Samordningsförbundet Uppsala län (uppsala)');
    const db = await open();
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM forbund');
    await db.close();
    expect(n).toBe(0);
  });

  it('imports the example, then a second run changes nothing', async () => {
    const first = await importCli(env, '--actor', 'test-suite', 'examples/import/uppsala-2017.json');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/97 added, 0 changed, 0 removed, 0 unchanged \(written as batch \d+\)/);
    const before = await checksums();
    const second = await importCli(env, 'examples/import/uppsala-2017.json');
    expect(second.stdout).toContain('0 added, 0 changed, 0 removed, 97 unchanged (nothing to write)');
    expect(await checksums()).toEqual(before);

    const db = await open();
    const [batch] = await db.dataSource.query(`SELECT actor, origin, file FROM import_batch WHERE origin = 'cli'`);
    const [share] = await db.dataSource.query(
      `SELECT numerator, denominator FROM observation o JOIN forbund f ON f.id = o.forbund_id
       WHERE f.slug = 'uppsala' AND measure_code = 'to_work_or_studies' AND gender = 'ALL' AND valid_to IS NULL`,
    );
    await db.close();
    expect(batch).toEqual({ actor: 'test-suite', origin: 'cli', file: 'examples/import/uppsala-2017.json' });
    expect([Number(share.numerator), Number(share.denominator)]).toEqual([31, 164]);
  });

  it('lists every problem of a bad file with file, row, field and reason, exits 1 and writes nothing', async () => {
    const dir = join(work, 'bad');
    cpSync('examples/import', dir, { recursive: true });
    const report = JSON.parse(readFileSync(join(dir, 'uppsala-2017.json'), 'utf8'));
    report.goals[1].status = 'ALMOST';
    report.memberships[0].organisation = 'kommun-0000';
    report.year = 1999;
    writeFileSync(join(dir, 'uppsala-2017.json'), JSON.stringify(report));
    const csv = join(dir, 'uppsala-2017-observations.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/^participants_anonymous,2017,ALL,1,/m, 'participants_anonymous,2017,EVERYONE,1,').replace(/^(participants_ended,)2017/m, '$1twenty'));
    const before = await checksums();

    const res = await importCli(env, join(dir, 'uppsala-2017.json'));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Import rejected, nothing was written. 5 problem(s):');
    for (const where of ['uppsala-2017.json: year:', 'uppsala-2017.json: goals.1.status:', 'uppsala-2017.json: memberships.0.organisation:', 'uppsala-2017-observations.csv: row 4.gender:', 'uppsala-2017-observations.csv: row 5.year:']) {
      expect(res.stderr).toContain(where);
    }
    expect(await checksums()).toEqual(before);
  });

  it('imports a filled report template as .xlsx or .csv, names the cell of each problem, and refuses a hostile workbook with its code', async () => {
    const dir = join(work, 'template');
    mkdirSync(dir);
    writeFileSync(join(dir, 'falun-2024.xlsx'), await fillWorkbook(await falunTemplate('xlsx')));
    writeFileSync(join(dir, 'falun-2024.csv'), fillCsv((await falunTemplate('csv')).toString('utf8')));
    writeFileSync(join(dir, 'macros.xlsx'), zip(workbookParts({ Blad1: '' }, { extra: [{ name: 'xl/vbaProject.bin', data: 'VBA' }] })));
    writeFileSync(join(dir, 'wrong.xlsx'), await fillWorkbook(await falunTemplate('xlsx'), (wb) => (wb.getWorksheet('Källa')!.getCell('B6').value = 'Klar')));
    const dry = await importCli(env, '--dry-run', join(dir, 'falun-2024.xlsx'));
    expect(dry.stdout).toContain('falun-2024.xlsx → falun-rapport-2024: 7 added, 0 changed, 0 removed, 0 unchanged (dry run, nothing written)');
    expect(dry.stdout).toContain('would add observation falun|participants_registered|2024|ALL');
    const before = await checksums();

    const refused = await importCli(env, join(dir, 'macros.xlsx'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Import rejected, nothing was written. The workbook was not read (WORKBOOK_MACROS): The workbook contains a VBA project (xl/vbaProject.bin)');
    const wrong = await importCli(env, join(dir, 'wrong.xlsx'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`${join(dir, 'wrong.xlsx')}: Källa!B6: Slutlig eller preliminär is one of Slutlig, Preliminär, not "Klar"`);
    expect(await checksums()).toEqual(before);

    const xlsx = await importCli(env, join(dir, 'falun-2024.xlsx'));
    expect(xlsx.stderr).toBe('');
    expect(xlsx.stdout).toMatch(/falun-2024\.xlsx → falun-rapport-2024: 7 added, 0 changed, 0 removed, 0 unchanged \(written as batch \d+\)/);
    const csv = await importCli(env, join(dir, 'falun-2024.csv'));
    expect(csv.stdout).toContain('falun-2024.csv → falun-rapport-2024: 0 added, 0 changed, 0 removed, 7 unchanged (nothing to write)');
  });

  it('reads CSV files only from inside the report folder, and never prints what it refused', async () => {
    const dir = join(work, 'escape');
    cpSync('examples/import', dir, { recursive: true });
    symlinkSync('/etc/passwd', join(dir, 'link.csv'));
    const report = JSON.parse(readFileSync(join(dir, 'uppsala-2017.json'), 'utf8'));
    report.csv = { observations: '../../../../../../etc/passwd', financialLines: 'link.csv', goals: '/etc/passwd', boardMembers: 'board.csv' };
    writeFileSync(join(dir, 'uppsala-2017.json'), JSON.stringify(report));
    // A binary-ish file inside the folder: its bad cell is named, not printed.
    writeFileSync(join(dir, 'board.csv'), 'year,organisation,role,name\n2017,region-03,MEMBER,"A\u0000B root:x:0:0"\n');
    const before = await checksums();

    const res = await importCli(env, join(dir, 'uppsala-2017.json'));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Import rejected, nothing was written. 4 problem(s):');
    expect(res.stderr).toContain(`uppsala-2017.json: csv.observations: CSV file "../../../../../../etc/passwd" is outside the report's folder`);
    expect(res.stderr).toContain(`uppsala-2017.json: csv.financialLines: CSV file "link.csv" leads outside the report's folder (a symbolic link)`);
    expect(res.stderr).toContain(`uppsala-2017.json: csv.goals: CSV file "/etc/passwd" is outside the report's folder`);
    expect(res.stderr).toContain('board.csv: row 2.name: text the database cannot store: contains a NUL character');
    expect(res.stderr + res.stdout).not.toContain('root:');
    expect(await checksums()).toEqual(before);
  });

  it('imports a 100 000-row report in one transaction, printing its warnings', async () => {
    const dir = join(work, 'big');
    const rows = Array.from({ length: 100000 }, (_, i) => `participants_ended,${2004 + (i % 97)},ALL,${i % 5000},`);
    // One misprinted percentage: a warning, not an error.
    rows.push('to_work_or_studies,2017,ALL,,31,164,25,');
    cpSync('examples/import', dir, { recursive: true });
    const report = JSON.parse(readFileSync(join(dir, 'uppsala-2017.json'), 'utf8'));
    report.forbund = { slug: 'storbo', name: 'Samordningsförbundet Storbo' };
    report.document.id = 'storbo-ar-2017';
    report.csv = { observations: 'big.csv' };
    writeFileSync(join(dir, 'uppsala-2017.json'), JSON.stringify(report));
    writeFileSync(join(dir, 'big.csv'), `measure,year,gender,value,numerator,denominator,statedPercent,locator\n${rows.join('\n')}\n`);

    const started = Date.now();
    const res = await importCli(env, '--actor', 'bulk', join(dir, 'uppsala-2017.json'));
    const seconds = (Date.now() - started) / 1000;
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    // 100 001 observations, 11 memberships, 1 allocation, 7 goals, 3 insatser with 3 figures.
    expect(res.stdout).toMatch(/→ storbo-ar-2017: 100026 added, 0 changed, 0 removed, 0 unchanged \(written as batch \d+\)/);
    expect(res.stdout).toMatch(/warning: big\.csv: row 100002\.statedPercent: stated 25 % but 31 of 164 is 18\.902 %/);
    const db = await open();
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM observation WHERE source_document_id = 'storbo-ar-2017' AND valid_to IS NULL`);
    const [{ changes, warnings }] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM change c WHERE c.batch_id = b.id) AS changes, b.warnings FROM import_batch b WHERE b.document_id = 'storbo-ar-2017'`,
    );
    await db.close();
    expect(n).toBe(100001);
    expect(changes).toBe(100026);
    expect(warnings).toHaveLength(1);
    console.log(`100 001-row report imported by the CLI on ${backend} in ${seconds.toFixed(1)} s`);
  }, 300000);
});
