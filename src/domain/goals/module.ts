import { Module } from '../../platform/http/module';
import { Goal } from './goal.entity';
import { ForbundGoalsResolver } from './goals.resolver';
import { goalsByForbund } from './goals.loaders';

/** Goals (mål) and their attainment. */
export const goalsModule: Module = {
  name: 'goals',
  entities: [Goal],
  resolvers: [ForbundGoalsResolver],
  loaders: { goalsByForbund },
};
