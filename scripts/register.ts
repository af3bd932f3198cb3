/**
 * npm run register -- [--dry-run] [--actor NAME] <registration.json>
 * Registers a förbund from a JSON file of registerForbund's input (README, "Registering a förbund"): checked all
 * at once with every problem named, then written in one transaction as an import of its source; --dry-run says
 * what would be created and writes nothing. Works on the configured database, as npm run import does.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { openPrepared } from '../src/app/app';
import { readConfig } from '../src/app/config';
import { flatten, InputRejected } from '../src/ingest/format/problems';
import { RegisterForbundInput } from '../src/ingest/format/registration';
import { registerForbund } from '../src/ingest/register';
import { option, printRejection, printResult, runCli } from './cli';

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--actor');
  if (!file) {
    console.error('usage: npm run register -- [--dry-run] [--actor NAME] <registration.json>');
    return 2;
  }
  const actor = option('actor', `cli:${userInfo().username}`);
  // The GraphQL input's defaults, which a file may leave out.
  const raw = { otherNames: [], countyWide: false, members: [], ...JSON.parse(readFileSync(file, 'utf8')) };
  if (raw.source && typeof raw.source === 'object') raw.source = { kind: 'WEB_PAGE', ...raw.source };
  const input = plainToInstance(RegisterForbundInput, raw);
  const { db } = await openPrepared(readConfig());
  try {
    const problems = flatten(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }), file).map((p) => ({ ...p, path: `input.${p.path}` }));
    if (problems.length) throw new InputRejected(problems);
    printResult(await registerForbund(db.dataSource, input, { actor: { name: actor, role: 'ADMIN', forbundId: null }, origin: 'cli', dryRun: process.argv.includes('--dry-run') }));
    return 0;
  } catch (e) {
    return printRejection(e, 'Registration');
  } finally {
    await db.close();
  }
}

runCli(main);
