import { Readable } from 'node:stream';
import { FastifyInstance } from 'fastify';
import { withRequestScope, withScopedIterator } from '../platform/db/request-scope';
import { RouteTools } from '../platform/http/module';
import { sendStaticFile } from '../platform/http/caching';
import { CSV_ROW_COST, observationsCsv } from './csv-export';
import { dataPackageFile } from './datapackage';

/** GET /export/observations.csv: the long-format CSV, streamed page by page as the client takes it; GET /export/datapackage.json beside it. */
export function registerExportRoutes(app: FastifyInstance, { read, revalidate, spend }: RouteTools): void {
  // The export's Data Package: every column's name, type and meaning, and the primary key.
  app.get('/export/datapackage.json', { config: { resource: true } }, async (request, reply) => sendStaticFile(request, reply, dataPackageFile()));

  app.get('/export/observations.csv', { config: { resource: true, streamed: true } }, async (request, reply) => {
    const search = request.url.split('?')[1] ?? '';
    const params = new URLSearchParams(search);
    if (await revalidate(request, reply, `csv?${search}`)) return reply;
    // Each page is paid for as it is read; once sending has begun it is finished even past the budget, and the debt is the client's next requests'.
    const { asOf, rows } = await withRequestScope(request.scope, () =>
      observationsCsv(read.manager, params, (n) => spend(request, n * CSV_ROW_COST, true)),
    );
    request.resourceAsOf = asOf;
    // Readable.from pulls the next page only when the client has taken the last: backpressure, and a client that goes stops the reading.
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="finsam-observations.csv"')
      .send(Readable.from(withScopedIterator(request.scope, rows)));
  });
}
