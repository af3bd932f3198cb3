/**
 * The export's columns, each with its Frictionless Table Schema type and what it means, and GET
 * /export/datapackage.json, the Data Package that describes observations.csv beside it: a researcher's tool
 * (frictionless, pandas, R) reads the types from it instead of guessing them from whichever rows a filter gave.
 */
import { Gender } from '../platform/common/enums';
import { staticFile, StaticFile } from '../platform/http/caching';
import { MeasureUnit } from '../domain/measures/measure.enums';
import { NATIONAL_SLUG } from './observation-query';

export interface CsvField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  description: string;
  constraints?: { required?: boolean; enum?: readonly string[] };
  format?: string;
}

/** Every column of observations.csv, in order. */
export const CSV_FIELDS = [
  { name: 'forbund_slug', type: 'string', constraints: { required: true }, description: `Slug of the förbund (samordningsförbund), e.g. "uppsala"; "${NATIONAL_SLUG}" for a national figure (rikssnitt and other figures for the whole country).` },
  { name: 'forbund_name', type: 'string', constraints: { required: true }, description: 'Name of the förbund; "Riket" for a national figure.' },
  { name: 'measure', type: 'string', constraints: { required: true }, description: 'Code of the measure (mått), e.g. "to_work_or_studies"; the measures query of the GraphQL API defines each.' },
  { name: 'measure_name', type: 'string', constraints: { required: true }, description: 'Name of the measure in English.' },
  { name: 'measure_name_sv', type: 'string', constraints: { required: true }, description: 'Name of the measure in Swedish (måttets namn), e.g. "Gått vidare till arbete eller studier".' },
  { name: 'unit', type: 'string', constraints: { required: true, enum: Object.values(MeasureUnit) }, description: 'Unit (enhet): PERSONS a count of persons in value, COUNT a count of other things (förbund, municipalities, insatser) in value, SHARE a share in numerator/denominator/stated_percent/share, FTE full-time equivalents in value, PERCENT a percentage in value, TEXT a statement in value_text.' },
  { name: 'year', type: 'integer', constraints: { required: true }, description: 'The year the figure is about (år).' },
  { name: 'gender', type: 'string', constraints: { required: true, enum: Object.values(Gender) }, description: 'Gender split (kön): ALL, WOMEN or MEN.' },
  { name: 'value', type: 'number', description: 'The figure of a PERSONS, COUNT, FTE or PERCENT measure, as the source gives it (a count is a whole number); empty for SHARE and TEXT.' },
  { name: 'numerator', type: 'integer', description: 'SHARE: the count of persons with the outcome (täljare); empty when the source gives none.' },
  { name: 'denominator', type: 'integer', description: 'SHARE: the count of persons the share is of (nämnare); empty when the source gives none.' },
  { name: 'stated_percent', type: 'number', description: 'SHARE: the percentage as the source prints it (0–100, often rounded); empty when it prints none.' },
  { name: 'share', type: 'number', description: 'SHARE: the share as a fraction 0–1, numerator/denominator when both are given, else stated_percent/100; what the API compares.' },
  { name: 'qualifier', type: 'string', constraints: { enum: ['APPROXIMATE', 'AT_LEAST'] }, description: 'How the source states the figure when not exactly (kvalificerare): APPROXIMATE for "ca", AT_LEAST for "drygt", "över", "minst"; empty for an exact figure. A share built on such a figure is shown but not compared.' },
  { name: 'value_text', type: 'string', description: 'TEXT: the statement. A text that begins like a spreadsheet formula (=, +, -, @, tab, carriage return) is written with a leading \' so a spreadsheet does not run it.' },
  { name: 'deleted', type: 'boolean', constraints: { required: true }, description: 'true for a tombstone: a figure removed since updatedSince, in its last version; false otherwise.' },
  { name: 'source_document', type: 'string', constraints: { required: true }, description: 'Id of the source document (källdokument), e.g. "uppsala-ar-2017".' },
  { name: 'source_file', type: 'string', description: 'File name of the document\'s text extract in the project\'s sources, when there is one.' },
  { name: 'source_url', type: 'string', format: 'uri', description: 'Public address of the source document, when it is known by one.' },
  { name: 'locator', type: 'string', constraints: { required: true }, description: 'Where in the document the figure stands (avsnitt, tabell, sida).' },
  { name: 'is_final', type: 'boolean', constraints: { required: true }, description: 'true when the source document is final (slutlig), false when preliminary.' },
  { name: 'preferred', type: 'boolean', constraints: { required: true }, description: 'true for the one figure of its förbund, measure, year and gender the API\'s answers use when several sources give it: a final document over a preliminary one, then the document covering the latest year, then the figure recorded first. Keep the rows where it is true for one figure each; a tombstone is false.' },
  { name: 'recorded_at', type: 'datetime', constraints: { required: true }, description: 'When this version of the figure was written (UTC, ISO 8601 with milliseconds): pass it as updatedSince to sync, as asOf to reproduce.' },
  { name: 'superseded_at', type: 'datetime', description: 'When this version was replaced or removed (UTC); empty while it is in force.' },
  { name: 'note', type: 'string', description: 'Note on the figure: the source\'s own words, or why it was corrected.' },
] as const satisfies readonly CsvField[];

export type CsvColumn = (typeof CSV_FIELDS)[number]['name'];

/** Frictionless Data Package of the export (datapackage.json), its one resource the CSV beside it. */
function dataPackage(): object {
  return {
    profile: 'tabular-data-package',
    name: 'finsam-compare-observations',
    title: 'Finsam Compare: the figures of Sweden\'s samordningsförbund in long format',
    description:
      'One figure a row: per förbund (or the nation), measure, year, gender and source document, with its provenance. Every figure a source gives is a row; where several sources give the same figure, preferred marks the one the API uses. Filters as query parameters of observations.csv: measures, forbund (slugs, "riket" for the national figures), years, gender, updatedSince, asOf.',
    resources: [
      {
        profile: 'tabular-data-resource',
        name: 'observations',
        path: 'observations.csv',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: CSV_FIELDS,
          missingValues: [''],
          primaryKey: ['forbund_slug', 'measure', 'year', 'gender', 'source_document'],
        },
      },
    ],
  };
}

let kept: StaticFile | null = null;
/** GET /export/datapackage.json: the same for every request, so it is cached by content. */
export function dataPackageFile(): StaticFile {
  kept ??= staticFile(`${JSON.stringify(dataPackage(), null, 2)}\n`, 'application/json; charset=utf-8');
  return kept;
}
