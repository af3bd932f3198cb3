import { Module } from '../platform/http/module';
import { registerWidgetRoutes } from './widget.routes';

/** The embeddable comparison widget: its script, stylesheet, example page and the page for an iframe. */
export const widgetModule: Module = {
  name: 'widget',
  routes: registerWidgetRoutes,
};
