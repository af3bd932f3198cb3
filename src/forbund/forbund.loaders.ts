import { EntityManager, In } from 'typeorm';
import { byKeyLoader } from '../common/loaders';
import { Forbund } from './forbund.entity';

export const forbundById = (db: EntityManager) =>
  byKeyLoader<number, Forbund>((ids) => db.find(Forbund, { where: { id: In(ids) } }), (f) => f.id);
