import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { Membership } from './membership.entity';
import { membershipsByForbund, organisationById } from './members.loaders';
import { Organisation } from './organisation.entity';
import { rows } from '../../platform/graphql/cost';

@Resolver(() => Forbund)
export class ForbundMembersResolver {
  @FieldResolver(() => [Membership], { complexity: rows(40), description: 'Member organisations (medlemmar) and their memberships, optionally those covering a year.' })
  members(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    return ctx.loader(membershipsByForbund).load({ id: forbund.id, filter: { year: year ?? null } });
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organisation, { description: 'The member organisation (medlemsorganisation).' })
  async organisation(@Root() m: Membership, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return (await ctx.loader(organisationById).load(m.organisationId))!;
  }
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => [Organisation], { complexity: rows(400), description: 'Every member organisation (medlemsorganisation) in the database.' })
  organisations(@Ctx() ctx: RequestContext): Promise<Organisation[]> {
    return ctx.db.find(Organisation, { order: { kind: 'ASC', name: 'ASC' } });
  }
}
