/**
 * A report is one förbund's year: it adds figures, and never changes what every förbund shares — the registry's
 * förbund (its name, county, organisation number …) and the organisations. Where a report states these
 * differently from the registry it is not refused (its figures are still right), but never silently ignored
 * either: each difference is a warning naming the row and field, kept with the batch, and the registry keeps
 * its value.
 */
import { Forbund } from '../../domain/forbund/forbund.entity';
import { Organisation } from '../../domain/members/organisation.entity';
import { quote } from '../../platform/common/text';
import { ReportHeader } from '../format/report';

interface Finding {
  path: string;
  reason: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function differences<T extends object>(given: Partial<T>, stored: T, fields: Array<keyof T & string>, path: string, what: string): Finding[] {
  return fields
    .filter((f) => given[f] !== undefined && !same(given[f], stored[f]))
    .map((f) => ({
      path: `${path}.${f}`,
      reason: `the registry has ${quote(stored[f] ?? null)} and keeps it: a report does not change ${what} (this one gives ${quote(given[f])}); an admin changes the registry`,
    }));
}

export function sharedDataWarnings(header: ReportHeader, stored: { forbund: Forbund | undefined; organisations: Map<string, Organisation> }): Finding[] {
  const forbund = stored.forbund
    ? differences<Forbund>(header.forbund as Partial<Forbund>, stored.forbund, ['name', 'otherNames', 'countyCode', 'organisationNumber', 'website'], 'forbund', 'a registered förbund')
    : [];
  const organisations = (header.organisations ?? []).flatMap((o, i) => {
    const known = stored.organisations.get(o.key);
    return known ? differences<Organisation>(o as Partial<Organisation>, known, ['name', 'kind', 'municipalityCode', 'countyCode'], `organisations.${i}`, 'a shared organisation') : [];
  });
  return [...forbund, ...organisations];
}
