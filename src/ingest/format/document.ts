/**
 * The seed file format (format version 1): one JSON file per source document, plus reference files
 * (organisations, förbund, measures, external sources). Every figure names where it stands in its document.
 * Validated with class-validator before anything is written: a bad file stops the load with file, path
 * and reason, and nothing is loaded.
 */
import { Type } from 'class-transformer';
import {
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from '../../platform/common/args';

/** Exact decimal of persons or percent, as a string: "164", "4.8". Never a JS float. Bounded so the database never overflows. */
export const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;
/** Exact amount in kronor, as a string: "8635000", "-2884369.50"; fits numeric(16,2), öre at most. */
export const MONEY = /^-?\d{1,14}(\.\d{1,2})?$/;
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Organisationsnummer as printed: six digits, a hyphen, four digits. */
export const ORGANISATION_NUMBER = /^\d{6}-\d{4}$/;
/** SCB's two-digit county code (länskod). */
export const COUNTY_CODE = /^\d{2}$/;
const KEY = /^[a-z0-9]+([-_.][a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Largest print position (order) a row may give. */
export const MAX_POSITION = 1_000_000;

/** A real day of the Gregorian calendar that PostgreSQL's date type holds: not 2024-02-31, not year 0. */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return y >= 1 && days !== undefined && d >= 1 && d <= days;
}

@ValidatorConstraint({ name: 'isCalendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate = isCalendarDate;
  defaultMessage = (args: ValidationArguments) => `${args.property} must be a real date as YYYY-MM-DD, e.g. 2017-12-31`;
}

/** Several decorators as one, applied last to first as if stacked (the JSON Schema generator minds the order). */
const all =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    [...decorators].reverse().forEach((d) => d(target, key));

/** A year a figure may be about: the API's year arguments have the same bounds. */
export const IsYear = () => all(IsInt(), Min(MIN_YEAR), Max(MAX_YEAR));
/** An ISO date (the pattern is what the JSON Schema shows) that is also a real day. */
const IsDate = () => all(Matches(ISO_DATE), Validate(CalendarDate));

export const ORGANISATION_KINDS = ['MUNICIPALITY', 'REGION', 'FORSAKRINGSKASSAN', 'ARBETSFORMEDLINGEN'] as const;
export const DOCUMENT_KINDS = [
  'ANNUAL_REPORT',
  'SUPERVISION_REPORT',
  'BOARD_PROTOCOL',
  'BUDGET_PLAN',
  'NATIONAL_STATISTICS',
  'REFERENCE_DATA',
  'AUDIT_REPORT',
  'WEB_PAGE',
  'MEMBER_DOCUMENT',
] as const;
export const FORBUND_FACTS = ['FOUNDED', 'DISSOLVED', 'MERGED_INTO', 'COUNTY_WIDE'] as const;
/** A date as precisely as a source gives it: a day, a month or a year. */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const DOCUMENT_STATUSES = ['PRELIMINARY', 'FINAL'] as const;
export const AMOUNT_KINDS = ['ACTUAL', 'BUDGET'] as const;
export const STATED_UNITS = ['KR', 'TKR', 'MKR'] as const;
export const ALLOCATION_PARTIES = ['STATE', 'REGION', 'MUNICIPALITIES', 'MUNICIPALITY'] as const;
export const GENDERS = ['ALL', 'WOMEN', 'MEN'] as const;
/** How a figure is stated when not exactly: "ca 2 000" (APPROXIMATE), "drygt 200", "över 50" (AT_LEAST). */
export const QUALIFIERS = ['APPROXIMATE', 'AT_LEAST'] as const;
export const MEASURE_UNITS = ['PERSONS', 'COUNT', 'SHARE', 'FTE', 'TEXT', 'PERCENT'] as const;
export const MEASURE_CATEGORIES = ['PARTICIPANTS', 'OUTCOME', 'PROFILE', 'ACTIVITY', 'ORGANISATION', 'FINANCE'] as const;
export const GOAL_STATUSES = ['MET', 'PARTLY_MET', 'NOT_MET', 'NOT_STATED'] as const;
export const STATUS_BASES = ['STATED', 'INFERRED_FROM_RESULT', 'NONE'] as const;
export const STATEMENTS = ['INCOME_STATEMENT', 'BALANCE_SHEET', 'CASH_FLOW', 'NOTES', 'OPERATING_OVERVIEW', 'BUDGET'] as const;
export const INSATS_KINDS = ['INDIVIDUAL', 'STRUCTURAL', 'UNKNOWN'] as const;
export const BOARD_ROLES = ['MEMBER', 'DEPUTY'] as const;

/** Where in its document a figure stands, and anything a reviewer should know. */
abstract class Located {
  /** Section, table or page in the source document, e.g. "Not 2 Rörelseintäkter" or "p. 10, Mål 2017". */
  @IsString() @MinLength(2) locator: string;
  /** Ambiguities, reconstructions of tables that lost their columns, discrepancies. */
  @IsOptional() @IsString() note?: string;
}

export class DocumentInfo {
  /** Stable id, e.g. "jamtland-ar-2017". */
  @Matches(SLUG) id: string;
  /** File name in shared/sources, or null for an external source known by its URL. */
  @IsOptional() @IsString() file?: string;
  @IsOptional() @IsString() url?: string;
  @IsString() @MinLength(3) title: string;
  @IsIn(DOCUMENT_KINDS) kind: string;
  @IsIn(DOCUMENT_STATUSES) status: string;
  @IsString() publisher: string;
  /** The förbund the document is about (slug), absent for national sources. */
  @IsOptional() @Matches(SLUG) forbund?: string;
  @IsArray() @IsInt({ each: true }) @Min(MIN_YEAR, { each: true }) @Max(MAX_YEAR, { each: true }) yearsCovered: number[];
  @IsOptional() @IsDate() documentDate?: string;
  @IsOptional() @IsString() note?: string;
}

export class OrganisationRow {
  /** Derived from SCB's codes: "kommun-0380" (kommunkod), "region-03" (länskod); "forsakringskassan", "arbetsformedlingen". */
  @Matches(KEY) key: string;
  @IsString() @MinLength(2) name: string;
  @IsIn(ORGANISATION_KINDS) kind: string;
  /** SCB's 4-digit municipality code, for kind MUNICIPALITY. */
  @IsOptional() @Matches(/^\d{4}$/) municipalityCode?: string;
  /** SCB's two-digit county code (länskod), e.g. "03". */
  @IsOptional() @Matches(COUNTY_CODE) countyCode?: string;
  /** A municipality with a region's tasks (Gotland). */
  @IsOptional() @IsBoolean() regionalTasks?: boolean;
  @IsOptional() @IsString() note?: string;
}

export class ForbundRow {
  @Matches(SLUG) slug: string;
  @IsString() name: string;
  @IsArray() @IsString({ each: true }) otherNames: string[];
  @IsOptional() @Matches(COUNTY_CODE) countyCode?: string;
  @IsOptional() @Matches(ORGANISATION_NUMBER) organisationNumber?: string;
  @IsOptional() @IsString() website?: string;
  /** Which documents state these facts. */
  @IsString() provenance: string;
  @IsOptional() @IsString() note?: string;
}

export const POLARITIES = ['HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT'] as const;
export const COMPARISON_METHODS = ['CI_OVERLAPPING_REFERENCE', 'NONE'] as const;

export class SmallNumberRuleRow {
  /** Denominators under this are small numbers. */
  @IsInt() @Min(1) @Max(1_000_000) minDenominator: number;
  /** Why this threshold. */
  @IsString() @MinLength(10) reason: string;
}

/** How a share is compared with rikssnitt: data on the measure, each choice with its reason. */
export class ComparisonRulesRow {
  /** Which direction is good. */
  @IsIn(POLARITIES) polarity: string;
  @IsString() @MinLength(10) polarityReason: string;
  @IsIn(COMPARISON_METHODS) method: string;
  /** Why the measure is compared this way, or not at all. */
  @IsString() @MinLength(10) reason: string;
  @IsOptional() @ValidateNested() @Type(() => SmallNumberRuleRow) smallNumbers?: SmallNumberRuleRow;
}

export class MeasureRow {
  /** snake_case code, e.g. "to_work_or_studies". */
  @Matches(/^[a-z][a-z0-9_]*$/) code: string;
  /** English name. */
  @IsString() name: string;
  /** Swedish term as practitioners say it. */
  @IsString() nameSv: string;
  /** The definition in the source's own words (Swedish), with where it comes from. */
  @IsString() @MinLength(10) definition: string;
  @IsIn(MEASURE_UNITS) unit: string;
  @IsIn(MEASURE_CATEGORIES) category: string;
  /** For SHARE measures: what the denominator counts, e.g. "participants_ended". */
  @IsOptional() @IsString() denominatorMeasure?: string;
  @IsOptional() @IsString() note?: string;
  /** Words reports and SUS use for the measure (sökord), lower case; no word may name two measures. */
  @IsOptional() @IsArray() @IsString({ each: true }) terms?: string[];
  /** Required for SHARE measures (every share can be compared nationally); others are never compared. */
  @ValidateIf((m: MeasureRow) => m.unit === 'SHARE' || m.comparison !== undefined)
  @IsDefined({ message: 'comparison is required for SHARE measures: polarity, method and their reasons' })
  @ValidateNested()
  @Type(() => ComparisonRulesRow)
  comparison?: ComparisonRulesRow;
}

export class MembershipRow extends Located {
  @Matches(SLUG) forbund: string;
  @Matches(KEY) organisation: string;
  @IsOptional() @IsYear() fromYear?: number;
  @IsOptional() @IsYear() toYear?: number;
}

/** A dated fact about a förbund's life, as its source states it. */
export class ForbundFactRow extends Located {
  @Matches(SLUG) forbund: string;
  /** FOUNDED (bildades), DISSOLVED (upplöstes), MERGED_INTO (slogs samman med: give into), COUNTY_WIDE (länsförbund). */
  @IsIn(FORBUND_FACTS) fact: string;
  /** As precisely as the source says: "2007-02-01", "2005-05" or "2018"; absent when it gives no date. */
  @IsOptional() @Matches(PARTIAL_DATE) date?: string;
  /** MERGED_INTO only: the successor's slug. */
  @ValidateIf((f: ForbundFactRow) => f.fact === 'MERGED_INTO' || f.into !== undefined)
  @IsDefined({ message: 'into is required for MERGED_INTO, and only for it: the slug of the förbund merged into' })
  @Matches(SLUG)
  into?: string;
}

export class AllocationPartRow {
  @IsIn(ALLOCATION_PARTIES) party: string;
  /** Organisation key when the part is one organisation (a municipality, the region, FK). */
  @IsOptional() @Matches(KEY) organisation?: string;
  /** The line's label in the source, e.g. "Bidrag kommuner" or "Försäkringskassan/Arbetsförmedlingen". */
  @IsString() label: string;
  @Matches(MONEY) amountSek: string;
  @IsIn(STATED_UNITS) statedUnit: string;
}

export class AllocationRow extends Located {
  @Matches(SLUG) forbund: string;
  @IsYear() year: number;
  @IsIn(AMOUNT_KINDS) kind: string;
  @IsOptional() @Matches(MONEY) totalSek?: string;
  @IsOptional() @IsIn(STATED_UNITS) statedUnit?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => AllocationPartRow) parts: AllocationPartRow[];
}

export class ObservationRow extends Located {
  /** Absent for a national figure (rikssnitt). */
  @IsOptional() @Matches(SLUG) forbund?: string;
  @IsString() measure: string;
  @IsYear() year: number;
  @IsIn(GENDERS) gender: string;
  /** PERSONS/FTE/PERCENT measures: the figure. */
  @IsOptional() @Matches(DECIMAL) value?: string;
  /** SHARE measures: counts when the source gives them. */
  @IsOptional() @Matches(DECIMAL) numerator?: string;
  @IsOptional() @Matches(DECIMAL) denominator?: string;
  /** SHARE measures: the percentage exactly as the source states it (e.g. "19" for 19 %). */
  @IsOptional() @Matches(DECIMAL) statedPercent?: string;
  /** TEXT measures, e.g. "19–27 år". */
  @IsOptional() @IsString() valueText?: string;
  /** Absent for an exact figure; APPROXIMATE for "ca", AT_LEAST for "drygt", "över", "minst". */
  @IsOptional() @IsIn(QUALIFIERS) qualifier?: string;
}

export class GoalRow extends Located {
  @Matches(SLUG) forbund: string;
  @IsYear() year: number;
  /** Area or overall goal the result goal sits under, e.g. "Skapa samverkan". */
  @IsOptional() @IsString() area?: string;
  @IsString() @MinLength(3) text: string;
  /** The measurable target when stated separately from the text. */
  @IsOptional() @IsString() target?: string;
  @IsOptional() @IsString() result?: string;
  @IsIn(GOAL_STATUSES) status: string;
  /** STATED: the document says it; INFERRED_FROM_RESULT: derived from the result text (note says how). */
  @IsIn(STATUS_BASES) statusBasis: string;
}

export class FinancialLineRow extends Located {
  @Matches(SLUG) forbund: string;
  @IsYear() year: number;
  @IsIn(STATEMENTS) statement: string;
  /** Heading the line sits under, e.g. "Verksamhetens kostnader". */
  @IsOptional() @IsString() section?: string;
  /** The line's label in the source. */
  @IsString() label: string;
  /** Standard key for lines benchmarks need: member_contributions, total_income, operating_result,
   *  result, equity, total_assets, remaining_commitments, insats_costs, staff_costs, cash_end. */
  @IsOptional() @Matches(/^[a-z_]+$/) key?: string;
  @Matches(MONEY) amountSek: string;
  @IsIn(STATED_UNITS) statedUnit: string;
  @IsIn(AMOUNT_KINDS) kind: string;
  /** Position of the line within its statement, for printing in source order. */
  @IsInt() @Min(0) @Max(MAX_POSITION) order: number;
}

export class InsatsFigureRow extends Located {
  @IsYear() year: number;
  @IsOptional() @Matches(MONEY) costSek?: string;
  @IsOptional() @Matches(MONEY) budgetSek?: string;
  /** Granted (beviljat) amount for the year. */
  @IsOptional() @Matches(MONEY) grantedSek?: string;
  /** Short-term liability to the insats at year end (skuld insatser). */
  @IsOptional() @Matches(MONEY) liabilitySek?: string;
  /** Remaining amount of decided financing (återstående belopp för beslutad finansiering). */
  @IsOptional() @Matches(MONEY) remainingCommitmentSek?: string;
  /** Budget utilisation to date as the source states it (förbrukningskvot), in percent. */
  @IsOptional() @Matches(DECIMAL) utilisationPercent?: string;
  @IsIn(STATED_UNITS) statedUnit: string;
}

export class InsatsRow extends Located {
  @Matches(SLUG) forbund: string;
  /** Stable key within the förbund, e.g. "gesam". The same key in two files is the same insats. */
  @Matches(KEY) key: string;
  @IsString() name: string;
  /** Parties (samverkansparter) as the source names them. */
  @IsArray() @IsString({ each: true }) parties: string[];
  @IsOptional() @IsString() targetGroup?: string;
  @IsOptional() @IsString() goals?: string;
  @IsOptional() @IsString() result?: string;
  @IsOptional() @IsDate() periodStart?: string;
  @IsOptional() @IsDate() periodEnd?: string;
  @IsIn(INSATS_KINDS) kind: string;
  /** Grouping in the source, e.g. "Långsiktig samverkan", "Projektverksamhet". */
  @IsOptional() @IsString() category?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => InsatsFigureRow) figures: InsatsFigureRow[];
}

export class BoardMemberRow extends Located {
  @Matches(SLUG) forbund: string;
  /** The year (or meeting date's year) the composition is stated for. */
  @IsYear() year: number;
  @Matches(KEY) organisation: string;
  @IsIn(BOARD_ROLES) role: string;
  @IsString() name: string;
  /** Political party as printed, e.g. "S", absent for agency representatives. */
  @IsOptional() @IsString() party?: string;
}

export class AttendanceRow {
  @IsString() name: string;
  @IsBoolean() present: boolean;
  /** As printed: "Digitalt", "Digitalt 9.35-12", "kl 10-12 Digitalt". */
  @IsOptional() @IsString() attendanceNote?: string;
}

export class GrantRow {
  @Matches(MONEY) amountSek: string;
  @IsIn(STATED_UNITS) statedUnit: string;
  @IsOptional() @IsDate() periodStart?: string;
  @IsOptional() @IsDate() periodEnd?: string;
  /** The period exactly as printed, e.g. "25-01-25 – 25-12-31". */
  @IsString() periodAsStated: string;
  @IsOptional() @IsString() note?: string;
}

export class DecisionRow extends Located {
  /** Paragraph as printed, e.g. "§ 12". */
  @Matches(/^§ ?\d+$/) paragraph: string;
  @IsOptional() @IsString() dnr?: string;
  @IsString() title: string;
  @IsString() decisionText: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => GrantRow) grants: GrantRow[];
}

export class MeetingRow extends Located {
  @Matches(SLUG) forbund: string;
  @IsDate() date: string;
  @IsOptional() @IsString() place?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => AttendanceRow) attendance: AttendanceRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => DecisionRow) decisions: DecisionRow[];
}

/** One file per source document (seeds/documents/*.json). */
export class DocumentFile {
  @Equals(1) formatVersion: number;
  @ValidateNested() @Type(() => DocumentInfo) document: DocumentInfo;
  @IsArray() @ValidateNested({ each: true }) @Type(() => MembershipRow) memberships: MembershipRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => AllocationRow) allocations: AllocationRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ObservationRow) observations: ObservationRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => GoalRow) goals: GoalRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => FinancialLineRow) financialLines: FinancialLineRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => InsatsRow) insatser: InsatsRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => BoardMemberRow) boardMembers: BoardMemberRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeetingRow) meetings: MeetingRow[];
  /** Founded, dissolved, merged, county-wide: optional, as most documents state none. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ForbundFactRow) forbundFacts?: ForbundFactRow[];
}

/** seeds/reference.json: organisations, förbund, measures, and external (non-file) sources. */
export class ReferenceFile {
  @Equals(1) formatVersion: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OrganisationRow) organisations: OrganisationRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ForbundRow) forbund: ForbundRow[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeasureRow) measures: MeasureRow[];
}
