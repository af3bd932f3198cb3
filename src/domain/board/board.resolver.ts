import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { organisationById } from '../members/members.loaders';
import { Organisation } from '../members/organisation.entity';
import { BoardMember } from './board.entity';
import { rows } from '../../platform/graphql/cost';
import { boardByForbund } from './board.loaders';

@Resolver(() => Forbund)
export class ForbundBoardResolver {
  @FieldResolver(() => [BoardMember], {
    complexity: rows(40),
    description: 'Board (förbundsstyrelse): members and deputies per member organisation, for a year; the latest year a source gives when absent.',
  })
  async board(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<BoardMember[]> {
    const seats = await ctx.loader(boardByForbund).load({ id: forbund.id, filter: null });
    const wanted = year ?? Math.max(...seats.map((s) => s.year));
    return seats.filter((s) => s.year === wanted);
  }
}

@Resolver(() => BoardMember)
export class BoardMemberResolver {
  @FieldResolver(() => Organisation, { description: 'The member organisation that appointed the seat (utsedd av).' })
  async appointedBy(@Root() seat: BoardMember, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return (await ctx.loader(organisationById).load(seat.organisationId))!;
  }
}
