/**
 * npm run import -- [--dry-run] [--actor NAME] <report.json | report.xlsx | report.csv …>
 * Validates every file first and reports every problem (file, row or cell, field, reason); then writes all files
 * in one transaction, or with --dry-run reports what would change and writes nothing. An .xlsx or .csv file is a
 * filled report template (GET /templates/report.xlsx or .csv).
 * Works on the configured database (DATABASE_URL, else the PGlite folder): stop a running PGlite server
 * first, since PGlite is one process's database; or send the report with the importReport mutation.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { openPrepared } from '../src/app/app';
import { readConfig } from '../src/app/config';
import { printRejection, printResult, runCli } from './cli';
import { readInsideFolder } from '../src/ingest/format/files';
import { runImport } from '../src/ingest/import';
import { WorkbookRefused } from '../src/ingest/format/xlsx/refusal';
import { formatOfName, uploadSource } from '../src/ingest/upload';

function progressBar(done: number, total: number, file: string): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${file.slice(-40).padEnd(40)}`);
  if (done === total) process.stderr.write('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const actorAt = args.indexOf('--actor');
  const actor = actorAt >= 0 ? args[actorAt + 1] : `cli:${userInfo().username}`;
  const files = args.filter((a, i) => !a.startsWith('--') && (actorAt < 0 || i !== actorAt + 1));
  if (!files.length) {
    console.error('usage: npm run import -- [--dry-run] [--actor NAME] <report.json | report.xlsx | report.csv …>');
    return 2;
  }
  const unknown = files.filter((f) => !formatOfName(f));
  if (unknown.length) {
    console.error(`Not a report (.json) or a filled template (.xlsx, .csv): ${unknown.join(', ')}`);
    return 2;
  }
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`No such file: ${missing.join(', ')}`);
    return 2;
  }
  const { db } = await openPrepared(readConfig());
  try {
    const sources = [];
    for (const name of files) {
      const format = formatOfName(name)!;
      sources.push(format === 'json' ? { name, text: readFileSync(name, 'utf8') } : await uploadSource(db.dataSource.manager, name, format, readFileSync(name)));
    }
    const result = await runImport(
      db.dataSource,
      sources,
      // CSV files a report names are read only from its own folder.
      (name, report) => readInsideFolder(dirname(report.name), name),
      { actor: { name: actor, role: 'ADMIN', forbundId: null }, origin: 'cli', dryRun, onProgress: progressBar },
    );
    printResult(result);
    return 0;
  } catch (e) {
    if (e instanceof WorkbookRefused) {
      console.error(`Import rejected, nothing was written. The workbook was not read (${e.code}): ${e.message}`);
      return 1;
    }
    return printRejection(e, 'Import');
  } finally {
    await db.close();
  }
}

runCli(main);
