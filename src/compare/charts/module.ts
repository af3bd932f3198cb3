import { Module } from '../../platform/http/module';
import { registerChartRoutes } from './charts.routes';

/** Charts drawn on the server from the schema's own fields: the funnel plot as SVG. */
export const chartsModule: Module = {
  name: 'charts',
  routes: registerChartRoutes,
};
