/** Query parameters of the GET resources (CSV export, charts), checked like GraphQL arguments: same limits, same codes. */
import { badInput } from '../common/errors';
import { dateOutOfRange, unsafeTextReason } from '../common/text';

/** Refuses any parameter name or value PostgreSQL could not take and, when `known` is given, any other name. */
export function checkParams(params: URLSearchParams, known?: readonly string[]): void {
  for (const [name, value] of params) {
    const reason = unsafeTextReason(name) ?? unsafeTextReason(value);
    if (reason) throw badInput(`Query parameter ${JSON.stringify(name.slice(0, 40))} ${reason}`);
    if (known && !known.includes(name)) throw badInput(`Unknown query parameter ${JSON.stringify(name.slice(0, 40))}; valid: ${known.join(', ')}`);
  }
}

export function dateParam(name: string, value: string | null): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (dateOutOfRange(d)) throw badInput(`${name} must be an ISO 8601 date-time between the years 1 and 9999, e.g. 2026-01-01T00:00:00Z`);
  return d;
}
