/**
 * npm run limits: what each query of the README, and the national dashboard over every förbund, asks of the
 * limits — bytes, tokens, cost — and whether it passes them all. How the defaults were chosen, and how to
 * check a query before sending it. Prints numbers; the unit test tests/unit/limits.test.ts holds them.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { GraphQLSchema, Lexer, parse, Source, TokenKind, validate } from 'graphql';
import { DEFAULT_LIMITS, Limits } from '../src/platform/common/limits';
import { queryCost } from '../src/platform/graphql/cost';
import { armorRules } from '../src/platform/graphql/limits';
import { createAppSchema } from '../src/app/modules';
import { DASHBOARD } from '../tests/support/synthetic';
import { runCli } from './cli';

export interface QueryMeasure {
  bytes: number;
  tokens: number;
  cost: number;
  /** Messages of every limit the query breaks; empty when it passes. */
  refusals: string[];
}

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** Measures one query against the limits exactly as the server checks them. */
export function measureQuery(schema: GraphQLSchema, text: string, limits: Limits = DEFAULT_LIMITS): QueryMeasure {
  const bytes = Buffer.byteLength(text);
  const tokens = countTokens(text);
  const document = parse(text);
  const cost = queryCost(schema, document, undefined, {});
  const refusals = validate(schema, document, armorRules(limits)).map((e) => e.message);
  if (bytes > limits.maxDocumentBytes) refusals.push(`${bytes} bytes > ${limits.maxDocumentBytes}`);
  if (tokens > limits.maxTokens) refusals.push(`${tokens} tokens > ${limits.maxTokens}`);
  if (cost > limits.maxCost) refusals.push(`cost ${cost} > ${limits.maxCost}`);
  return { bytes, tokens, cost, refusals };
}

/** The README's GraphQL examples, in order, with the heading or line that introduces each. */
export function readmeQueries(path = 'README.md'): Array<{ name: string; text: string }> {
  const readme = readFileSync(path, 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m, i) => ({ name: `README query ${i + 1}`, text: m[1] }));
}

async function main(): Promise<void> {
  const schema = await createAppSchema();
  const queries = [...readmeQueries(), { name: 'national dashboard (every förbund)', text: DASHBOARD }];
  console.log(`Limits: cost ${DEFAULT_LIMITS.maxCost}, tokens ${DEFAULT_LIMITS.maxTokens}, bytes ${DEFAULT_LIMITS.maxDocumentBytes}, depth ${DEFAULT_LIMITS.maxDepth}, aliases ${DEFAULT_LIMITS.maxAliases}, directives ${DEFAULT_LIMITS.maxDirectives}`);
  console.log('query'.padEnd(40), 'bytes'.padStart(6), 'tokens'.padStart(7), 'cost'.padStart(7), ' verdict');
  for (const q of queries) {
    const m = measureQuery(schema, q.text);
    console.log(q.name.padEnd(40), String(m.bytes).padStart(6), String(m.tokens).padStart(7), String(m.cost).padStart(7), ' ', m.refusals.length ? `REFUSED: ${m.refusals.join('; ')}` : 'passes');
  }
}

if (require.main === module) runCli(main);
