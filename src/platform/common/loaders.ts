import DataLoader from 'dataloader';

export interface GroupKey<F> {
  id: number;
  filter: F;
}

/**
 * A loader of "all rows belonging to parent id, under filter F". Keys with the same filter are fetched in
 * one query whatever the number of parents, so a request's statement count depends only on how many
 * distinct filters it uses, never on how many förbund it touches.
 */
export function groupedLoader<F, Row>(
  fetch: (ids: number[], filter: F) => Promise<Row[]>,
  parentOf: (row: Row) => number,
): DataLoader<GroupKey<F>, Row[], string> {
  return new DataLoader<GroupKey<F>, Row[], string>(
    async (keys) => {
      const byFilter = new Map<string, { filter: F; ids: number[] }>();
      for (const key of keys) {
        const f = JSON.stringify(key.filter);
        const group = byFilter.get(f) ?? { filter: key.filter, ids: [] };
        group.ids.push(key.id);
        byFilter.set(f, group);
      }
      const rowsByKey = new Map<string, Row[]>();
      await Promise.all(
        [...byFilter.entries()].map(async ([f, group]) => {
          for (const row of await fetch([...new Set(group.ids)], group.filter)) {
            const k = `${parentOf(row)}|${f}`;
            const list = rowsByKey.get(k) ?? [];
            list.push(row);
            rowsByKey.set(k, list);
          }
        }),
      );
      return keys.map((key) => rowsByKey.get(`${key.id}|${JSON.stringify(key.filter)}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.id}|${JSON.stringify(key.filter)}` },
  );
}

/** A loader of single rows by their key; a missing row loads as null. */
export function byKeyLoader<K extends string | number, Row>(
  fetch: (keys: K[]) => Promise<Row[]>,
  keyOf: (row: Row) => K,
): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(async (keys) => {
    const rows = new Map((await fetch([...keys])).map((row) => [keyOf(row), row] as const));
    return keys.map((key) => rows.get(key) ?? null);
  });
}
