import { RequestContext } from '../../platform/common/context';
import { fastFind } from '../../platform/db/fast-find';
import { County } from './county.entity';

/** SCB's 21 counties by code: read once per data version. */
export function countiesByCode(ctx: RequestContext): Promise<Map<string, County>> {
  return ctx.shared('counties', async () => new Map((await fastFind(ctx.db, County, { order: { code: 'ASC' } })).map((c) => [c.code, c])));
}

/** A county's name by code, null for no code. */
export async function countyName(ctx: RequestContext, code: string | null): Promise<string | null> {
  return code === null ? null : ((await countiesByCode(ctx)).get(code)?.name ?? null);
}
