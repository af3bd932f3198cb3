import { Module } from '../../platform/http/module';
import { Insats, InsatsFigure } from './insats.entity';
import { ForbundInsatserResolver, InsatsResolver } from './insatser.resolver';
import { insatsFiguresByForbund, insatserByForbund } from './insatser.loaders';

/** Insatser financed by a förbund, with their yearly money. */
export const insatserModule: Module = {
  name: 'insatser',
  entities: [Insats, InsatsFigure],
  resolvers: [ForbundInsatserResolver, InsatsResolver],
  loaders: { insatserByForbund, insatsFiguresByForbund },
};
