import { Allocation, AllocationPart } from '../allocations/allocation.entity';
import { ApiKey } from '../auth/api-key.entity';
import { BoardMember } from '../board/board.entity';
import { BoardDecision, BoardMeeting, DecisionGrant, MeetingAttendance } from '../decisions/decision.entity';
import { EquityBand } from '../finance/equity-band.entity';
import { FinancialLine } from '../finance/financial-line.entity';
import { Forbund } from '../forbund/forbund.entity';
import { Goal } from '../goals/goal.entity';
import { ChangeType, ImportBatch } from '../imports/history.types';
import { Insats, InsatsFigure } from '../insatser/insats.entity';
import { Measure } from '../measures/measure.entity';
import { Observation } from '../measures/observation.entity';
import { Membership } from '../members/membership.entity';
import { Organisation } from '../members/organisation.entity';
import { SourceDocument } from '../sources/source-document.entity';

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
