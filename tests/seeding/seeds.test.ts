import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeeds, readSeeds } from '../../src/ingest/seed';
import { InputRejected } from '../../src/ingest/format/problems';
import { backends, openTestDatabase, tableChecksums, TestDatabase } from '../support/database';

describe.each(backends)('seed loading on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend, { seed: false });
  });
  afterAll(() => db.close());

  it('loads every seed document, then a second load changes nothing', async () => {
    const first = await loadSeeds(db.dataSource, 'seeds');
    expect(first.changed).toBe(true);
    expect(first.documents).toBe(readSeeds('seeds').documents.length);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM source_document WHERE file IS NOT NULL');
    expect(n).toBe(5);
    const before = await tableChecksums(db);
    const second = await loadSeeds(db.dataSource, 'seeds');
    expect(second).toMatchObject({ changed: false, rows: 0 });
    expect(await tableChecksums(db)).toEqual(before);
  });

  it('rejects a bad seed set naming file, path and reason for every problem, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finsam-bad-seeds-'));
    cpSync('seeds', dir, { recursive: true });
    const path = join(dir, 'documents', 'uppsala-ar-2017.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.allocations[0].totalSek = '21 585 170'; // a space where the format wants digits
    doc.observations[0].measure = 'no_such_measure';
    doc.goals[0].status = 'DONE';
    delete doc.financialLines[0].locator;
    writeFileSync(path, JSON.stringify(doc));
    writeFileSync(join(dir, 'documents', 'broken.json'), '{ "formatVersion": 1, ');
    const before = await tableChecksums(db);

    const error = await loadSeeds(db.dataSource, dir, undefined).catch((e) => e);
    expect(error).toBeInstanceOf(InputRejected);
    const problems = (error as InputRejected).problems;
    const where = problems.map((p) => `${p.file} ${p.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'uppsala-ar-2017.json allocations.0.totalSek',
        'uppsala-ar-2017.json observations.0.measure',
        'uppsala-ar-2017.json goals.0.status',
        'uppsala-ar-2017.json financialLines.0.locator',
        'broken.json (file)',
      ]),
    );
    expect(problems.every((p) => p.reason.length > 0)).toBe(true);
    expect(await tableChecksums(db)).toEqual(before);
  });
});
