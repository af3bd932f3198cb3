import ExcelJS from 'exceljs';
import { startTestApi, TestApi } from '../support/api';
import { backends } from '../support/database';

describe.each(backends)('coverage on %s', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('lists every registered förbund that existed in 2017 with what each has reported, and the totals', async () => {
    const { data, errors } = await t.query(`{
      coverage(year: 2017, measures: ["participants_ended", "to_work_or_studies"]) {
        year measures { code }
        forbund { forbund { slug } reported cells { measureCode status lastChanged } }
        totals { measureCode final preliminary approximate missing }
      }
    }`);
    expect(errors).toBeUndefined();
    const c = data.coverage;
    expect(c.measures.map((m: any) => m.code)).toEqual(['participants_ended', 'to_work_or_studies']);
    const slugs = c.forbund.map((f: any) => f.forbund.slug);
    // Founded later: Älv och Kust (2018), Finsam Göteborg (2019).
    expect(slugs).not.toContain('goteborg');
    expect(slugs).not.toContain('alv-och-kust');
    expect(slugs).toEqual(expect.arrayContaining(['jamtland', 'uppsala', 'kalmar-lan', 'falun']));
    expect(slugs).toHaveLength(17);
    const uppsala = c.forbund.find((f: any) => f.forbund.slug === 'uppsala');
    expect(uppsala.cells.map((x: any) => x.status)).toEqual(['FINAL', 'FINAL']);
    expect(uppsala.cells[1].lastChanged).toEqual(expect.any(String));
    expect(c.forbund.find((f: any) => f.forbund.slug === 'kalmar-lan')).toMatchObject({ reported: 0, cells: [{ status: 'MISSING', lastChanged: null }, { status: 'MISSING' }] });
    // Jämtland's sources give its ended participants for 2016 only, and for 2017 another definition of the outcome
    // ("fått eller ökat omfattningen av arbete och/eller studier").
    expect(c.forbund.find((f: any) => f.forbund.slug === 'jamtland').reported).toBe(0);
    expect(c.totals).toEqual([
      { measureCode: 'participants_ended', final: 1, preliminary: 0, approximate: 0, missing: 16 },
      { measureCode: 'to_work_or_studies', final: 1, preliminary: 0, approximate: 0, missing: 16 },
    ]);
  });

  it('filters by county, defaults to the SUS measures, and names an unknown measure with the valid ones', async () => {
    const { data } = await t.query('{ coverage(year: 2017, countyCode: "03") { measures { code category } forbund { forbund { slug } } } }');
    expect(data.coverage.forbund.map((f: any) => f.forbund.slug)).toEqual(['uppsala']);
    expect(new Set(data.coverage.measures.map((m: any) => m.category))).toEqual(new Set(['PARTICIPANTS', 'OUTCOME']));
    const bad = await t.query('{ coverage(year: 2017, measures: ["deltagare"]) { year } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_MEASURE', validMeasures: expect.arrayContaining(['participants_ended']) });
  });

  it('gives the matrix as CSV (long format) and xlsx (förbund × measure, statuses in Swedish), and refuses a bad year', async () => {
    const base = t.api.url.replace('/graphql', '');
    const csv = await fetch(`${base}/export/coverage.csv?year=2017&countyCode=03`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="finsam-tackning-2017-lan-03.csv"');
    const lines = (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('year,forbund_slug,forbund_name,county_code,measure,measure_name_sv,status,last_changed');
    expect(lines.find((l) => l.includes(',to_work_or_studies,'))).toMatch(/^2017,uppsala,Samordningsförbundet Uppsala län,03,to_work_or_studies,Gått vidare till arbete eller studier,FINAL,\d{4}-/);
    const xlsx = await fetch(`${base}/export/coverage.xlsx?year=2017`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Täckning 2017')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('Förbund');
    const rows = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1));
    expect(rows).toHaveLength(17);
    const u = rows.find((r) => r[0] === 'Samordningsförbundet Uppsala län')!;
    expect(u[1]).toBe('Uppsala län');
    expect(u[header.indexOf('Gått vidare till arbete eller studier (to_work_or_studies)')]).toBe('slutlig');
    const bad = await fetch(`${base}/export/coverage.csv?year=20177`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
