import { Module } from '../../platform/http/module';
import { BenchmarkEntryResolver, ComparisonPreviewResolver, ForbundBenchmarkResolver, NationalComparisonResolver, NotComparableResolver } from './national.resolver';
import { nationalComparisons } from './national.loaders';
import { statsPool } from './stats-pool';

/** The national comparison (nationell jämförelse): every förbund against rikssnitt and each other, with the comparison methods, whose statistics run in a worker pool; and its preview for a figure not yet stored (comparisonPreview). */
export const nationalComparisonModule: Module = {
  name: 'national comparison',
  resolvers: [NationalComparisonResolver, BenchmarkEntryResolver, ComparisonPreviewResolver, NotComparableResolver, ForbundBenchmarkResolver],
  loaders: { nationalComparisons },
  workers: statsPool,
};
