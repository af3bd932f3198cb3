import { EntityManager, In } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { groupedLoader } from '../../platform/common/loaders';
import { inForce } from '../../platform/common/validity';
import { Insats, InsatsFigure } from './insats.entity';

export const insatserByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, Insats>((ids) => db.find(Insats, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { name: 'ASC' } }), (i) => i.forbundId);

/** Every insats figure of a förbund; callers pick an insats's own by key. */
export const insatsFiguresByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, InsatsFigure>(
    (ids) => db.find(InsatsFigure, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { year: 'ASC', id: 'ASC' } }),
    (f) => f.forbundId,
  );

export async function figuresOf(ctx: RequestContext, insats: Insats): Promise<InsatsFigure[]> {
  const figures = await ctx.loader(insatsFiguresByForbund).load({ id: insats.forbundId, filter: null });
  return figures.filter((f) => f.insatsKey === insats.key);
}

/**
 * Several documents may describe the same insats (same key): one description each, the fullest one kept
 * (the later document when equally full). Figures belong to the key, whichever document gave them.
 */
export function distinctInsatser(rows: Insats[]): Insats[] {
  const fullness = (i: Insats) => [i.targetGroup, i.goals, i.result, i.periodStart, i.periodEnd, i.category].filter((v) => v !== null).length + i.parties.length;
  const best = new Map<string, Insats>();
  for (const row of rows) {
    const current = best.get(`${row.forbundId}|${row.key}`);
    if (!current || fullness(row) > fullness(current) || (fullness(row) === fullness(current) && row.id > current.id)) best.set(`${row.forbundId}|${row.key}`, row);
  }
  return rows.filter((r) => best.get(`${r.forbundId}|${r.key}`) === r);
}

/** Whether an insats ran in a year: its period covers the year, or a source gives money for it that year. */
export function activeInYear(insats: Insats, figures: InsatsFigure[], year: number): boolean {
  const start = insats.periodStart ? Number(insats.periodStart.slice(0, 4)) : null;
  const end = insats.periodEnd ? Number(insats.periodEnd.slice(0, 4)) : null;
  const periodCovers = (start !== null || end !== null) && (start === null || start <= year) && (end === null || end >= year);
  return periodCovers || figures.some((f) => f.year === year);
}
