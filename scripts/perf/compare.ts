/**
 * Before anything is timed: every system must give the same data for each query. The floor answers this
 * API's exact JSON; PostGraphile is compared on the fields it returns, on the synthetic förbund (where each
 * förbund-year has one current source, so raw rows equal the ones this API prefers).
 */
import { isDeepStrictEqual } from 'node:util';
import { PostgraphileQ1, PostgraphileQ3, ProjectQ1, ProjectQ3, restrictProject, toProjectShape } from './postgraphile';
import { BenchQuery } from './queries';
import { Running, send, System } from './systems';

/** Lists in a canonical order, for a system that returns rows in an order of its own. */
function sortedLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedLists).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortedLists(v)]));
  return value;
}

const SYNTHETIC = /^bench-/;

function postgraphileView(key: BenchQuery['key'], project: unknown, peer: unknown): [unknown, unknown] {
  if (key === 'q1') {
    const synthetic = (d: ProjectQ1) => ({ forbunds: d.forbunds.filter((f) => SYNTHETIC.test(f.slug)) });
    return [sortedLists(synthetic(restrictProject.q1(project as ProjectQ1))), sortedLists(synthetic(toProjectShape.q1(peer as PostgraphileQ1)))];
  }
  return [restrictProject.q3(project as ProjectQ3), toProjectShape.q3(peer as PostgraphileQ3)];
}

/** The first difference between two JSON values, as a path and both values; null when equal. */
function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

/** Asks every running system every query once; throws on an error or a difference, naming both. */
export async function checkSameData(queries: BenchQuery[], systems: Array<{ system: System; running: Running }>): Promise<string[]> {
  const notes: string[] = [];
  const [reference, ...others] = systems;
  for (const q of queries) {
    const expected = await send(reference.running.base, reference.system.request(q)!);
    if (expected.status !== 200 || expected.body.errors) throw new Error(`${reference.system.name} ${q.key}: HTTP ${expected.status} ${JSON.stringify(expected.body.errors)}`);
    for (const { system, running } of others) {
      const req = system.request(q);
      if (!req) continue;
      const got = await send(running.base, req);
      if (got.status !== 200 || got.body.errors) throw new Error(`${system.name} ${q.key}: HTTP ${got.status} ${JSON.stringify(got.body.errors)}`);
      const [a, b] = system.name === 'postgraphile' ? postgraphileView(q.key, expected.body.data, got.body.data) : [expected.body.data, got.body.data];
      const difference = firstDifference(a, b);
      if (difference) throw new Error(`${system.name} answers ${q.key} differently from ${reference.system.name}: ${difference}`);
      const scope = system.name !== 'postgraphile' ? '' : q.key === 'q1' ? ' (fields both return, synthetic förbund)' : ' (fields both return)';
      notes.push(`${q.key}: ${system.name} = ${reference.system.name}${scope}`);
    }
  }
  return notes;
}
