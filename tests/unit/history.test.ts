import { canonical, identify, sumCounts } from '../../src/ingest/write/apply';
import { SECTIONS } from '../../src/ingest/write/sections';

describe('canonical', () => {
  it('ignores key order (jsonb does not keep it) and undefined fields', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe(canonical({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1, e: undefined }));
    expect(canonical({ value: '164' })).not.toBe(canonical({ value: '165' }));
  });
});

describe('identify', () => {
  const lines = SECTIONS.find((s) => s.table === 'financial_line')!;
  const line = (label: string, amountSek: string) => ({ forbund: 'uppsala', year: 2017, statement: 'NOTES', section: 'Not 3', label, kind: 'ACTUAL', amountSek });

  it('names a figure by what it is, not by its value, so a corrected amount is a change of the same figure', () => {
    const [a] = identify(lines, [line('Lokus Heby', '-2021489')]);
    const [b] = identify(lines, [line('Lokus Heby', '-2021490')]);
    expect(a.identity).toBe(b.identity);
    expect(a.identity).toBe('uppsala|2017|NOTES|Not 3|Lokus Heby|ACTUAL');
    expect(canonical(a.content)).not.toBe(canonical(b.content));
  });

  it('numbers repeated identities in file order and keeps each row its position', () => {
    const items = identify(lines, [line('Summa', '1'), line('Övrigt', '2'), line('Summa', '3')]);
    expect(items.map((i) => [i.identity.split('|').pop(), i.index])).toEqual([
      ['ACTUAL', 0],
      ['ACTUAL', 1],
      ['ACTUAL#2', 2],
    ]);
  });

  it('compares an insats by its description only; its yearly figures are a section of their own', () => {
    const insatser = SECTIONS.find((s) => s.table === 'insats')!;
    const [item] = identify(insatser, [{ forbund: 'uppsala', key: 'gesam', name: 'GESAM', figures: [{ year: 2017, costSek: '555000' }] }]);
    expect(item.content).toEqual({ forbund: 'uppsala', key: 'gesam', name: 'GESAM' });
  });
});

describe('sumCounts', () => {
  it('adds the counts of every table', () => {
    expect(sumCounts({ goal: { added: 1, changed: 0, removed: 2, unchanged: 3 }, observation: { added: 4, changed: 1, removed: 0, unchanged: 5 } })).toEqual({
      added: 5,
      changed: 1,
      removed: 2,
      unchanged: 8,
    });
  });
});
