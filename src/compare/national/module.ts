import { Module } from '../../platform/http/module';
import { BenchmarkEntryResolver, ForbundBenchmarkResolver, NationalComparisonResolver, NotComparableResolver } from './national.resolver';
import { nationalComparisons } from './national.loaders';

/** The national comparison (nationell jämförelse): every förbund against rikssnitt and each other, with the comparison methods. */
export const nationalComparisonModule: Module = {
  name: 'national comparison',
  resolvers: [NationalComparisonResolver, BenchmarkEntryResolver, NotComparableResolver, ForbundBenchmarkResolver],
  loaders: { nationalComparisons },
};
