import { MAX_QUOTED_CHARS, MAX_JSON_DEPTH, quote, unsafeJsonText, unsafeTextReason } from '../../src/platform/common/text';
import { isCalendarDate } from '../../src/ingest/format/document';

describe('text the database accepts', () => {
  it('refuses NUL and lone surrogates, accepts paired surrogates and ordinary text', () => {
    expect(unsafeTextReason('Östersund – 2017 😀')).toBeNull();
    expect(unsafeTextReason('a\u0000b')).toMatch(/NUL .* position 1/);
    expect(unsafeTextReason('x\ud800')).toMatch(/lone UTF-16 surrogate at position 1/);
    expect(unsafeTextReason('\udc00y')).toMatch(/lone UTF-16 surrogate at position 0/);
  });

  it('quotes a short, escaped excerpt, never the whole value', () => {
    const long = `root:x:0:0:root:/root:/bin/bash\n${'x'.repeat(10000)}`;
    const quoted = quote(long);
    expect(quoted.length).toBeLessThan(MAX_QUOTED_CHARS + 10);
    expect(quoted).toContain('\\n');
    expect(quote('a\u0000\u009b\ud800')).toBe('"a\\u0000\\u009b\\ud800"');
  });

  it('finds unsafe keys and values with their paths, and stops at too deep a nesting', () => {
    const found = [...unsafeJsonText({ ok: 'fine', rows: [{ note: 'a\u0000' }], ['k\u0000']: 1 })];
    expect(found).toEqual([
      { path: 'rows.0.note', reason: expect.stringMatching(/NUL/) },
      { path: '"k\\u0000"', reason: expect.stringMatching(/field name .* NUL/) },
    ]);
    let deep: unknown = 'x';
    for (let i = 0; i < 100000; i++) deep = [deep];
    expect([...unsafeJsonText(deep)]).toEqual([{ path: expect.any(String), reason: `nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('accepts only real calendar dates PostgreSQL can store', () => {
    for (const d of ['2017-12-31', '2024-02-29', '2000-02-29', '0001-01-01']) expect(isCalendarDate(d)).toBe(true);
    for (const d of ['2024-02-31', '2023-02-29', '1900-02-29', '2017-13-01', '2017-00-10', '0000-01-01', '2017-1-1', '20170101']) expect(isCalendarDate(d)).toBe(false);
  });
});
