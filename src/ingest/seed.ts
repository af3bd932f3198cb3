import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Forbund } from '../domain/forbund/forbund.entity';
import { ComparisonMethod, Measure, Polarity } from '../domain/measures/measure.entity';
import { Organisation } from '../domain/members/organisation.entity';
import { applyDocument, createBatch, recordSummary } from './write/apply';
import { Keys } from './write/sections';
import { SeedReferenceFile } from './format/document';
import { readSeeds, SeedSet } from './check/problems';

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

async function upsertReference(em: EntityManager, ref: SeedReferenceFile): Promise<void> {
  await upsertAll(
    em,
    Organisation,
    ref.organisations.map((o) => ({
      key: o.key,
      name: o.name,
      kind: o.kind as Organisation['kind'],
      municipalityCode: nil(o.municipalityCode),
      county: nil(o.county),
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
      county: nil(f.county),
      organisationNumber: nil(f.organisationNumber),
      foundedYear: nil(f.foundedYear),
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

/** Ids of every förbund and organisation, by slug and key. */
export async function loadKeys(em: EntityManager): Promise<Keys> {
  return {
    forbund: new Map((await em.find(Forbund)).map((f) => [f.slug, f.id])),
    organisation: new Map((await em.find(Organisation)).map((o) => [o.key, o.id])),
  };
}

/**
 * Loads the seed files in one transaction. Idempotent: when the files' checksum equals the one recorded
 * by the last load, nothing is written; otherwise each seed document is applied like an import, so
 * only figures that changed get new versions, with history.
 */
export async function loadSeeds(dataSource: DataSource, dir: string, scope: 'all' | 'reference' = 'all', seeds: SeedSet = readSeeds(dir)): Promise<SeedResult> {
  // With scope "reference" the database gets what every deployment needs, and no förbund.
  const documents = scope === 'all' ? seeds.documents : seeds.documents.filter((d) => !d.document.forbund);
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
