import { FastifyInstance } from 'fastify';
import { withRequestScope } from '../../platform/db/request-scope';
import { RouteTools } from '../../platform/http/module';
import { queryCost } from '../../platform/graphql/cost';
import { chartParams, FUNNEL_QUERY, funnelChart } from './funnel-chart';
import { renderFunnelSvg } from './funnel-svg';

/** GET /charts/funnel.svg: the year's funnel plot, drawn from the same GraphQL fields any client reads. */
export function registerChartRoutes(app: FastifyInstance, { schema, contextFor, revalidate, spend, inLane }: RouteTools): void {
  const cost = queryCost(schema, FUNNEL_QUERY, undefined, { measure: '', year: 0 });
  app.get('/charts/funnel.svg', { config: { resource: true } }, async (request, reply) => {
    const search = request.url.split('?')[1] ?? '';
    const params = chartParams(new URLSearchParams(search));
    // The picture is stamped with the day it was read, so the day is part of what it is.
    const readAt = new Date();
    if (await revalidate(request, reply, `funnel.svg?${search}|${readAt.toISOString().slice(0, 10)}`)) return reply;
    await spend(request, cost);
    const chart = await withRequestScope(request.scope, () => inLane(request, () => funnelChart(schema, contextFor(request), params)));
    request.resourceAsOf = params.asOf;
    // An SVG opened on its own is a document that could run script: it may run none, load nothing, and is never sniffed as anything else.
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; frame-ancestors *")
      .header('x-content-type-options', 'nosniff')
      .send(renderFunnelSvg(chart, readAt));
  });
}
