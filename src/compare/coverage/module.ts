import { Module } from '../../platform/http/module';
import { CoverageResolver, ForbundCoverageResolver } from './coverage.resolver';
import { registerCoverageRoutes } from './coverage.routes';

/** Coverage (täckning): which förbund have reported which measures for a year, for the national network, as a query and as CSV and xlsx files. */
export const coverageModule: Module = {
  name: 'coverage',
  resolvers: [CoverageResolver, ForbundCoverageResolver],
  routes: registerCoverageRoutes,
};
