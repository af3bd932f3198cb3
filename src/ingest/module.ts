import { Module } from '../platform/http/module';
import { ChangeType, ImportBatch } from './history.types';
import { ImportResolver } from './import.resolver';
import { RegisterResolver } from './register.resolver';
import { UndoResolver } from './undo.resolver';
import { ImportBatchResolver, ProvenanceBatchResolver } from './history.resolver';
import { batchById, changesByBatch } from './history.loaders';
import { registerTemplateRoutes } from './template/template.routes';
import { registerUploadRoutes } from './upload.routes';
import { registerReportPage } from './page/report-page';

/** Getting figures in: förbund registered (registerForbund), reports imported over GraphQL (importReport, setObservation) and uploaded (POST /import, the page /rapportera), the report template (GET /templates/report.xlsx, .csv), their history (import batches) and its undo (undoBatch). */
export const ingestModule: Module = {
  name: 'ingest',
  entities: [ImportBatch, ChangeType],
  resolvers: [ImportResolver, RegisterResolver, UndoResolver, ImportBatchResolver, ProvenanceBatchResolver],
  loaders: { batchById, changesByBatch },
  routes(app, tools) {
    registerTemplateRoutes(app, tools);
    registerUploadRoutes(app, tools);
    registerReportPage(app);
  },
};
