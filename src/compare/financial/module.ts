import { Module } from '../../platform/http/module';
import { FinancialBenchmarkResolver, ForbundFinancialBenchmarkResolver } from './financial.resolver';
import { financialBenchmarks } from './financial.loaders';

/** The financial comparison (ekonomisk jämförelse): allocation split, equity, cost per participant, goal attainment. */
export const financialComparisonModule: Module = {
  name: 'financial comparison',
  resolvers: [FinancialBenchmarkResolver, ForbundFinancialBenchmarkResolver],
  loaders: { financialBenchmarks },
};
