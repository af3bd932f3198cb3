/** Writes schema.graphql from the code; with --check, fails when the committed file differs (CI). */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createAppSchema } from '../src/app/modules';
import { runCli } from './cli';

async function main(): Promise<number> {
  const printed = `${printSchema(lexicographicSortSchema(await createAppSchema()))}\n`;
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync('schema.graphql', 'utf8');
    } catch {
      // a missing file is drift like any other
    }
    if (committed !== printed) {
      console.error('schema.graphql differs from the schema the code generates: run `npm run schema:print` and commit it.');
      return 1;
    }
    console.log('schema.graphql matches the code.');
    return 0;
  }
  writeFileSync('schema.graphql', printed);
  console.log('schema.graphql written.');
  return 0;
}

runCli(main);
