import { quote } from '../../platform/common/text';
import { DocumentFile, ReferenceFile } from '../format/document';
import { ProblemSink } from '../format/problems';

/** An invalid file may lack an array; cross-file checks then see it as empty. */
export const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** The förbund, organisations and measures figures may name. */
export interface KnownKeys {
  forbund: Set<string>;
  organisations: Set<string>;
  measures: Map<string, { unit: string }>;
  /** Said after "organisation X is not known", e.g. who may add one. */
  organisationHint?: string;
}

export function knownFromReference(reference: ReferenceFile): KnownKeys {
  return {
    forbund: new Set(list(reference.forbund).map((f) => f.slug)),
    organisations: new Set(list(reference.organisations).map((o) => o.key)),
    measures: new Map(list(reference.measures).map((m) => [m.code, m])),
  };
}

/** Cross-file checks class-validator cannot make: every key a figure names must exist, units must fit. */
export function checkReferences(known: KnownKeys, documents: Array<[string, DocumentFile]>, problems: ProblemSink): void {
  const { forbund, organisations, measures } = known;
  const seen = new Map<string, string>();
  for (const [file, doc] of documents) {
    if (!doc.document) continue;
    const other = seen.get(doc.document.id);
    if (other) problems.push({ file, path: 'document.id', reason: `${quote(doc.document.id)} is also the id in ${other}` });
    seen.set(doc.document.id, file);
    const needForbund = (path: string, slug: string | undefined) => {
      if (slug !== undefined && !forbund.has(slug)) problems.push({ file, path, reason: `unknown förbund ${quote(slug)}` });
    };
    const needOrganisation = (path: string, key: string | undefined) => {
      if (key !== undefined && !organisations.has(key)) {
        const code = /^kommun-(\d{4})$/.exec(key)?.[1];
        const why = code ? `no municipality has the SCB code ${code} (kommunkod): keys are kommun-<kommunkod>, e.g. kommun-0380; see organisations(kind: MUNICIPALITY)` : `organisation ${quote(key)} is not known`;
        problems.push({ file, path, reason: `${why}${known.organisationHint ? `; ${known.organisationHint}` : ''}` });
      }
    };
    needForbund('document.forbund', doc.document.forbund);
    if (!doc.document.file && !doc.document.url) {
      problems.push({ file, path: 'document', reason: 'give the document\'s file or url, so every figure can be traced to it' });
    }
    list(doc.memberships).forEach((m, i) => {
      needForbund(`memberships.${i}.forbund`, m.forbund);
      needOrganisation(`memberships.${i}.organisation`, m.organisation);
    });
    list(doc.forbundFacts).forEach((f, i) => {
      needForbund(`forbundFacts.${i}.forbund`, f.forbund);
      needForbund(`forbundFacts.${i}.into`, f.into);
      if (f.into !== undefined && f.into === f.forbund) problems.push({ file, path: `forbundFacts.${i}.into`, reason: 'a förbund cannot merge into itself' });
    });
    list(doc.allocations).forEach((a, i) => {
      needForbund(`allocations.${i}.forbund`, a.forbund);
      list(a.parts).forEach((p, j) => needOrganisation(`allocations.${i}.parts.${j}.organisation`, p.organisation));
    });
    list(doc.observations).forEach((o, i) => {
      needForbund(`observations.${i}.forbund`, o.forbund);
      const measure = measures.get(o.measure);
      if (!measure) {
        problems.push({ file, path: `observations.${i}.measure`, reason: `unknown measure ${quote(o.measure)}` });
        return;
      }
      const given = [
        ...(['numerator', 'denominator', 'statedPercent'] as const).filter((k) => o[k] !== undefined),
        ...(['value', 'valueText'] as const).filter((k) => o[k] !== undefined),
      ];
      const allowed = measure.unit === 'SHARE' ? ['numerator', 'denominator', 'statedPercent'] : measure.unit === 'TEXT' ? ['valueText'] : ['value'];
      const wrong = given.filter((k) => !allowed.includes(k));
      if (wrong.length || !given.length) {
        problems.push({ file, path: `observations.${i}`, reason: `measure ${quote(o.measure)} is ${measure.unit}: give ${allowed.join(' and/or ')}${wrong.length ? `, not ${wrong.join(', ')}` : ''}` });
      }
    });
    for (const [section, rows] of [
      ['goals', list(doc.goals)],
      ['financialLines', list(doc.financialLines)],
      ['insatser', list(doc.insatser)],
      ['boardMembers', list(doc.boardMembers)],
      ['meetings', list(doc.meetings)],
    ] as const) {
      rows.forEach((row, i) => needForbund(`${section}.${i}.forbund`, row.forbund));
    }
    list(doc.boardMembers).forEach((b, i) => needOrganisation(`boardMembers.${i}.organisation`, b.organisation));
  }
}
