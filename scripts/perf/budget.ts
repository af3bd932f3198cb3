/**
 * npm run bench:budget -- [--backend postgres|pglite] [--seconds S] [--budgets 0,250000,1000000,4000000]
 * How the default cost budget was chosen: for each budget, a server of its own on national-scale data, a heavy
 * client on 127.0.0.2 sending the heaviest query the limits allow (scripts/fuzz/load.ts) as fast as it may, and a
 * probe on 127.0.0.3; prints what the heavy client got through and what the probe waited. Loopback only.
 */
import 'reflect-metadata';
import { DEFAULT_DATABASE_URL } from '../fuzz/backend';
import { heavyBesideProbe } from '../fuzz/load';
import { withNationalServer } from '../fuzz/load-phase';
import { numberOption, option, runCli } from '../cli';

async function main(): Promise<number> {
  const backend = option('backend', 'postgres') as 'postgres' | 'pglite';
  const seconds = numberOption('seconds', 20, true);
  const budgets = option('budgets', '0,250000,1000000,4000000').split(',').map(Number);
  const rows: string[] = [];
  for (const budget of budgets) {
    const r = await withNationalServer(backend, process.env.TEST_DATABASE_URL || DEFAULT_DATABASE_URL, { FINSAM_COST_BUDGET: String(budget) }, async (base) => heavyBesideProbe(base, seconds));
    const answered = r.heavy[200] ?? 0;
    rows.push(
      `| ${budget === 0 ? 'off' : budget.toLocaleString('en')} | ${answered} | ${r.heavy[429] ?? 0} | ${r.probeP50.toFixed(0)} | ${r.probeP99.toFixed(0)} | ${r.probeMax.toFixed(0)} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  console.log(`\n${backend}, ${seconds} s each, heavy query cost 86 020:\n| budget (points a minute) | heavy answers in ${seconds} s | 429s | probe p50 ms | probe p99 ms | probe max ms |\n|---|---|---|---|---|---|\n${rows.join('\n')}`);
  return 0;
}

runCli(main);
