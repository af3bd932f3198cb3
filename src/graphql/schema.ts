import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AllocationPartResolver, AllocationResolver, ForbundAllocationResolver } from '../allocations/allocations.resolver';
import {
  BenchmarkEntryResolver,
  ForbundBenchmarkResolver,
  NationalComparisonResolver,
  NotComparableResolver,
} from '../benchmarks/benchmarks.resolver';
import { ObservationConnectionResolver } from '../exports/observations.resolver';
import { FinancialBenchmarkResolver, ForbundFinancialBenchmarkResolver } from '../benchmarks/financial.resolver';
import { BoardMemberResolver, ForbundBoardResolver } from '../board/board.resolver';
import { BoardDecisionResolver, BoardMeetingResolver, ForbundMeetingsResolver } from '../decisions/decisions.resolver';
import { ForbundFinanceResolver } from '../finance/finance.resolver';
import { ForbundResolver } from '../forbund/forbund.resolver';
import { ForbundGoalsResolver } from '../goals/goals.resolver';
import { ImportBatchResolver, ProvenanceBatchResolver } from '../imports/history.resolver';
import { ImportResolver } from '../imports/import.resolver';
import { ForbundInsatserResolver, InsatsResolver } from '../insatser/insatser.resolver';
import {
  ForbundObservationsResolver,
  MeasureResolver,
  NationalReferenceResolver,
  ObservationResolver,
  ShareResolver,
} from '../measures/measures.resolver';
import { ForbundMembersResolver, MembershipResolver, OrganisationResolver } from '../members/members.resolver';
import { ForbundOutcomeResolver } from '../outcomes/outcomes.resolver';
import { ForbundSourcesResolver, ProvenanceResolver, SourceDocumentResolver } from '../sources/sources.resolver';

export const resolvers = [
  ForbundResolver,
  ForbundMembersResolver,
  MembershipResolver,
  OrganisationResolver,
  ForbundAllocationResolver,
  AllocationResolver,
  AllocationPartResolver,
  MeasureResolver,
  NationalReferenceResolver,
  ObservationResolver,
  ShareResolver,
  ForbundObservationsResolver,
  ForbundOutcomeResolver,
  ForbundGoalsResolver,
  ForbundFinanceResolver,
  ForbundInsatserResolver,
  InsatsResolver,
  ForbundBoardResolver,
  BoardMemberResolver,
  ForbundMeetingsResolver,
  BoardMeetingResolver,
  BoardDecisionResolver,
  SourceDocumentResolver,
  ForbundSourcesResolver,
  ProvenanceResolver,
  NationalComparisonResolver,
  BenchmarkEntryResolver,
  NotComparableResolver,
  ForbundBenchmarkResolver,
  FinancialBenchmarkResolver,
  ForbundFinancialBenchmarkResolver,
  ImportResolver,
  ImportBatchResolver,
  ProvenanceBatchResolver,
  ObservationConnectionResolver,
] as const;

/** The GraphQL schema, built from the resolver classes; `validate` turns class-validator rules on arguments into BAD_USER_INPUT. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: resolvers as unknown as [Function, ...Function[]], validate: { forbidUnknownValues: false } });
}
