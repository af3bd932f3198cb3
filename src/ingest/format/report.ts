/**
 * The import format, version 1: one förbund's report for one year, as JSON (schemas/report-v1.schema.json),
 * optionally with CSV files for its tabular sections. Rows are those of the seed format
 * (src/ingest/format/document.ts) without the förbund, which the file gives once; a row without a locator
 * takes the document's defaultLocator.
 */
import { Type } from 'class-transformer';
import { Equals, getMetadataStorage, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { BoardMemberRow, COUNTY_CODE, DocumentInfo, FinancialLineRow, GoalRow, IsYear, MembershipRow, ObservationRow, ORGANISATION_NUMBER, OrganisationRow, SLUG } from './document';

export const REPORT_FORMAT = 'finsam-compare/report';

/** Sections whose rows may come from a CSV file: flat rows, no nested lists. */
export const CSV_SECTIONS = ['memberships', 'observations', 'goals', 'financialLines', 'boardMembers'] as const;

/** The row class each CSV section's rows follow. */
export const CSV_ROW_CLASSES: Record<(typeof CSV_SECTIONS)[number], Function> = {
  memberships: MembershipRow,
  observations: ObservationRow,
  goals: GoalRow,
  financialLines: FinancialLineRow,
  boardMembers: BoardMemberRow,
};

/** The columns a CSV file of the section may have: the fields of its row class. */
export function csvColumns(section: (typeof CSV_SECTIONS)[number]): ReadonlySet<string> {
  return new Set(getMetadataStorage().getTargetValidationMetadatas(CSV_ROW_CLASSES[section], '', true, false).map((m) => m.propertyName));
}

/** Sections of a report file, in the seed format's names. */
export const REPORT_SECTIONS = ['memberships', 'forbundFacts', 'allocations', 'observations', 'goals', 'financialLines', 'insatser', 'boardMembers', 'meetings'] as const;

export class ReportForbund {
  @Matches(SLUG) slug: string;
  @IsString() name: string;
  @IsOptional() @IsArray() @IsString({ each: true }) otherNames?: string[];
  @IsOptional() @Matches(COUNTY_CODE) countyCode?: string;
  @IsOptional() @Matches(ORGANISATION_NUMBER) organisationNumber?: string;
  @IsOptional() @IsString() website?: string;
}

export class ReportCsvFiles {
  @IsOptional() @IsString() memberships?: string;
  @IsOptional() @IsString() observations?: string;
  @IsOptional() @IsString() goals?: string;
  @IsOptional() @IsString() financialLines?: string;
  @IsOptional() @IsString() boardMembers?: string;
}

export class ReportDocument extends DocumentInfo {
  /** Locator for rows that give none, e.g. "Årsredovisning 2017". */
  @IsOptional() @IsString() defaultLocator?: string;
}

/** The file's frame; its sections are checked row by row as seed rows once the förbund is filled in. */
export class ReportHeader {
  @IsOptional() @IsString() $schema?: string;
  @Equals(REPORT_FORMAT) format: string;
  @Equals(1) formatVersion: number;
  @ValidateNested() @Type(() => ReportForbund) forbund: ReportForbund;
  /** The report year (verksamhetsår); rows may also carry comparatives of earlier years. */
  @IsYear() year: number;
  @ValidateNested() @Type(() => ReportDocument) document: ReportDocument;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OrganisationRow) organisations?: OrganisationRow[];
  @IsOptional() @ValidateNested() @Type(() => ReportCsvFiles) csv?: ReportCsvFiles;
  @IsOptional() @IsArray() memberships?: unknown[];
  @IsOptional() @IsArray() allocations?: unknown[];
  @IsOptional() @IsArray() observations?: unknown[];
  @IsOptional() @IsArray() goals?: unknown[];
  @IsOptional() @IsArray() financialLines?: unknown[];
  @IsOptional() @IsArray() insatser?: unknown[];
  @IsOptional() @IsArray() boardMembers?: unknown[];
  @IsOptional() @IsArray() meetings?: unknown[];
  /** Founded, dissolved, merged into another förbund, county-wide (länsförbund). */
  @IsOptional() @IsArray() forbundFacts?: unknown[];
}
