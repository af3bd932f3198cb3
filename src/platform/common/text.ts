/**
 * What text the database accepts, and how to quote what a writer sent without echoing it wholesale.
 * PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16 surrogate cannot be encoded as UTF-8
 * (jsonb refuses its \ud800 escape outright); either would surface as an SQL error, so both are
 * caught before any SQL runs.
 */

/** Longest excerpt of a writer's value quoted back in a problem. */
export const MAX_QUOTED_CHARS = 40;

/** Why PostgreSQL would refuse the string, or null when it accepts it. */
export function unsafeTextReason(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return `contains a NUL character (\\u0000) at position ${i}`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `contains a lone UTF-16 surrogate at position ${i}`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `contains a lone UTF-16 surrogate at position ${i}`;
  }
  return null;
}

/**
 * A short, printable rendering of a value for a problem message: control and unpaired characters are
 * escaped and anything past MAX_QUOTED_CHARS is cut, so a problem never carries a file's raw contents.
 */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : String(JSON.stringify(value));
  const cut = s.length > MAX_QUOTED_CHARS ? `${s.slice(0, MAX_QUOTED_CHARS)}…` : s;
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates.
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A field name as a path segment: plain names as they are, anything else quoted and cut. */
export function pathSegment(key: string | number): string {
  return typeof key === 'number' || /^[A-Za-z0-9_$]{1,64}$/.test(key) ? String(key) : quote(key);
}

/** Deepest nesting a report's JSON may have; real reports need 5 (meetings.decisions.grants). */
export const MAX_JSON_DEPTH = 16;

/**
 * Every string (key or value) of a JSON value the database would refuse, with its path; nesting deeper
 * than MAX_JSON_DEPTH is reported once instead of walked, so a hostile document cannot exhaust the stack.
 */
export function* unsafeJsonText(value: unknown, path = '', depth = 0): Generator<{ path: string; reason: string }> {
  const at = (key: string | number) => (path ? `${path}.${pathSegment(key)}` : pathSegment(key));
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    if (reason) yield { path: path || '(value)', reason: `text the database cannot store: ${reason}` };
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (depth >= MAX_JSON_DEPTH) {
    yield { path: path || '(value)', reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* unsafeJsonText(value[i], at(i), depth + 1);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const reason = unsafeTextReason(key);
    if (reason) {
      yield { path: at(key), reason: `field name the database cannot store: ${reason}` };
      continue;
    }
    yield* unsafeJsonText(v, at(key), depth + 1);
  }
}

/** PostgreSQL's timestamptz runs from 4713 BC; dates are refused well inside that, at years 1–9999. */
export function dateOutOfRange(date: Date): boolean {
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999;
}

/** Text made safe inside XML or HTML, as element content or a quoted attribute value. */
export const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
