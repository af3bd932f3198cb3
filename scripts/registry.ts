/**
 * Builds the national registry of the seed files from the two public lists in seeds/registry/: SCB's 290
 * municipalities with their 21 counties (scb-municipalities.csv), and what public pages state about förbund,
 * one fact a row with its source (forbund-registry.csv). Writes the organisations and the registry's förbund
 * into seeds/reference.json (keeping every other part of it, and a hand-written note where one was added) and
 * one document per source page into seeds/documents/registry-*.json. With --check it fails when the committed
 * files differ from what it would write (CI), so the seeds cannot drift from the lists.
 *
 * Nothing is added that a row does not state: a member only with the period its row supports, a date only as
 * precisely as the row gives it, no organisation number or member read off a URL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { slugFromName } from '../src/domain/forbund/slug';

type Json = Record<string, unknown>;

/** The regions' own names by county code (public reference data). Gotland has none: its municipality has a region's tasks. */
const REGION_NAMES: Record<string, string> = {
  '01': 'Region Stockholm',
  '03': 'Region Uppsala',
  '04': 'Region Sörmland',
  '05': 'Region Östergötland',
  '06': 'Region Jönköpings län',
  '07': 'Region Kronoberg',
  '08': 'Region Kalmar län',
  '10': 'Region Blekinge',
  '12': 'Region Skåne',
  '13': 'Region Halland',
  '14': 'Västra Götalandsregionen',
  '17': 'Region Värmland',
  '18': 'Region Örebro län',
  '19': 'Region Västmanland',
  '20': 'Region Dalarna',
  '21': 'Region Gävleborg',
  '22': 'Region Västernorrland',
  '23': 'Region Jämtland Härjedalen',
  '24': 'Region Västerbotten',
  '25': 'Region Norrbotten',
};
const GOTLAND = '0980';

/**
 * What each source page is, read off its address and the rows' locators: kind, publisher, the year it speaks
 * of (absent for an undated page). Every address of forbund-registry.csv must be here; the build fails otherwise.
 */
const PAGES: Record<string, { kind: string; publisher: string; year?: number }> = {
  'https://www.samordningsforbundetostrasodertorn.se/about-us-37340128': { kind: 'WEB_PAGE', publisher: 'Samordningsförbundet Östra Södertörn' },
  'https://www.tyreso.se/organisation--styrning/forvaltningar-bolag-och-fastigheter/samverkan-och-samarbeten/samordningsforbundet-ostra-sodertorn.html': {
    kind: 'WEB_PAGE',
    publisher: 'Tyresö kommun',
  },
  'https://docplayer.se/50455987-Fraga-om-ansvarsfrihet-for-styrelsen-och-de-enskilda-ledamoterna-i-styrelsen-for-samordningsforbundet-botkyrka-huddinge-och-salem-for-ar-2016.html': {
    kind: 'MEMBER_DOCUMENT',
    publisher: 'Huddinge kommun (kommunstyrelsen)',
    year: 2016,
  },
  'https://sco.samordning.org/om-oss/organisation-overgripande/': { kind: 'WEB_PAGE', publisher: 'Samordningsförbundet Centrala Östergötland (SCÖ)' },
  'https://docplayer.se/amp/108921152-Dnr-samo-2017-arsredovisning-beslutad-av-styrelsen-sida-1-samo-2017.html': {
    kind: 'ANNUAL_REPORT',
    publisher: 'Samordningsförbundet Östra Östergötland (SAMÖÖ)',
    year: 2016,
  },
  'http://docplayer.se/2529957-Arsredovisning-med-tillhorande-verksamhetsberattelse-2010.html': { kind: 'ANNUAL_REPORT', publisher: 'Samordningsförbundet Norra Bohuslän', year: 2010 },
  'http://docplayer.se/977534-Arsredovisning-2013-for-sjuharads-samordningsforbund.html': { kind: 'ANNUAL_REPORT', publisher: 'Sjuhärads samordningsförbund', year: 2013 },
  'https://vartgoteborg.se/ovrigt/finsam-goteborg-har-lediga-platser/': { kind: 'WEB_PAGE', publisher: 'Vårt Göteborg (Göteborgs Stad)' },
  'https://www.finsam.se/nyhetsarkiv/nyheter/2019-02-26-samordningsforbunden-nadde-fler-deltagare-i-fjol': { kind: 'WEB_PAGE', publisher: 'finsam.se (Nationella rådet för finansiell samordning)' },
  'http://docplayer.se/14673733-Arsredovisning-samordningsforbundet-umea-organisationsnummer-222000-1834-perioden-2011-01-01-2011-12-31.html': {
    kind: 'ANNUAL_REPORT',
    publisher: 'Samordningsförbundet Umeå',
    year: 2011,
  },
  'https://finsamjonkopingslan.se/': { kind: 'WEB_PAGE', publisher: 'Finsam i Jönköpings län (finsamjonkopingslan.se)' },
  'http://docplayer.se/2782137-Revisionsberattelse-med-bokslut-for-samordningsforbundet-sodra-vatterbygden.html': {
    kind: 'MEMBER_DOCUMENT',
    publisher: 'Landstinget i Jönköpings län',
  },
  'https://www.finsamjonkopingslan.se/hoglandet': { kind: 'WEB_PAGE', publisher: 'Höglandets samordningsförbund' },
  'http://docplayer.se/567946-1-26-arsredovisning.html': { kind: 'ANNUAL_REPORT', publisher: 'Samordningsförbundet i Kalmar län', year: 2012 },
  'https://5dok.org/document/q7wlmg8d-%C3%A5rsredovisning-f%C3%B6r-r%C3%A4kenskaps%C3%A5ret.html': { kind: 'ANNUAL_REPORT', publisher: 'Samordningsförbundet i Blekinge län', year: 2014 },
  'http://finsamgavleborg.se/om-forbundet/om.aspx': { kind: 'WEB_PAGE', publisher: 'Samordningsförbund Gävleborg' },
  'https://docplayer.se/106463275-Protokoll-finsam-kavlinge-lomma-for-sammantrade-3-anslag-bevis-protokollet-ar-justerat-justeringen-har-tillkannagivits-genom-anslag.html': {
    kind: 'BOARD_PROTOCOL',
    publisher: 'Finsam Kävlinge-Lomma',
  },
  'http://docplayer.se/1314939-Till-samordningsforbundet-finsam-falun-kommunfullmaktige-i-falu-kommun-landstingsfullmaktige-i-dalarna-forsakringskassan-arbetsformedlingen.html': {
    kind: 'AUDIT_REPORT',
    publisher: 'Samordningsförbundet Finsam Falun (revisorerna)',
    year: 2010,
  },
};

/** The state and regional members a row's own words name (as_stated), matched as they are written. */
const NAMED_MEMBERS: Array<[RegExp, (county: string) => string]> = [
  [/Försäkringskassan/, () => 'forsakringskassan'],
  [/Arbetsförmedlingen/, () => 'arbetsformedlingen'],
  [/landsting|Landsting|Region |Västra Götalandsregionen/, (county) => `region-${county}`],
];

/** Counts as sources write them out. */
const COUNT_WORDS: Record<string, number> = { två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12, tretton: 13, fjorton: 14, femton: 15 };

interface FactRow {
  forbund: string;
  county_code: string;
  fact: 'founded' | 'joined' | 'members' | 'kind';
  year: string;
  value: string;
  municipality_codes: string;
  as_stated: string;
  source_url: string;
  locator: string;
}

const csv = <T>(path: string): T[] => parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as T[];
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const quoted = (row: FactRow) => `"${row.as_stated}" (${row.locator})`;

/** The files the registry consists of, by path under the seed folder, as they should read. */
export function buildRegistry(seeds: string): Map<string, string> {
  const municipalities = csv<{ municipality_code: string; municipality_name: string; county_code: string; county_name: string }>(join(seeds, 'registry/scb-municipalities.csv'));
  const facts = csv<FactRow>(join(seeds, 'registry/forbund-registry.csv'));
  const reference = JSON.parse(readFileSync(join(seeds, 'reference.json'), 'utf8')) as { organisations: Json[]; forbund: Json[] } & Json;
  const noteOf = new Map(reference.organisations.map((o) => [o.key as string, o.note as string | undefined]));
  const counties = new Map(municipalities.map((m) => [m.county_code, m.county_name]));
  const scb = 'SCB kommunkod and länskod (seeds/registry/scb-municipalities.csv)';

  const organisations: Json[] = [
    ...reference.organisations.filter((o) => o.kind === 'FORSAKRINGSKASSAN' || o.kind === 'ARBETSFORMEDLINGEN'),
    ...[...counties.keys()]
      .filter((code) => code !== '09')
      .map((code) => ({
        key: `region-${code}`,
        name: REGION_NAMES[code],
        kind: 'REGION',
        countyCode: code,
        note: noteOf.get(`region-${code}`) ?? `The region of ${counties.get(code)}; county code: ${scb}.`,
      })),
    ...municipalities.map((m) => ({
      key: `kommun-${m.municipality_code}`,
      name: m.municipality_name,
      kind: 'MUNICIPALITY',
      municipalityCode: m.municipality_code,
      countyCode: m.county_code,
      ...(m.municipality_code === GOTLAND ? { regionalTasks: true } : {}),
      note:
        noteOf.get(`kommun-${m.municipality_code}`) ??
        (m.municipality_code === GOTLAND
          ? `Region Gotland: a municipality with a region's tasks, the only organisation of Gotlands län (no separate region). Codes: ${scb}.`
          : `Codes: ${scb}.`),
    })),
  ];

  const byForbund = new Map<string, FactRow[]>();
  for (const row of facts) byForbund.set(row.forbund, [...(byForbund.get(row.forbund) ?? []), row]);
  const slugOf = new Map([...byForbund.keys()].map((name) => [name, slugFromName(name)]));
  const registered = new Set(slugOf.values());

  const forbund: Json[] = [
    ...reference.forbund.filter((f) => !registered.has(f.slug as string)),
    ...[...byForbund].map(([name, rows]) => {
      const stated = new Set(rows.map((r) => r.fact));
      return {
        slug: slugOf.get(name),
        name,
        otherNames: [],
        countyCode: rows[0].county_code,
        provenance: `forbund-registry.csv (public pages, one fact a row): ${[...new Set(rows.map((r) => `${r.fact} — ${r.source_url}`))].join('; ')}.`,
        ...(stated.has('members') || stated.has('joined') ? {} : { note: 'The registry\'s sources name no members of this förbund; none are recorded.' }),
      };
    }),
  ];

  const files = new Map<string, string>();
  files.set('reference.json', json({ ...reference, organisations, forbund }));

  // One document per source page, numbered in the order its förbund's rows first name it.
  const pages = new Map<string, FactRow[]>();
  for (const row of facts) pages.set(row.source_url, [...(pages.get(row.source_url) ?? []), row]);
  const numbered = new Map<string, number>();
  for (const [url, rows] of pages) {
    const page = PAGES[url];
    if (!page) throw new Error(`forbund-registry.csv: ${url} is not described in scripts/registry.ts PAGES`);
    const slugs = [...new Set(rows.map((r) => slugOf.get(r.forbund)!))];
    const n = (numbered.get(slugs[0]) ?? 0) + 1;
    numbered.set(slugs[0], n);
    const id = `registry-${slugs.join('-')}-${n}`;
    const memberships: Json[] = [];
    const forbundFacts: Json[] = [];
    for (const row of rows) {
      const slug = slugOf.get(row.forbund)!;
      const year = row.year ? Number(row.year) : undefined;
      const period = row.fact === 'joined' ? { fromYear: year } : row.fact === 'members' && year ? { fromYear: year, toYear: year } : {};
      const how =
        row.fact === 'joined' ? `Joined ${year}: ${quoted(row)}.` : year ? `A member in ${year}, the year the source speaks of: ${quoted(row)}.` : `A member when the page was read; it gives no year: ${quoted(row)}.`;
      if (row.fact === 'members' || row.fact === 'joined') {
        for (const code of row.municipality_codes.split(';').filter(Boolean)) {
          memberships.push({ forbund: slug, organisation: `kommun-${code}`, ...period, locator: row.locator, note: how });
        }
      }
      // The state and the region are members of every förbund, but recorded only where the row's own words name them.
      const named = NAMED_MEMBERS.filter(([words]) => words.test(row.as_stated)).map(([, key]) => key(row.county_code));
      if (row.fact === 'members' || row.fact === 'founded') {
        for (const key of named) {
          const from = row.fact === 'founded' ? { fromYear: Number(row.year) } : period;
          memberships.push({ forbund: slug, organisation: key, ...from, locator: row.locator, note: row.fact === 'founded' ? `A party since its founding: ${quoted(row)}.` : how });
        }
      }
      // "länets tolv kommuner": every municipality of the county, when SCB's list has as many.
      const all = /länets (\S+) kommuner/.exec(row.as_stated);
      const inCounty = municipalities.filter((m) => m.county_code === row.county_code);
      if (all && row.fact === 'founded' && COUNT_WORDS[all[1]] === inCounty.length) {
        for (const m of inCounty) {
          memberships.push({
            forbund: slug,
            organisation: `kommun-${m.municipality_code}`,
            fromYear: Number(row.year),
            locator: row.locator,
            note: `A party since its founding, one of "länets ${all[1]} kommuner" (SCB lists ${inCounty.length} in ${m.county_name}): ${quoted(row)}.`,
          });
        }
      }
      if (row.fact === 'founded') forbundFacts.push({ forbund: slug, fact: 'FOUNDED', date: row.value, locator: row.locator, note: quoted(row) });
      if (row.fact === 'kind' && row.value === 'länsförbund') forbundFacts.push({ forbund: slug, fact: 'COUNTY_WIDE', locator: row.locator, note: quoted(row) });
    }
    const years = [...new Set([page.year, ...memberships.map((m) => m.toYear as number | undefined)].filter((y): y is number => y !== undefined))].sort();
    files.set(
      `documents/${id}.json`,
      json({
        formatVersion: 1,
        document: {
          id,
          url,
          title: `${rows[0].locator} — ${[...new Set(rows.map((r) => r.forbund))].join(', ')}`,
          kind: page.kind,
          status: 'FINAL',
          publisher: page.publisher,
          ...(slugs.length === 1 ? { forbund: slugs[0] } : {}),
          yearsCovered: years,
          note: 'A registry source: the facts stated on this page as forbund-registry.csv records them (one fact a row, quoted in each note); the page holds no figures for this API.',
        },
        memberships: dedupe(memberships),
        allocations: [],
        observations: [],
        goals: [],
        financialLines: [],
        insatser: [],
        boardMembers: [],
        meetings: [],
        forbundFacts,
      }),
    );
  }
  return files;
}

/** A page may name one member twice (a members row and a founding row): the first, and fuller, statement stays. */
function dedupe(memberships: Json[]): Json[] {
  const seen = new Set<string>();
  return memberships.filter((m) => {
    const key = `${m.forbund}|${m.organisation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

if (require.main === module) {
  const seeds = process.argv.find((a) => !a.startsWith('-') && a !== process.argv[0] && a !== process.argv[1]) ?? 'seeds';
  const files = buildRegistry(seeds);
  const stale = [...files].filter(([path, text]) => {
    try {
      return readFileSync(join(seeds, path), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`The registry seeds differ from what scripts/registry.ts makes of seeds/registry/*.csv: ${stale.map(([p]) => p).join(', ')}. Run npm run registry.`);
      process.exit(1);
    }
    console.log(`The registry seeds match seeds/registry/*.csv (${files.size} files).`);
  } else {
    for (const [path, text] of stale) writeFileSync(join(seeds, path), text);
    console.log(`Wrote ${stale.length} of ${files.size} registry files.`);
  }
}
