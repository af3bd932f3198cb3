import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { RequestContext } from '../common/context';
import { Tasks, WorkerPool } from '../common/worker-pool';
import './request';

/** What a module's routes are given: the databases, the schema, and the platform's request helpers. */
export interface RouteTools {
  /** Where queries read (a replica when DATABASE_READ_URL is set). */
  read: DataSource;
  /** Where writes go. */
  write: DataSource;
  schema: GraphQLSchema;
  /** A GraphQL context for the request, as Apollo's requests get: its key, the databases, the memo, its data version. */
  contextFor(request: FastifyRequest): RequestContext;
  /**
   * For a public read: its ETag from the data version and `asked` (what identifies the answer), and a 304
   * when the client already has it (then true: the route is done).
   */
  revalidate(request: FastifyRequest, reply: FastifyReply, asked: string): Promise<boolean>;
  /**
   * Spends `cost` points of the client's budget for work beyond the request itself (a chart's query, an
   * export's rows); RATE_LIMITED (429) when the budget does not hold them. `force` spends them regardless,
   * for the pages of an answer already under way.
   */
  spend(request: FastifyRequest, cost: number, force?: boolean): Promise<void>;
  /** Runs heavy work (a chart's comparison, an export's page) in the heavy lane: cheap requests never wait behind a queue of it. */
  inLane<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T>;
}

/**
 * What a module adds to the API, declared once in its module.ts (as graphql-hive's modules or a NestJS module
 * do). Only the app gathers them: no shared layer keeps a list of modules.
 */
export interface Module {
  name: string;
  /** TypeORM entities: the tables the module owns. */
  entities?: Function[];
  /** type-graphql resolver classes: the types and fields the module adds to the schema. */
  resolvers?: Function[];
  /** Its per-request DataLoader factories (resolvers reach them through ctx.loader), for the reader's map. */
  loaders?: Record<string, Function>;
  /** HTTP routes beside GraphQL. */
  routes?(app: FastifyInstance, tools: RouteTools): void;
  /** Worker threads for its long computations: given the server's number of threads, stopped when the server stops. */
  workers?: Pick<WorkerPool<Tasks>, 'setThreads' | 'close' | 'stats'>;
}
