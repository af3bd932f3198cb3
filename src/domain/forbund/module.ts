import { Module } from '../../platform/http/module';
import { ForbundFact } from './forbund-fact.entity';
import { Forbund } from './forbund.entity';
import { ForbundResolver } from './forbund.resolver';
import { factsByForbund, forbundById, mergersInto } from './forbund.loaders';

/** Förbund (samordningsförbund): the registry, one by slug, and the dated facts of each one's life. */
export const forbundModule: Module = {
  name: 'forbund',
  entities: [Forbund, ForbundFact],
  resolvers: [ForbundResolver],
  loaders: { forbundById, factsByForbund, mergersInto },
};
