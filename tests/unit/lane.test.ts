import { Lane, LaneFull } from '../../src/platform/common/lane';

const tick = () => new Promise((r) => setImmediate(r));

describe('Lane', () => {
  it('lets `width` in at once and the rest in turn, in the order they came', async () => {
    const lane = new Lane(2, 2);
    const order: string[] = [];
    const a = await lane.enter(new AbortController().signal);
    const b = await lane.enter(new AbortController().signal);
    const c = lane.enter(new AbortController().signal).then((leave) => (order.push('c'), leave));
    const d = lane.enter(new AbortController().signal).then((leave) => (order.push('d'), leave));
    await tick();
    expect([lane.busy, lane.queued, order]).toEqual([2, 2, []]);
    a();
    a(); // a second release frees nothing more
    await tick();
    expect([lane.busy, lane.queued, order]).toEqual([2, 1, ['c']]);
    b();
    await tick();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
    expect([lane.busy, lane.queued]).toEqual([0, 0]);
  });

  it('gives up waiting when the signal aborts, with its reason, and keeps the others\' turns', async () => {
    const lane = new Lane(1, 8);
    const leave = await lane.enter(new AbortController().signal);
    const gone = new AbortController();
    const waiting = lane.enter(gone.signal);
    const next = lane.enter(new AbortController().signal);
    gone.abort(new Error('client gone'));
    await expect(waiting).rejects.toThrow('client gone');
    leave();
    const leaveNext = await next;
    expect(lane.busy).toBe(1);
    leaveNext();
    expect(lane.busy).toBe(0);
    const aborted = new AbortController();
    aborted.abort(new Error('already'));
    // A place free is taken even with an aborted signal: the signal only bounds the wait.
    (await lane.enter(aborted.signal))();
  });

  it('refuses a newcomer at once when `depth` already wait, and takes one again once the queue moves', async () => {
    const lane = new Lane(1, 1);
    const leave = await lane.enter(new AbortController().signal);
    const waiting = lane.enter(new AbortController().signal);
    await expect(lane.enter(new AbortController().signal)).rejects.toBeInstanceOf(LaneFull);
    expect([lane.busy, lane.queued]).toEqual([1, 1]);
    leave();
    const leaveNext = await waiting;
    const third = lane.enter(new AbortController().signal);
    expect(lane.queued).toBe(1);
    leaveNext();
    (await third)();
    expect([lane.busy, lane.queued]).toEqual([0, 0]);
  });
});
