/** Values that have broken, or could break, code that trusts its input: shared by every category. */
import { Random } from './random';

export const SLUGS = ['uppsala', 'jamtland', 'nope'] as const;
export const MEASURES = ['to_work_or_studies', 'participants_registered', 'participants_ended', 'profile_gender_share', 'nope'] as const;

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors this API never gave out: wrong shapes, years PostgreSQL cannot hold, NUL bytes, nesting, size. */
export function forgedCursor(rng: Random): string {
  return rng.pick([
    () => b64('["uppsala","to_work_or_studies",2147483648,"ALL","x","y"]'),
    () => b64('["uppsala","to_work_or_studies",1e400,"ALL","x","y"]'),
    () => b64('["upp\\u0000sala","to_work_or_studies",2017,"ALL","x","y"]'),
    () => b64('["\\ud800","to_work_or_studies",2017,"ALL","x","y"]'),
    () => b64('{"__proto__":{"polluted":true}}'),
    () => b64(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    () => b64(JSON.stringify(Array.from({ length: 20000 }, (_, i) => i))),
    () => '!!!not base64!!!',
    () => '',
    () => 'A'.repeat(rng.int(1, 200000)),
  ])();
}

/** A string with NUL bytes, lone surrogates, injection text, odd dates or sheer size; size grows with `progress`. */
export function hostileString(rng: Random, progress = 1): string {
  return rng.pick([
    () => 'a\u0000',
    () => '\u0000',
    () => `${rng.pick(SLUGS)}\u0000`,
    () => '\ud800',
    () => 'a\udfff',
    () => '\udbff\udfff',
    () => "'; DROP TABLE forbund; --",
    () => '%',
    () => '_%\\',
    () => '../../../etc/passwd',
    () => '\u202eslaspu',
    () => '😀🇸🇪',
    () => '\r\n\t',
    () => ' UPPSALA ',
    () => '-1',
    () => '9'.repeat(400),
    () => '1e309',
    () => 'NaN',
    () => '-004714-01-01T00:00:00Z',
    () => '+275760-09-13T00:00:00.000Z',
    () => '+275760-09-14T00:00:00.000Z',
    () => '0000-00-00',
    () => '2017-02-30T25:61:61Z',
    () => forgedCursor(rng),
    () => 'x'.repeat(rng.int(1, 1 + Math.floor(progress * 1_000_000))),
    () => '\u0000'.repeat(rng.int(1, 10000)),
    () => '\ud800'.repeat(rng.int(1, 10000)),
  ])();
}

/** A GraphQL string literal. JSON's escapes are GraphQL's, so lone surrogates stay escaped (the parser must reject them). */
export const stringLiteral = (value: string) => JSON.stringify(value);

/** A value short enough for a report line: escaped, cut, with its length. */
export function preview(value: string): string {
  const shown = JSON.stringify(value.slice(0, 24));
  return value.length > 24 ? `${shown}… (${value.length} chars)` : shown;
}
