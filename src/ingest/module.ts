import { Module } from '../platform/http/module';
import { ChangeType, ImportBatch } from './history.types';
import { ImportResolver } from './import.resolver';
import { RegisterResolver } from './register.resolver';
import { ImportBatchResolver, ProvenanceBatchResolver } from './history.resolver';
import { batchById, changesByBatch } from './history.loaders';

/** Getting figures in: förbund registered (registerForbund), reports imported over GraphQL (importReport, setObservation) and their history (import batches). */
export const ingestModule: Module = {
  name: 'ingest',
  entities: [ImportBatch, ChangeType],
  resolvers: [ImportResolver, RegisterResolver, ImportBatchResolver, ProvenanceBatchResolver],
  loaders: { batchById, changesByBatch },
};
