import { DataSource, EntityManager, In } from 'typeorm';
import { lockedWrite } from '../platform/db/write';
import { assertMayWrite } from '../domain/auth/authorize';
import { Actor } from '../platform/common/context';
import { Forbund } from '../domain/forbund/forbund.entity';
import { Measure } from '../domain/measures/measure.entity';
import { Organisation } from '../domain/members/organisation.entity';
import { loadKeys } from './write/keys';
import { checkReferences } from './check/references';
import { sharedDataWarnings } from './check/shared-data';
import { Problem, Problems } from './format/problems';
import { applyDocument, ChangeRecord, createBatch, recordSummary, SectionCounts, sumCounts } from './write/apply';
import { checkPlausibility } from './check/plausibility';
import { registryProblems } from './check/registry';
import { CsvReader, ImportSource, located, parseImport, ParsedImport, readReportJson, ReportJson } from './format/read-report';
import { quote } from '../platform/common/text';

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
  /** Plausibility warnings (the import went ahead); kept with the batch. */
  warnings: Problem[];
  documentId: string;
  /** The batch that recorded the changes; null when nothing changed (or on a dry run). */
  batchId: number | null;
  totals: SectionCounts;
  changes: ChangeRecord[];
  /** What the import did, or on a dry run would do, in words: the förbund, organisations and document it creates, then each section's figures. */
  plan: string[];
}

export interface ImportResult {
  dryRun: boolean;
  files: FileResult[];
}

/** A report read and checked, with the plausibility warnings it raised. */
interface CheckedImport extends ParsedImport {
  warnings: Problem[];
}

/** Only an ADMIN adds to the organisations every förbund shares. */
const ORGANISATION_HINT = 'only an ADMIN may add organisations';

/** Thrown to roll a dry run back after it has computed exactly what would change. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Reads each report's förbund and checks the writer may write it, before anything else is parsed or
 * validated: a key holder cannot make the server work on someone else's förbund.
 */
async function authorise(em: EntityManager, sources: ImportSource[], actor: Actor): Promise<ReportJson[]> {
  const problems = new Problems();
  const reports = sources.map((s) => readReportJson(s, problems)).filter((r): r is ReportJson => r !== null);
  const slugs = [...new Set(reports.map((r) => r.slug))];
  const existing = new Map((await em.find(Forbund, { where: { slug: In(slugs) } })).map((f) => [f.slug, f.id]));
  for (const r of reports) assertMayWrite(actor, existing.get(r.slug) ?? null, r.slug);
  problems.throwIfAny();
  return reports;
}

/** Every problem of every file, or nothing: validation never stops at the first problem. */
async function validateImports(em: EntityManager, reports: ReportJson[], readCsv: CsvReader, actor: Actor): Promise<CheckedImport[]> {
  const problems = new Problems();
  const parsed = reports.map((r) => parseImport(r, readCsv, problems)).filter((p): p is ParsedImport => p !== null);
  const organisations = new Map((await em.find(Organisation)).map((o) => [o.key, o]));
  const stored = new Set(organisations.keys());
  const registered = new Map((await em.find(Forbund)).map((f) => [f.slug, f]));
  const admin = actor.role === 'ADMIN';
  if (!admin) {
    for (const p of parsed) {
      (p.header.organisations ?? []).forEach((o, i) => {
        if (!stored.has(o.key)) problems.push({ file: p.file, path: `organisations.${i}.key`, reason: `organisation ${quote(o.key)} is not known; ${ORGANISATION_HINT}` });
      });
    }
  }
  const known = {
    forbund: new Set([...registered.keys(), ...parsed.map((p) => p.document.document.forbund!)]),
    organisations: admin ? new Set([...stored, ...parsed.flatMap((p) => (p.header.organisations ?? []).map((o) => o.key))]) : stored,
    measures: new Map((await em.find(Measure)).map((m) => [m.code, m])),
    organisationHint: admin ? undefined : ORGANISATION_HINT,
  };
  const owners = new Map(
    (
      await em.query('SELECT d.id, f.slug FROM source_document d LEFT JOIN forbund f ON f.id = d.forbund_id WHERE d.id = ANY($1)', [
        parsed.map((p) => p.document.document.id),
      ])
    ).map((d: { id: string; slug: string | null }) => [d.id, d.slug]),
  );
  const lives = await storedLives(em, parsed.map((p) => p.header.forbund.slug));
  const checked: CheckedImport[] = [];
  for (const p of parsed) {
    const found: Problem[] = [];
    checkReferences(known, [[p.file, p.document]], found);
    const slug = p.header.forbund.slug;
    const life = lives.get(slug);
    found.push(
      ...registryProblems(p.document, p.header.forbund.organisationNumber, {
        organisations,
        // A registered förbund keeps its county whatever a report says (a warning below).
        countyCode: registered.get(slug)?.countyCode ?? p.header.forbund.countyCode ?? null,
        founded: life?.founded ?? null,
        ended: life?.ended ?? null,
      }).map((f) => ({ file: p.file, ...f })),
    );
    problems.addAll(located(found, p));
    const { errors, warnings } = checkPlausibility(p.document, known.measures);
    problems.addAll(located(errors, p));
    // A report replaces its document's figures: it must never reach another förbund's or a national document.
    const owner = owners.get(p.document.document.id);
    if (owner !== undefined && owner !== p.document.document.forbund) {
      problems.push({
        file: p.file,
        path: 'document.id',
        reason: `document ${quote(p.document.document.id)} is ${owner === null ? 'a national source' : `about another förbund (${owner})`}; give this report's document an id of its own`,
      });
    }
    const kept = new Problems();
    kept.addAll(located(sharedDataWarnings(p.header, { forbund: registered.get(p.header.forbund.slug), organisations }), p));
    kept.addAll(located(warnings, p));
    checked.push({ ...p, warnings: kept.list() });
  }
  problems.throwIfAny();
  return checked;
}

/** The years each registered förbund was founded and ended, as its current facts state them. */
async function storedLives(em: EntityManager, slugs: string[]): Promise<Map<string, { founded: number | null; ended: number | null }>> {
  const rows: Array<{ slug: string; founded: number | null; ended: number | null }> = await em.query(
    `SELECT f.slug,
            min(left(ff.date_text, 4)::int) FILTER (WHERE ff.fact = 'FOUNDED') AS founded,
            min(left(ff.date_text, 4)::int) FILTER (WHERE ff.fact IN ('DISSOLVED', 'MERGED_INTO')) AS ended
       FROM forbund_fact ff JOIN forbund f ON f.id = ff.forbund_id
      WHERE ff.valid_to IS NULL AND ff.date_text IS NOT NULL AND f.slug = ANY($1)
      GROUP BY f.slug`,
    [slugs],
  );
  return new Map(rows.map((r) => [r.slug, { founded: r.founded, ended: r.ended }]));
}

/**
 * Checks the writer may write each report's förbund, then validates every file, then applies all files
 * in one transaction: all or nothing, taking turns with other writes to the same förbund and documents. A
 * dry run does the same work and rolls it back, reporting what would change.
 */
export async function runImport(dataSource: DataSource, sources: ImportSource[], readCsv: CsvReader, options: ImportOptions): Promise<ImportResult> {
  const reports = await authorise(dataSource.manager, sources, options.actor);
  const checked = await validateImports(dataSource.manager, reports, readCsv, options.actor);
  try {
    const keys = checked.flatMap((p) => [`forbund:${p.header.forbund.slug}`, `document:${p.document.document.id}`]);
    return await lockedWrite(dataSource, keys, async (em) => {
      const files: FileResult[] = [];
      for (const [i, p] of checked.entries()) {
        files.push(await applyImport(em, p, options));
        options.onProgress?.(i + 1, checked.length, p.file);
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

const SECTION_WORDS: Record<string, string> = {
  membership: 'memberships',
  forbund_fact: 'facts about the förbund',
  allocation: 'allocations',
  observation: 'figures',
  goal: 'goals',
  financial_line: 'financial lines',
  insats: 'insatser',
  insats_figure: 'insats figures',
  board_member: 'board members',
  board_meeting: 'meetings',
};

/** "would create förbund …", "memberships: would add 12, would change 1 (3 unchanged)" — or, once written, "created …", "added …". */
export function describePlan(
  dryRun: boolean,
  what: { forbund: string | null; organisations: string[]; document: string | null; counts: Record<string, SectionCounts> },
): string[] {
  const [create, add, change, remove] = dryRun ? ['would create', 'would add', 'would change', 'would remove'] : ['created', 'added', 'changed', 'removed'];
  const lines: string[] = [];
  if (what.forbund) lines.push(`${create} förbund ${what.forbund}`);
  for (const o of what.organisations) lines.push(`${create} organisation ${o}`);
  if (what.document) lines.push(`${create} source document ${what.document}`);
  for (const [table, c] of Object.entries(what.counts)) {
    const parts = [c.added ? `${add} ${c.added}` : '', c.changed ? `${change} ${c.changed}` : '', c.removed ? `${remove} ${c.removed}` : ''].filter(Boolean);
    if (parts.length) lines.push(`${SECTION_WORDS[table] ?? table}: ${parts.join(', ')}${c.unchanged ? ` (${c.unchanged} unchanged)` : ''}`);
  }
  if (!lines.length) lines.push(dryRun ? 'would change nothing: the database already holds what the file says' : 'changed nothing: the database already holds what the file says');
  return lines;
}

async function applyImport(em: EntityManager, p: CheckedImport, options: ImportOptions): Promise<FileResult> {
  const { forbund, organisations = [] } = p.header;
  const known = await loadKeys(em);
  // Only what is new is written, so an unchanged report sends no write at all. An existing organisation
  // is shared reference data and a report never overwrites it; only an ADMIN adds one.
  const added = options.actor.role === 'ADMIN' ? organisations.filter((o) => !known.organisation.has(o.key)) : [];
  if (added.length) {
    await em.insert(
      Organisation,
      added.map((o) => ({ key: o.key, name: o.name, kind: o.kind as Organisation['kind'], municipalityCode: o.municipalityCode ?? null, countyCode: o.countyCode ?? null, regionalTasks: o.regionalTasks ?? false })),
    );
  }
  if (!known.forbund.has(forbund.slug)) {
    await em.insert(Forbund, {
      slug: forbund.slug,
      name: forbund.name,
      otherNames: forbund.otherNames ?? [],
      countyCode: forbund.countyCode ?? null,
      organisationNumber: forbund.organisationNumber ?? null,
      website: forbund.website ?? null,
      provenance: `Imported from ${p.file}`,
    });
  }
  const keys = added.length || !known.forbund.has(forbund.slug) ? await loadKeys(em) : known;
  let batchId: number | null = null;
  const applied = await applyDocument(
    em,
    p.document,
    keys,
    async (documentId) => {
      batchId = await createBatch(em, { actor: options.actor.name, origin: options.origin, file: p.file, checksum: p.checksum, documentId, warnings: p.warnings });
      return batchId;
    },
    { dryRun: options.dryRun },
  );
  if (batchId !== null) await recordSummary(em, batchId, applied.counts);
  const plan = describePlan(options.dryRun, {
    forbund: known.forbund.has(forbund.slug) ? null : `${forbund.name} (${forbund.slug})`,
    organisations: added.map((o) => `${o.name} (${o.key})`),
    document: applied.documentCreated ? `${p.document.document.title} (${applied.documentId})` : null,
    counts: applied.counts,
  });
  return { file: p.file, warnings: p.warnings, documentId: applied.documentId, batchId, totals: sumCounts(applied.counts), changes: applied.changes, plan };
}
