import { FastifyInstance } from 'fastify';
import { MAX_YEAR, MIN_YEAR } from '../../platform/common/args';
import { badInput } from '../../platform/common/errors';
import { withRequestScope } from '../../platform/db/request-scope';
import { RouteTools } from '../../platform/http/module';
import { checkParams } from '../../platform/http/params';
import { SLUG } from '../format/document';
import { templateData } from './data';
import { templateSheets } from './sheets';
import { templateCsv } from './template-csv';
import { templateXlsx } from './template-xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a template costs the client's budget: about its cells, as the same figures through GraphQL would. */
const TEMPLATE_COST = 1_000;

function templateParams(params: URLSearchParams): { slug: string; year: number } {
  checkParams(params, ['forbund', 'year']);
  const slug = params.get('forbund') ?? '';
  if (!SLUG.test(slug)) throw badInput(`forbund is required: the förbund's slug, e.g. forbund=uppsala${slug ? `, not ${JSON.stringify(slug.slice(0, 40))}` : ''}`);
  const year = params.get('year') ?? '';
  if (!/^\d{4}$/.test(year) || Number(year) < MIN_YEAR || Number(year) > MAX_YEAR) throw badInput(`year must be a year ${MIN_YEAR}–${MAX_YEAR}, got ${JSON.stringify(year.slice(0, 40))}`);
  return { slug, year: Number(year) };
}

/**
 * GET /templates/report.xlsx and report.csv?forbund=<slug>&year=<year>: a förbund's report template for a year,
 * filled with what is already stored, so it is also that year's export. A public read, cached by data version.
 */
export function registerTemplateRoutes(app: FastifyInstance, { read, revalidate, spend }: RouteTools): void {
  const formats = { xlsx: { type: XLSX_TYPE, write: templateXlsx }, csv: { type: 'text/csv; charset=utf-8', write: templateCsv } };
  for (const [extension, format] of Object.entries(formats)) {
    app.get(`/templates/report.${extension}`, { config: { resource: true } }, async (request, reply) => {
      const { slug, year } = templateParams(new URLSearchParams(request.url.split('?')[1] ?? ''));
      if (await revalidate(request, reply, `template.${extension}?${slug}&${year}`)) return reply;
      await spend(request, TEMPLATE_COST);
      const data = await withRequestScope(request.scope, () => templateData(read.manager, slug, year));
      const body = await format.write(templateSheets(data));
      return reply.type(format.type).header('content-disposition', `attachment; filename="${slug}-${year}.${extension}"`).send(body);
    });
  }
}
