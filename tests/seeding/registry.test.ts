import { readFileSync } from 'node:fs';
import { buildRegistry } from '../../scripts/registry';

const read = (path: string) => readFileSync(path, 'utf8');
const reference = () => JSON.parse(read('seeds/reference.json')) as { organisations: Array<Record<string, unknown>>; forbund: Array<Record<string, unknown>> };

describe('the national registry in the seeds', () => {
  it('is exactly what scripts/registry.ts makes of seeds/registry/*.csv (npm run registry)', () => {
    const files = buildRegistry('seeds');
    expect(files.size).toBeGreaterThan(17);
    for (const [path, text] of files) expect([path, read(`seeds/${path}`)]).toEqual([path, text]);
  });

  it('holds SCB\'s 290 municipalities and a region for every county but Gotland, whose municipality has the region\'s tasks', () => {
    const scb = read('seeds/registry/scb-municipalities.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    const orgs = reference().organisations;
    const municipalities = orgs.filter((o) => o.kind === 'MUNICIPALITY');
    expect(municipalities.map((o) => [o.key, o.name, o.municipalityCode, o.countyCode])).toEqual(scb.map(([code, name, county]) => [`kommun-${code}`, name, code, county]));
    expect(municipalities.filter((o) => o.regionalTasks).map((o) => o.key)).toEqual(['kommun-0980']);
    const counties = [...new Set(scb.map((r) => r[2]))];
    expect(counties).toHaveLength(21);
    expect(orgs.filter((o) => o.kind === 'REGION').map((o) => o.key)).toEqual(counties.filter((c) => c !== '09').map((c) => `region-${c}`));
  });

  it('has the same 21 counties, with their names, as the migration that made the county table', () => {
    const scb = new Map(read('seeds/registry/scb-municipalities.csv').trim().split('\n').slice(1).map((l) => l.split(',')).map((r) => [r[2], r[3]] as const));
    const migration = [...read('migrations/1732300000009-Registry.ts').matchAll(/\('(\d{2})', '([^']+)'\)/g)].map((m) => [m[1], m[2]]);
    expect(migration).toEqual([...scb]);
  });

  it('registers each förbund of forbund-registry.csv once, in its county, with no fact the file does not state', () => {
    const rows = read('seeds/registry/forbund-registry.csv').trim().split('\n').length - 1;
    expect(rows).toBe(25);
    const forbund = reference().forbund;
    expect(forbund).toHaveLength(19);
    const kalmar = forbund.find((f) => f.slug === 'kalmar-lan')!;
    expect(kalmar).toMatchObject({ name: 'Samordningsförbundet i Kalmar län', countyCode: '08' });
    // No organisation number is stated by any row, though one is in a document's address.
    expect(forbund.filter((f) => f.organisationNumber).map((f) => f.slug)).toEqual(['uppsala']);
    const umea = JSON.parse(read('seeds/documents/registry-umea-1.json'));
    expect(umea.forbundFacts).toEqual([expect.objectContaining({ fact: 'FOUNDED', date: '2005-05' })]);
    expect(umea.memberships).toEqual([]);
  });
});
