import { createdBy } from '../../platform/common/validity';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AsOfArgs, YearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { EquityBand } from '../../domain/finance/equity-band.entity';
import { Forbund } from '../../domain/forbund/forbund.entity';
import { forbundById } from '../../domain/forbund/forbund.loaders';
import { FinancialBenchmark } from './financial.types';
import { rows } from '../../platform/graphql/cost';

import { financialBenchmarks } from './financial.loaders';

@Resolver(() => FinancialBenchmark)
export class FinancialBenchmarkResolver {
  @Query(() => [FinancialBenchmark], { complexity: rows(100), description: 'Financial and activity benchmarks of every förbund for a year (nationell ekonomisk jämförelse).' })
  async financialComparison(@Args() { year }: YearArgs, @Args() _asOf: AsOfArgs, @Ctx() ctx: RequestContext): Promise<FinancialBenchmark[]> {
    const forbund = await ctx.db.find(Forbund, { where: createdBy(ctx.asOf), order: { slug: 'ASC' } });
    return ctx.loader(financialBenchmarks).loadMany(forbund.map((f) => ({ forbundId: f.id, year }))) as Promise<FinancialBenchmark[]>;
  }

  @Query(() => [EquityBand], { complexity: rows(20), description: 'Configured bands of the recommended maximum equity (trappan); empty until verified values are added.' })
  equityBands(@Ctx() ctx: RequestContext): Promise<EquityBand[]> {
    return ctx.db.find(EquityBand, { order: { effectiveFrom: 'ASC', minAllocationSek: 'ASC' } });
  }

  @FieldResolver(() => Forbund, { description: 'The förbund (samordningsförbund).' })
  async forbund(@Root() b: FinancialBenchmark, @Ctx() ctx: RequestContext): Promise<Forbund> {
    return (await ctx.loader(forbundById).load(b.forbundId))!;
  }
}

@Resolver(() => Forbund)
export class ForbundFinancialBenchmarkResolver {
  @FieldResolver(() => FinancialBenchmark, { description: 'Financial and activity benchmarks for a year (ekonomiska nyckeltal).' })
  financialBenchmark(@Root() forbund: Forbund, @Args() { year }: YearArgs, @Ctx() ctx: RequestContext): Promise<FinancialBenchmark> {
    return ctx.loader(financialBenchmarks).load({ forbundId: forbund.id, year });
  }
}
