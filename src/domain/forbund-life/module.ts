import { Module } from '../../platform/http/module';
import { ForbundFact } from './forbund-fact.entity';
import { ForbundLifeResolver } from './forbund-life.resolver';
import { factsByForbund, mergersInto } from './forbund-life.loaders';

/** A förbund's life (bildades, upplöstes, sammanslogs, länsförbund): dated facts, each with its source, and its predecessors and successors. */
export const forbundLifeModule: Module = {
  name: 'forbund life',
  entities: [ForbundFact],
  resolvers: [ForbundLifeResolver],
  loaders: { factsByForbund, mergersInto },
};
