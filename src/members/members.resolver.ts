import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../common/args';
import { RequestContext } from '../common/context';
import { Forbund } from '../forbund/forbund.entity';
import { Membership } from './membership.entity';
import { membershipsByForbund, organisationById } from './members.loaders';
import { Organisation } from './organisation.entity';
import { rows } from '../graphql/cost';

/** Several documents list the same member; one membership per organisation, the one with most known period. */
export function distinctMemberships(rows: Membership[]): Membership[] {
  const known = (m: Membership) => (m.fromYear === null ? 0 : 1) + (m.toYear === null ? 0 : 1);
  const best = new Map<number, Membership>();
  for (const m of rows) {
    const current = best.get(m.organisationId);
    if (!current || known(m) > known(current)) best.set(m.organisationId, m);
  }
  return [...best.values()];
}

@Resolver(() => Forbund)
export class ForbundMembersResolver {
  @FieldResolver(() => [Membership], { complexity: rows(40), description: 'Member organisations (medlemmar) and their memberships, optionally those covering a year.' })
  async members(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    const rows = await ctx.loader(membershipsByForbund).load({ id: forbund.id, filter: null });
    return distinctMemberships(rows.filter((m) => year === undefined || m.coversYear(year)));
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
