import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { actorForKey } from '../auth/keys';
import { Auth, RequestContext } from '../common/context';
import { asOfPlugin } from './as-of';
import { writeObservationsCsv } from '../exports/csv-export';
import { formatError } from './format-error';
import { graphiqlHtml, wantsHtml } from './graphiql';

// Room for a report with its CSV files in one importReport request.
const MAX_BODY_BYTES = 10_000_000;

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

/** Reads a bearer token; an unusable header counts as an invalid key, never as anonymous. */
async function authenticate(dataSource: DataSource, header: string | undefined): Promise<Auth> {
  if (!header) return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const actor = match ? await actorForKey(dataSource.manager, match[1]) : null;
  return actor ? { kind: 'actor', actor } : { kind: 'invalid' };
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

export interface RunningApi {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** The HTTP API: GraphQL (and its GraphiQL page) at /graphql, the CSV export, a health check at /health. */
export async function startApi(schema: GraphQLSchema, dataSource: DataSource, port: number): Promise<RunningApi> {
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled(), asOfPlugin],
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' && wantsHtml(req.headers.accept) && !url.searchParams.has('query')) {
      return send(res, 200, 'text/html; charset=utf-8', graphiqlHtml('/graphql', EXAMPLE_QUERY));
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: unknown = raw;
    if (raw && headers.get('content-type')?.startsWith('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'Request body is not valid JSON');
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => new RequestContext(dataSource.manager, await authenticate(dataSource, headers.get('authorization'))),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function exportCsv(res: ServerResponse, url: URL): Promise<void> {
    try {
      await writeObservationsCsv(dataSource.manager, url.searchParams, res);
    } catch (e) {
      // The export's bad input gets the same stable codes as the GraphQL filter.
      if (!(e instanceof GraphQLError) || res.headersSent) throw e;
      send(res, 400, 'application/json', JSON.stringify({ error: e.message, code: e.extensions.code }));
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route =
      url.pathname === '/graphql'
        ? graphql(req, res, url)
        : url.pathname === '/health'
          ? Promise.resolve(send(res, 200, 'application/json', JSON.stringify({ status: 'ok' })))
          : url.pathname === '/export/observations.csv' && req.method === 'GET'
            ? exportCsv(res, url)
            : url.pathname === '/'
            ? Promise.resolve(void res.writeHead(302, { location: '/graphql' }).end())
            : Promise.reject(new HttpError(404, `No route ${url.pathname}; the API is at /graphql`));
    route.catch((e: unknown) => {
      if (!(e instanceof HttpError)) console.error('Unexpected HTTP error:', e);
      const status = e instanceof HttpError ? e.status : 500;
      if (!res.headersSent) send(res, status, 'application/json', JSON.stringify({ error: e instanceof HttpError ? e.message : 'Internal server error' }));
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://localhost:${address.port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      await apollo.stop();
    },
  };
}
