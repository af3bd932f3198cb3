import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { checkPlausibility } from './plausibility';
import { pathSegment, quote, unsafeJsonText } from '../../platform/common/text';
import { SeedDocumentFile, SeedReferenceFile } from '../format/document';

/** One problem in one seed or import file: which file, where in it (row and field), and why. */
export interface SeedProblem {
  file: string;
  /** Where in the file: a JSON path such as "observations.3.value", or "row 5" in a CSV file. */
  path: string;
  reason: string;
}

/** How many problems (or warnings) are kept and reported; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 1000;

/**
 * Problems found so far: the first MAX_REPORTED_PROBLEMS are kept, the rest counted, so a hostile file
 * with millions of bad cells costs a counter, not memory. Add one at a time or from an iterable, never
 * by spreading a large array into arguments (that overflows the stack).
 */
export class Problems {
  private readonly kept: SeedProblem[] = [];
  private total = 0;

  push(problem: SeedProblem): void {
    this.total++;
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push(problem);
  }

  addAll(problems: Iterable<SeedProblem>): void {
    for (const p of problems) this.push(p);
  }

  get size(): number {
    return this.total;
  }

  /** The kept problems, and a last line saying how many more there were. */
  list(): SeedProblem[] {
    const more = this.total - this.kept.length;
    return more > 0 ? [...this.kept, { file: '(all files)', path: '(more)', reason: `… and ${more} more` }] : [...this.kept];
  }

  /** Throws SeedValidationError listing the problems, if there are any. */
  throwIfAny(): void {
    if (this.total) throw new SeedValidationError(this.list());
  }
}

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `Seed data is invalid; nothing was loaded (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}: ${p.path}: ${p.reason}`).join('\n'),
    );
    this.name = 'SeedValidationError';
  }
}

export interface SeedSet {
  reference: SeedReferenceFile;
  documents: SeedDocumentFile[];
  /** sha256 over every file's name and bytes: a second start with the same files changes nothing. */
  checksum: string;
  /** Plausibility warnings by document id, kept with the document's import batch. */
  warnings: Record<string, SeedProblem[]>;
}

export function flatten(errors: ValidationError[], file: string, prefix = ''): SeedProblem[] {
  return errors.flatMap((e) => {
    // A field name comes from the writer: quoted short when it is not a plain name.
    const path = prefix ? `${prefix}.${pathSegment(e.property)}` : pathSegment(e.property);
    // One problem per field: a field that breaks several rules gets them in one reason.
    const { whitelistValidation, ...constraints } = e.constraints ?? {};
    const reasons = [...(whitelistValidation ? ['unknown field'] : []), ...Object.values(constraints)];
    const own = reasons.length ? [{ file, path, reason: reasons.join('; ') }] : [];
    return [...own, ...flatten(e.children ?? [], file, path)];
  });
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

/** An invalid file may lack an array; cross-file checks then see it as empty. */
const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** The förbund, organisations and measures figures may name. */
export interface KnownKeys {
  forbund: Set<string>;
  organisations: Set<string>;
  measures: Map<string, { unit: string }>;
  /** Said after "organisation X is not known", e.g. who may add one. */
  organisationHint?: string;
}

/** Where problems go: a plain array or a capped Problems list. */
export interface ProblemSink {
  push(problem: SeedProblem): void;
}

export function knownFromReference(reference: SeedReferenceFile): KnownKeys {
  return {
    forbund: new Set(list(reference.forbund).map((f) => f.slug)),
    organisations: new Set(list(reference.organisations).map((o) => o.key)),
    measures: new Map(list(reference.measures).map((m) => [m.code, m])),
  };
}

/** Cross-file checks class-validator cannot make: every key a figure names must exist, units must fit. */
export function checkReferences(known: KnownKeys, documents: Array<[string, SeedDocumentFile]>, problems: ProblemSink): void {
  const { forbund, organisations, measures } = known;
  const seen = new Map<string, string>();
  for (const [file, doc] of documents) {
    if (!doc.document) continue;
    const other = seen.get(doc.document.id);
    if (other) problems.push({ file, path: 'document.id', reason: `${quote(doc.document.id)} is also the id in ${other}` });
    seen.set(doc.document.id, file);
    const needForbund = (path: string, slug: string | undefined) => {
      if (slug !== undefined && !forbund.has(slug)) problems.push({ file, path, reason: `unknown förbund ${quote(slug)}` });
    };
    const needOrganisation = (path: string, key: string | undefined) => {
      if (key !== undefined && !organisations.has(key)) {
        problems.push({ file, path, reason: `organisation ${quote(key)} is not known${known.organisationHint ? `; ${known.organisationHint}` : ''}` });
      }
    };
    needForbund('document.forbund', doc.document.forbund);
    if (!doc.document.file && !doc.document.url) {
      problems.push({ file, path: 'document', reason: 'give the document\'s file or url, so every figure can be traced to it' });
    }
    list(doc.memberships).forEach((m, i) => {
      needForbund(`memberships.${i}.forbund`, m.forbund);
      needOrganisation(`memberships.${i}.organisation`, m.organisation);
    });
    list(doc.allocations).forEach((a, i) => {
      needForbund(`allocations.${i}.forbund`, a.forbund);
      list(a.parts).forEach((p, j) => needOrganisation(`allocations.${i}.parts.${j}.organisation`, p.organisation));
    });
    list(doc.observations).forEach((o, i) => {
      needForbund(`observations.${i}.forbund`, o.forbund);
      const measure = measures.get(o.measure);
      if (!measure) {
        problems.push({ file, path: `observations.${i}.measure`, reason: `unknown measure ${quote(o.measure)}` });
        return;
      }
      const given = [
        ...(['numerator', 'denominator', 'statedPercent'] as const).filter((k) => o[k] !== undefined),
        ...(['value', 'valueText'] as const).filter((k) => o[k] !== undefined),
      ];
      const allowed = measure.unit === 'SHARE' ? ['numerator', 'denominator', 'statedPercent'] : measure.unit === 'TEXT' ? ['valueText'] : ['value'];
      const wrong = given.filter((k) => !allowed.includes(k));
      if (wrong.length || !given.length) {
        problems.push({ file, path: `observations.${i}`, reason: `measure ${quote(o.measure)} is ${measure.unit}: give ${allowed.join(' and/or ')}${wrong.length ? `, not ${wrong.join(', ')}` : ''}` });
      }
    });
    for (const [section, rows] of [
      ['goals', list(doc.goals)],
      ['financialLines', list(doc.financialLines)],
      ['insatser', list(doc.insatser)],
      ['boardMembers', list(doc.boardMembers)],
      ['meetings', list(doc.meetings)],
    ] as const) {
      rows.forEach((row, i) => needForbund(`${section}.${i}.forbund`, row.forbund));
    }
    list(doc.boardMembers).forEach((b, i) => needOrganisation(`boardMembers.${i}.organisation`, b.organisation));
  }
}

/** Reads and validates every seed file; throws SeedValidationError listing every problem at once. */
export function readSeeds(dir: string): SeedSet {
  const problems = new Problems();
  const referencePath = join(dir, 'reference.json');
  const docDir = join(dir, 'documents');
  const docFiles = readdirSync(docDir).filter((f) => f.endsWith('.json')).sort();
  const hash = createHash('sha256');
  for (const path of [referencePath, ...docFiles.map((f) => join(docDir, f))]) {
    hash.update(basename(path)).update('\0').update(readFileSync(path)).update('\0');
  }
  const reference = parseFile(referencePath, SeedReferenceFile, problems);
  const documents = docFiles.map((f) => [f, parseFile(join(docDir, f), SeedDocumentFile, problems)] as const);
  const parsed = documents.filter((d): d is [string, SeedDocumentFile] => d[1] !== null);
  const warnings: SeedSet['warnings'] = {};
  if (reference) {
    const known = knownFromReference(reference);
    checkReferences(known, parsed, problems);
    // Seed files and imports are one pipeline: the same plausibility checks, warnings kept with the batch.
    for (const [file, doc] of parsed) {
      const { errors, warnings: found } = checkPlausibility(doc, known.measures);
      problems.addAll(errors.map((e) => ({ file, ...e })));
      if (found.length && doc.document) warnings[doc.document.id] = found.map((w) => ({ file, ...w }));
    }
  }
  // parseFile returns null only after reporting why.
  problems.throwIfAny();
  return { reference: reference!, documents: parsed.map(([, doc]) => doc), checksum: hash.digest('hex'), warnings };
}
