import { Module } from '../platform/http/module';
import { registerExportRoutes } from './export.routes';
import { ObservationConnectionResolver } from './observations.resolver';

/** Long-format data for researchers and syncing dashboards: the observations connection and the CSV export. */
export const exportModule: Module = {
  name: 'export',
  resolvers: [ObservationConnectionResolver],
  routes: registerExportRoutes,
};
