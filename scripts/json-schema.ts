/**
 * Writes schemas/report-v1.schema.json, the JSON Schema of the import format, from the class-validator
 * rules the importer itself applies (src/ingest/format/report.ts, src/ingest/format/document.ts); with --check, fails
 * when the committed file differs (CI), so the published schema cannot drift from the code.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
// class-transformer publishes the storage's types under types/ but its code under cjs/.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import ts from 'typescript';
import { canonical } from '../src/ingest/write/apply';
import { REPORT_SECTIONS } from '../src/ingest/format/report';

/** The files whose classes the schema is made of: their doc comments are the fields' descriptions. */
const SOURCES = ['src/ingest/format/document.ts', 'src/ingest/format/report.ts'];
const MEASURES = 'seeds/reference.json';

/** Descriptions of fields that carry no doc comment of their own, by field name (the same meaning in every row). */
const FIELD: Record<string, string> = {
  forbund: 'The förbund (slug). In a report, the file\'s own förbund: rows may leave it out.',
  year: 'The year the figure is about (år, verksamhetsår), 2004–2100.',
  locator: 'Where in the source the figure stands: section, table, note or page (avsnitt, tabell, not, sida). A report row without one takes document.defaultLocator.',
  note: 'Anything a reviewer should know: an ambiguity, a reconstruction, a discrepancy with another source (anteckning).',
  statedUnit: 'The unit the source prints the amount in (KR, TKR = tusen kronor, MKR = miljoner kronor); amountSek is always in kronor.',
  amountSek: 'The amount in kronor as an exact decimal string, e.g. "8635000" or "-2884369.50" (never a float).',
  organisation: 'Organisation key (medlem): "kommun-<SCB kommunkod>" (kommun-0380), "region-<SCB länskod>" (region-03), "forsakringskassan", "arbetsformedlingen". See the organisations query.',
  fromYear: 'First year of the membership the source supports (från år); absent when it does not say.',
  toYear: 'Last year of the membership the source supports (till år); absent while it lasts or when the source does not say.',
  name: 'The name as the source prints it (namn).',
  title: 'The title (titel).',
  kind: 'What kind it is; the valid values are listed.',
  status: 'The status; the valid values are listed.',
  periodStart: 'First day of the period, YYYY-MM-DD.',
  periodEnd: 'Last day of the period, YYYY-MM-DD.',
  gender: 'Whose figure (kön): ALL, WOMEN (kvinnor) or MEN (män).',
  denominator: 'SHARE measures: the denominator as a count (nämnare), e.g. "164" ended participants.',
  result: 'The result as the source states it (resultat).',
  text: 'The goal as the source words it (mål).',
  goals: 'The insats\'s goals as the source words them (mål).',
  targetGroup: 'Who the insats is for (målgrupp).',
  present: 'Whether the member was present (närvarande).',
  role: 'MEMBER (ledamot) or DEPUTY (ersättare).',
  dnr: 'Diary number as printed (diarienummer).',
  decisionText: 'The decision as printed (beslut).',
  date: 'The date, YYYY-MM-DD (datum).',
  place: 'Where the meeting was held (plats).',
  url: 'Web address of the document (webbadress); give it or file.',
  publisher: 'Who published the document (utgivare): the förbund, a member, Försäkringskassan, finsam.se.',
  documentDate: 'Date printed on the document, YYYY-MM-DD (datum).',
  yearsCovered: 'The years the document gives figures for, e.g. [2016, 2017] for an annual report with comparatives.',
  slug: 'The förbund\'s slug: lower-case letters, digits and hyphens, e.g. "uppsala". A new förbund\'s is derived from its name ("Samordningsförbundet Östra Södertörn" → "ostra-sodertorn") and kept once made.',
  countyCode: 'SCB länskod, two digits, e.g. "03" (Uppsala län). See the counties query.',
  organisationNumber: 'Organisationsnummer, NNNNNN-NNNN; its check digit is verified.',
  website: 'Website (webbplats).',
  otherNames: 'Other names the förbund is known by (andra namn).',
  totalSek: 'The allocation\'s total in kronor as printed (tilldelning totalt), an exact decimal string.',
  parts: 'The allocation per party (fördelning per medlem): the state, the region and each municipality, as the source lists them.',
  party: 'STATE (Försäkringskassan and Arbetsförmedlingen, half), REGION (a quarter), MUNICIPALITIES (the municipalities\' quarter together) or MUNICIPALITY (one of them; give organisation).',
  costSek: 'The insats\'s cost in the year in kronor (kostnad).',
  budgetSek: 'The insats\'s budget for the year in kronor (budget).',
  statement: 'Which statement the line is in: INCOME_STATEMENT (resultaträkning), BALANCE_SHEET (balansräkning), CASH_FLOW (kassaflödesanalys), NOTES (noter), OPERATING_OVERVIEW, BUDGET.',
  attendance: 'Who attended (närvaro).',
  decisions: 'The decisions of the meeting, by paragraph (beslut).',
  grants: 'Money granted by the decision (beviljade medel).',
  figures: 'The insats\'s figures per year.',
  format: 'Always "finsam-compare/report".',
  formatVersion: 'The format version: 1.',
  $schema: 'This schema\'s address, for editors that validate as you type.',
  document: 'The source document the report\'s figures come from (källdokument).',
  organisations: 'Organisations the report names that the registry lacks (only an ADMIN may add them); every municipality and region is already there.',
  csv: 'CSV files holding a section\'s rows instead of the JSON (the file names as sent with the report).',
  memberships: 'The förbund\'s members (medlemmar) with the period the source supports.',
  forbundFacts: 'Dated facts about the förbund: founded, dissolved, merged into another, county-wide.',
  allocations: 'The year\'s allocation (tilldelning), total and per member.',
  observations: 'Figures of the measures (SUS participants and outcomes, profile, finance): one row per measure, year and gender.',
  financialLines: 'Lines of the financial statements (resultaträkning, balansräkning, kassaflöde, noter).',
  insatser: 'The insatser the förbund financed, with their figures.',
  boardMembers: 'The board (styrelse): members and deputies.',
  meetings: 'Board meetings (styrelsemöten) with attendance and decisions.',
};
/** Where the same name means something else in one class. */
const CLASS_FIELD: Record<string, string> = {
  'AllocationRow.kind': 'ACTUAL (utfall) or BUDGET.',
  'FinancialLineRow.kind': 'ACTUAL (utfall) or BUDGET.',
  'InsatsRow.kind': 'INDIVIDUAL (individinriktad), STRUCTURAL (strukturövergripande) or UNKNOWN.',
  'DocumentInfo.kind': 'Kind of document: ANNUAL_REPORT (årsredovisning), SUPERVISION_REPORT (rapport uppsiktsplikt), BOARD_PROTOCOL (styrelseprotokoll), BUDGET_PLAN (verksamhetsplan och budget), NATIONAL_STATISTICS (nationell statistik), REFERENCE_DATA, AUDIT_REPORT (revisionsberättelse), WEB_PAGE (webbsida), MEMBER_DOCUMENT (a member\'s document about the förbund: tjänsteutlåtande, beslut).',
  'DocumentInfo.status': 'FINAL (slutlig) or PRELIMINARY (preliminär): a final document\'s figure is preferred over a preliminary one\'s.',
  'DocumentInfo.title': 'The document\'s title as printed, or a descriptive one when none is printed (titel).',
  'DocumentInfo.note': 'About the document as a whole: what it covers, how it was transcribed.',
  'GoalRow.status': 'MET (uppfyllt), PARTLY_MET (delvis uppfyllt), NOT_MET (ej uppfyllt) or NOT_STATED.',
  'GrantRow.note': 'About the grant.',
  'MeetingRow.date': 'The meeting\'s date, YYYY-MM-DD.',
  'ObservationRow.measure': 'The measure (mått), by its code; each code\'s Swedish name is listed with it. Also the measures query.',
  'OrganisationRow.kind': 'MUNICIPALITY (kommun), REGION, FORSAKRINGSKASSAN or ARBETSFORMEDLINGEN.',
  'OrganisationRow.name': 'The organisation\'s name.',
  'InsatsRow.name': 'The insats\'s name as printed.',
  'BoardMemberRow.name': 'The person\'s name as printed in the protocol or report.',
  'AttendanceRow.name': 'The person\'s name as printed.',
  'DecisionRow.title': 'The item\'s heading as printed (ärende).',
  'ReportForbund.name': 'The förbund\'s name; for a registered förbund the registry keeps its own (a difference is a warning).',
  'InsatsFigureRow.year': 'The year of the figures.',
};

/** Classes whose fields are another's (class-validator copies inherited fields into each). */
const BASES: Record<string, string> = { ReportDocument: 'DocumentInfo' };

/** Each class's properties' doc comments, read from the source files with the TypeScript compiler. */
function docComments(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCES) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const doc = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc).map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ').trim();
        if (doc) found.set(`${node.name.text}.${member.name.text}`, doc.replace(/\s+/g, ' '));
      }
    });
  }
  return found;
}

/** Every property gets a description (the build fails on one without); the measure code lists the measures. */
function describe(definitions: Record<string, Schema>): void {
  const docs = docComments();
  const missing: string[] = [];
  for (const [cls, schema] of Object.entries(definitions)) {
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      const inherited = BASES[cls] ? docs.get(`${BASES[cls]}.${field}`) : undefined;
      const description = docs.get(`${cls}.${field}`) ?? CLASS_FIELD[`${cls}.${field}`] ?? inherited ?? FIELD[field];
      if (description) property.description = description;
      else missing.push(`${cls}.${field}`);
    }
  }
  if (missing.length) throw new Error(`Fields without a description (a doc comment in ${SOURCES.join(' or ')}, or FIELD in scripts/json-schema.ts): ${missing.join(', ')}`);
  const measures = (JSON.parse(readFileSync(MEASURES, 'utf8')) as { measures: Array<{ code: string; nameSv: string; unit: string; definition: string }> }).measures;
  const measure = definitions.ObservationRow.properties!.measure;
  measure.oneOf = measures.map((m) => ({ const: m.code, title: `${m.nameSv} (${m.unit})`, description: m.definition }));
}

const PATH = 'schemas/report-v1.schema.json';

type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema; $ref?: string; [k: string]: unknown };

/** Section name → the seed row class its rows follow. */
const ROW = {
  memberships: 'MembershipRow',
  forbundFacts: 'ForbundFactRow',
  allocations: 'AllocationRow',
  observations: 'ObservationRow',
  goals: 'GoalRow',
  financialLines: 'FinancialLineRow',
  insatser: 'InsatsRow',
  boardMembers: 'BoardMemberRow',
  meetings: 'MeetingRow',
} as const satisfies Record<(typeof REPORT_SECTIONS)[number], string>;

/** Classes of the seed files that a report does not use. */
const UNUSED = new Set(['Located', 'ForbundRow', 'MeasureRow', 'ComparisonRulesRow', 'SmallNumberRuleRow', 'DocumentFile', 'ReferenceFile', 'YearArgs', 'OptionalYearArgs']);

function build(): Schema {
  const definitions = validationMetadatasToSchemas({ refPointerPrefix: '#/definitions/', classTransformerMetadataStorage: defaultMetadataStorage }) as Record<string, Schema>;
  // In a report the förbund is given once, and a row without a locator takes the document's defaultLocator.
  for (const name of Object.values(ROW)) {
    definitions[name] = { ...definitions[name], required: (definitions[name].required ?? []).filter((r) => r !== 'forbund' && r !== 'locator') };
  }
  for (const name of UNUSED) delete definitions[name];
  describe(definitions);
  const header = definitions.ReportHeader;
  for (const section of REPORT_SECTIONS) header.properties![section] = { type: 'array', description: FIELD[section], items: { $ref: `#/definitions/${ROW[section]}` } };
  definitions.ReportDocument.required = (definitions.ReportDocument.required ?? []).filter((r) => r !== 'forbund');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://finsam-compare.invalid/schemas/report-v1.schema.json',
    title: 'Finsam Compare report, import format version 1',
    description:
      "One samordningsförbund's report for one year: members, allocation per member, SUS outcomes, goals, financial statement lines, insatser, board and decisions, with the source document. Amounts are exact decimal strings in kronor. Generated from src/ingest/format/report.ts and src/ingest/format/document.ts by `npm run json-schema`.",
    ...header,
    additionalProperties: false,
    definitions: Object.fromEntries(
      Object.entries(definitions)
        .filter(([name]) => name !== 'ReportHeader')
        // The importer refuses properties it does not know (class-validator's forbidNonWhitelisted).
        .map(([name, schema]) => [name, { ...schema, additionalProperties: false }]),
    ),
  };
}

const text = `${JSON.stringify(build(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(PATH, 'utf8');
  } catch {
    // a missing file is drift like any other
  }
  if (canonical(JSON.parse(committed || 'null')) !== canonical(JSON.parse(text))) {
    console.error(`${PATH} differs from the import format in the code: run \`npm run json-schema\` and commit it.`);
    process.exit(1);
  }
  console.log(`${PATH} matches the code.`);
} else {
  writeFileSync(PATH, text);
  console.log(`${PATH} written.`);
}
