import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { quote, unsafeJsonText } from '../platform/common/text';
import { checkPlausibility } from './check/plausibility';
import { organisationNumberValid, registryProblems } from './check/registry';
import { list } from './check/references';
import { checkReferences, knownFromReference } from './check/references';
import { DocumentFile } from './format/document';
import { flatten, Problem, Problems } from './format/problems';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Forbund } from '../domain/forbund/forbund.entity';
import { Measure } from '../domain/measures/measure.entity';
import { ComparisonMethod, Polarity } from '../domain/measures/measure.enums';
import { Organisation } from '../domain/members/organisation.entity';
import { applyDocument, createBatch, recordSummary } from './write/apply';
import { loadKeys } from './write/keys';
import { SECTIONS } from './write/sections';
import { ReferenceFile } from './format/document';

export interface SeedResult {
  changed: boolean;
  checksum: string;
  documents: number;
  /** Figures added, changed or removed. */
  rows: number;
}

const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Upserts by a unique column; an empty list writes nothing. */
async function upsertAll<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Array<QueryDeepPartialEntity<T>>, conflict: string[]): Promise<void> {
  if (rows.length) await em.upsert(target, rows, conflict);
}

async function upsertReference(em: EntityManager, ref: ReferenceFile): Promise<void> {
  await upsertAll(
    em,
    Organisation,
    ref.organisations.map((o) => ({
      key: o.key,
      name: o.name,
      kind: o.kind as Organisation['kind'],
      municipalityCode: nil(o.municipalityCode),
      countyCode: nil(o.countyCode),
      regionalTasks: o.regionalTasks ?? false,
    })),
    ['key'],
  );
  await upsertAll(
    em,
    Forbund,
    ref.forbund.map((f) => ({
      slug: f.slug,
      name: f.name,
      otherNames: f.otherNames,
      countyCode: nil(f.countyCode),
      organisationNumber: nil(f.organisationNumber),
      website: nil(f.website),
      provenance: f.provenance,
      note: nil(f.note),
    })),
    ['slug'],
  );
  await upsertAll(
    em,
    Measure,
    ref.measures.map((m) => ({
      code: m.code,
      name: m.name,
      nameSv: m.nameSv,
      definition: m.definition,
      unit: m.unit as Measure['unit'],
      category: m.category,
      denominatorMeasure: nil(m.denominatorMeasure),
      note: nil(m.note),
      terms: m.terms ?? [],
      polarity: (m.comparison?.polarity ?? Polarity.NO_JUDGEMENT) as Polarity,
      polarityReason: nil(m.comparison?.polarityReason),
      comparisonMethod: (m.comparison?.method ?? ComparisonMethod.NONE) as ComparisonMethod,
      comparisonReason: m.comparison?.reason ?? `A ${m.unit.toLowerCase()} measure: only shares are compared with rikssnitt.`,
      smallNumberMinDenominator: nil(m.comparison?.smallNumbers?.minDenominator),
      smallNumberReason: nil(m.comparison?.smallNumbers?.reason),
    })),
    ['code'],
  );
}

/** A document about one or more förbund (a registry page may name two), rather than a national source. */
function concernsForbund(doc: DocumentFile): boolean {
  return doc.document.forbund !== undefined || SECTIONS.some((s) => s.rows(doc).some((row) => (row as { forbund?: string }).forbund !== undefined));
}

export interface SeedSet {
  reference: ReferenceFile;
  documents: DocumentFile[];
  /** sha256 over every file's name and bytes: a second start with the same files changes nothing. */
  checksum: string;
  /** Plausibility warnings by document id, kept with the document's import batch. */
  warnings: Record<string, Problem[]>;
}

/** Parses and validates one file; returns the instance even when invalid, so cross-file checks can still run. */
function parseFile<T extends object>(path: string, cls: ClassConstructor<T>, problems: Problems): T | null {
  const file = basename(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push({ file, path: '(file)', reason: `not valid JSON: ${quote((e as Error).message)}` });
    return null;
  }
  const before = problems.size;
  problems.addAll([...unsafeJsonText(raw)].map((p) => ({ file, ...p })));
  if (problems.size > before) return null;
  const instance = plainToInstance(cls, raw);
  const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  problems.addAll(flatten(errors, file));
  return instance;
}

/** Reads and validates every seed file; throws InputRejected listing every problem at once. */
export function readSeeds(dir: string): SeedSet {
  const problems = new Problems();
  const referencePath = join(dir, 'reference.json');
  const docDir = join(dir, 'documents');
  const docFiles = readdirSync(docDir).filter((f) => f.endsWith('.json')).sort();
  const hash = createHash('sha256');
  for (const path of [referencePath, ...docFiles.map((f) => join(docDir, f))]) {
    hash.update(basename(path)).update('\0').update(readFileSync(path)).update('\0');
  }
  const reference = parseFile(referencePath, ReferenceFile, problems);
  const documents = docFiles.map((f) => [f, parseFile(join(docDir, f), DocumentFile, problems)] as const);
  const parsed = documents.filter((d): d is [string, DocumentFile] => d[1] !== null);
  const warnings: SeedSet['warnings'] = {};
  if (reference) {
    const known = knownFromReference(reference);
    checkReferences(known, parsed, problems);
    // Seed files and imports are one pipeline: the same plausibility checks, warnings kept with the batch.
    const organisations = new Map(list(reference.organisations).map((o) => [o.key, { name: o.name, kind: o.kind, countyCode: o.countyCode ?? null }]));
    const counties = new Map(list(reference.forbund).map((f) => [f.slug, f.countyCode ?? null]));
    // A förbund's life may be stated in another seed document than its members.
    const facts = parsed.flatMap(([, doc]) => doc.forbundFacts ?? []);
    const yearOf = (slug: string, kinds: string[]) => {
      const date = facts.find((f) => f.forbund === slug && kinds.includes(f.fact) && f.date)?.date;
      return date ? Number(date.slice(0, 4)) : null;
    };
    const named = new Map<string, string>();
    list(reference.measures).forEach((m, i) =>
      (m.terms ?? []).forEach((term, j) => {
        const other = named.get(term.toLocaleLowerCase('sv'));
        if (other) problems.push({ file: 'reference.json', path: `measures.${i}.terms.${j}`, reason: `${quote(term)} already names ${other}: a word names one measure, so a reader knows which` });
        named.set(term.toLocaleLowerCase('sv'), m.code);
      }),
    );
    list(reference.forbund).forEach((f, i) => {
      if (f.organisationNumber && !organisationNumberValid(f.organisationNumber)) {
        problems.push({ file: 'reference.json', path: `forbund.${i}.organisationNumber`, reason: `${quote(f.organisationNumber)} fails the organisationsnummer's check digit (Luhn)` });
      }
    });
    for (const [file, doc] of parsed) {
      const slug = doc.document.forbund ?? doc.memberships[0]?.forbund;
      if (slug) {
        const life = { organisations, countyCode: counties.get(slug) ?? null, founded: yearOf(slug, ['FOUNDED']), ended: yearOf(slug, ['DISSOLVED', 'MERGED_INTO']) };
        problems.addAll(registryProblems(doc, undefined, life).map((p) => ({ file, ...p })));
      }
      const { errors, warnings: found } = checkPlausibility(doc, known.measures);
      problems.addAll(errors.map((e) => ({ file, ...e })));
      if (found.length && doc.document) warnings[doc.document.id] = found.map((w) => ({ file, ...w }));
    }
  }
  // parseFile returns null only after reporting why.
  problems.throwIfAny('Seed data is invalid; nothing was loaded');
  return { reference: reference!, documents: parsed.map(([, doc]) => doc), checksum: hash.digest('hex'), warnings };
}

/**
 * Loads the seed files in one transaction. Idempotent: when the files' checksum equals the one recorded
 * by the last load, nothing is written; otherwise each seed document is applied like an import, so
 * only figures that changed get new versions, with history.
 */
export async function loadSeeds(dataSource: DataSource, dir: string, scope: 'all' | 'reference' = 'all', seeds: SeedSet = readSeeds(dir)): Promise<SeedResult> {
  // With scope "reference" the database gets what every deployment needs, and no förbund.
  const documents = scope === 'all' ? seeds.documents : seeds.documents.filter((d) => !concernsForbund(d));
  const reference = scope === 'all' ? seeds.reference : { ...seeds.reference, forbund: [] };
  const checksum = `${scope}:${seeds.checksum}`;
  return dataSource.transaction(async (em) => {
    const [state] = await em.query('SELECT checksum FROM seed_state WHERE id = 1');
    if (state?.checksum === checksum) return { changed: false, checksum, documents: documents.length, rows: 0 };
    await upsertReference(em, reference);
    const keys = await loadKeys(em);
    let rows = 0;
    for (const doc of documents) {
      let batchId = 0;
      const result = await applyDocument(em, doc, keys, async (documentId) => {
        batchId = await createBatch(em, {
          actor: 'seed',
          origin: 'seed',
          file: `seeds/documents/${documentId}.json`,
          checksum,
          documentId,
          warnings: seeds.warnings[documentId],
        });
        return batchId;
      });
      if (batchId) await recordSummary(em, batchId, result.counts);
      rows += result.changes.length;
    }
    await em.query(
      `INSERT INTO seed_state (id, checksum, loaded_at) VALUES (1, $1, now())
       ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, loaded_at = EXCLUDED.loaded_at`,
      [checksum],
    );
    return { changed: true, checksum, documents: documents.length, rows };
  });
}
