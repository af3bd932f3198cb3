/**
 * Authenticated writes with hostile content. Only writes that must be refused are sent as real writes;
 * anything that might be accepted goes as a dry run or with a refused row beside it, so the tables must not change.
 */
import { hostileString } from './hostile';
import { Random } from './random';
import { Case, Category, GenContext, gql } from './types';

type Report = Record<string, unknown>;

const IMPORT = 'mutation($report: JSONObject!, $csv: [CsvFileInput!]! = [], $fileName: String! = "fuzz.json", $dryRun: Boolean! = false) { importReport(report: $report, csv: $csv, fileName: $fileName, dryRun: $dryRun) { dryRun files { added changed removed } } }';
const SET = 'mutation($input: SetObservationInput!) { setObservation(input: $input) { files { batchId changed } } }';

const OBSERVATION_HEADER = 'measure,year,gender,value,numerator,denominator,statedPercent,valueText,locator,note';
const PERSONS = ['participants_registered', 'participants_anonymous', 'participants_ended', 'participants_structural', 'participants_all'];
const GENDERS = ['ALL', 'MEN', 'WOMEN'];

function report(rng: Random, slug = 'uppsala', extra: Report = {}): Report {
  return {
    format: 'finsam-compare/report',
    formatVersion: 1,
    forbund: { slug, name: slug === 'uppsala' ? 'Samordningsförbundet Uppsala län' : 'Samordningsförbundet Jämtlands län' },
    year: 2017,
    document: { id: `fuzz-${rng.int(0, 1e9)}`, title: 'Fuzz report', kind: 'ANNUAL_REPORT', status: 'FINAL', publisher: 'Fuzz', yearsCovered: [2017], defaultLocator: 'Fuzz, p. 1' },
    observations: [{ measure: 'participants_registered', year: 2017, gender: 'ALL', value: '10' }],
    ...extra,
  };
}

/** `n` observation rows, distinct where the measures, years and genders allow. */
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ measure: PERSONS[i % PERSONS.length], year: 2004 + (Math.floor(i / PERSONS.length) % 97), gender: GENDERS[Math.floor(i / (PERSONS.length * 97)) % 3], value: String(i) }));

const csvRows = (n: number) => [OBSERVATION_HEADER, ...rows(n).map((r) => `${r.measure},${r.year},${r.gender},${r.value},,,,,Fuzz,`)].join('\n');

/** A goal with a status that does not exist: makes a report that might otherwise be valid certain to be refused. */
const REFUSED_GOAL = { year: 2017, text: 'Fuzz goal', status: 'NO_SUCH_STATUS', statusBasis: 'STATED', locator: 'Fuzz' };

interface Hostile {
  label: string;
  report: Report;
  csv?: Array<{ name: string; content: string }>;
  fileName?: string;
  /** Refused for what it is; otherwise it is sent as a dry run or beside a refused goal. */
  refused: boolean;
  editor?: boolean;
}

function hostileReport(rng: Random, progress: number): Hostile {
  const variants: Array<() => Hostile> = [
    () => ({
      label: '30 000-column CSV header',
      report: report(rng, 'uppsala', { observations: undefined, csv: { observations: 'wide.csv' } }),
      csv: [{ name: 'wide.csv', content: `${OBSERVATION_HEADER},${Array.from({ length: 30000 }, (_, i) => `c${i}`).join(',')}\nparticipants_registered,2017,ALL,10,,,,,Fuzz,` }],
      refused: false,
    }),
    () => ({ label: '4 096-row section', report: report(rng, 'uppsala', { observations: rows(4096) }), refused: false }),
    () => ({ label: '4 096-row CSV', report: report(rng, 'uppsala', { observations: undefined, csv: { observations: 'rows.csv' } }), csv: [{ name: 'rows.csv', content: csvRows(4096) }], refused: false }),
    () => ({
      label: 'editor naming new organisations',
      report: report(rng, 'uppsala', {
        organisations: Array.from({ length: rng.int(1, 100) }, (_, i) => ({ key: `fuzz-org-${i}`, name: `Fuzz ${i}`, kind: 'MUNICIPALITY', municipalityCode: '9999' })),
        memberships: [{ organisation: 'fuzz-org-0', locator: 'Fuzz' }],
      }),
      refused: true,
      editor: true,
    }),
    () => ({ label: 'negative count', report: report(rng, 'uppsala', { observations: [{ measure: rng.pick(PERSONS), year: 2017, gender: 'ALL', value: rng.pick(['-1', '-5', '-0.5', '-999999999999999']) }] }), refused: true }),
    () => ({ label: 'numerator > denominator', report: report(rng, 'uppsala', { observations: [{ measure: 'to_work_or_studies', year: 2017, gender: 'ALL', numerator: '200', denominator: '100' }] }), refused: true }),
    () => {
      const r = report(rng);
      const where = rng.pick(['title', 'id', 'locator', 'measure', 'slug']);
      if (where === 'title' || where === 'id') (r.document as Report)[where] = `fuzz\u0000${where}`;
      else if (where === 'slug') r.forbund = { slug: 'upp\u0000sala', name: 'x' };
      else r.observations = [{ measure: where === 'measure' ? 'participants\u0000registered' : 'participants_registered', year: 2017, gender: 'ALL', value: '1', locator: where === 'locator' ? 'Fuzz\u0000' : 'Fuzz' }];
      return { label: `NUL byte in ${where}`, report: r, refused: where !== 'title' && where !== 'locator' };
    },
    () => ({ label: 'NUL bytes in CSV', report: report(rng, 'uppsala', { observations: undefined, csv: { observations: 'nul.csv' } }), csv: [{ name: 'nul.csv', content: `${OBSERVATION_HEADER}\nparticipants_registered\u0000,2017,ALL,1\u0000,,,,,Fu\u0000zz,` }], refused: false }),
    () => ({ label: 'csv named ../../../etc/passwd, not sent', report: report(rng, 'uppsala', { observations: undefined, csv: { observations: '../../../etc/passwd' } }), refused: true }),
    () => ({ label: 'csv named ../../../etc/passwd', report: report(rng, 'uppsala', { observations: undefined, csv: { observations: '../../../etc/passwd' } }), csv: [{ name: '../../../etc/passwd', content: csvRows(3) }], refused: false }),
    () => ({ label: 'file name ../../../etc/passwd', report: report(rng), fileName: rng.pick(['../../../etc/passwd', '/etc/passwd', 'a\u0000b', 'x'.repeat(100_000)]), refused: false }),
    () => ({ label: 'editor writing another förbund', report: report(rng, 'jamtland'), refused: true, editor: true }),
    () => ({ label: 'huge string', report: report(rng, 'uppsala', { observations: [{ measure: 'participants_registered', year: 2017, gender: 'ALL', value: '1', note: 'x'.repeat(rng.int(1, 1 + Math.round(progress * 5_000_000))) }] }), refused: false }),
    () => ({ label: 'hostile strings', report: report(rng, 'uppsala', { observations: [{ measure: 'participants_registered', year: 2017, gender: 'ALL', value: hostileString(rng, progress * 0.1), locator: hostileString(rng, progress * 0.1) }] }), refused: false }),
    () => ({ label: 'years out of range', report: report(rng, 'uppsala', { year: rng.pick([2003, 2101, -1, 2147483648, 1e300, 2017.5]) }), refused: true }),
    () => ({ label: 'wrong format', report: { ...report(rng), format: rng.pick(['finsam-compare/report\u0000', 'nope']), formatVersion: rng.pick([2, 0, '1', null]) }, refused: true }),
    () => ({ label: 'hostile new förbund', report: report(rng, rng.pick(['Uppsala!', 'a--b', '-a', 'x'.repeat(10000), 'ny\u0000'])), refused: true }),
    () => ({ label: 'many csv files', report: report(rng), csv: Array.from({ length: rng.int(1, 1 + Math.round(progress * 10000)) }, (_, i) => ({ name: `f${i}.csv`, content: 'a,b\n1,2' })), refused: false }),
  ];
  return rng.pick(variants)();
}

function importCase({ rng, progress, keys }: GenContext): Case {
  const h = hostileReport(rng, progress);
  // Something that might be accepted is checked all the same: as a dry run, or with a row that must be refused beside it.
  const asDryRun = h.refused ? rng.chance(0.2) : rng.chance(0.5);
  const sent = h.refused || asDryRun ? h.report : { ...h.report, goals: [REFUSED_GOAL] };
  const variables = { report: sent, csv: h.csv ?? [], fileName: h.fileName ?? 'fuzz.json', dryRun: asDryRun };
  const label = `importReport: ${h.label}${asDryRun ? ' (dry run)' : h.refused ? '' : ' (+ refused goal)'}`;
  return { label, request: gql(IMPORT, variables, h.editor || rng.chance(0.3) ? keys.editor : keys.admin), mustBeRefused: !asDryRun };
}

/** Corrections that must all be refused, with the editor's key or the admin's. */
function setObservationCase({ rng, keys }: GenContext): Case {
  const base = { forbund: 'uppsala', measure: 'participants_registered', year: 2017, gender: 'ALL', sourceDocument: 'uppsala-ar-2017', locator: 'Fuzz' };
  const variants: Array<[string, Record<string, unknown>, boolean?]> = [
    ['negative value', { value: rng.pick(['-1', '-0.000001', '-999999999999999']) }],
    ['not a number', { value: rng.pick(['1e309', 'NaN', 'Infinity', '0x10', '9'.repeat(10000), ' 1', '1 000', '1,5', '', '\u0000', '\ud800']) }],
    ['numerator > denominator', { measure: 'to_work_or_studies', numerator: '200', denominator: '100' }],
    ['year out of range', { year: rng.pick([2003, 2101, -2147483648, 2147483647]), value: '1' }],
    ['editor writing another förbund', { forbund: 'jamtland', sourceDocument: 'jamtland-ar-2017', value: '1' }, true],
    ["another förbund's document", { sourceDocument: 'jamtland-ar-2017', value: '1' }],
    ['unknown measure', { measure: rng.pick(['nope', 'participants_registered\u0000', 'x'.repeat(100_000)]), value: '1' }],
    ['NUL in locator', { locator: 'Fu\u0000zz', value: '-1' }],
    ['locator too short', { locator: 'x', value: '1' }],
    ['huge note on a refused value', { note: 'x'.repeat(rng.int(1, 5_000_000)), value: '-1' }],
    ['bad gender', { gender: rng.pick(['OTHER', '', 'all']), value: '1' }],
    ['hostile slug', { forbund: hostileString(rng, 0.01), value: '1' }],
  ];
  const [label, change, editor] = rng.pick(variants);
  return { label: `setObservation: ${label}`, request: gql(SET, { input: { ...base, ...change } }, editor || rng.chance(0.5) ? keys.editor : keys.admin), mustBeRefused: true };
}

/** Sections larger than any report: sent once, at the end. */
const largeSection = (format: 'json' | 'csv', n: number) => ({ rng, keys }: GenContext): Case => {
  const r = format === 'json' ? report(rng, 'uppsala', { observations: rows(n) }) : report(rng, 'uppsala', { observations: undefined, csv: { observations: 'big.csv' } });
  const csv = format === 'csv' ? [{ name: 'big.csv', content: csvRows(n) }] : [];
  return { label: `importReport: ${n}-row ${format} section (dry run)`, request: gql(IMPORT, { report: r, csv, dryRun: true }, keys.admin) };
};

export const writeCategories: Category[] = [
  { name: 'import-report', weight: 4, generate: importCase, heavy: [largeSection('json', 20000), largeSection('csv', 60000)] },
  { name: 'set-observation', weight: 3, generate: setObservationCase },
];
