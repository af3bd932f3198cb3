import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OptionalYearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { Provenance } from '../sources/provenance';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from './decision.entity';
import { perYear, rows } from '../../platform/graphql/cost';
import { attendanceByMeeting, decisionsByMeeting, grantsByDecision, meetingById, meetingsByForbund } from './decisions.loaders';

@Resolver(() => Forbund)
export class ForbundMeetingsResolver {
  @FieldResolver(() => [BoardMeeting], { complexity: perYear(15, 200), description: 'Board meetings (styrelsesammanträden) with attendance and decisions, optionally in one year.' })
  async meetings(@Root() forbund: Forbund, @Args() { year }: OptionalYearArgs, @Ctx() ctx: RequestContext): Promise<BoardMeeting[]> {
    const meetings = await ctx.loader(meetingsByForbund).load({ id: forbund.id, filter: null });
    return year === undefined ? meetings : meetings.filter((m) => m.date.startsWith(String(year)));
  }
}

@Resolver(() => BoardMeeting)
export class BoardMeetingResolver {
  @FieldResolver(() => [MeetingAttendance], { complexity: rows(30), description: 'Who attended (närvaro), members and deputies, as printed.' })
  attendance(@Root() m: BoardMeeting, @Ctx() ctx: RequestContext): Promise<MeetingAttendance[]> {
    return ctx.loader(attendanceByMeeting).load({ id: m.id, filter: null });
  }

  @FieldResolver(() => [BoardDecision], { complexity: rows(30), description: 'Decisions (beslut) in paragraph order.' })
  decisions(@Root() m: BoardMeeting, @Ctx() ctx: RequestContext): Promise<BoardDecision[]> {
    return ctx.loader(decisionsByMeeting).load({ id: m.id, filter: null });
  }
}

@Resolver(() => BoardDecision)
export class BoardDecisionResolver {
  @FieldResolver(() => [DecisionGrant], { complexity: rows(10), description: 'Amounts granted (beviljade belopp) with their periods.' })
  grants(@Root() d: BoardDecision, @Ctx() ctx: RequestContext): Promise<DecisionGrant[]> {
    return ctx.loader(grantsByDecision).load({ id: d.id, filter: null });
  }

  @FieldResolver(() => String, { description: 'Date of the meeting that took the decision (sammanträdesdatum), ISO 8601.' })
  async meetingDate(@Root() d: BoardDecision, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loader(meetingById).load(d.meetingId))!.date;
  }

  @FieldResolver(() => Provenance, { description: 'Source of the decision: the meeting\'s protocol and the paragraph (källa).' })
  async provenance(@Root() d: BoardDecision, @Ctx() ctx: RequestContext): Promise<Provenance> {
    return d.provenanceIn((await ctx.loader(meetingById).load(d.meetingId))!);
  }
}
