import { inSlices, nextTurn, stringifyInTurns } from '../../src/platform/common/turns';

describe('stringifyInTurns', () => {
  const awkward: unknown[] = [
    null,
    undefined,
    0,
    -0,
    NaN,
    Infinity,
    'å "quoted" \u2028 \ud800 \n',
    true,
    [],
    {},
    [undefined, () => 1, Symbol('s'), null, [[]]],
    { a: undefined, b: () => 1, c: Symbol('s'), d: 1, '': 2, 10: 'ten', 2: 'two', 'ä\n"': [{}] },
    Object.assign(Object.create(null), { data: Object.assign(Object.create(null), { x: [1, { y: null }] }) }),
    { when: new Date(0), boxed: [new Number(1), new String('s')], map: new Map([[1, 2]]), own: { toJSON: () => ({ replaced: true }) } },
    { nested: { deeper: { deepest: { bottom: [1, [2, [3, [4, [5]]]]] } } } },
    [, 1, , 2], // holes
  ];

  it('writes what JSON.stringify writes, to the byte, at every depth, with a turn after every piece', async () => {
    for (const value of awkward) {
      for (const depth of [0, 1, 2, 4, 8]) {
        expect([depth, await stringifyInTurns(value, depth, 0)]).toEqual([depth, JSON.stringify(value)]);
      }
    }
  });

  it('writes a large GraphQL-shaped answer identically, giving the loop turns on the way', async () => {
    const entry = (i: number) => ({ forbund: { slug: `bench-${i}` }, value: { numerator: i, denominator: 3 * i + 1, value: i / (3 * i + 1) }, ci95: null, rank: i });
    const answer = { data: Object.fromEntries(Array.from({ length: 7 }, (_, a) => [`y${2019 + a}`, { entries: Array.from({ length: 2000 }, (_, i) => entry(i)) }])) };
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const text = await stringifyInTurns(answer, 4, 1);
    counting = false;
    expect(text).toBe(JSON.stringify(answer));
    expect(turns).toBeGreaterThan(1);
  });
});

describe('inSlices', () => {
  it('keeps the items in order, the first slice as they are and each later one a turn after the one before', async () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const sliced = inSlices(items, 4);
    expect(sliced.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(sliced.slice(4).every((x) => x instanceof Promise)).toBe(true);
    const seen: string[] = [];
    for (const x of sliced) void Promise.resolve(x).then((v) => seen.push(`item ${v}`));
    // An immediate scheduled now runs before the second slice, which waits for a later turn than it.
    setImmediate(() => seen.push('other work'));
    expect(await Promise.all(sliced)).toEqual(items);
    await nextTurn();
    expect(seen).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'other work', 'item 4', 'item 5', 'item 6', 'item 7', 'item 8', 'item 9']);
    expect(inSlices([1, 2], 4)).toEqual([1, 2]);
  });

  it('goes on with one waiting piece a turn, whoever it belongs to, first come first served', async () => {
    const seen: string[] = [];
    let ticking = true;
    const tick = () => {
      seen.push('turn');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const a = inSlices(['a1', 'a2', 'a3'], 1);
    const b = inSlices(['b1', 'b2', 'b3'], 1);
    for (const x of [...a, ...b]) void Promise.resolve(x).then((v) => seen.push(v));
    await Promise.all([...a, ...b]);
    ticking = false;
    const pieces = seen.filter((x) => x !== 'turn');
    expect(pieces).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    // After the first slices (given as they are), never two pieces in one turn.
    const afterFirst = seen.slice(seen.indexOf('b1') + 1).join(' ');
    expect(afterFirst).not.toMatch(/[ab]\d [ab]\d/);
  });
});
