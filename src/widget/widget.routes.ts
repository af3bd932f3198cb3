/**
 * The widget's routes: the script, the pages' stylesheet, /widget/example.html and /embed/comparison. Files are
 * cached by content for an hour; the figures themselves come from GraphQL GET requests with their own caching.
 */
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../platform/common/errors';
import { sendStaticFile, STATIC_CACHE } from '../platform/http/caching';
import { pageStylesheet, widgetScript } from './assets';
import { embedErrorPage, embedPage, embedParams, EmbedParams, examplePage, pageCsp } from './pages';

/** The example's defaults: Uppsala 2017, the figure the seed data has with counts. */
const EXAMPLE: Partial<EmbedParams> = { forbund: 'uppsala', measure: 'to_work_or_studies', year: '2017' };

/** A Host header fit to print in a snippet; anything else gets a placeholder the reader replaces. */
function originOf(request: FastifyRequest): string {
  const host = request.headers.host ?? '';
  return /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(host) ? `${request.protocol}://${host}` : 'https://finsam.example';
}

/** An HTML page, or for bad parameters a styled page saying what is wrong, with the code and message: it is shown in a frame, not parsed. */
function sendPage(request: FastifyRequest, reply: FastifyReply, frameAncestors: string, render: (params: URLSearchParams) => string): FastifyReply {
  reply.header('content-security-policy', pageCsp(frameAncestors)).header('x-content-type-options', 'nosniff').header('referrer-policy', 'strict-origin-when-cross-origin');
  const params = new URLSearchParams(request.url.split('?')[1] ?? '');
  try {
    const page = render(params);
    return reply.header('cache-control', STATIC_CACHE).type('text/html; charset=utf-8').send(page);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    request.errorCode = String(e.extensions.code ?? ErrorCode.BAD_USER_INPUT);
    const messageSv = typeof e.extensions.messageSv === 'string' ? e.extensions.messageSv : null;
    const body = embedErrorPage(params.get('lang'), request.errorCode, e.message, messageSv);
    return reply.code(400).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(body);
  }
}

export function registerWidgetRoutes(app: FastifyInstance): void {
  app.get('/widget/finsam-comparison.js', async (request, reply) => sendStaticFile(request, reply, widgetScript()));
  app.get('/widget/page.css', async (request, reply) => sendStaticFile(request, reply, pageStylesheet()));
  // Any site may frame the embed page; the example only its own.
  app.get('/embed/comparison', async (request, reply) => sendPage(request, reply, '*', (params) => embedPage(embedParams(params))));
  app.get('/widget/example.html', async (request, reply) =>
    sendPage(request, reply, "'self'", (params) => examplePage(originOf(request), embedParams(params, EXAMPLE))),
  );
}
