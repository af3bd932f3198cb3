/**
 * Why PostgreSQL would refuse a text, or null when it would store it: a NUL byte, or half of a UTF-16
 * surrogate pair (which has no UTF-8 form). Checked on every input before any SQL is sent.
 */
export function unsafeTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL byte (U+0000), which cannot be stored';
  // A high surrogate not followed by a low one, or a low one not preceded by a high one.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode text';
  return null;
}

/** The first unsafe text anywhere in a JSON-like value (keys too), with its path, e.g. "report.goals.3.text". */
export function findUnsafeText(value: unknown, path: string): { path: string; reason: string } | null {
  // An explicit stack: a hostile, deeply nested value must not overflow the call stack.
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      const reason = unsafeTextReason(v);
      if (reason) return { path: p, reason };
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${p}.${i}`]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const reason = unsafeTextReason(k);
        if (reason) return { path: `${p}.${k}`, reason: `has a key that ${reason}` };
        stack.push([item, `${p}.${k}`]);
      }
    }
  }
  return null;
}

/** PostgreSQL's timestamptz runs from 4713 BC; dates are refused well inside that, at years 1–9999. */
export function dateOutOfRange(date: Date): boolean {
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999;
}
