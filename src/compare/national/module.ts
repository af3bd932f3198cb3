import { Module } from '../../platform/http/module';
import { BenchmarkEntryResolver, ForbundBenchmarkResolver, NationalComparisonResolver, NotComparableResolver } from './national.resolver';
import { nationalComparisons } from './national.loaders';
import { statsPool } from './stats-pool';

/** The national comparison (nationell jämförelse): every förbund against rikssnitt and each other, with the comparison methods, whose statistics run in a worker pool. */
export const nationalComparisonModule: Module = {
  name: 'national comparison',
  resolvers: [NationalComparisonResolver, BenchmarkEntryResolver, NotComparableResolver, ForbundBenchmarkResolver],
  loaders: { nationalComparisons },
  workers: statsPool,
};
