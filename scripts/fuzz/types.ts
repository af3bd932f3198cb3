import { GraphQLSchema } from 'graphql';
import { Random } from './random';

/** One HTTP request to send. `raw` bytes go over a plain socket as they are: for requests Node's client refuses to build. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  raw?: Buffer;
}

/** A request and a short description of it, for the report's examples. */
export interface Case {
  label: string;
  request: FuzzRequest;
  /** A write that must be refused: an answer without errors is reported. */
  mustBeRefused?: boolean;
}

export interface Keys {
  admin: string;
  editor: string;
}

/** What a generator gets: the schema, the write keys, its own random numbers and how far its category has got (0–1, for sizes that grow). */
export interface GenContext {
  schema: GraphQLSchema;
  keys: Keys;
  rng: Random;
  progress: number;
}

export type Generate = (ctx: GenContext) => Case;

/** A class of requests: `weight` shares the request budget; `heavy` cases are sent once each, at the end of the run. */
export interface Category {
  name: string;
  weight: number;
  generate: Generate;
  heavy?: Generate[];
}

export const GRAPHQL = '/graphql';

/** A POST of a GraphQL operation, as clients send it. */
export function gql(query: string, variables?: unknown, auth?: string): FuzzRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers.authorization = `Bearer ${auth}`;
  return { method: 'POST', path: GRAPHQL, headers, body: JSON.stringify(variables === undefined ? { query } : { query, variables }) };
}
