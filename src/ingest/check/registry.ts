/**
 * What a report says of a förbund's place in the registry, checked against the registry: its members lie in its
 * county, their periods lie within its life, its organisationsnummer passes the check digit. Every problem is
 * named by row and field, all at once; nothing is written while one stands.
 */
import { quote } from '../../platform/common/text';
import { DocumentFile } from '../format/document';

interface Finding {
  path: string;
  reason: string;
}

/** What the registry holds of the organisations and of the förbund a report is about. */
export interface RegistryFacts {
  organisations: Map<string, { name: string; kind: string; countyCode: string | null }>;
  /** The förbund's county: the registry's, else (a new förbund) the report's. */
  countyCode: string | null;
  /** Years of the stored FOUNDED and DISSOLVED (or MERGED_INTO) facts, when the report does not state its own. */
  founded: number | null;
  ended: number | null;
}

/**
 * The Luhn check digit of a Swedish organisationsnummer (as of personnummer): the tenth digit makes the weighted
 * sum of all ten a multiple of 10. 222000-2576 (Samordningsförbundet Uppsala län): 2·2 + 2 + 2·2 + 0 + 0 + 0 + 2·2 +
 * 5 + (7·2 → 1+4) = 24, so the check digit is 6.
 */
export function organisationNumberValid(number: string): boolean {
  const digits = number.replace('-', '').split('').map(Number);
  if (digits.length !== 10 || digits.some(Number.isNaN)) return false;
  const sum = digits.reduce((s, d, i) => {
    const w = i % 2 === 0 ? d * 2 : d;
    return s + (w > 9 ? w - 9 : w);
  }, 0);
  return sum % 10 === 0;
}

const yearOf = (date: string | undefined) => (date === undefined ? null : Number(date.slice(0, 4)));

export function registryProblems(doc: DocumentFile, organisationNumber: string | undefined, registry: RegistryFacts): Finding[] {
  const found: Finding[] = [];
  if (organisationNumber !== undefined && !organisationNumberValid(organisationNumber)) {
    found.push({ path: 'forbund.organisationNumber', reason: `${quote(organisationNumber)} fails the organisationsnummer's check digit (Luhn): check the digits` });
  }
  const facts = doc.forbundFacts ?? [];
  const stated = (kinds: string[]) => yearOf(facts.find((f) => kinds.includes(f.fact))?.date);
  const founded = stated(['FOUNDED']) ?? registry.founded;
  const ended = stated(['DISSOLVED', 'MERGED_INTO']) ?? registry.ended;
  if (founded !== null && ended !== null && ended < founded) {
    found.push({ path: 'forbundFacts', reason: `the förbund ends in ${ended}, before it was founded in ${founded}` });
  }
  doc.memberships.forEach((m, i) => {
    const path = `memberships.${i}`;
    if (m.fromYear !== undefined && m.toYear !== undefined && m.toYear < m.fromYear) {
      found.push({ path: `${path}.toYear`, reason: `the membership ends in ${m.toYear}, before it begins in ${m.fromYear}` });
    }
    if (founded !== null && m.fromYear !== undefined && m.fromYear < founded) {
      found.push({ path: `${path}.fromYear`, reason: `${m.fromYear} is before the förbund was founded (${founded}): a member's period lies within the förbund's life` });
    }
    if (ended !== null && m.toYear !== undefined && m.toYear > ended) {
      found.push({ path: `${path}.toYear`, reason: `${m.toYear} is after the förbund ended (${ended}): a member's period lies within the förbund's life` });
    }
    const member = registry.organisations.get(m.organisation);
    if (member && registry.countyCode && member.countyCode && member.countyCode !== registry.countyCode) {
      found.push({
        path: `${path}.organisation`,
        reason: `${member.name} (${m.organisation}) lies in county ${member.countyCode}, the förbund in ${registry.countyCode}: a förbund's municipalities and region are those of its county`,
      });
    }
  });
  return found;
}
