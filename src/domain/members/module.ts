import { Module } from '../../platform/http/module';
import { Organisation } from './organisation.entity';
import { Membership } from './membership.entity';
import { ForbundMembersResolver, MembershipResolver, OrganisationResolver } from './members.resolver';
import { membershipsByForbund, organisationById } from './members.loaders';

/** Member organisations (medlemmar) and their memberships of förbund. */
export const membersModule: Module = {
  name: 'members',
  entities: [Organisation, Membership],
  resolvers: [ForbundMembersResolver, MembershipResolver, OrganisationResolver],
  loaders: { membershipsByForbund, organisationById },
};
