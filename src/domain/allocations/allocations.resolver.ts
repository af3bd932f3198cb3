import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs, YearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { AmountKind } from '../../platform/common/enums';
import { Forbund } from '../forbund/forbund.entity';
import { organisationById } from '../members/members.loaders';
import { Organisation } from '../members/organisation.entity';
import { Allocation, AllocationPart } from './allocation.entity';
import { allocationsByForbund, partsByAllocation, preferredAllocations } from './allocations.loaders';
import { rows } from '../../platform/graphql/cost';

@ArgsType()
class AllocationArgs extends YearArgs {
  @Field(() => AmountKind, { nullable: true, description: 'Only outcome (ACTUAL) or only budget (BUDGET); the best available when absent.' })
  kind?: AmountKind;
}

@Resolver(() => Forbund)
export class ForbundAllocationResolver {
  @FieldResolver(() => Allocation, {
    nullable: true,
    description:
      'Annual allocation (tilldelning) for a year. When sources give several, the outcome over the budget, a final over a preliminary document, and a per-member breakdown over a bare total; `allocations` lists them all.',
  })
  async allocation(@Root() forbund: Forbund, @Args() { year, kind }: AllocationArgs, @Ctx() ctx: RequestContext): Promise<Allocation | null> {
    const [allocation] = await preferredAllocations(ctx, [{ forbundId: forbund.id, year }], kind);
    return allocation;
  }

  @FieldResolver(() => [Allocation], { complexity: rows(60), description: 'Every allocation figure (tilldelning) the sources give, per year and source.' })
  allocations(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Allocation[]> {
    return ctx.loader(allocationsByForbund).load({ id: forbund.id, filter: { year } });
  }
}

@Resolver(() => Allocation)
export class AllocationResolver {
  @FieldResolver(() => [AllocationPart], { complexity: rows(30), description: 'Contribution per member or member group (medlemsbidrag per medlem), as the source breaks it down.' })
  byMember(@Root() a: Allocation, @Ctx() ctx: RequestContext): Promise<AllocationPart[]> {
    return ctx.loader(partsByAllocation).load({ id: a.id, filter: null });
  }
}

@Resolver(() => AllocationPart)
export class AllocationPartResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The member organisation, when the part is one organisation; null for a group line such as "Bidrag kommuner".' })
  organisation(@Root() p: AllocationPart, @Ctx() ctx: RequestContext): Promise<Organisation | null> | null {
    return p.organisationId === null ? null : ctx.loader(organisationById).load(p.organisationId);
  }
}
