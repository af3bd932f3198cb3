import { Module } from '../../platform/http/module';
import { CountyResolver } from './counties.resolver';
import { County } from './county.entity';

/** Counties (län) by SCB's code: what förbund and organisations are grouped and compared by. */
export const countiesModule: Module = {
  name: 'counties',
  entities: [County],
  resolvers: [CountyResolver],
};
