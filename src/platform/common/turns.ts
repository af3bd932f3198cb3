/**
 * Giving the event loop a turn inside long work that must stay on it (GraphQL's completion of each year of a
 * comparison, the serialisation of a large answer, a download's pages), so that other requests' I/O is served
 * in between.
 *
 * The waiting pieces of work form one queue for the whole process, and each turn of the loop goes on with
 * one of them, first come first served: ten heavy requests sliced into pieces of a few milliseconds hold the
 * loop for one piece at a time, not one piece of each. (A setImmediate scheduled while the loop runs its
 * immediates waits for the next turn, after the loop has polled for I/O.)
 */
const waiting: Array<() => void> = [];
let scheduled = false;

function goOn(): void {
  scheduled = false;
  waiting.shift()?.();
  if (waiting.length && !scheduled) {
    scheduled = true;
    setImmediate(goOn);
  }
}

/** Resolves on a later turn of the event loop, after pending I/O has been polled and the pieces queued before this one. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(goOn);
    }
  });
}

/** Work that has run this long without giving the loop a turn should give it one (sliced serialisation). */
export const TURN_BUDGET_MS = 5;

const isPlain = (v: unknown): v is Record<string, unknown> | unknown[] => {
  if (v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(v);
  return Array.isArray(v) ? proto === Array.prototype : proto === Object.prototype || proto === null;
};

/**
 * JSON.stringify(value), to the byte, but giving the event loop a turn whenever `budgetMs` have passed: plain
 * objects and arrays down to `depth` levels are written member by member (what JSON.stringify would write for
 * each, joined as it joins them), anything deeper or not plain (toJSON, class instances) by JSON.stringify
 * itself. For a GraphQL answer of several megabytes: its result, data, root fields and their lists.
 */
export async function stringifyInTurns(value: unknown, depth = 4, budgetMs = TURN_BUDGET_MS): Promise<string> {
  let since = performance.now();
  const parts: string[] = [];
  async function write(v: unknown, level: number): Promise<boolean> {
    if (level >= depth || !isPlain(v)) {
      const text = JSON.stringify(v);
      if (text === undefined) return false;
      parts.push(text);
      if (performance.now() - since > budgetMs) {
        await nextTurn();
        since = performance.now();
      }
      return true;
    }
    if (Array.isArray(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        // An array writes null where JSON.stringify would write nothing (undefined, a function, a symbol).
        if (!(await write(v[i], level + 1))) parts.push('null');
      }
      parts.push(']');
      return true;
    }
    parts.push('{');
    let first = true;
    for (const key of Object.keys(v)) {
      const at = parts.length;
      parts.push(first ? '' : ',', JSON.stringify(key), ':');
      if (await write(v[key], level + 1)) first = false;
      else parts.length = at;
    }
    parts.push('}');
    return true;
  }
  return (await write(value, 0)) ? parts.join('') : (undefined as unknown as string);
}
