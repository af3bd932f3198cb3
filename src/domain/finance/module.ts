import { Module } from '../../platform/http/module';
import { FinancialLine } from './financial-line.entity';
import { EquityBand } from './equity-band.entity';
import { ForbundFinanceResolver } from './finance.resolver';
import { financialLinesByForbund } from './finance.loaders';

/** Financial statement lines (resultat- och balansräkning) and the equity bands. */
export const financeModule: Module = {
  name: 'finance',
  entities: [FinancialLine, EquityBand],
  resolvers: [ForbundFinanceResolver],
  loaders: { financialLinesByForbund },
};
