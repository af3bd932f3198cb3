import { Module } from '../../platform/http/module';
import { CoverageResolver, ForbundCoverageResolver } from './coverage.resolver';
import { registerCoverageRoutes } from './coverage.routes';
import { registerCoveragePage } from './page/coverage-page';

/** Coverage (täckning): which förbund have reported which measures for a year, for the national network, as a query, as CSV and xlsx files, and on the page /tackning. */
export const coverageModule: Module = {
  name: 'coverage',
  resolvers: [CoverageResolver, ForbundCoverageResolver],
  routes(app, tools) {
    registerCoverageRoutes(app, tools);
    registerCoveragePage(app);
  },
};
