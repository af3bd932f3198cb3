import { EntityManager, In } from 'typeorm';
import { byKeyLoader, groupedLoader } from '../platform/common/loaders';
import { ChangeType, ImportBatch } from './history.types';

export const batchById = (db: EntityManager) => byKeyLoader<number, ImportBatch>((ids) => db.find(ImportBatch, { where: { id: In(ids) } }), (b) => b.id);
export const changesByBatch = (db: EntityManager) =>
  groupedLoader<null, ChangeType>((ids) => db.find(ChangeType, { where: { batchId: In(ids) }, order: { id: 'ASC' } }), (c) => c.batchId);
