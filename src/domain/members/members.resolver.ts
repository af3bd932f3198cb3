import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { Membership } from './membership.entity';
import { countyName } from '../counties/counties.loaders';
import { allOrganisations, membershipsByForbund, organisationById } from './members.loaders';
import { Organisation, OrganisationKind } from './organisation.entity';
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
  @Query(() => [Organisation], {
    complexity: rows(320),
    description:
      'The organisations that can be members of a förbund (medlemsorganisationer): Sweden\'s 290 municipalities and 21 regions with SCB\'s codes, Försäkringskassan and Arbetsförmedlingen; optionally of one kind and one county. REGION includes Gotland, a municipality with a region\'s tasks.',
  })
  async organisations(
    @Arg('kind', () => OrganisationKind, { nullable: true, description: 'Only this kind (typ av medlem).' }) kind: OrganisationKind | undefined,
    @Arg('countyCode', () => String, { nullable: true, description: 'Only those of this county, by SCB\'s code (länskod), e.g. "03".' }) countyCode: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Organisation[]> {
    const all = await allOrganisations(ctx);
    const ofKind = (o: Organisation) => kind === undefined || o.kind === kind || (kind === OrganisationKind.REGION && o.regionalTasks);
    return all.filter((o) => ofKind(o) && (countyCode === undefined || countyCode === null || o.countyCode === countyCode));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of its county (län), e.g. "Uppsala län".' })
  county(@Root() o: Organisation, @Ctx() ctx: RequestContext): Promise<string | null> {
    return countyName(ctx, o.countyCode);
  }
}
