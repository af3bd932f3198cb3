import { EntityManager, In } from 'typeorm';
import { byKeyLoader } from '../common/loaders';
import { Forbund } from './forbund.entity';
import { fastFind } from '../db/fast-find';

export const forbundById = (db: EntityManager) =>
  byKeyLoader<number, Forbund>((ids) => fastFind(db, Forbund, { where: { id: In(ids) } }), (f) => f.id);
