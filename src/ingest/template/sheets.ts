/**
 * The report template as sheets of cells, whatever file it is written to: template-xlsx.ts adds styles and the
 * validations, template-csv.ts writes the same cells one sheet after another.
 */
import { MeasureUnit } from '../../domain/measures/measure.enums';
import {
  ALLOCATION_COLUMNS,
  BY_GENDER_CATEGORIES,
  CATEGORY_LABELS,
  FIGURE_COLUMNS,
  FORBUND_LABELS,
  GENDER_LABELS,
  GOAL_COLUMNS,
  GOAL_STATUS_LABELS,
  KIND_LABELS,
  MEASURE_COLUMNS,
  MEMBER_COLUMNS,
  MEMBERS_HEADING,
  ORGANISATION_KIND_LABELS,
  PARTICIPANT_CATEGORIES,
  PARTY_LABELS,
  QUALIFIER_LABELS,
  EXACT_LABEL,
  SHEETS,
  SOURCE_LABELS,
  STATED_UNIT_LABELS,
  STATUS_LABELS,
  TOTAL_LABEL,
  UNIT_LABELS,
} from '../format/template/layout';
import { TemplateData, TemplateMeasure, TemplateObservation } from './data';

export type TemplateCell = string | number | { date: string } | null;

/** A rule a spreadsheet checks as the user types (the reader checks the same again). */
export type Validation =
  | { range: string; kind: 'whole'; prompt: string }
  | { range: string; kind: 'decimal'; prompt: string }
  | { range: string; kind: 'date'; prompt: string }
  | { range: string; kind: 'list'; values: string[] | { sheet: string; range: string }; prompt: string };

export interface TemplateSheet {
  name: string;
  rows: TemplateCell[][];
  /** Column widths in characters. */
  widths: number[];
  /** The first row is a header row (bold, frozen); else column A holds labels (bold). */
  header: boolean;
  validations: Validation[];
}

/** Empty rows each figure sheet offers below what is listed or stored, for rows the user adds. */
const FREE_ROWS = 30;

const labelsOf = (labels: Record<string, string | undefined>) => Object.values(labels).filter((l): l is string => l !== undefined);
const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));

function instructions(data: TemplateData): TemplateSheet {
  const { forbund, year } = data;
  const lines = [
    `Rapport för ${forbund.name} (${forbund.slug}), år ${year}`,
    '',
    'Så fyller du i mallen',
    `1. Källa: fyll i dokumentet som uppgifterna kommer från — Titel, Webbadress (där dokumentet finns), Utgivare, Datum (ÅÅÅÅ-MM-DD) och om det är slutligt eller preliminärt. Ändra inte Dokument-id: en ny uppladdning med samma id ersätter den förra (historiken sparas).`,
    `2. Deltagare och Utfall: en rad per mått och kön. Koden väljs ur listan (bladet ${SHEETS.measures} förklarar varje mått). Antal personer skrivs i Värde som heltal. För andelar: Täljare och Nämnare som heltal, och i Värde procentsatsen som den står i källan (19 för 19 %).`,
    `   Lämna en rad tom om uppgiften saknas: rader utan Värde, Täljare och Nämnare läses inte. Kvalifikator: "${QUALIFIER_LABELS.APPROXIMATE}" när källan skriver ungefär, "${QUALIFIER_LABELS.AT_LEAST}" för drygt, över eller minst; annars "${EXACT_LABEL}" eller tomt.`,
    `   Källhänvisning: var i dokumentet siffran står (avsnitt, tabell eller sida). Tom ruta betyder dokumentets titel.`,
    `3. Tilldelning: medlemsavgifterna för året (utfall) i kronor — raden ${TOTAL_LABEL} och varje medlems del. Enhet i källan: kr, tkr eller mkr, som källan skriver beloppet; beloppet anges alltid i kronor.`,
    `4. Mål: ett mål per rad, med målvärde, resultat och status (${labelsOf(GOAL_STATUS_LABELS).join(', ')}).`,
    '',
    'Bra att veta',
    `- Ifyllda värden är de som redan finns för året. Rätta det som är fel och lägg till det som saknas; mallen fungerar också som export.`,
    `- Ändra inte bladens namn eller rubrikraderna. Bladen ${SHEETS.instructions} och ${SHEETS.measures} läses inte vid uppladdning.`,
    `- Formler går bra om filen sparas i Excel eller LibreOffice (då sparas värdet). Filer med makron eller länkar till andra arbetsböcker tas inte emot.`,
    `- Ladda upp filen på sidan /rapportera med din nyckel. Först visas en provkörning: varje fel med blad och cell (t.ex. ${SHEETS.participants}!D7) och vad som skulle ändras. Inget sparas förrän du bekräftar.`,
    `- Samma mall finns som CSV (en rad per cell-rad, bladets namn i första kolumnen).`,
  ];
  return { name: SHEETS.instructions, rows: lines.map((l) => [l]), widths: [140], header: false, validations: [] };
}

function forbundSheet(data: TemplateData): TemplateSheet {
  const rows: TemplateCell[][] = [
    [FORBUND_LABELS.slug, data.forbund.slug],
    [FORBUND_LABELS.name, data.forbund.name],
    [FORBUND_LABELS.year, data.year],
    [],
    [MEMBERS_HEADING],
    [...MEMBER_COLUMNS],
    ...data.members.map((m) => [m.key, m.name, ORGANISATION_KIND_LABELS[m.kind as keyof typeof ORGANISATION_KIND_LABELS] ?? m.kind, m.municipalityCode]),
  ];
  return { name: SHEETS.forbund, rows, widths: [22, 45, 20, 12], header: false, validations: [] };
}

function sourceSheet(data: TemplateData): TemplateSheet {
  const s = data.source;
  const rows: TemplateCell[][] = [
    [SOURCE_LABELS.id, s.id, 'Ändra inte: samma id vid varje uppladdning för året.'],
    [SOURCE_LABELS.title, s.title ?? null, `Dokumentets titel, t.ex. "Årsredovisning ${data.year}".`],
    [SOURCE_LABELS.url, s.url ?? null, 'Var dokumentet finns att läsa (https://…).'],
    [SOURCE_LABELS.publisher, s.publisher ?? data.forbund.name, 'Vem som gett ut dokumentet.'],
    [SOURCE_LABELS.documentDate, s.documentDate ? { date: s.documentDate } : null, 'Dokumentets datum, ÅÅÅÅ-MM-DD (t.ex. dagen det fastställdes).'],
    [SOURCE_LABELS.status, s.status ? STATUS_LABELS[s.status as keyof typeof STATUS_LABELS] : null, `${STATUS_LABELS.FINAL} (fastställd) eller ${STATUS_LABELS.PRELIMINARY}.`],
    [SOURCE_LABELS.kind, KIND_LABELS[(s.kind ?? 'ANNUAL_REPORT') as keyof typeof KIND_LABELS] ?? s.kind ?? null, 'Vilket slags dokument.'],
  ];
  return {
    name: SHEETS.source,
    rows,
    widths: [26, 60, 70],
    header: false,
    validations: [
      { range: 'B5', kind: 'date', prompt: 'Ett datum, ÅÅÅÅ-MM-DD.' },
      { range: 'B6', kind: 'list', values: labelsOf(STATUS_LABELS), prompt: 'Välj Slutlig eller Preliminär.' },
      { range: 'B7', kind: 'list', values: labelsOf(KIND_LABELS), prompt: 'Välj dokumentets typ.' },
    ],
  };
}

/** The cell Värde shows for a figure: the count or value, a share's percentage as printed, a text measure's text. */
function shownValue(o: TemplateObservation, unit: string | undefined): TemplateCell {
  if (unit === MeasureUnit.SHARE) return num(o.statedPercent);
  if (unit === MeasureUnit.TEXT) return o.valueText ?? null;
  return num(o.value);
}

function figureSheet(name: string, data: TemplateData, measures: TemplateMeasure[]): TemplateSheet {
  const byCode = new Map(data.measures.map((m) => [m.code, m]));
  const codes = new Set(measures.map((m) => m.code));
  const stored = new Map(data.observations.filter((o) => codes.has(o.measure)).map((o) => [`${o.measure}|${o.gender}`, o]));
  const listed: Array<[TemplateMeasure, string]> = measures.flatMap((m) => (BY_GENDER_CATEGORIES.has(m.category) ? ['ALL', 'WOMEN', 'MEN'] : ['ALL']).map((g) => [m, g] as [TemplateMeasure, string]));
  const listedKeys = new Set(listed.map(([m, g]) => `${m.code}|${g}`));
  const extra = [...stored.values()].filter((o) => !listedKeys.has(`${o.measure}|${o.gender}`)).map((o) => [byCode.get(o.measure)!, o.gender] as [TemplateMeasure, string]);
  const rows: TemplateCell[][] = [Object.values(FIGURE_COLUMNS)];
  const validations: Validation[] = [];
  for (const [measure, gender] of [...listed, ...extra]) {
    const o = stored.get(`${measure.code}|${gender}`);
    const qualifier = o?.qualifier ? QUALIFIER_LABELS[o.qualifier as keyof typeof QUALIFIER_LABELS] : null;
    rows.push([
      measure.code,
      measure.nameSv,
      GENDER_LABELS[gender as keyof typeof GENDER_LABELS],
      o ? shownValue(o, measure.unit) : null,
      num(o?.numerator),
      num(o?.denominator),
      UNIT_LABELS[measure.unit as keyof typeof UNIT_LABELS],
      qualifier,
      o?.locator ?? null,
      o?.note ?? null,
    ]);
    if (measure.unit === MeasureUnit.PERSONS || measure.unit === MeasureUnit.COUNT) validations.push({ range: `D${rows.length}`, kind: 'whole', prompt: 'Ett antal: ett heltal, 0 eller mer.' });
  }
  const last = rows.length + FREE_ROWS;
  validations.push(
    { range: `A2:A${last}`, kind: 'list', values: { sheet: SHEETS.measures, range: `$A$2:$A$${data.measures.length + 1}` }, prompt: `Välj måttets kod (bladet ${SHEETS.measures}).` },
    { range: `C2:C${last}`, kind: 'list', values: labelsOf(GENDER_LABELS), prompt: 'Alla, Kvinnor eller Män.' },
    { range: `E2:F${last}`, kind: 'whole', prompt: 'Antal personer: ett heltal, 0 eller mer.' },
    { range: `G2:G${last}`, kind: 'list', values: labelsOf(UNIT_LABELS), prompt: 'Måttets enhet (se bladet Mått).' },
    { range: `H2:H${last}`, kind: 'list', values: [EXACT_LABEL, ...Object.values(QUALIFIER_LABELS)], prompt: 'exakt, ca (ungefär) eller minst (drygt, över).' },
  );
  return { name, rows, widths: [40, 55, 10, 10, 10, 10, 12, 13, 45, 45], header: true, validations };
}

function allocationSheet(data: TemplateData): TemplateSheet {
  const a = data.allocation;
  const unitLabel = (u: string | undefined) => (u ? STATED_UNIT_LABELS[u as keyof typeof STATED_UNIT_LABELS] : STATED_UNIT_LABELS.KR);
  const rows: TemplateCell[][] = [
    Object.values(ALLOCATION_COLUMNS),
    [TOTAL_LABEL, null, 'Summa medlemsavgifter', num(a?.totalSek), unitLabel(a?.statedUnit), a?.locator ?? null, a?.note ?? null],
  ];
  const parts = a?.parts ?? [];
  for (const p of parts) rows.push([PARTY_LABELS[p.party as keyof typeof PARTY_LABELS], p.organisation ?? null, p.label, num(p.amountSek), unitLabel(p.statedUnit), null, null]);
  // Members without a stored part get a row to fill; the state's half is one part, paid through Försäkringskassan.
  const given = new Set(parts.map((p) => p.organisation ?? p.party));
  if (!given.has('STATE')) rows.push([PARTY_LABELS.STATE, null, 'Försäkringskassan/Arbetsförmedlingen', null, unitLabel(undefined), null, null]);
  for (const m of data.members) {
    const party = m.kind === 'REGION' ? 'REGION' : m.kind === 'MUNICIPALITY' ? 'MUNICIPALITY' : null;
    if (party && !given.has(m.key)) rows.push([PARTY_LABELS[party], m.key, m.name, null, unitLabel(undefined), null, null]);
  }
  const last = rows.length + 10;
  return {
    name: SHEETS.allocation,
    rows,
    widths: [12, 18, 40, 16, 14, 45, 45],
    header: true,
    validations: [
      { range: `A2:A${last}`, kind: 'list', values: [TOTAL_LABEL, ...labelsOf(PARTY_LABELS)], prompt: 'Totalt, Stat, Region, Kommun eller Kommunerna.' },
      { range: `B3:B${last}`, kind: 'list', values: { sheet: SHEETS.forbund, range: `$A$7:$A$${Math.max(7, data.members.length + 6)}` }, prompt: `Medlemmens nyckel (bladet ${SHEETS.forbund}).` },
      { range: `D2:D${last}`, kind: 'decimal', prompt: 'Belopp i kronor.' },
      { range: `E2:E${last}`, kind: 'list', values: labelsOf(STATED_UNIT_LABELS), prompt: 'Hur källan skriver beloppet: kr, tkr eller mkr.' },
    ],
  };
}

function goalSheet(data: TemplateData): TemplateSheet {
  const rows: TemplateCell[][] = [Object.values(GOAL_COLUMNS)];
  for (const g of data.goals) {
    rows.push([g.area ?? null, g.text, g.target ?? null, g.result ?? null, GOAL_STATUS_LABELS[g.status as keyof typeof GOAL_STATUS_LABELS], g.locator, g.note ?? null]);
  }
  const last = rows.length + 10;
  return {
    name: SHEETS.goals,
    rows,
    widths: [30, 60, 30, 40, 16, 40, 40],
    header: true,
    validations: [{ range: `E2:E${last}`, kind: 'list', values: labelsOf(GOAL_STATUS_LABELS), prompt: labelsOf(GOAL_STATUS_LABELS).join(', ') }],
  };
}

function measureSheet(data: TemplateData): TemplateSheet {
  const rows: TemplateCell[][] = [
    [...MEASURE_COLUMNS],
    ...data.measures.map((m) => [m.code, m.nameSv, UNIT_LABELS[m.unit as keyof typeof UNIT_LABELS], CATEGORY_LABELS[m.category] ?? m.category, m.definition]),
  ];
  return { name: SHEETS.measures, rows, widths: [40, 55, 12, 16, 120], header: true, validations: [] };
}

/** Every sheet of the template, in the order a user fills them. */
export function templateSheets(data: TemplateData): TemplateSheet[] {
  const participants = data.measures.filter((m) => PARTICIPANT_CATEGORIES.has(m.category));
  // Outcomes first; then the other categories, as the measures come.
  const others = data.measures.filter((m) => !PARTICIPANT_CATEGORIES.has(m.category)).sort((a, b) => Number(b.category === 'OUTCOME') - Number(a.category === 'OUTCOME'));
  return [
    instructions(data),
    forbundSheet(data),
    sourceSheet(data),
    figureSheet(SHEETS.participants, data, participants),
    figureSheet(SHEETS.outcomes, data, others),
    allocationSheet(data),
    goalSheet(data),
    measureSheet(data),
  ];
}
