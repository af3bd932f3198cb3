import { VersionMemo } from '../../src/platform/common/version-memo';

describe('VersionMemo: results kept per data version', () => {
  it('computes once per version and key, and again when the version moves on', async () => {
    const memo = new VersionMemo();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await Promise.all([memo.get('1', 'k', compute), memo.get('1', 'k', compute)])).toEqual([1, 1]);
    expect(await memo.get('1', 'other', compute)).toBe(2);
    expect(await memo.get('2', 'k', compute)).toBe(3);
    expect(await memo.get('2', 'k', compute)).toBe(3);
  });

  it("does not keep a failure, and a request waiting on another's failed computation computes for itself", async () => {
    const memo = new VersionMemo();
    let fail!: (e: Error) => void;
    const first = memo.get('1', 'k', () => new Promise<string>((_, reject) => (fail = reject)));
    const waiter = memo.get('1', 'k', async () => 'computed by the waiter');
    fail(new Error('the first client hung up'));
    await expect(first).rejects.toThrow('hung up');
    await expect(waiter).resolves.toBe('computed by the waiter');
    await expect(memo.get('1', 'k', async () => 'not asked again')).resolves.toBe('computed by the waiter');
  });

  it('keeps at most its bound of entries, the oldest leaving first', async () => {
    const memo = new VersionMemo(2);
    let runs = 0;
    const compute = async () => ++runs;
    await memo.get('1', 'a', compute);
    await memo.get('1', 'b', compute);
    await memo.get('1', 'c', compute);
    expect(await memo.get('1', 'c', compute)).toBe(3);
    expect(await memo.get('1', 'a', compute)).toBe(4);
  });
});
