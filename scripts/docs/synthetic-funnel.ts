/**
 * Draws docs/funnel-synthetic-2025.svg, the README's picture of a national year: the benchmark's synthetic
 * 80 förbund (scripts/perf/dataset.ts) in a throwaway embedded database in a temporary directory, served by
 * the real API and fetched from /charts/funnel.svg. Synthetic: the figures are made up, and they never reach
 * a database a user starts. Run: npm run docs:funnel
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from '../../src/app/app';
import { readConfig } from '../../src/app/config';
import { insertSyntheticOutcomes, NATIONAL_SCALE } from '../perf/dataset';

const YEAR = NATIONAL_SCALE.fromYear + NATIONAL_SCALE.years - 1;
const OUT = path.join(__dirname, '../../docs', `funnel-synthetic-${YEAR}.svg`);

const README_QUERY = `{
  nationalComparison(measure: "to_work_or_studies", year: ${YEAR}) {
    funnel(points: 2) { target { value basis } overdispersion { k phi tau2 adjusted } }
    entries {
      forbund { slug } value { numerator denominator } rank rankInterval { low high } quintile
      funnel { position adjustedPosition } shrunken { value low high } smallNumbers recentTrend { marker labelSv }
    }
  }
}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'finsam-docs-'));
  const app = await startApp(readConfig({ FINSAM_DATA_DIR: dir, FINSAM_SEED: 'all', PORT: '0', FINSAM_LOG_LEVEL: 'warn' }));
  try {
    await insertSyntheticOutcomes(app.db.dataSource.manager, NATIONAL_SCALE);
    const res = await fetch(app.api.url.replace('/graphql', `/charts/funnel.svg?measure=to_work_or_studies&year=${YEAR}&highlight=bench-07`));
    if (res.status !== 200) throw new Error(`GET /charts/funnel.svg answered ${res.status}: ${await res.text()}`);
    writeFileSync(OUT, await res.text());
    console.log(`${path.relative(process.cwd(), OUT)} written (synthetic data, ${NATIONAL_SCALE.forbund} förbund, ${YEAR})`);
    // The README's numbers for the same year: the smallest förbund, the highlighted one and the largest.
    const answer = await fetch(app.api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: README_QUERY }) });
    const { data } = (await answer.json()) as { data: { nationalComparison: { funnel: unknown; entries: Array<{ forbund: { slug: string }; value: { denominator: number } }> } } };
    const bySize = [...data.nationalComparison.entries].sort((a, b) => a.value.denominator - b.value.denominator);
    const shown = [bySize[0], bySize.find((e) => e.forbund.slug === 'bench-07'), bySize[bySize.length - 1]];
    console.log(JSON.stringify({ funnel: data.nationalComparison.funnel, entries: shown }, null, 1));
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
