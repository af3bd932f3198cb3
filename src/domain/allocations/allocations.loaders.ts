import { inForce } from '../../platform/common/validity';
import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { AmountKind } from '../../platform/common/enums';
import { groupedLoader } from '../../platform/common/loaders';
import { SourceDocument } from '../sources/source-document.entity';
import { documentById } from '../sources/sources.loaders';
import { Allocation, AllocationPart } from './allocation.entity';
import { preferredAllocation } from './preferred';
import { fastFind } from '../../platform/db/fast-find';

export const allocationsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<{ year?: number }, Allocation>(
    (ids, { year }) => fastFind(db, Allocation, { where: { forbundId: In(ids), ...(year === undefined ? {} : { year }), ...inForce(ctx.asOf) }, order: { year: 'ASC', id: 'ASC' } }),
    (a) => a.forbundId,
  );

export const partsByAllocation = (db: EntityManager) =>
  groupedLoader<null, AllocationPart>(
    (ids) => fastFind(db, AllocationPart, { where: { allocationId: In(ids) }, order: { position: 'ASC' } }),
    (p) => p.allocationId,
  );

/** The allocation a förbund-year is best described by, for every (förbund, year) asked, in batched loads. */
export async function preferredAllocations(
  ctx: RequestContext,
  pairs: Array<{ forbundId: number; year: number }>,
  kind?: AmountKind,
): Promise<Array<Allocation | null>> {
  const lists = (await Promise.all(pairs.map((p) => ctx.loader(allocationsByForbund).load({ id: p.forbundId, filter: { year: p.year } })))).map((list) =>
    list.filter((a) => !kind || a.kind === kind),
  );
  const all = lists.flat();
  const [parts, docs] = await Promise.all([
    ctx.loader(partsByAllocation).loadMany(all.map((a) => ({ id: a.id, filter: null }))),
    ctx.loader(documentById).loadMany([...new Set(all.map((a) => a.sourceDocumentId))]),
  ]);
  const partCount = new Map(all.map((a, i) => [a.id, (parts[i] as unknown[]).length]));
  const status = new Map((docs as SourceDocument[]).map((d) => [d.id, d.status]));
  return lists.map(
    (list) =>
      preferredAllocation(list.map((a) => ({ allocation: a, kind: a.kind, totalSek: a.totalSek, status: status.get(a.sourceDocumentId)!, partCount: partCount.get(a.id)! })))
        ?.allocation ?? null,
  );
}
