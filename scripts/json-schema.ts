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
import { canonical } from '../src/ingest/write/apply';
import { REPORT_SECTIONS } from '../src/ingest/format/report';

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
const UNUSED = new Set(['ReportHeader', 'Located', 'ForbundRow', 'MeasureRow', 'DocumentFile', 'ReferenceFile']);

function build(): Schema {
  const definitions = validationMetadatasToSchemas({ refPointerPrefix: '#/definitions/', classTransformerMetadataStorage: defaultMetadataStorage }) as Record<string, Schema>;
  // In a report the förbund is given once, and a row without a locator takes the document's defaultLocator.
  for (const name of Object.values(ROW)) {
    definitions[name] = { ...definitions[name], required: (definitions[name].required ?? []).filter((r) => r !== 'forbund' && r !== 'locator') };
  }
  const header = definitions.ReportHeader;
  for (const section of REPORT_SECTIONS) header.properties![section] = { type: 'array', items: { $ref: `#/definitions/${ROW[section]}` } };
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
        .filter(([name]) => !UNUSED.has(name))
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
