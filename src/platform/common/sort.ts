/** A comparator ordering by a tuple of numbers, first element first: for "prefer X, then Y" rules. */
export function byScore<T>(score: (t: T) => number[]): (a: T, b: T) => number {
  return (a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] - sb[i];
    return 0;
  };
}
