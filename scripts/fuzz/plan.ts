import { attackCategories } from './attacks';
import { hostileStringQuery, invalidQuery, pastLimitQuery, validQuery } from './documents';
import { protocolCategories } from './protocol';
import { Random } from './random';
import { Category, Generate } from './types';
import { writeCategories } from './writes';

export const categories: Category[] = [
  { name: 'valid-queries', weight: 16, generate: validQuery },
  { name: 'past-limits', weight: 8, generate: pastLimitQuery },
  { name: 'invalid-queries', weight: 8, generate: invalidQuery },
  { name: 'hostile-strings', weight: 10, generate: hostileStringQuery },
  ...attackCategories,
  ...protocolCategories,
  ...writeCategories,
];

/** One request to come: its category, how far along that category it is (0–1), and how to build it. */
export interface Planned {
  category: string;
  progress: number;
  generate: Generate;
}

/**
 * `total` requests shared by weight, interleaved so that every category's sizes grow over the run, then the
 * heavy cases (unless skipped): the worst last, so a server that falls over on them has answered everything else.
 */
export function plan(total: number, seed: number, skipHeavy: boolean): Planned[] {
  const heavy: Planned[] = skipHeavy ? [] : categories.flatMap((c) => (c.heavy ?? []).map((generate) => ({ category: c.name, progress: 1, generate })));
  const budget = Math.max(0, total - heavy.length);
  const weights = categories.reduce((sum, c) => sum + c.weight, 0);
  const counts = categories.map((c) => Math.floor((budget * c.weight) / weights));
  for (let i = 0; budget - counts.reduce((a, b) => a + b, 0) > 0; i++) counts[i % counts.length]++;
  const rng = new Random(seed);
  const keyed = categories.flatMap((c, ci) =>
    Array.from({ length: counts[ci] }, (_, i) => ({ key: (i + rng.next()) / counts[ci], item: { category: c.name, progress: counts[ci] > 1 ? i / (counts[ci] - 1) : 1, generate: c.generate } })),
  );
  keyed.sort((a, b) => a.key - b.key);
  return [...keyed.map((k) => k.item), ...heavy];
}
