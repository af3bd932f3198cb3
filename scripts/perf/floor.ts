/**
 * The floor of the benchmark: what the benchmark's queries cost with no GraphQL at all. A plain Node HTTP
 * server answers each query shape (recognised by its operation name) with one hand-written SQL statement
 * through `pg`, returning the same `data` as the API. Run as the main module it is that server (DATABASE_URL,
 * PORT); `startFloor` starts it as a child process for the harness.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { compare } from '../../src/compare/stats/comparison';
import { shareValue, ShareFigures } from '../../src/domain/measures/share';
import { startChildServer } from './child-server';
import type { Running } from './systems';

// One figure per förbund, measure, year and gender when several documents give it, as preferredFigures picks
// it: a final document over a preliminary one, then the document covering the latest year, then the first recorded.
const PREFERRED_FIGURE_ORDER = `d.status <> 'FINAL', coalesce((SELECT max(y) FROM unnest(d.years_covered) y), 0) DESC, o.id`;

// Q2 and Q3 rank every förbund's figure of the measure and year against the national reference (rikssnitt):
// the year's own, else the latest earlier one with a value. The statistics are done in JS by the API's compare().
const COMPARISON_FIGURES = `
  own AS (
    SELECT DISTINCT ON (o.forbund_id) o.forbund_id, o.numerator, o.denominator, o.stated_percent
    FROM observation o JOIN source_document d ON d.id = o.source_document_id
    WHERE o.valid_to IS NULL AND o.forbund_id IS NOT NULL AND o.measure_code = $1 AND o.year = $2 AND o.gender = 'ALL'
    ORDER BY o.forbund_id, ${PREFERRED_FIGURE_ORDER}
  ), reference AS (
    SELECT numerator, denominator, stated_percent FROM observation
    WHERE valid_to IS NULL AND forbund_id IS NULL AND measure_code = $1 AND gender = 'ALL' AND year <= $2
      AND ((numerator IS NOT NULL AND denominator > 0) OR stated_percent IS NOT NULL)
    ORDER BY year DESC, id
    LIMIT 1
  )`;
const COMPARISON_COLUMNS = `
  (SELECT unit FROM measure WHERE code = $1) AS unit,
  (SELECT json_build_object('numerator', numerator, 'denominator', denominator, 'statedPercent', stated_percent) FROM reference) AS reference,
  coalesce((SELECT json_agg(json_build_object('forbundId', o.forbund_id, 'slug', f.slug,
      'numerator', o.numerator, 'denominator', o.denominator, 'statedPercent', o.stated_percent) ORDER BY o.forbund_id)
    FROM own o JOIN forbund f ON f.id = o.forbund_id), '[]') AS figures`;

/** The one statement per query shape. */
const SQL = {
  /**
   * Q1 as one JSON text: per förbund its members covering the year (one per organisation, in the order first
   * listed), the preferred allocation (outcome over budget, final over preliminary, most parts, a stated
   * total, then the first recorded) and the SUS outcome from the preferred figures. Money is numeric(16,2)
   * shown without trailing zeros ("21585170", "12.5"), counts as JS numbers, as the API shows them.
   */
  Q1: `
    WITH members AS (
      SELECT m.forbund_id, json_agg(json_build_object('organisation', json_build_object(
               'key', o.key, 'name', o.name, 'kind', o.kind, 'municipalityCode', o.municipality_code)) ORDER BY m.first_id) AS list
      FROM (SELECT forbund_id, organisation_id, min(id) AS first_id FROM membership
            WHERE valid_to IS NULL AND (from_year IS NULL OR from_year <= $1) AND (to_year IS NULL OR to_year >= $1)
            GROUP BY forbund_id, organisation_id) m
      JOIN organisation o ON o.id = m.organisation_id
      GROUP BY m.forbund_id
    ), allocation AS (
      SELECT DISTINCT ON (a.forbund_id) a.id, a.forbund_id, a.kind, a.total_sek
      FROM allocation a JOIN source_document d ON d.id = a.source_document_id
      WHERE a.valid_to IS NULL AND a.year = $1
      ORDER BY a.forbund_id, a.kind <> 'ACTUAL', d.status <> 'FINAL',
        (SELECT count(*) FROM allocation_part p WHERE p.allocation_id = a.id) DESC, a.total_sek IS NULL, a.id
    ), allocations AS (
      SELECT a.forbund_id, json_build_object('kind', a.kind, 'totalSek', trim_scale(a.total_sek)::text, 'byMember', coalesce(
               json_agg(json_build_object('party', p.party, 'label', p.label, 'amountSek', trim_scale(p.amount_sek)::text,
                 'organisation', CASE WHEN o.id IS NOT NULL THEN json_build_object('key', o.key) END) ORDER BY p.position)
               FILTER (WHERE p.id IS NOT NULL), '[]')) AS json
      FROM allocation a LEFT JOIN allocation_part p ON p.allocation_id = a.id LEFT JOIN organisation o ON o.id = p.organisation_id
      GROUP BY a.forbund_id, a.kind, a.total_sek
    ), sus AS (
      SELECT DISTINCT ON (o.forbund_id, o.measure_code, o.gender) o.forbund_id, o.measure_code, o.gender, o.value,
        o.numerator, o.denominator, m.category, m.unit, m.denominator_measure
      FROM observation o JOIN measure m ON m.code = o.measure_code JOIN source_document d ON d.id = o.source_document_id
      -- The codes as an array, so observation_measure_year is used rather than a scan of every year's figures.
      WHERE o.valid_to IS NULL AND o.forbund_id IS NOT NULL AND o.year = $1
        AND o.measure_code = ANY (ARRAY(SELECT code FROM measure WHERE category IN ('PARTICIPANTS', 'OUTCOME', 'PROFILE')))
      ORDER BY o.forbund_id, o.measure_code, o.gender, ${PREFERRED_FIGURE_ORDER}
    ), to_work AS (
      -- to_work_or_studies, else the first other outcome share of ended participants by code.
      SELECT DISTINCT ON (forbund_id) forbund_id, numerator, denominator FROM sus
      WHERE category = 'OUTCOME' AND unit = 'SHARE' AND gender = 'ALL' AND denominator_measure = 'participants_ended'
      ORDER BY forbund_id, measure_code <> 'to_work_or_studies', measure_code
    ), outcomes AS (
      -- Shares' counts are rounded as Math.round does; registered participants are women + men when no total is given.
      SELECT s.forbund_id, json_build_object(
        'participants', coalesce(max(s.value) FILTER (WHERE s.measure_code = 'participants_registered' AND s.gender = 'ALL'),
          max(s.value) FILTER (WHERE s.measure_code = 'participants_registered' AND s.gender = 'WOMEN')
          + max(s.value) FILTER (WHERE s.measure_code = 'participants_registered' AND s.gender = 'MEN'))::float8,
        'anonymous', (max(s.value) FILTER (WHERE s.measure_code = 'participants_anonymous' AND s.gender = 'ALL'))::float8,
        'ended', (max(s.value) FILTER (WHERE s.measure_code = 'participants_ended' AND s.gender = 'ALL'))::float8,
        'toWorkOrStudies', CASE WHEN t.forbund_id IS NOT NULL THEN json_build_object(
          'numerator', floor(t.numerator + 0.5)::float8, 'denominator', floor(t.denominator + 0.5)::float8) END) AS json
      FROM sus s LEFT JOIN to_work t ON t.forbund_id = s.forbund_id
      GROUP BY s.forbund_id, t.forbund_id, t.numerator, t.denominator
    )
    SELECT json_build_object('forbunds', coalesce(json_agg(json_build_object(
      'slug', f.slug, 'name', f.name, 'county', (SELECT name FROM county WHERE code = f.county_code), 'members', coalesce(m.list, '[]'), 'allocation', a.json, 'outcome', o.json)
      ORDER BY f.slug), '[]'))::text AS data
    FROM forbund f LEFT JOIN members m ON m.forbund_id = f.id LEFT JOIN allocations a ON a.forbund_id = f.id
      LEFT JOIN outcomes o ON o.forbund_id = f.id`,
  /** Q2: the measure's unit, the reference and every förbund's preferred figure ($1 measure, $2 year). */
  Q2: `WITH ${COMPARISON_FIGURES} SELECT ${COMPARISON_COLUMNS}`,
  /** Q3: as Q2 (the förbund's rank needs every figure), and the förbund by its slug ($3). */
  Q3: `WITH ${COMPARISON_FIGURES}
    SELECT ${COMPARISON_COLUMNS},
      (SELECT json_build_object('id', f.id, 'slug', f.slug, 'name', f.name, 'county', c.name) FROM forbund f LEFT JOIN county c ON c.code = f.county_code WHERE f.slug = $3) AS forbund`,
};

type Shape = keyof typeof SQL;

interface Figure extends ShareFigures {
  forbundId: number;
  slug: string;
}

interface ComparisonRow {
  unit: string | null;
  reference: ShareFigures | null;
  figures: Figure[];
}

interface ForbundRow {
  id: number;
  slug: string;
  name: string;
  county: string | null;
}

/** A request the floor does not answer: the status and message it gets instead. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A year variable, checked as the API checks it (2004–2100). */
function year(variables: Record<string, unknown>): number {
  const value = variables.year;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2004 || value > 2100) throw new Refusal(400, 'Variable "$year" must be a year 2004–2100.');
  return value;
}

function text(variables: Record<string, unknown>, name: string): string {
  const value = variables[name];
  if (typeof value !== 'string') throw new Refusal(400, `Variable "$${name}" must be a string.`);
  return value;
}

/** The API's nationalComparison of the figures, entries by rank; only for SHARE measures, as the API insists. */
function rankFigures(row: ComparisonRow, measure: string) {
  if (row.unit !== 'SHARE') throw new Refusal(400, `Measure "${measure}" is not a SHARE measure.`);
  const reference = row.reference && shareValue(row.reference);
  const computed = compare(
    row.figures.map((f) => ({ key: f, figures: f, peerKey: null })),
    reference,
  );
  const round = (n: number | null) => (n === null ? null : Math.round(n));
  const entries = computed.entries
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.key.forbundId - b.key.forbundId)
    .map((c) => ({
      figure: c.key,
      entry: {
        value: { numerator: round(c.key.numerator), denominator: round(c.key.denominator), value: c.value },
        rank: c.rank,
        differencePp: c.differencePp,
        significantlyDifferent: c.significantlyDifferent,
        ci95: c.ci95,
      },
    }));
  return { reference, pooled: computed.pooled, entries };
}

/** Each shape's answer, as the JSON text of `data`. */
const ANSWERS: Record<Shape, (pool: Pool, variables: Record<string, unknown>) => Promise<string>> = {
  async Q1(pool, variables) {
    const { rows } = await pool.query<{ data: string }>({ name: 'Q1', text: SQL.Q1, values: [year(variables)] });
    return rows[0].data;
  },
  async Q2(pool, variables) {
    const measure = text(variables, 'measure');
    const { rows } = await pool.query<ComparisonRow>({ name: 'Q2', text: SQL.Q2, values: [measure, year(variables)] });
    const { reference, pooled, entries } = rankFigures(rows[0], measure);
    return JSON.stringify({
      nationalComparison: {
        reference: reference === null ? null : { value: reference },
        pooled: { numerator: pooled.numerator, denominator: pooled.denominator },
        entries: entries.map(({ figure, entry }) => ({ forbund: { slug: figure.slug }, ...entry })),
      },
    });
  },
  async Q3(pool, variables) {
    const measure = text(variables, 'measure');
    const values = [measure, year(variables), text(variables, 'slug')];
    const { rows } = await pool.query<ComparisonRow & { forbund: ForbundRow | null }>({ name: 'Q3', text: SQL.Q3, values });
    const forbund = rows[0].forbund;
    // No förbund, no benchmark to resolve: the API answers null without looking at the measure.
    if (!forbund) return JSON.stringify({ forbund: null });
    const benchmark = rankFigures(rows[0], measure).entries.find((e) => e.figure.forbundId === forbund.id)?.entry ?? null;
    return JSON.stringify({ forbund: { slug: forbund.slug, name: forbund.name, county: forbund.county, benchmark } });
  },
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The document and variables of a GraphQL request over POST (JSON body) or GET (URL parameters). */
async function graphqlRequest(req: IncomingMessage, url: URL): Promise<{ query: unknown; variables: unknown }> {
  try {
    if (req.method === 'GET') {
      const variables = url.searchParams.get('variables');
      return { query: url.searchParams.get('query'), variables: variables === null ? {} : JSON.parse(variables) };
    }
    if (req.method === 'POST') {
      const body = JSON.parse(await readBody(req));
      return { query: body?.query, variables: body?.variables ?? {} };
    }
  } catch {
    throw new Refusal(400, 'The request is not valid JSON.');
  }
  throw new Refusal(405, 'Only GET and POST.');
}

async function answer(pool: Pool, req: IncomingMessage): Promise<string> {
  const url = new URL(req.url ?? '/', 'http://floor');
  if (url.pathname !== '/graphql') throw new Refusal(404, 'Only /graphql.');
  const { query, variables } = await graphqlRequest(req, url);
  const shape = typeof query === 'string' ? (/\bquery\s+(Q[123])\b/.exec(query)?.[1] as Shape | undefined) : undefined;
  if (!shape) throw new Refusal(400, 'The floor answers only the benchmark queries Q1, Q2 and Q3.');
  if (!variables || typeof variables !== 'object') throw new Refusal(400, 'Variables must be an object.');
  return `{"data":${await ANSWERS[shape](pool, variables as Record<string, unknown>)}}`;
}

/** With a Content-Length, as the API sends its answers, rather than chunked. */
function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
}

async function serve(databaseUrl: string, port: number): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client losing its connection must not take the server down; the pool replaces it.
  pool.on('error', (e) => console.error(e.message));
  // A wrong DATABASE_URL ends the process before it listens, so startFloor reports it rather than a run of 500s.
  await pool.query('SELECT 1');
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    answer(pool, req).then(
      (body) => send(res, 200, body),
      (e: Error) => {
        const status = e instanceof Refusal ? e.status : 500;
        if (status === 500) console.error(e);
        send(res, status, JSON.stringify({ errors: [{ message: e.message }] }));
      },
    );
  });
  server.listen(port, '127.0.0.1', () => console.log(`floor at http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    pool.end().then(() => process.exit(0));
  });
}

/** The compiled server: this file itself once built, or its build when the harness runs the sources through ts-node. */
const SERVER_SCRIPT = __filename.endsWith('.js') ? __filename : resolve(__dirname, '../../dist/scripts/perf/floor.js');

/** Starts the floor (built by `npm run build`) in a child process on a free port; resolves once it answers. */
export function startFloor(databaseUrl: string, timeoutMs = 15_000): Promise<Running> {
  return startChildServer({
    name: 'the floor',
    command: process.execPath,
    args: [SERVER_SCRIPT],
    env: { DATABASE_URL: databaseUrl },
    // Any HTTP answer will do: a bare GET is refused with 400 once the server listens.
    answers: (base) => fetch(`${base}/graphql`).then((r) => r.arrayBuffer()).then(() => true, () => false),
    timeoutMs,
    pollMs: 50,
  });
}

if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  serve(databaseUrl, Number(process.env.PORT ?? 0)).catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
