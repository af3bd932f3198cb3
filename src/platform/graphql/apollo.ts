import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache, KeyValueCache } from '@apollo/utils.keyvaluecache';
import { DocumentNode, GraphQLSchema, Kind } from 'graphql';
import { ErrorCode } from '../common/errors';
import { RequestContext } from '../common/context';
import { stringifyInTurns } from '../common/turns';
import { Limits } from '../common/limits';
import { RETRY_AFTER_SECONDS } from '../db/errors';
import { asOfPlugin } from './as-of';
import { formatError } from './format-error';
import { inputSafetyPlugin } from './input-safety';
import { armorRules, costPlugin } from './limits';

/**
 * Notes on the request what HTTP needs to know of it: the operation (for metrics and caching), whether
 * the answer failed (never cached), and the status its errors call for: a database that cannot be reached
 * (the server's state, not the client's fault) 503 with Retry-After, a defect 500, a write that met another 409.
 */
const outcomePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!operation) return;
        const first = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
        contextValue.outcome.operation = `${operation.operation} ${first?.kind === Kind.FIELD ? first.name.value : ''}`.trim();
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        contextValue.outcome.errorCodes = (errors ?? []).map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
        contextValue.outcome.asOf = contextValue.asOf;
        const codes = contextValue.outcome.errorCodes;
        if (codes.includes(ErrorCode.DATABASE_UNAVAILABLE)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        } else if (codes.includes(ErrorCode.INTERNAL_SERVER_ERROR)) {
          // A defect is a 500 however far execution got, so monitors and clients see it as one.
          response.http.status = 500;
        } else if (codes.includes(ErrorCode.WRITE_CONFLICT)) {
          response.http.status = 409;
        }
      },
    };
  },
};

/** Approximate bytes of parsed documents kept (Apollo sizes them by their JSON). */
const DOCUMENT_STORE_BYTES = 2_000_000;

export interface ApolloOptions {
  limits: Limits;
  /** Automatic persisted queries: in memory, or Redis across replicas. */
  cache: KeyValueCache<string>;
}

/** The GraphQL server: schema, limits checked before execution, stable error codes and persisted queries. */
export async function createApollo(schema: GraphQLSchema, { limits, cache }: ApolloOptions): Promise<ApolloServer<RequestContext>> {
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    cache,
    // Reads are public and writes need a bearer key and a JSON body, which a cross-site form cannot send: GET needs no special header.
    csrfPrevention: false,
    // The server stops itself on SIGTERM (main.ts): finishing requests in flight first.
    stopOnTerminationSignals: false,
    // Parsed documents are kept for reuse; bounded, so a stream of distinct queries cannot grow the heap.
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: DOCUMENT_STORE_BYTES }),
    includeStacktraceInErrorResponses: false,
    // Apollo's own JSON.stringify(result) + newline, written a few milliseconds at a time: a 2 MB answer is ~15 ms of it.
    stringifyResult: async (result) => `${await stringifyInTurns(result)}\n`,
    introspection: true,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armorRules(limits),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Answers are cached whole, and their HTTP headers set, by the HTTP layer (http/server.ts), which knows the
      // data version; Apollo's per-field cache hints would wrap every resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      inputSafetyPlugin,
      asOfPlugin,
      costPlugin(limits),
      outcomePlugin,
    ],
  });
  await apollo.start();
  return apollo;
}
