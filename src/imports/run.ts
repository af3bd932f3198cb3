import { DataSource, EntityManager } from 'typeorm';
import { assertMayWrite } from '../auth/authorize';
import { Actor } from '../auth/keys';
import { Forbund } from '../forbund/forbund.entity';
import { Measure } from '../measures/measure.entity';
import { Organisation } from '../members/organisation.entity';
import { loadKeys } from '../seeding/load';
import { checkReferences, SeedProblem, SeedValidationError } from '../seeding/read';
import { applyDocument, ChangeRecord, createBatch, recordSummary, SectionCounts, sumCounts } from './apply';
import { ImportSource, locate, parseImport, ParsedImport } from './read';

export interface ImportOptions {
  actor: Actor;
  /** How the import came in: "cli", "importReport", "setObservation". */
  origin: string;
  dryRun: boolean;
  /** Called after each file is written, for progress bars. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface FileResult {
  file: string;
  documentId: string;
  /** The batch that recorded the changes; null when nothing changed (or on a dry run). */
  batchId: number | null;
  totals: SectionCounts;
  changes: ChangeRecord[];
}

export interface ImportResult {
  dryRun: boolean;
  files: FileResult[];
}

/** Thrown to roll a dry run back after it has computed exactly what would change. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/** Every problem of every file, or nothing: validation never stops at the first problem. */
export async function validateImports(
  em: EntityManager,
  sources: ImportSource[],
  readCsv: (name: string) => string | null,
): Promise<ParsedImport[]> {
  const problems: SeedProblem[] = [];
  const parsed = sources.map((s) => parseImport(s, readCsv, problems)).filter((p): p is ParsedImport => p !== null);
  const known = {
    forbund: new Set([...(await em.find(Forbund)).map((f) => f.slug), ...parsed.map((p) => p.header.forbund.slug)]),
    organisations: new Set([...(await em.find(Organisation)).map((o) => o.key), ...parsed.flatMap((p) => (p.header.organisations ?? []).map((o) => o.key))]),
    measures: new Map((await em.find(Measure)).map((m) => [m.code, m])),
  };
  const owners = new Map(
    (await em.query('SELECT d.id, f.slug FROM source_document d LEFT JOIN forbund f ON f.id = d.forbund_id')).map((d: { id: string; slug: string | null }) => [d.id, d.slug]),
  );
  for (const p of parsed) {
    const found: SeedProblem[] = [];
    checkReferences(known, [[p.file, p.document]], found);
    problems.push(...found.map((problem) => locate(problem, p)));
    // A report replaces its document's figures: it must never reach another förbund's or a national document.
    const owner = owners.get(p.document.document.id);
    if (owner !== undefined && owner !== p.header.forbund.slug) {
      problems.push({
        file: p.file,
        path: 'document.id',
        reason: `document "${p.document.document.id}" is ${owner === null ? 'a national source' : `about another förbund (${owner})`}; give this report's document an id of its own`,
      });
    }
  }
  if (problems.length) throw new SeedValidationError(problems);
  return parsed;
}

/**
 * Validates every file first, checks the writer may write each förbund, then applies all files in one
 * transaction: all or nothing. A dry run does the same work and rolls it back, reporting what would change.
 */
export async function runImport(
  dataSource: DataSource,
  sources: ImportSource[],
  readCsv: (name: string) => string | null,
  options: ImportOptions,
): Promise<ImportResult> {
  const parsed = await validateImports(dataSource.manager, sources, readCsv);
  const existing = new Map((await dataSource.manager.find(Forbund)).map((f) => [f.slug, f.id]));
  for (const p of parsed) assertMayWrite(options.actor, existing.get(p.header.forbund.slug) ?? null, p.header.forbund.slug);

  try {
    return await dataSource.transaction(async (em) => {
      const files: FileResult[] = [];
      for (const [i, p] of parsed.entries()) {
        files.push(await applyImport(em, p, options));
        options.onProgress?.(i + 1, parsed.length, p.file);
      }
      const result = { dryRun: options.dryRun, files };
      if (options.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return e.result;
    throw e;
  }
}

async function applyImport(em: EntityManager, p: ParsedImport, options: ImportOptions): Promise<FileResult> {
  const { forbund, organisations = [] } = p.header;
  if (organisations.length) {
    // New organisations only: an existing key is shared reference data and is not overwritten by a report.
    await em
      .createQueryBuilder()
      .insert()
      .into(Organisation)
      .values(organisations.map((o) => ({ key: o.key, name: o.name, kind: o.kind as Organisation['kind'], municipalityCode: o.municipalityCode ?? null, county: o.county ?? null })))
      .orIgnore()
      .execute();
  }
  await em
    .createQueryBuilder()
    .insert()
    .into(Forbund)
    .values({
      slug: forbund.slug,
      name: forbund.name,
      otherNames: forbund.otherNames ?? [],
      county: forbund.county ?? null,
      organisationNumber: forbund.organisationNumber ?? null,
      foundedYear: forbund.foundedYear ?? null,
      website: forbund.website ?? null,
      provenance: `Imported from ${p.file}`,
    })
    .orIgnore()
    .execute();
  let batchId: number | null = null;
  const applied = await applyDocument(em, p.document, await loadKeys(em), async (documentId) => {
    batchId = await createBatch(em, { actor: options.actor.name, origin: options.origin, file: p.file, checksum: p.checksum, documentId });
    return batchId;
  });
  if (batchId !== null) await recordSummary(em, batchId, applied.counts);
  return { file: p.file, documentId: applied.documentId, batchId: options.dryRun ? null : batchId, totals: sumCounts(applied.counts), changes: applied.changes };
}
