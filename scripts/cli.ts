import { ImportResult } from '../src/ingest/import';
import { InputRejected } from '../src/ingest/format/problems';

/** Runs a command-line tool: its exit code is the one main resolves to; an error prints and exits 1. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

/** The value after `--name` on the command line, or the fallback. */
export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

/** A number after `--name`: non-negative, or with `positive` greater than zero; anything else is an error naming the option. */
export function numberOption(name: string, fallback: number, positive = false): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) throw new Error(`--${name} must be a ${positive ? 'positive' : 'non-negative'} number`);
  return value;
}

/** An import's or a registration's result, file by file: what it did or would do, and its warnings. */
export function printResult(result: ImportResult): void {
  for (const f of result.files) {
    const how = result.dryRun ? 'dry run, nothing written' : f.batchId === null ? 'nothing to write' : `written as batch ${f.batchId}`;
    const t = f.totals;
    console.log(`${f.file} → ${f.documentId}: ${t.added} added, ${t.changed} changed, ${t.removed} removed, ${t.unchanged} unchanged (${how})`);
    for (const line of f.plan) console.log(`  ${line}`);
    if (result.dryRun) for (const c of f.changes) console.log(`    would ${c.action === 'ADDED' ? 'add' : c.action === 'CHANGED' ? 'change' : 'remove'} ${c.entity} ${c.identity}`);
    for (const w of f.warnings) console.log(`  warning: ${w.file}: ${w.path}: ${w.reason}`);
  }
}

/** Every problem of a refused import or registration, exit code 1; anything else is thrown on. */
export function printRejection(e: unknown, what: string): number {
  if (!(e instanceof InputRejected)) throw e;
  console.error(`${what} rejected, nothing was written. ${e.problems.length} problem(s):`);
  for (const p of e.problems) console.error(`  ${p.file}: ${p.path}: ${p.reason}`);
  return 1;
}
