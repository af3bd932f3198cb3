import { GraphQLSchema } from 'graphql';
import { validateOrReject, ValidationError } from 'class-validator';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
import { AllocationPartResolver, AllocationResolver, ForbundAllocationResolver } from '../../domain/allocations/allocations.resolver';
import {
  BenchmarkEntryResolver,
  ForbundBenchmarkResolver,
  NationalComparisonResolver,
  NotComparableResolver,
} from '../../compare/national/national.resolver';
import { ObservationConnectionResolver } from '../../export/observations.resolver';
import { FinancialBenchmarkResolver, ForbundFinancialBenchmarkResolver } from '../../compare/financial/financial.resolver';
import { BoardMemberResolver, ForbundBoardResolver } from '../../domain/board/board.resolver';
import { BoardDecisionResolver, BoardMeetingResolver, ForbundMeetingsResolver } from '../../domain/decisions/decisions.resolver';
import { ForbundFinanceResolver } from '../../domain/finance/finance.resolver';
import { ForbundResolver } from '../../domain/forbund/forbund.resolver';
import { ForbundGoalsResolver } from '../../domain/goals/goals.resolver';
import { ImportBatchResolver, ProvenanceBatchResolver } from '../../ingest/history.resolver';
import { ImportResolver } from '../../ingest/import.resolver';
import { ForbundInsatserResolver, InsatsResolver } from '../../domain/insatser/insatser.resolver';
import {
  ForbundObservationsResolver,
  MeasureResolver,
  NationalReferenceResolver,
  ObservationResolver,
  ShareResolver,
} from '../../domain/measures/measures.resolver';
import { AvailabilityResolver } from '../../domain/measures/availability.resolver';
import { ForbundMembersResolver, MembershipResolver, OrganisationResolver } from '../../domain/members/members.resolver';
import { ForbundOutcomeResolver } from '../../domain/outcomes/outcomes.resolver';
import { ForbundSourcesResolver, ProvenanceResolver, SourceDocumentResolver } from '../../domain/sources/sources.resolver';

export const resolvers = [
  ForbundResolver,
  ForbundMembersResolver,
  MembershipResolver,
  OrganisationResolver,
  ForbundAllocationResolver,
  AllocationResolver,
  AllocationPartResolver,
  MeasureResolver,
  AvailabilityResolver,
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

const VALIDATION = { skipMissingProperties: true, forbidUnknownValues: false };

/** Argument values already found valid, per arguments class: a dashboard passes the same year to every förbund's fields. */
const valid = new WeakMap<object, Set<string>>();
const VALID_KEPT = 1000;
/** Longer values (hostile strings, long lists) are validated every time rather than kept. */
const VALID_KEY_CHARS = 200;

async function validateOne(value: object): Promise<void> {
  const seen = valid.get(value.constructor) ?? new Set<string>();
  const key = JSON.stringify(value);
  if (seen.has(key)) return;
  await validateOrReject(value, VALIDATION);
  if (key.length > VALID_KEY_CHARS) return;
  if (seen.size >= VALID_KEPT) seen.clear();
  valid.set(value.constructor, seen.add(key));
}

/**
 * class-validator's rules on arguments, as type-graphql's `validate: true` applies them, without its module
 * lookup per argument, and once per distinct value. Failures become BAD_USER_INPUT (format-error.ts).
 */
async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  try {
    await Promise.all((Array.isArray(value) ? value : [value]).filter((v) => v !== null && typeof v === 'object').map(validateOne));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}

/** The GraphQL schema, built from the resolver classes. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: resolvers as unknown as [Function, ...Function[]], validateFn: validateArguments });
}
