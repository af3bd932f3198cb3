import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withRequestScope } from '../../platform/db/request-scope';
import { queryCost } from '../../platform/graphql/cost';
import { RouteTools } from '../../platform/http/module';
import { COVERAGE_QUERY, coverageCsv, coverageData, CoverageData, coverageParams, coverageXlsx } from './coverage-files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /export/coverage.csv and .xlsx: the coverage matrix of a year as files, costed as the query they run. */
export function registerCoverageRoutes(app: FastifyInstance, { schema, contextFor, revalidate, spend }: RouteTools): void {
  const cost = queryCost(schema, COVERAGE_QUERY, undefined, { year: 2017 });
  const serve = (extension: string, type: string, render: (data: CoverageData) => string | Buffer | Promise<Buffer>) =>
    app.get(`/export/coverage.${extension}`, { config: { resource: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const search = request.url.split('?')[1] ?? '';
      const params = coverageParams(new URLSearchParams(search));
      if (await revalidate(request, reply, `coverage.${extension}?${search}`)) return reply;
      await spend(request, cost);
      const data = await withRequestScope(request.scope, () => coverageData(schema, contextFor(request), params));
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="finsam-tackning-${params.year}${params.countyCode ? `-lan-${params.countyCode}` : ''}.${extension}"`)
        .send(await render(data));
    });
  serve('csv', 'text/csv; charset=utf-8', coverageCsv);
  serve('xlsx', XLSX, coverageXlsx);
}
