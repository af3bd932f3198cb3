import { RequestContext } from '../../platform/common/context';
import { preferredAllocations } from '../../domain/allocations/allocations.loaders';
import { Forbund } from '../../domain/forbund/forbund.entity';
import { countiesByCode } from '../../domain/counties/counties.loaders';
import { forbundById } from '../../domain/forbund/forbund.loaders';
import { PeerGroupKind } from './comparison.types';
import { allocationBand } from '../stats/comparison';

export interface PeerKey {
  key: string;
  label: string;
}

/** Peer group of each förbund in each year asked, per grouping kind; a förbund with no known fact has none. */
export async function peerKeysFor(
  ctx: RequestContext,
  forbundIds: number[],
  keys: ReadonlyArray<{ year: number; peerGroup: PeerGroupKind | null }>,
): Promise<Map<PeerGroupKind, Map<string, PeerKey>>> {
  const result = new Map<PeerGroupKind, Map<string, PeerKey>>();
  const years = [...new Set(keys.map((k) => k.year))];
  if (keys.some((k) => k.peerGroup === PeerGroupKind.COUNTY)) {
    const forbund = (await ctx.loader(forbundById).loadMany(forbundIds)) as Forbund[];
    const counties = await countiesByCode(ctx);
    const byKey = new Map<string, PeerKey>();
    for (const f of forbund) {
      const county = f.countyCode === null ? undefined : counties.get(f.countyCode);
      if (county) for (const year of years) byKey.set(`${f.id}|${year}`, { key: county.code, label: county.name });
    }
    result.set(PeerGroupKind.COUNTY, byKey);
  }
  if (keys.some((k) => k.peerGroup === PeerGroupKind.ALLOCATION_BAND)) {
    const pairs = forbundIds.flatMap((forbundId) => years.map((year) => ({ forbundId, year })));
    const allocations = await preferredAllocations(ctx, pairs);
    const byKey = new Map<string, PeerKey>();
    pairs.forEach((p, i) => {
      const total = allocations[i]?.totalSek;
      if (total != null) {
        const band = allocationBand(Number(total));
        byKey.set(`${p.forbundId}|${p.year}`, { key: band.key, label: band.label });
      }
    });
    result.set(PeerGroupKind.ALLOCATION_BAND, byKey);
  }
  return result;
}
