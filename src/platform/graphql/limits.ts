import { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { DocumentNode, getVariableValues, GraphQLError, GraphQLSchema, OperationDefinitionNode, ValidationRule } from 'graphql';
import { badInput, ErrorCode } from '../common/errors';
import { RequestContext } from '../common/context';
import { Limits } from '../common/limits';
import { queryCost } from './cost';

/** Codes of errors that refuse a query for its shape, before it runs. */
export const LIMIT_CODES = new Set<string>([
  ErrorCode.DOCUMENT_TOO_LARGE,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.QUERY_TOO_COSTLY,
]);

export function limitError(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status: 400 } } });
}

/** Reports an armor rejection with our own code and the limit, instead of a generic validation failure. */
function reject(code: string, limit: number): GraphQLArmorRejectCallback {
  return (ctx, error) => ctx?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, ''), { limit }));
}

/**
 * Depth, aliases and directives, checked by graphql-armor's validation rules (so before execution); the
 * token limit is the parser's own (parseOptions.maxTokens). Armor's cost rule is off: its cost knows nothing
 * of list sizes, so the cost is computed by costPlugin instead.
 */
export function armorRules(limits: Limits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { ...common, n: limits.maxDepth, ignoreIntrospection: true, onReject: [reject(ErrorCode.QUERY_TOO_DEEP, limits.maxDepth)] },
    maxAliases: { ...common, n: limits.maxAliases, onReject: [reject(ErrorCode.TOO_MANY_ALIASES, limits.maxAliases)] },
    maxDirectives: { ...common, n: limits.maxDirectives, onReject: [reject(ErrorCode.TOO_MANY_DIRECTIVES, limits.maxDirectives)] },
  }).protect().validationRules;
}

/** Costs worked out, per parsed document (Apollo keeps the document of a query it has seen) and variables: a widget asks the same thing again and again. */
const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
const COSTS_PER_DOCUMENT = 100;
/** Variables longer than this are not worth keeping a cost for: the next request is unlikely to repeat them. */
const COST_KEY_CHARS = 1000;

/** The operation's cost, or null when its variables do not fit their types. */
function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined, variables: Record<string, unknown>): number | null {
  const known = costs.get(document) ?? new Map<string, number | null>();
  const key = `${operationName ?? ''}|${JSON.stringify(variables)}`;
  let cost = known.get(key);
  if (cost === undefined) {
    cost = getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors ? null : queryCost(schema, document, operationName, variables);
    if (key.length > COST_KEY_CHARS) return cost;
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    costs.set(document, known.set(key, cost));
  }
  return cost;
}

/**
 * Computes every operation's cost before it runs, refuses it over the limit, and reports the cost and the
 * limit in the response's extensions (as GitHub's and Shopify's APIs do), so a client sees what a query
 * costs before it grows into a refusal.
 */
export function costPlugin(limits: Limits): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation, operationName, contextValue }) {
          if (!operation || !schema.getRootType(operation.operation)) {
            throw badInput(`This API has no ${operation?.operation ?? 'such'} operations: send a query or a mutation.`, { http: { status: 400 } });
          }
          const cost = costOf(schema, document, operation, operationName ?? undefined, request.variables ?? {});
          // Variables that do not fit their types are refused by execution with their own message; nothing would run.
          if (cost === null) return;
          contextValue.cost = cost;
          if (cost <= limits.maxCost) {
            // The request itself was paid for on arrival (one point); the operation pays the rest before it runs.
            await contextValue.spend?.(Math.max(0, cost - 1));
            if (cost >= limits.heavyCost && contextValue.enterHeavyLane) contextValue.outcome.leaveLane = await contextValue.enterHeavyLane();
          } else {
            throw limitError(
              ErrorCode.QUERY_TOO_COSTLY,
              `Query cost ${cost} is over the limit of ${limits.maxCost}. A list field costs its selection times the rows it can return: select fewer fields under lists, give a year, or page with first/after.`,
              { cost, limit: limits.maxCost },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          contextValue.outcome.leaveLane?.();
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: contextValue.cost, limit: limits.maxCost } };
          // Filled in per request by the HTTP layer, also for answers it serves from the response cache.
          if (contextValue.spend) result.extensions.rateLimit = null;
        },
      };
    },
  };
}
