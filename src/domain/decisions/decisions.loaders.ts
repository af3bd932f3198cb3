import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { byKeyLoader, groupedLoader } from '../../platform/common/loaders';
import { inForce } from '../../platform/common/validity';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from './decision.entity';

export const meetingsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, BoardMeeting>(
    (ids) => db.find(BoardMeeting, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { date: 'ASC' } }),
    (m) => m.forbundId,
  );
export const meetingById = (db: EntityManager) => byKeyLoader<number, BoardMeeting>((ids) => db.find(BoardMeeting, { where: { id: In(ids) } }), (m) => m.id);
export const attendanceByMeeting = (db: EntityManager) =>
  groupedLoader<null, MeetingAttendance>((ids) => db.find(MeetingAttendance, { where: { meetingId: In(ids) }, order: { position: 'ASC' } }), (a) => a.meetingId);
export const decisionsByMeeting = (db: EntityManager) =>
  groupedLoader<null, BoardDecision>((ids) => db.find(BoardDecision, { where: { meetingId: In(ids) }, order: { position: 'ASC' } }), (d) => d.meetingId);
export const grantsByDecision = (db: EntityManager) =>
  groupedLoader<null, DecisionGrant>((ids) => db.find(DecisionGrant, { where: { decisionId: In(ids) }, order: { position: 'ASC' } }), (g) => g.decisionId);
