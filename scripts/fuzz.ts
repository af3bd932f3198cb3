/**
 * npm run fuzz -- [--requests N] [--seconds S] [--backend pglite|postgres|both] [--seed N] [--concurrency N]
 *                 [--skip-heavy] [--kill-rss MB] [--load-seconds S] [--out DIR]
 * Sends hostile requests to the server as `npm start` runs it, on a scratch database of each backend, and prints
 * per category what came back, the probe's latency, the server's memory and table checksums, and PASS/FAIL against
 * the targets (exit code 1 when one fails). PostgreSQL: FUZZ_DATABASE_URL, else TEST_DATABASE_URL, else the local test server.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendName, DEFAULT_DATABASE_URL } from './fuzz/backend';
import { evaluate, format, writeSummary } from './fuzz/report';
import { fuzzBackend } from './fuzz/session';
import { numberOption, option, runCli } from './cli';

async function main(): Promise<number> {
  const backend = option('backend', 'both');
  if (!['pglite', 'postgres', 'both'].includes(backend)) throw new Error('--backend must be pglite, postgres or both');
  const backends: BackendName[] = backend === 'both' ? ['pglite', 'postgres'] : [backend as BackendName];
  const out = option('out', join(tmpdir(), 'finsam-fuzz'));
  let failed = false;
  for (const name of backends) {
    const result = await fuzzBackend({
      backend: name,
      requests: numberOption('requests', 10000),
      seconds: numberOption('seconds', 900),
      seed: numberOption('seed', 1),
      concurrency: numberOption('concurrency', 6),
      timeoutMs: numberOption('timeout', 30) * 1000,
      skipHeavy: process.argv.includes('--skip-heavy'),
      killRssMb: numberOption('kill-rss', 2048),
      databaseUrl: process.env.FUZZ_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_DATABASE_URL,
      loadSeconds: numberOption('load-seconds', 20),
      keysVia: 'cli',
      log: (line) => console.log(line),
    });
    const targets = evaluate(result);
    console.log(format(result, targets));
    console.log(`summary: ${writeSummary(out, result, targets)}\n`);
    failed ||= targets.some((t) => !t.pass);
  }
  return failed ? 1 : 0;
}

runCli(main);
