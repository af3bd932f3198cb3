import { ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, getVariableValues, GraphQLError, Kind } from 'graphql';
import { RequestContext } from '../common/context';
import { badInput } from '../common/errors';
import { dateOutOfRange } from '../common/text';

/**
 * asOf is an argument of the root fields, but it holds for the whole request: every loader of the
 * request reads the data as it stood then. It is read here, before execution starts, so no resolver
 * can run with another time; root fields that give different times are refused.
 */
export const asOfPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue, request, schema }) {
        if (!operation) return;
        const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : null;
        const times = new Set<number>();
        // Arguments read here need coerced variables (a DateTime variable arrives as a string).
        const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
        if (!coerced) return; // invalid variables: execution reports them
        for (const selection of operation.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const field = root?.getFields()[selection.name.value];
          if (!field?.args.some((a) => a.name === 'asOf')) continue;
          const { asOf } = getArgumentValues(field, selection, coerced);
          if (!(asOf instanceof Date)) continue;
          if (dateOutOfRange(asOf)) throw badInput('asOf must be a date-time between the years 1 and 9999.', { http: { status: 400 } });
          times.add(asOf.getTime());
        }
        if (times.size > 1) {
          throw new GraphQLError('asOf holds for the whole request: give the same asOf on every root field, or send separate requests.', {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
        if (times.size === 1) contextValue.asOf = new Date([...times][0]);
      },
    };
  },
};
