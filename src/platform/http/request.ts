/**
 * What the HTTP layer keeps on a request while it is answered, and what a route may say of itself in its
 * options' config. Declared once here; the hooks in server.ts and the routes of the modules set and read them.
 */
import { Auth, RequestContext } from '../common/context';
import { RequestScope } from '../db/request-scope';
import type { Charge } from './cost-limit';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
    scope: RequestScope;
    /** The GraphQL request's context, once Apollo has made it. */
    graphql: RequestContext | null;
    /** The data version a public read is answered at, and its ETag, both known before it runs. */
    dataVersion: string | null;
    etag: string | null;
    /** The code of an error answered outside GraphQL execution, for metrics. */
    errorCode: string | null;
    /** The asOf a GET resource (CSV export, chart) asks for; GraphQL keeps its own on its context. */
    resourceAsOf: Date | null;
    /** The operation of an answer served from the response cache (for metrics). */
    keptOperation: string | null;
    /** Whose budget the request spends: its API key's, else its address's. */
    client: string;
    /** What it has spent and what its client has left; null when budgets are off or could not be counted. */
    charge: Charge | null;
  }

  interface FastifyContextConfig {
    /** A GET resource beside GraphQL (the CSV export, a chart): errors as { error, code }, public caching like a query. */
    resource?: boolean;
    /** An answer streamed page by page (the CSV export): no overall deadline; each statement has its own. */
    streamed?: boolean;
    /** Not counted against any budget: what monitors and load balancers call. */
    uncounted?: boolean;
    /** A route that writes (an upload): once answered, the data version is read again, as after a mutation. */
    writes?: boolean;
    /** Checks a token of its own in Authorization (/metrics): no API key is looked up for it. */
    ownToken?: boolean;
    /** @fastify/cors's own per-route switch: false sends no CORS headers. */
    cors?: false;
  }
}
