/**
 * The attack classes reported against this API, each with lighter variants sent throughout the run and
 * the reported form (and worse) as heavy cases sent once at the end.
 */
import { Category, Case, GenContext, gql } from './types';

/** `forbunds { observations { forbund { observations { … { year } } } } }` with `levels` observations levels. */
export function nesting(levels: number, root = 'forbunds'): string {
  let inner = 'observations { year }';
  for (let i = 1; i < levels; i++) inner = `observations { forbund { ${inner} } }`;
  return `{ ${root} { ${inner} } }`;
}

const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

const COMPARISON = 'nationalComparison(measure: "to_work_or_studies", year: 2017) { entries { forbund { slug } value { value } ci95 { low high } rank } }';

/** Every comparison method of one year: the costly ones are the rank bootstrap, the trend's other years and the funnel's lines. */
const methods = (year: number, points: number) =>
  `nationalComparison(measure: "to_work_or_studies", year: ${year}) { funnel(points: ${points}) { overdispersion { phi } limits { lower998 adjustedUpper998 } } entries { rankInterval { low high } recentTrend { marker } shrunken { value } outcome { at998 } } }`;

/** A cycle of fragments: F0 → F1 → … → F(n-1) → F0. */
const fragmentCycle = (n: number) =>
  `{ ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { __typename ...F${(i + 1) % n} }`).join('\n')}`;

/** Each fragment spreads the next twice, under different aliases: 2^n fields once expanded. */
const fragmentBomb = (n: number) =>
  `{ forbunds { ...B0 } }\n${Array.from({ length: n }, (_, i) =>
    i + 1 < n ? `fragment B${i} on Forbund { x: observations { forbund { ...B${i + 1} } } y: observations { forbund { ...B${i + 1} } } }` : `fragment B${i} on Forbund { name }`,
  ).join('\n')}`;

const directives = (n: number, directive = '@include(if: true)') => `{ __typename ${`${directive} `.repeat(n)}}`;

const fixed = (label: string, query: string) => (): Case => ({ label, request: gql(query) });

export const attackCategories: Category[] = [
  {
    name: 'nesting',
    weight: 3,
    generate: ({ rng }: GenContext) => {
      const levels = rng.int(1, 3);
      const root = rng.chance(0.5) ? 'forbunds' : 'forbund(slug: "uppsala")';
      return { label: `nesting ${levels} under ${root}`, request: gql(nesting(levels, root)) };
    },
    heavy: [
      fixed('nesting: the reported query (5 levels)', nesting(5)),
      ...[4, 8, 20, 60].map((levels) => fixed(`nesting ${levels} levels`, nesting(levels))),
    ],
  },
  {
    name: 'aliases',
    weight: 3,
    generate: ({ rng, progress }: GenContext) => {
      const heavyField = rng.chance(0.3);
      const n = heavyField ? rng.int(1, 5 + Math.round(progress * 45)) : rng.int(1, 20 + Math.round(progress * 2000));
      const field = heavyField ? 'forbunds { observations { year } }' : 'forbund(slug: "uppsala") { name }';
      return { label: `${n} aliases of ${field.split(' ')[0]}`, request: gql(aliased(n, field)) };
    },
    heavy: [
      fixed('1 000 aliases of forbunds { observations }', aliased(1000, 'forbunds { observations { year measureCode value } }')),
      fixed('10 000 aliases of forbunds { observations }', aliased(10000, 'forbunds { observations { year measureCode value } }')),
    ],
  },
  {
    name: 'comparisons',
    weight: 2,
    generate: ({ rng, progress }: GenContext) => {
      const n = rng.int(1, 5 + Math.round(progress * 45));
      return { label: `${n} aliased nationalComparison`, request: gql(aliased(n, COMPARISON)) };
    },
    heavy: [fixed('300 aliased nationalComparison', aliased(300, COMPARISON))],
  },
  {
    name: 'comparison-methods',
    weight: 2,
    generate: ({ rng, progress }: GenContext) => {
      const n = rng.int(1, 3 + Math.round(progress * 27));
      const points = rng.pick([2, 100, 1000, rng.int(-5, 1200)]);
      const asOf = rng.chance(0.5) ? `, asOf: "${new Date(Date.now() - rng.int(0, 1e9)).toISOString()}"` : '';
      const fields = Array.from({ length: n }, (_, i) => `a${i}: ${methods(rng.int(2004, 2030), points).replace(')', `${asOf})`)}`);
      return { label: `${n} years of every comparison method, ${points} funnel points${asOf ? ', asOf' : ''}`, request: gql(`{ ${fields.join(' ')} }`) };
    },
    heavy: [fixed('30 years of every comparison method with 1 000 funnel points', `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ${methods(2004 + i, 1000)}`).join(' ')} }`)],
  },
  {
    name: 'fragments',
    weight: 2,
    generate: ({ rng, progress }: GenContext) => {
      if (rng.chance(0.3)) {
        const n = rng.int(2, 6 + Math.round(progress * 10));
        return { label: `fragment bomb 2^${n}`, request: gql(fragmentBomb(n)) };
      }
      const n = rng.int(1, 10 + Math.round(progress * 1000));
      return { label: `cycle of ${n} fragments`, request: gql(fragmentCycle(n)) };
    },
    heavy: [fixed('cycle of 5 000 fragments', fragmentCycle(5000)), fixed('fragment bomb 2^40', fragmentBomb(40))],
  },
  {
    name: 'directives',
    weight: 2,
    generate: ({ rng, progress }: GenContext) => {
      const n = rng.int(1, 50 + Math.round(progress * 5000));
      const directive = rng.pick(['@include(if: true)', '@skip(if: false)', '@nope', '@deprecated', '@specifiedBy(url: "x")']);
      return { label: `${n} × ${directive}`, request: gql(directives(n, directive)) };
    },
    heavy: [
      (): Case => {
        // The reported 8.6 MB document: built only when sent.
        const query = directives(Math.ceil(8_600_000 / '@include(if: true) '.length));
        return { label: `${(query.length / 1e6).toFixed(1)} MB of repeated directives`, request: gql(query) };
      },
    ],
  },
];
