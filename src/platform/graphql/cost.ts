import { getNullableType, GraphQLSchema, isListType, DocumentNode } from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Rows a list field returns when it has not said how many it can: generous, so a forgotten bound costs, not frees. */
const UNDECLARED_LIST_ROWS = 100;

type Args = Record<string, unknown>;

/**
 * The cost of a list field (type-graphql's `complexity` option): its selection's cost times the rows it can
 * return at national scale (~80 förbund, 15 years). A bound that depends on the arguments takes a function,
 * e.g. fewer rows when a year is given.
 */
export function rows(count: number | ((args: Args) => number)): ComplexityEstimator {
  return ({ args, childComplexity }) => 1 + (typeof count === 'number' ? count : count(args)) * Math.max(childComplexity, 1);
}

/** Rows of a per-förbund list asked for one year, or for every year. */
export const perYear = (oneYear: number, allYears: number) => rows((args) => (args.year == null ? allYears : oneYear));

/** Introspection (GraphiQL's schema query) is answered from memory: it costs nothing. */
const introspectionEstimator: ComplexityEstimator = ({ type, field }) => (type.name.startsWith('__') || field.name.startsWith('__') ? 0 : undefined);

const undeclaredListEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isListType(getNullableType(field.type)) ? 1 + UNDECLARED_LIST_ROWS * Math.max(childComplexity, 1) : undefined;

const estimators = [introspectionEstimator, fieldExtensionsEstimator(), undeclaredListEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The computed cost of an operation: every field 1, a list field's selection times the rows it can return. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  return getComplexity({ schema, query: document, operationName, variables, estimators });
}
