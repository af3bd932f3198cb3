import { nextTurn, stringifyInTurns } from '../../src/platform/common/turns';

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

describe('nextTurn', () => {
  it('goes on with one waiting piece of work a turn, whoever it belongs to, first come first served', async () => {
    const seen: string[] = [];
    let ticking = true;
    const tick = () => {
      seen.push('turn');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const work = async (name: string) => {
      for (let piece = 1; piece <= 3; piece++) {
        await nextTurn();
        seen.push(`${name}${piece}`);
      }
    };
    await Promise.all([work('a'), work('b')]);
    ticking = false;
    expect(seen.filter((x) => x !== 'turn')).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    // Never two pieces in one turn: another callback (the ticker, I/O) runs between any two.
    expect(seen.join(' ')).not.toMatch(/[ab]\d [ab]\d/);
  });
});
