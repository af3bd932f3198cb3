import { Module } from '../../platform/http/module';
import { Forbund } from './forbund.entity';
import { ForbundResolver } from './forbund.resolver';
import { forbundById } from './forbund.loaders';

/** Förbund (samordningsförbund): the registry, and one by slug. */
export const forbundModule: Module = {
  name: 'forbund',
  entities: [Forbund],
  resolvers: [ForbundResolver],
  loaders: { forbundById },
};
