import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLSchema } from 'graphql';
import { ErrorCode } from '../common/errors';
import { RequestContext } from '../common/context';
import { Limits } from '../config';
import { RETRY_AFTER_SECONDS } from '../db/errors';
import { asOfPlugin } from './as-of';
import { formatError } from './format-error';
import { inputSafetyPlugin } from './input-safety';
import { armorRules, costPlugin } from './limits';

/** A database that cannot be reached is the server's state, not the client's fault: 503 with Retry-After. */
const unavailablePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        if (response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};

/** The GraphQL server: schema, limits checked before execution, and stable error codes. */
export async function createApollo(schema: GraphQLSchema, limits: Limits): Promise<ApolloServer<RequestContext>> {
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armorRules(limits),
    plugins: [ApolloServerPluginLandingPageDisabled(), inputSafetyPlugin, asOfPlugin, costPlugin(limits), unavailablePlugin],
  });
  await apollo.start();
  return apollo;
}
