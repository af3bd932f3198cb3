/**
 * The report template's layout, shared by what writes it (src/ingest/template) and what reads a filled one back
 * (read-template.ts): sheet names, label rows, column headings, and the Swedish words for the format's values.
 */
import { ALLOCATION_PARTIES, DOCUMENT_KINDS, DOCUMENT_STATUSES, GENDERS, GOAL_STATUSES, MEASURE_UNITS, ORGANISATION_KINDS, STATED_UNITS } from '../document';

export const SHEETS = {
  instructions: 'Instruktioner',
  forbund: 'Förbund',
  source: 'Källa',
  participants: 'Deltagare',
  outcomes: 'Utfall',
  allocation: 'Tilldelning',
  goals: 'Mål',
  measures: 'Mått',
} as const;

/** The first column of the template's CSV: which sheet a line belongs to. */
export const SHEET_COLUMN = 'Blad';

/** Label/value rows: the label in column A, the value in column B. */
export const FORBUND_LABELS = { slug: 'Förbund (id)', name: 'Namn', year: 'År' } as const;
export const MEMBERS_HEADING = 'Medlemmar';
export const MEMBER_COLUMNS = ['Nyckel', 'Namn', 'Typ', 'Kommunkod'] as const;

export const SOURCE_LABELS = {
  id: 'Dokument-id',
  title: 'Titel',
  url: 'Webbadress',
  publisher: 'Utgivare',
  documentDate: 'Datum',
  status: 'Slutlig eller preliminär',
  kind: 'Typ av dokument',
} as const;

/** Columns of Deltagare and Utfall, by the report field each fills (name and unit are shown, not read as figures). */
export const FIGURE_COLUMNS = {
  measure: 'Kod',
  name: 'Benämning',
  gender: 'Kön',
  value: 'Värde',
  numerator: 'Täljare',
  denominator: 'Nämnare',
  unit: 'Enhet',
  qualifier: 'Kvalifikator',
  locator: 'Källhänvisning',
  note: 'Anmärkning',
} as const;

export const ALLOCATION_COLUMNS = {
  party: 'Del',
  organisation: 'Medlem',
  label: 'Benämning',
  amountSek: 'Belopp (kr)',
  statedUnit: 'Enhet i källan',
  locator: 'Källhänvisning',
  note: 'Anmärkning',
} as const;

export const GOAL_COLUMNS = {
  area: 'Område',
  text: 'Mål',
  target: 'Målvärde',
  result: 'Resultat',
  status: 'Status',
  locator: 'Källhänvisning',
  note: 'Anmärkning',
} as const;

export const MEASURE_COLUMNS = ['Kod', 'Benämning', 'Enhet', 'Kategori', 'Definition'] as const;

/** The Tilldelning row that holds the total rather than a member's part. */
export const TOTAL_LABEL = 'Totalt';

type Labels<T extends readonly string[]> = Record<T[number], string>;

export const GENDER_LABELS: Labels<typeof GENDERS> = { ALL: 'Alla', WOMEN: 'Kvinnor', MEN: 'Män' };
export const UNIT_LABELS: Labels<typeof MEASURE_UNITS> = { PERSONS: 'Personer', COUNT: 'Antal', SHARE: 'Andel', FTE: 'Årsarbetare', TEXT: 'Text', PERCENT: 'Procent' };
export const STATUS_LABELS: Labels<typeof DOCUMENT_STATUSES> = { FINAL: 'Slutlig', PRELIMINARY: 'Preliminär' };
export const PARTY_LABELS: Labels<typeof ALLOCATION_PARTIES> = { STATE: 'Stat', REGION: 'Region', MUNICIPALITIES: 'Kommunerna', MUNICIPALITY: 'Kommun' };
export const STATED_UNIT_LABELS: Labels<typeof STATED_UNITS> = { KR: 'kr', TKR: 'tkr', MKR: 'mkr' };
export const GOAL_STATUS_LABELS: Labels<typeof GOAL_STATUSES> = { MET: 'Uppfyllt', PARTLY_MET: 'Delvis uppfyllt', NOT_MET: 'Ej uppfyllt', NOT_STATED: 'Ej angivet' };
export const ORGANISATION_KIND_LABELS: Labels<typeof ORGANISATION_KINDS> = {
  MUNICIPALITY: 'Kommun',
  REGION: 'Region',
  FORSAKRINGSKASSAN: 'Försäkringskassan',
  ARBETSFORMEDLINGEN: 'Arbetsförmedlingen',
};
/** The kinds a förbund's own report may be; national statistics and reference data are not. */
export const KIND_LABELS: Partial<Labels<typeof DOCUMENT_KINDS>> = {
  ANNUAL_REPORT: 'Årsredovisning',
  BUDGET_PLAN: 'Verksamhetsplan och budget',
  AUDIT_REPORT: 'Revisionsberättelse',
  SUPERVISION_REPORT: 'Granskningsrapport',
  BOARD_PROTOCOL: 'Styrelseprotokoll',
  WEB_PAGE: 'Webbsida',
  MEMBER_DOCUMENT: 'Medlemsdokument',
};
export const CATEGORY_LABELS: Record<string, string> = {
  PARTICIPANTS: 'Deltagare',
  OUTCOME: 'Resultat',
  PROFILE: 'Deltagarprofil',
  ACTIVITY: 'Aktivitet',
  ORGANISATION: 'Organisation',
  FINANCE: 'Ekonomi',
};

/** Kvalifikator: "exakt" (or empty) is an exact figure. */
export const EXACT_LABEL = 'exakt';
export const QUALIFIER_LABELS = { APPROXIMATE: 'ca', AT_LEAST: 'minst' } as const;
/** Other words sources use for the same qualifiers. */
export const QUALIFIER_SYNONYMS: Record<string, keyof typeof QUALIFIER_LABELS> = { ungefär: 'APPROXIMATE', cirka: 'APPROXIMATE', 'c:a': 'APPROXIMATE', drygt: 'AT_LEAST', över: 'AT_LEAST' };

/** Deltagare holds the participants and their profile; Utfall the outcomes and every other measure. */
export const PARTICIPANT_CATEGORIES: ReadonlySet<string> = new Set(['PARTICIPANTS', 'PROFILE']);
/** Categories whose measures are listed once per gender; the others once, for all. */
export const BY_GENDER_CATEGORIES: ReadonlySet<string> = new Set(['PARTICIPANTS', 'OUTCOME']);

/** The id of the document a förbund's template reports for a year: the same id each upload, so an upload replaces the last. */
export function templateDocumentId(slug: string, year: number): string {
  return `${slug}-rapport-${year}`;
}

/** A value for its Swedish label (any case) or its own code; undefined when it is neither. */
export function fromLabel<K extends string>(labels: Partial<Record<K, string>>, given: string): K | undefined {
  const wanted = given.trim().toLowerCase();
  for (const [code, label] of Object.entries(labels) as Array<[K, string]>) {
    if (label.toLowerCase() === wanted || code.toLowerCase() === wanted) return code;
  }
  return undefined;
}
