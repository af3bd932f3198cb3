/**
 * Results that depend only on the data, not on who asks: national comparisons, the measures, the source
 * documents. Every write bumps the data version (migration DataVersion), so a result computed at one version
 * is reused by every request that reads at that version, and dropped when the version moves on. Requests as
 * of a past moment (asOf) are not memoised: they are rare and each asks for a different moment.
 */
export class VersionMemo {
  private version: string | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  /** @param maxEntries a bound, so requests for many distinct keys cannot grow the heap without end */
  constructor(private readonly maxEntries = 200) {}

  /**
   * The result for `key` at `version`, computed by `compute` on first use (inside the asking request, with
   * its deadline). A failed computation is not kept, and a request that was waiting for another's computes
   * for itself: one request's hang-up or deadline never becomes another's error.
   */
  get<T>(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const known = this.entries.get(key);
    if (known) return (known as Promise<T>).catch(() => this.get(version, key, compute));
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const pending = compute();
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }
}

/**
 * One value computed on first use and shared (a comparison's rank intervals), with VersionMemo's rule for
 * failures: a failed computation is not kept, and those who were waiting for it compute for themselves.
 */
export class Shared<T> {
  private pending: Promise<T> | null = null;

  get(compute: () => Promise<T>): Promise<T> {
    const known = this.pending;
    if (known) return known.catch(() => this.get(compute));
    const pending = compute();
    this.pending = pending;
    pending.catch(() => {
      if (this.pending === pending) this.pending = null;
    });
    return pending;
  }
}
