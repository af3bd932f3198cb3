import { Module } from '../../platform/http/module';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from './decision.entity';
import { BoardDecisionResolver, BoardMeetingResolver, ForbundMeetingsResolver } from './decisions.resolver';
import { attendanceByMeeting, decisionsByMeeting, grantsByDecision, meetingById, meetingsByForbund } from './decisions.loaders';

/** Board meetings, their attendance, decisions and grants. */
export const decisionsModule: Module = {
  name: 'decisions',
  entities: [BoardMeeting, MeetingAttendance, BoardDecision, DecisionGrant],
  resolvers: [ForbundMeetingsResolver, BoardMeetingResolver, BoardDecisionResolver],
  loaders: { meetingsByForbund, meetingById, attendanceByMeeting, decisionsByMeeting, grantsByDecision },
};
