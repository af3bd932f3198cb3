/**
 * npm run import -- [--dry-run] [--actor NAME] <report.json …>
 * Validates every file first and reports every problem (file, row, field, reason); then writes all files
 * in one transaction, or with --dry-run reports what would change and writes nothing.
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
    console.error('usage: npm run import -- [--dry-run] [--actor NAME] <report.json …>');
    return 2;
  }
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`No such file: ${missing.join(', ')}`);
    return 2;
  }
  const { db } = await openPrepared(readConfig());
  try {
    const result = await runImport(
      db.dataSource,
      files.map((name) => ({ name, text: readFileSync(name, 'utf8') })),
      // CSV files a report names are read only from its own folder.
      (name, report) => readInsideFolder(dirname(report.name), name),
      { actor: { name: actor, role: 'ADMIN', forbundId: null }, origin: 'cli', dryRun, onProgress: progressBar },
    );
    printResult(result);
    return 0;
  } catch (e) {
    return printRejection(e, 'Import');
  } finally {
    await db.close();
  }
}

runCli(main);
