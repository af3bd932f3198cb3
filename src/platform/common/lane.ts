import { nextTurn } from './turns';

/** Thrown by Lane.enter when as many pieces wait as may: the newcomer is refused at once rather than queued. */
export class LaneFull extends Error {}

/**
 * A lane for heavy work: at most `width` pieces at a time, at most `depth` more waiting in turn, the rest
 * refused at once. Heavy queries and charts go through it, cheap requests never do, so however many heavy
 * requests arrive a cheap one waits at most for the work in the lane, not for all of it.
 */
export class Lane {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly width: number,
    readonly depth: number,
  ) {}

  /**
   * Waits for a place — refused with LaneFull when the queue is full, with the signal's reason if it aborts first
   * (a client gone, a deadline passed) — and returns its release, which may be called more than once.
   */
  async enter(signal: AbortSignal): Promise<() => void> {
    if (this.running < this.width) this.running++;
    else if (this.waiting.length >= this.depth) throw new LaneFull();
    else {
      // A place is handed over by the release that frees it, so no newcomer can take it in between.
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal.removeEventListener('abort', stop);
          resolve();
        };
        const stop = () => {
          const at = this.waiting.indexOf(go);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal.reason);
        };
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop, { once: true });
        this.waiting.push(go);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // Handed over on a later turn of the event loop, not in the same run of promise callbacks: requests that
      // arrived meanwhile are read and answered between two pieces of heavy work.
      if (next) void nextTurn().then(next);
      else this.running--;
    };
  }

  get busy(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
