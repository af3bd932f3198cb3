import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext } from '../common/context';
import { ErrorCode } from '../common/errors';
import { Limits } from '../common/limits';
import { withRequestScope } from '../db/request-scope';
import { graphiqlHtml, wantsHtml } from '../graphql/graphiql';
import { sendStaticFile, staticFile } from './caching';
import { HttpError } from './errors';
import { ResponseCache } from './response-cache';
import './request';

export const EXAMPLE_QUERY = `# Finsam Compare: figures of Sweden's samordningsförbund, with their sources.
{
  forbund(slug: "uppsala") {
    name
    allocation(year: 2017) { totalSek byMember { label amountSek } }
    outcome(year: 2017) {
      participants women men ended
      toWorkOrStudies { numerator denominator value measure { code } }
    }
  }
}
`;

export interface GraphqlRouteOptions {
  apollo: ApolloServer<RequestContext>;
  limits: Limits;
  responseCache: ResponseCache;
  contextFor(request: FastifyRequest): RequestContext;
  revalidate(request: FastifyRequest, reply: FastifyReply, asked: string): Promise<boolean>;
}

/**
 * /graphql over GET and POST: GraphiQL for a browser's navigation, a 304 or a kept answer for a public read
 * the client or the cache already has, else Apollo inside the request's scope.
 */
export function registerGraphqlRoute(app: FastifyInstance, { apollo, limits, responseCache, contextFor, revalidate }: GraphqlRouteOptions): void {
  const graphql = fastifyApolloHandler(apollo, { context: async (request) => (request.graphql = contextFor(request)) });
  const graphiqlPage = staticFile(graphiqlHtml('/graphql', EXAMPLE_QUERY), 'text/html; charset=utf-8');
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    handler: async (request, reply) => {
      const args = ((request.method === 'GET' ? request.query : request.body) ?? {}) as Record<string, unknown>;
      if (request.method === 'GET' && wantsHtml(request.headers.accept) && !args.query && !args.extensions) {
        return sendStaticFile(request, reply, graphiqlPage);
      }
      if (typeof args.query === 'string' && Buffer.byteLength(args.query) > limits.maxDocumentBytes) {
        throw new HttpError(400, ErrorCode.DOCUMENT_TOO_LARGE, `The GraphQL document is over the limit of ${limits.maxDocumentBytes} bytes; send large values as variables.`, {
          limit: limits.maxDocumentBytes,
        });
      }
      const asked = JSON.stringify([args.query ?? null, args.operationName ?? null, args.variables ?? null, args.extensions ?? null]);
      if (await revalidate(request, reply, asked)) return reply;
      if (await responseCache.answer(request, reply)) return reply;
      type Args = Parameters<typeof graphql>;
      return withRequestScope(request.scope, () => graphql.call(app, request as Args[0], reply as Args[1]));
    },
  });
}
