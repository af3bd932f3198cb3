/** fastFind (src/platform/db/fast-find.ts) must give exactly what TypeORM's find gives: the same classes, columns and values. */
import { EntityTarget, FindManyOptions, ObjectLiteral } from 'typeorm';
import { Allocation, AllocationPart } from '../../src/domain/allocations/allocation.entity';
import { fastFind } from '../../src/platform/db/fast-find';
import { Forbund } from '../../src/domain/forbund/forbund.entity';
import { Measure } from '../../src/domain/measures/measure.entity';
import { Observation } from '../../src/domain/measures/observation.entity';
import { Organisation } from '../../src/domain/members/organisation.entity';
import { SourceDocument } from '../../src/domain/sources/source-document.entity';
import { backends, openTestDatabase, TestDatabase } from '../support/database';

const cases: Array<[string, EntityTarget<ObjectLiteral>, FindManyOptions<ObjectLiteral>]> = [
  ['forbund', Forbund, { order: { slug: 'ASC' } }],
  ['measures', Measure, { order: { code: 'ASC' } }],
  ['documents (dates, arrays)', SourceDocument, { order: { id: 'ASC' } }],
  ['observations (numeric transformers, timestamps)', Observation, { order: { id: 'ASC' } }],
  ['allocations (money as numeric)', Allocation, { where: { year: 2017 }, order: { id: 'ASC' } }],
  ['allocation parts', AllocationPart, { order: { id: 'ASC' } }],
  ['organisations', Organisation, { order: { id: 'ASC' } }],
];

describe.each(backends)('fastFind on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await db.close();
  });

  it.each(cases)('reads %s exactly as find does', async (_name, entity, options) => {
    const expected = await db.dataSource.manager.find(entity, options);
    expect(expected.length).toBeGreaterThan(0);
    expect(await fastFind(db.dataSource.manager, entity, options)).toStrictEqual(expected);
  });
});
