import { plainToInstance } from 'class-transformer';
import { GraphQLError } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, ArgsType, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { IsIn, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { assertMayWrite, requireActor } from '../domain/auth/authorize';
import { MAX_YEAR, MIN_YEAR } from '../platform/common/args';
import { RequestContext } from '../platform/common/context';
import { rows } from '../platform/graphql/cost';
import { badInput, unknownForbund } from '../platform/common/errors';
import { Gender } from '../platform/common/enums';
import { Forbund } from '../domain/forbund/forbund.entity';
import { Measure } from '../domain/measures/measure.entity';
import { DocumentFile, ObservationRow, SLUG } from './format/document';
import { loadKeys } from './write/keys';
import { checkReferences } from './check/references';
import { flatten, InputRejected, MAX_REPORTED_PROBLEMS, Problem, Problems } from './format/problems';
import { SourceDocument } from '../domain/sources/source-document.entity';
import { applyDocument, ChangeRecord, createBatch, recordSummary, sumCounts } from './write/apply';
import { CHANGES_PER_BATCH_COST } from './history.resolver';
import { ChangeType, ImportWarning } from './history.types';
import { checkPlausibility } from './check/plausibility';
import { describePlan, ImportResult, runImport } from './import';
import { ImportSource } from './format/read-report';
import { WorkbookRefused } from './format/xlsx/refusal';
import { assertImportSize, reportOf, uploadSource, workbookRefusal } from './upload';
import { lockedWrite } from '../platform/db/write';
import { unsafeJsonText } from '../platform/common/text';

@ObjectType({ description: 'What an import did, or would do on a dry run, to one document (importerat dokument).' })
class ImportFileResultType {
  @Field({ description: 'The file imported.' })
  file: string;

  @Field({ description: 'The source document the file describes.' })
  documentId: string;

  @Field(() => Int, { nullable: true, description: 'The history record (import batch) written; null when nothing changed or on a dry run.' })
  batchId: number | null;

  @Field(() => Int, { description: 'Figures added.' })
  added: number;

  @Field(() => Int, { description: 'Figures changed: the old version is kept in history.' })
  changed: number;

  @Field(() => Int, { description: 'Figures removed: kept in history, reported as tombstones to syncing clients.' })
  removed: number;

  @Field(() => Int, { description: 'Figures already as the file says.' })
  unchanged: number;

  @Field(() => [ChangeType], { complexity: rows(CHANGES_PER_BATCH_COST), description: 'Every change, figure by figure.' })
  changes: ChangeRecord[];

  @Field(() => [String], {
    complexity: rows(1),
    description: 'What the import did, or on a dry run would do (would create, would add …), in words (importplan): the förbund, organisations and source document it creates, then each section\'s figures added, changed, removed and unchanged.',
  })
  plan: string[];
}

@ObjectType({ description: 'The result of an import (import av rapport).' })
export class ImportResultType {
  @Field({ description: 'True when nothing was written: the result says what would change.' })
  dryRun: boolean;

  @Field(() => [ImportFileResultType], { complexity: rows(1), description: 'One entry per file (importReport and setObservation write one).' })
  files: ImportFileResultType[];

  @Field(() => [ImportWarning], {
    complexity: rows(MAX_REPORTED_PROBLEMS + 1),
    description: 'Plausibility warnings (rimlighetsvarningar) of every file: the import went ahead; each is also kept with its import batch.',
  })
  warnings: Problem[];
}

@InputType({ description: 'A CSV file a report names in its "csv" section, sent with the report.' })
class CsvFileInput {
  @Field({ description: 'The file name the report uses for it.' })
  name: string;

  @Field({ description: 'The file\'s text (UTF-8 CSV, header row first).' })
  content: string;
}

@ArgsType()
class ImportReportArgs {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The report in import format version 1 (schemas/report-v1.schema.json); give this or workbook.' })
  report?: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description: 'Or the filled report template (rapportmall, GET /templates/report.xlsx) as an .xlsx workbook, base64-encoded; its problems name their sheet and cell.',
  })
  @IsOptional()
  @IsString()
  workbook?: string;

  @Field(() => String, { nullable: true, description: 'Name to record and report problems under; report.json, or report.xlsx for a workbook, when absent.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  fileName?: string;

  @Field(() => [CsvFileInput], { defaultValue: [], description: 'CSV files the report names.' })
  csv: CsvFileInput[];

  @Field({ defaultValue: false, description: 'Validate and report what would change, writing nothing.' })
  dryRun: boolean;
}

@InputType({ description: 'A correction of one figure (rättelse av en uppgift) in an existing source document.' })
class SetObservationInput {
  @Field({ description: 'Slug of the förbund.' })
  @Matches(SLUG)
  forbund: string;

  @Field({ description: 'Measure code.' })
  @IsString()
  measure: string;

  @Field(() => Int, { description: 'Year (år).' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year: number;

  @Field(() => Gender, { defaultValue: Gender.ALL, description: 'Gender split (kön).' })
  @IsIn(Object.values(Gender))
  gender: Gender;

  @Field(() => String, { nullable: true, description: 'PERSONS, COUNT, FTE and PERCENT measures: the figure, as a decimal string.' })
  @IsOptional()
  value?: string;

  @Field(() => String, { nullable: true, description: 'SHARE measures: numerator (täljare).' })
  @IsOptional()
  numerator?: string;

  @Field(() => String, { nullable: true, description: 'SHARE measures: denominator (nämnare).' })
  @IsOptional()
  denominator?: string;

  @Field(() => String, { nullable: true, description: 'SHARE measures: the percentage as printed.' })
  @IsOptional()
  statedPercent?: string;

  @Field(() => String, { nullable: true, description: 'TEXT measures: the statement.' })
  @IsOptional()
  valueText?: string;

  @Field({ description: 'Id of the source document the figure belongs to.' })
  @IsString()
  sourceDocument: string;

  @Field({ description: 'Where in the document the figure stands (avsnitt, tabell, sida).' })
  @MinLength(2)
  locator: string;

  @Field(() => String, { nullable: true, description: 'Why the figure was corrected, or other note.' })
  @IsOptional()
  note?: string;
}

export function toResultType(result: ImportResult): ImportResultType {
  return {
    dryRun: result.dryRun,
    files: result.files.map((f) => ({ file: f.file, documentId: f.documentId, batchId: f.batchId, ...f.totals, changes: f.changes, plan: f.plan })),
    warnings: result.files.flatMap((f) => f.warnings),
  };
}

/** Problems named in the error message; all of them (up to the reporting limit) are in extensions.problems. */
const PROBLEMS_IN_MESSAGE = 10;

export function rejected(problems: Problem[], what = 'Import rejected'): GraphQLError {
  const named = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `${p.file}: ${p.path}: ${p.reason}`);
  const rest = problems.length > PROBLEMS_IN_MESSAGE ? `; see extensions.problems for the other ${problems.length - PROBLEMS_IN_MESSAGE}` : '';
  return badInput(`${what}, nothing was written: ${problems.length} problem${problems.length === 1 ? '' : 's'}. ${named.join('; ')}${rest}`, { problems });
}

/** A base64 workbook read as the report it holds; a refused one (too large, macros, …) is an error with its code. */
async function workbookSource(ctx: RequestContext, workbook: string, fileName: string): Promise<ImportSource> {
  if (!BASE64.test(workbook.replace(/\s+/g, ''))) throw badInput('workbook is an .xlsx file encoded as base64 (A–Z, a–z, 0–9, +, /, =)');
  try {
    return await uploadSource(ctx.writer.manager, fileName, 'xlsx', Buffer.from(workbook, 'base64'));
  } catch (e) {
    throw e instanceof WorkbookRefused ? workbookRefusal(e, fileName) : e;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResultType, {
    description:
      'Imports one förbund\'s report (import format v1) in one transaction: all or nothing, every problem reported at once (extensions.problems). Needs an API key: an EDITOR writes only its own förbund, ADMIN any and may create new förbund. Re-importing the same file changes nothing; a corrected file replaces the figures that differ and keeps the old versions in history.',
  })
  async importReport(@Args() { report, workbook, fileName, csv, dryRun }: ImportReportArgs, @Ctx() ctx: RequestContext): Promise<ImportResultType> {
    const actor = requireActor(ctx);
    if ((report === undefined || report === null) === (workbook === undefined || workbook === null)) {
      throw badInput('Give the report either as JSON (report) or as a filled template workbook (workbook, base64), and not both.');
    }
    const source = workbook ? await workbookSource(ctx, workbook, fileName ?? 'report.xlsx') : { name: fileName ?? 'report.json', json: report };
    assertImportSize(reportOf(source) ?? {}, csv.map((c) => c.content));
    const files = new Map(csv.map((c) => [c.name, c.content]));
    try {
      const result = await runImport(ctx.writer, [source], (name) => files.get(name) ?? null, { actor, origin: 'importReport', dryRun });
      return toResultType(result);
    } catch (e) {
      throw e instanceof InputRejected ? rejected(e.problems) : e;
    }
  }

  @Mutation(() => ImportResultType, {
    description: 'Corrects or adds one figure of an existing source document; the previous version is kept in history. Same keys and rights as importReport.',
  })
  async setObservation(@Arg('input') input: SetObservationInput, @Ctx() ctx: RequestContext): Promise<ImportResultType> {
    const actor = requireActor(ctx);
    // A correction reads what it checks from where it writes: a replica may lag behind.
    const db = ctx.writer.manager;
    const unsafe = [...unsafeJsonText({ ...input }, 'input')].map((p) => ({ file: 'setObservation', ...p }));
    if (unsafe.length) throw rejected(unsafe);
    const forbund = await db.findOne(Forbund, { where: { slug: input.forbund } });
    if (!forbund) throw unknownForbund(input.forbund, (await db.find(Forbund, { select: { slug: true }, order: { slug: 'ASC' } })).map((f) => f.slug));
    assertMayWrite(actor, forbund.id, forbund.slug);
    const document = await db.findOne(SourceDocument, { where: { id: input.sourceDocument } });
    if (!document || document.forbundId !== forbund.id) {
      throw new GraphQLError(`No source document "${input.sourceDocument}" about ${forbund.slug}; import the document first.`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const row = Object.fromEntries(Object.entries({ ...input, sourceDocument: undefined }).filter(([, v]) => v !== undefined && v !== null));
    const file = plainToInstance(DocumentFile, {
      formatVersion: 1,
      document: {
        id: document.id,
        title: document.title,
        kind: document.kind,
        status: document.status,
        publisher: document.publisher,
        file: document.file ?? undefined,
        url: document.url ?? undefined,
        forbund: forbund.slug,
        yearsCovered: document.yearsCovered,
        documentDate: document.documentDate ?? undefined,
        note: document.note ?? undefined,
      },
      memberships: [],
      allocations: [],
      observations: [row],
      goals: [],
      financialLines: [],
      insatser: [],
      boardMembers: [],
      meetings: [],
    });
    const problems = new Problems();
    problems.addAll(flatten(validateSync(file, { whitelist: true, forbidNonWhitelisted: true }), 'setObservation'));
    const known = {
      forbund: new Set([forbund.slug]),
      organisations: new Set<string>(),
      measures: new Map((await db.find(Measure)).map((m) => [m.code, m])),
    };
    checkReferences(known, [['setObservation', file]], problems);
    // The figure is checked together with the document's other genders of the same measure and year.
    const siblings: Array<{ content: ObservationRow }> = await db.query(
      `SELECT content FROM observation WHERE source_document_id = $1 AND forbund_id = $2 AND measure_code = $3 AND year = $4 AND gender <> $5 AND valid_to IS NULL`,
      [document.id, forbund.id, input.measure, input.year, input.gender],
    );
    const { errors, warnings } = checkPlausibility({ observations: [file.observations[0], ...siblings.map((s) => s.content)] }, known.measures);
    problems.addAll(errors.map((e) => ({ file: 'setObservation', ...e })));
    const asInput = (p: Problem) => ({ ...p, path: p.path.replace(/^observations\.\d+\.?/, 'input.') });
    if (problems.size) throw rejected(problems.list().map(asInput));
    const kept = warnings.map((w) => asInput({ file: 'setObservation', ...w }));

    return lockedWrite(ctx.writer, [`forbund:${forbund.slug}`, `document:${document.id}`], async (em) => {
      let batchId: number | null = null;
      const applied = await applyDocument(
        em,
        file,
        await loadKeys(em),
        async (documentId) =>
          (batchId = await createBatch(em, { actor: actor.name, origin: 'setObservation', file: null, checksum: null, documentId, warnings: kept })),
        { partial: true },
      );
      if (batchId !== null) await recordSummary(em, batchId, applied.counts);
      return {
        dryRun: false,
        files: [
          {
            file: 'setObservation',
            documentId: document.id,
            batchId,
            ...sumCounts(applied.counts),
            changes: applied.changes,
            plan: describePlan(false, { forbund: null, organisations: [], document: null, counts: applied.counts }),
          },
        ],
        warnings: kept,
      };
    });
  }
}
