/**
 * A förbund's registration (registrering i registret): its identity, members and dated facts with the source that
 * states them. The registerForbund mutation and `npm run register` take it in this shape and turn it into an
 * import report (one pipeline: the same checks, the same writing, history and dry run).
 */
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { slugFromName } from '../../domain/forbund/slug';
import { COUNTY_CODE, DOCUMENT_KINDS, IsYear, ORGANISATION_NUMBER, PARTIAL_DATE, SLUG } from './document';
import { REPORT_FORMAT } from './report';

@InputType({ description: 'A member of a förbund being registered (medlem): a municipality by its SCB code, or any organisation by its key.' })
export class RegisterMemberInput {
  @Field(() => String, { nullable: true, description: 'SCB kommunkod, e.g. "0380" (the organisation kommun-0380).' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityCode is SCB\'s four-digit kommunkod, e.g. "0380"' })
  municipalityCode?: string;

  @Field(() => String, { nullable: true, description: 'Organisation key instead: "region-03", "forsakringskassan", "arbetsformedlingen".' })
  @IsOptional()
  @IsString()
  organisation?: string;

  @Field(() => Int, { nullable: true, description: 'First year of membership the source supports (från år).' })
  @IsOptional()
  @IsYear()
  fromYear?: number;

  @Field(() => Int, { nullable: true, description: 'Last year of membership the source supports (till år).' })
  @IsOptional()
  @IsYear()
  toYear?: number;

  @Field(() => String, { nullable: true, description: 'The source\'s own words, or anything a reviewer should know.' })
  @IsOptional()
  @IsString()
  note?: string;
}

@InputType({ description: 'The source that states a registration\'s facts (källa): a web page, an annual report, a decision.' })
export class RegistrationSourceInput {
  @Field(() => String, { nullable: true, description: 'Address of the page or document (webbadress); give it or file.' })
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'url is a web address beginning with https:// or http://' })
  url?: string;

  @Field(() => String, { nullable: true, description: 'File name of the document in the shared sources, e.g. "004_4172037db1ccd045.txt"; give it or url.' })
  @IsOptional()
  @IsString()
  file?: string;

  @Field({ description: 'Its title (titel).' })
  @MinLength(3)
  title: string;

  @Field({ description: 'Who published it (utgivare).' })
  @MinLength(2)
  publisher: string;

  @Field({ defaultValue: 'WEB_PAGE', description: `Kind of document: ${DOCUMENT_KINDS.join(', ')}.` })
  @IsIn(DOCUMENT_KINDS)
  kind: string;

  @Field({ description: 'Where on it the facts stand (avsnitt, sida), e.g. "Om förbundet".' })
  @MinLength(2)
  locator: string;

  @Field(() => String, { nullable: true, description: 'Its date, YYYY-MM-DD (datum).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'documentDate is a date YYYY-MM-DD, e.g. "2025-03-20"' })
  documentDate?: string;
}

@InputType({ description: 'A förbund to register (registrera ett samordningsförbund), with the source of what is stated.' })
export class RegisterForbundInput {
  @Field({ description: 'Its name as it writes it, e.g. "Samordningsförbundet Östra Södertörn".' })
  @MinLength(3)
  name: string;

  @Field(() => String, { nullable: true, description: 'Slug; derived from the name when not given ("ostra-sodertorn"), and kept once made.' })
  @IsOptional()
  @Matches(SLUG)
  slug?: string;

  @Field({ description: 'SCB länskod of its county, e.g. "01" (see the counties query).' })
  @Matches(COUNTY_CODE, { message: 'countyCode is SCB\'s two-digit länskod, e.g. "03" (see the counties query)' })
  countyCode: string;

  @Field(() => String, { nullable: true, description: 'Organisationsnummer, NNNNNN-NNNN; its check digit is verified.' })
  @IsOptional()
  @Matches(ORGANISATION_NUMBER, { message: 'organisationNumber is NNNNNN-NNNN, e.g. "222000-2576"' })
  organisationNumber?: string;

  @Field(() => String, { nullable: true, description: 'Website (webbplats).' })
  @IsOptional()
  @IsString()
  website?: string;

  @Field(() => [String], { defaultValue: [], description: 'Other names it is known by (andra namn).' })
  @IsArray()
  @IsString({ each: true })
  otherNames: string[];

  @Field(() => String, { nullable: true, description: 'When it was formed (bildades): "2007-02-01", "2005-05" or "2018", as precisely as the source says.' })
  @IsOptional()
  @Matches(PARTIAL_DATE, { message: 'founded is a year, a month or a day: "2018", "2005-05" or "2007-02-01"' })
  founded?: string;

  @Field(() => String, { nullable: true, description: 'When it was dissolved (upplöstes), as precisely as the source says.' })
  @IsOptional()
  @Matches(PARTIAL_DATE, { message: 'dissolved is a year, a month or a day: "2018", "2005-05" or "2007-02-01"' })
  dissolved?: string;

  @Field(() => String, { nullable: true, description: 'The slug of the förbund it merged into (slogs samman med); dissolved then dates the merger.' })
  @IsOptional()
  @Matches(SLUG)
  mergedInto?: string;

  @Field({ defaultValue: false, description: 'A county-wide förbund (länsförbund).' })
  @IsBoolean()
  countyWide: boolean;

  @Field(() => [RegisterMemberInput], { defaultValue: [], description: 'Its members with the period the source supports; none when the source names none.' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RegisterMemberInput)
  members: RegisterMemberInput[];

  @Field(() => RegistrationSourceInput, { description: 'The source of these facts.' })
  @ValidateNested()
  @Type(() => RegistrationSourceInput)
  source: RegistrationSourceInput;
}

/** The slug a registration gets: the one given, else one made from the name. */
export const registrationSlug = (input: RegisterForbundInput): string => input.slug ?? slugFromName(input.name);

/** The registration as an import report of its source document. */
export function registrationReport(input: RegisterForbundInput, year: number): Record<string, unknown> {
  const slug = registrationSlug(input);
  const dated = input.mergedInto ? 'MERGED_INTO' : 'DISSOLVED';
  return {
    format: REPORT_FORMAT,
    formatVersion: 1,
    forbund: { slug, name: input.name, countyCode: input.countyCode, otherNames: input.otherNames, organisationNumber: input.organisationNumber, website: input.website },
    year,
    document: {
      id: `${slug}-registration`,
      url: input.source.url,
      file: input.source.file,
      title: input.source.title,
      kind: input.source.kind,
      status: 'FINAL',
      publisher: input.source.publisher,
      // The years the source speaks of, as the members' periods give them.
      yearsCovered: [...new Set(input.members.flatMap((m) => [m.fromYear, m.toYear]).filter((y): y is number => y !== undefined))].sort(),
      documentDate: input.source.documentDate,
      defaultLocator: input.source.locator,
    },
    memberships: input.members.map((m) => ({
      organisation: m.organisation ?? (m.municipalityCode === undefined ? undefined : `kommun-${m.municipalityCode}`),
      fromYear: m.fromYear,
      toYear: m.toYear,
      note: m.note,
    })),
    forbundFacts: [
      ...(input.founded ? [{ fact: 'FOUNDED', date: input.founded }] : []),
      ...(input.dissolved || input.mergedInto ? [{ fact: dated, date: input.dissolved, into: input.mergedInto }] : []),
      ...(input.countyWide ? [{ fact: 'COUNTY_WIDE' }] : []),
    ],
  };
}

/** Where a report path of a registration stands in its input: memberships.2.fromYear → input.members.2.fromYear. */
export function inputPath(path: string): string {
  return path
    .replace(/^memberships\.(\d+)\.organisation/, 'input.members.$1')
    .replace(/^memberships\./, 'input.members.')
    .replace(/^forbund\./, 'input.')
    .replace(/^forbundFacts(\.\d+)?\.date$/, 'input.founded')
    .replace(/^forbundFacts(\.\d+)?\.into$/, 'input.mergedInto')
    .replace(/^forbundFacts.*/, 'input')
    .replace(/^document\./, 'input.source.');
}
