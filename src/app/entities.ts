import { Allocation, AllocationPart } from '../domain/allocations/allocation.entity';
import { ApiKey } from '../domain/auth/api-key.entity';
import { BoardMember } from '../domain/board/board.entity';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from '../domain/decisions/decision.entity';
import { EquityBand } from '../domain/finance/equity-band.entity';
import { FinancialLine } from '../domain/finance/financial-line.entity';
import { Forbund } from '../domain/forbund/forbund.entity';
import { Goal } from '../domain/goals/goal.entity';
import { ChangeType, ImportBatch } from '../ingest/history.types';
import { Insats, InsatsFigure } from '../domain/insatser/insats.entity';
import { Measure } from '../domain/measures/measure.entity';
import { Observation } from '../domain/measures/observation.entity';
import { Membership } from '../domain/members/membership.entity';
import { Organisation } from '../domain/members/organisation.entity';
import { SourceDocument } from '../domain/sources/source-document.entity';

export const entities = [
  Forbund,
  Organisation,
  Membership,
  SourceDocument,
  Measure,
  Observation,
  Allocation,
  AllocationPart,
  Goal,
  FinancialLine,
  EquityBand,
  Insats,
  InsatsFigure,
  BoardMember,
  BoardMeeting,
  MeetingAttendance,
  BoardDecision,
  DecisionGrant,
  ApiKey,
  ImportBatch,
  ChangeType,
];
