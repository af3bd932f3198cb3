/**
 * The benchmark's national-scale dataset: synthetic förbund (slugs bench-01 …) with a report per year, written
 * through the import pipeline a user's reports go through, then partly re-imported with corrections so the
 * tables hold superseded versions as a real history does. Deterministic from the seed. The figures are made up:
 * they live only in a database of their own (finsam_bench_<fingerprint>), never in one a user starts.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { openPrepared } from '../../src/app/app';
import { readConfig } from '../../src/app/config';
import { ImportSource } from '../../src/ingest/format/read-report';
import { runImport } from '../../src/ingest/import';
import { Random } from '../fuzz/random';

export interface DatasetSpec {
  forbund: number;
  fromYear: number;
  years: number;
  /** Share of reports imported a second time with corrected figures. */
  revisedShare: number;
  seed: number;
}

export const NATIONAL_SCALE: DatasetSpec = { forbund: 80, fromYear: 2011, years: 15, revisedShare: 0.1, seed: 1 };

export interface Dataset {
  databaseUrl: string;
  spec: DatasetSpec;
  reports: number;
  revisions: number;
  /** Rows per table, current and superseded, as the benchmark ran on them. */
  rows: Record<string, number>;
  createdNow: boolean;
}

const ADMIN = { name: 'bench:dataset', role: 'ADMIN' as const, forbundId: null };

interface Member {
  key: string;
  name: string;
  kind: 'MUNICIPALITY' | 'REGION';
  municipalityCode?: string;
  /** Share of the municipalities' quarter (by population). */
  weight: number;
}

interface ForbundPlan {
  index: number;
  slug: string;
  name: string;
  countyCode: string;
  members: Member[];
  /** Allocation in the first year, in kronor. */
  baseSek: number;
  /** Ended participants a year, on average. */
  endedPerYear: number;
  /** This förbund's own share to work or studies (förbund differ more than chance: overdispersion). */
  share: number;
  /** Change of that share a year over the last five years (most förbund: none), so recent trends have something to find. */
  drift: number;
}

/** SCB's 21 county codes: synthetic förbund are spread over the real counties, so peer groups form as they would. */
const COUNTY_CODES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function planForbund(spec: DatasetSpec): ForbundPlan[] {
  const rnd = new Random(spec.seed);
  return Array.from({ length: spec.forbund }, (_, index) => {
    const n = index + 1;
    const slug = `bench-${twoDigits(n)}`;
    const municipalities = rnd.int(1, 9);
    const weights = Array.from({ length: municipalities }, () => 1 + rnd.int(0, 20));
    const total = weights.reduce((a, b) => a + b, 0);
    const members: Member[] = weights.map((w, m) => {
      const code = `9${String(index * 10 + m).padStart(3, '0')}`;
      return { key: `bench-kommun-${code}`, name: `Benchkommun ${code}`, kind: 'MUNICIPALITY', municipalityCode: code, weight: w / total };
    });
    members.push({ key: `bench-region-${twoDigits(n)}`, name: `Benchregion ${twoDigits(n)}`, kind: 'REGION', weight: 0 });
    // A few small förbund (few ended participants) beside medium and large ones, as in the country.
    const size = rnd.pick([0.4, 1, 1, 1, 2, 2, 3, 5]);
    const share = Math.min(0.8, Math.max(0.05, 0.35 + (rnd.next() + rnd.next() + rnd.next() - 1.5) * 0.25));
    const drift = rnd.pick([0, 0, 0, 0, 0, 0, 0.05, -0.05]);
    return {
      index,
      slug,
      name: `Benchförbund ${twoDigits(n)} (synthetic)`,
      countyCode: COUNTY_CODES[index % COUNTY_CODES.length],
      members,
      baseSek: Math.round(size * 6_000_000 + rnd.int(0, 1_000_000)),
      endedPerYear: Math.max(4, Math.round(size * 45 + rnd.int(-10, 10))),
      share,
      drift,
    };
  });
}

/** The förbund's true share in a year: its own, moving by its drift over the dataset's last five years. */
function shareIn(f: ForbundPlan, year: number, spec: DatasetSpec): number {
  const driftFrom = spec.fromYear + spec.years - 5;
  return Math.min(0.9, Math.max(0.02, f.share + f.drift * Math.max(0, year - driftFrom)));
}

function binomial(rnd: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rnd.next() < p) k++;
  return k;
}

/** Splits `total` kronor into integer parts in the given proportions, the rounding left on the last. */
function split(total: number, weights: number[]): number[] {
  const parts = weights.map((w) => Math.floor(total * w));
  parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** One förbund's annual report for a year, in the import format (report-v1). `revision` > 0 corrects its figures. */
function report(f: ForbundPlan, year: number, spec: DatasetSpec, revision: number): ImportSource & { text: string } {
  const rnd = Random.forRequest(spec.seed, (f.index * 1000 + year) * 10 + revision);
  const first = year === spec.fromYear;
  const total = Math.round(f.baseSek * (1 + 0.03 * (year - spec.fromYear)));
  const [state, region, municipalities] = split(total, [0.5, 0.25, 0.25]);
  const kommuner = f.members.filter((m) => m.kind === 'MUNICIPALITY');
  const perKommun = split(municipalities, kommuner.map((m) => m.weight));
  const ended = Math.max(1, Math.round(f.endedPerYear * (0.7 + rnd.next() * 0.6)) + revision);
  const women = Math.round(ended * (0.45 + rnd.next() * 0.2));
  const share = shareIn(f, year, spec);
  const toWorkWomen = binomial(rnd, women, share);
  const toWorkMen = binomial(rnd, ended - women, share);
  const registered = ended + rnd.int(5, ended);
  const count = (measure: string, gender: string, value: number) => ({ measure, year, gender, value: String(value) });
  const outcome = (gender: string, numerator: number, denominator: number) => ({
    measure: 'to_work_or_studies', year, gender, numerator: String(numerator), denominator: String(denominator),
  });
  const json = {
    format: 'finsam-compare/report',
    formatVersion: 1,
    forbund: { slug: f.slug, name: f.name, countyCode: f.countyCode },
    year,
    document: {
      id: `${f.slug}-ar-${year}`,
      title: `Årsredovisning ${year} – ${f.name}`,
      kind: 'ANNUAL_REPORT',
      status: 'FINAL',
      publisher: f.name,
      url: `https://example.invalid/${f.slug}/${year}`,
      yearsCovered: [year],
      defaultLocator: `Årsredovisning ${year}`,
      note: 'Synthetic benchmark data: every figure is made up.',
    },
    ...(first
      ? { organisations: f.members.map(({ key, name, kind, municipalityCode }) => ({ key, name, kind, municipalityCode, countyCode: f.countyCode })) }
      : {}),
    memberships: [...f.members.map((m) => m.key), 'forsakringskassan', 'arbetsformedlingen'].map((organisation) => ({ organisation, fromYear: spec.fromYear })),
    allocations: [
      {
        year,
        kind: 'ACTUAL',
        totalSek: String(total),
        statedUnit: 'KR',
        parts: [
          { party: 'STATE', label: 'Försäkringskassan/Arbetsförmedlingen', amountSek: String(state), statedUnit: 'KR' },
          { party: 'REGION', organisation: f.members[f.members.length - 1].key, label: f.members[f.members.length - 1].name, amountSek: String(region), statedUnit: 'KR' },
          ...kommuner.map((m, i) => ({ party: 'MUNICIPALITY', organisation: m.key, label: m.name, amountSek: String(perKommun[i]), statedUnit: 'KR' })),
        ],
      },
    ],
    observations: [
      count('participants_registered', 'ALL', registered),
      count('participants_anonymous', 'ALL', rnd.int(0, 5)),
      count('participants_ended', 'ALL', ended),
      outcome('ALL', toWorkWomen + toWorkMen, ended),
      outcome('WOMEN', toWorkWomen, women),
      outcome('MEN', toWorkMen, ended - women),
    ],
    goals: [1, 2, 3].map((g) => ({
      year,
      text: `Mål ${g} för ${year}`,
      result: `Resultat för mål ${g}`,
      status: rnd.pick(['MET', 'PARTLY_MET', 'NOT_MET']),
      statusBasis: 'STATED',
    })),
    insatser: [1, 2].map((k) => ({
      key: `${f.slug}-insats-${k}`,
      name: `Insats ${k}`,
      parties: [],
      kind: k === 1 ? 'INDIVIDUAL' : 'STRUCTURAL',
      figures: [{ year, costSek: String(Math.round(total * 0.2 * k)), statedUnit: 'KR', locator: 'Insatser' }],
    })),
    financialLines: [
      { year, statement: 'INCOME_STATEMENT', label: 'Medlemsavgifter', key: 'member_contributions', amountSek: String(total), statedUnit: 'KR', kind: 'ACTUAL', order: 1 },
      { year, statement: 'INCOME_STATEMENT', label: 'Årets resultat', key: 'result', amountSek: String(rnd.int(-500_000, 1_500_000)), statedUnit: 'KR', kind: 'ACTUAL', order: 2 },
    ],
  };
  return { name: `${f.slug}-${year}${revision ? `-rev${revision}` : ''}.json`, text: JSON.stringify(json) };
}

/** Every report of the dataset in import order: each förbund's years, then the revised ones. */
export function datasetReports(spec: DatasetSpec): { initial: Array<Array<ImportSource & { text: string }>>; revised: ImportSource[] } {
  const plans = planForbund(spec);
  const years = Array.from({ length: spec.years }, (_, i) => spec.fromYear + i);
  const initial = plans.map((f) => years.map((y) => report(f, y, spec, 0)));
  const rnd = new Random(spec.seed + 1);
  const revised = plans.flatMap((f) => years.filter(() => rnd.chance(spec.revisedShare)).map((y) => report(f, y, spec, 1)));
  return { initial, revised };
}

/**
 * The dataset's förbund, documents and SUS figures (not members, money or goals) written straight into a database
 * by SQL, a statement per table: for tests and pictures that need the national spread in seconds rather than
 * the import pipeline's minutes. Test data only: every figure is made up.
 */
export async function insertSyntheticOutcomes(db: EntityManager, spec: DatasetSpec): Promise<void> {
  const reports = datasetReports(spec).initial.flat().map((r) => JSON.parse(r.text));
  const forbund = reports.filter((r) => r.year === spec.fromYear).map((r) => r.forbund);
  const documents = reports.map((r) => ({ slug: r.forbund.slug, ...r.document }));
  const observations = reports.flatMap((r) => r.observations.map((o: Record<string, string>) => ({ slug: r.forbund.slug, document: r.document.id, ...o })));
  await db.transaction(async (em) => {
    await em.query(
      `INSERT INTO forbund (slug, name, county_code, provenance)
       SELECT slug, name, "countyCode", 'Synthetic: scripts/perf/dataset.ts' FROM jsonb_to_recordset($1::jsonb) AS r(slug text, name text, "countyCode" text)`,
      [JSON.stringify(forbund)],
    );
    await em.query(
      `INSERT INTO source_document (id, url, title, kind, status, publisher, forbund_id, years_covered, note)
       SELECT r.id, r.url, r.title, r.kind, r.status, r.publisher, f.id, ARRAY(SELECT jsonb_array_elements_text(r."yearsCovered")::int), r.note
         FROM jsonb_to_recordset($1::jsonb) AS r(slug text, id text, url text, title text, kind text, status text, publisher text, "yearsCovered" jsonb, note text)
         JOIN forbund f ON f.slug = r.slug`,
      [JSON.stringify(documents)],
    );
    await em.query(
      `INSERT INTO observation (forbund_id, measure_code, year, gender, value, numerator, denominator, source_document_id, locator)
       SELECT f.id, r.measure, r.year, r.gender, r.value::numeric, r.numerator::numeric, r.denominator::numeric, r.document, 'SUS'
         FROM jsonb_to_recordset($1::jsonb) AS r(slug text, document text, measure text, year int, gender text, value text, numerator text, denominator text)
         JOIN forbund f ON f.slug = r.slug`,
      [JSON.stringify(observations)],
    );
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const TABLES = ['forbund', 'organisation', 'membership', 'allocation', 'allocation_part', 'observation', 'goal', 'insats', 'insats_figure', 'financial_line', 'import_batch'];

async function countRows(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows: Record<string, number> = {};
    for (const t of TABLES) rows[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return rows;
  } finally {
    await client.end();
  }
}

async function fill(url: string, spec: DatasetSpec, log: (line: string) => void): Promise<{ reports: number; revisions: number }> {
  const { initial, revised } = datasetReports(spec);
  const { db } = await openPrepared(readConfig({ DATABASE_URL: url, FINSAM_SEED: 'all' }));
  try {
    const noCsv = () => null;
    const options = { actor: ADMIN, origin: 'cli', dryRun: false };
    for (const [i, reports] of initial.entries()) {
      await runImport(db.dataSource, reports, noCsv, options);
      if ((i + 1) % 10 === 0) log(`dataset: ${i + 1} of ${initial.length} förbund imported`);
    }
    await runImport(db.dataSource, revised, noCsv, options);
    log(`dataset: ${revised.length} reports re-imported with corrections`);
    return { reports: initial.flat().length, revisions: revised.length };
  } finally {
    await db.close();
  }
}

/**
 * The dataset's database on the PostgreSQL server of `serverUrl`, created and filled on first use (a few
 * minutes) and reused while the generator's output is unchanged: the name carries a fingerprint of every
 * report, and a database gets that name only once it is complete.
 */
export async function ensureDataset(serverUrl: string, spec: DatasetSpec, log: (line: string) => void): Promise<Dataset> {
  const { initial, revised } = datasetReports(spec);
  const fingerprint = createHash('sha256').update(JSON.stringify([initial, revised])).digest('hex').slice(0, 10);
  const name = `finsam_bench_${fingerprint}`;
  const partial = `${name}_partial`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  let createdNow = false;
  let counts = { reports: initial.flat().length, revisions: revised.length };
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (!exists) {
      log(`dataset: creating ${name} (${spec.forbund} förbund × ${spec.years} years, through the import pipeline)`);
      await admin.query(`DROP DATABASE IF EXISTS ${partial}`);
      await admin.query(`CREATE DATABASE ${partial}`);
      counts = await fill(withDatabase(serverUrl, partial), spec, log);
      await admin.query(`ALTER DATABASE ${partial} RENAME TO ${name}`);
      createdNow = true;
    }
    // Older fingerprints are the generator's past output: not worth their disk.
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'finsam\\_bench\\_%' AND datname <> $1`, [name]);
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(serverUrl, name);
  // Fresh statistics, so every system's plans fit the data (autovacuum may not have run yet).
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('ANALYZE');
  await client.end();
  return { databaseUrl, spec, ...counts, rows: await countRows(databaseUrl), createdNow };
}
