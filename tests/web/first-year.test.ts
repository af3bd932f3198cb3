/// <reference lib="dom" />
/**
 * A registered förbund's first year entirely through the pages, against the server as it is run (`npm start`'s
 * command, embedded PGlite, logging every request): on /tackning the national network registers Testbygden and
 * issues its editor key; on /rapportera the editor gives the key, downloads the template, fills it (exceljs), uploads
 * it with three errors and sees each at its cell, fixes them, sees the preview with the right share and intervals,
 * saves; nationalComparison and the widget show it; undoing it restores the state before. Neither key is ever in a
 * URL, a log line, localStorage or a cookie. Expected statistics from the scipy fixture (9 of 60 against 28 %).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { Browser, BrowserContext, chromium, Page, Request } from 'playwright-core';
import fixture from '../fixtures/comparison-methods.json';
import { Edit, fillWorkbookWith, findRow } from '../support/report-template';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { keyFrom, runTool } from '../support/tools';
import { downloaded, fillRegistration, pct, previewOf, range, TESTBYGDEN } from './pages';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`;
if (missing) console.warn(`tests/web/first-year.test.ts skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

const YEAR = 2024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Testbygden's synthetic first year: 9 of 60 ended participants went on to work or studies. */
const EDITS: Edit[] = [
  { sheet: 'Källa', row: ['Titel'], set: { B: 'Verksamhetsberättelse 2024 (testdata)' } },
  { sheet: 'Källa', row: ['Webbadress'], set: { B: 'https://testbygden.example/verksamhetsberattelse-2024.pdf' } },
  { sheet: 'Källa', row: ['Datum'], set: { B: new Date(Date.UTC(2025, 2, 14)) } },
  { sheet: 'Källa', row: ['Slutlig eller preliminär'], set: { B: 'Slutlig' } },
  { sheet: 'Deltagare', row: ['participants_ended', 'Avslutade deltagare (utregistrerade)', 'Alla'], set: { D: 60 } },
  { sheet: 'Deltagare', row: ['participants_registered', 'Deltagare registrerade med personuppgifter', 'Alla'], set: { D: 75 } },
  { sheet: 'Utfall', row: ['to_work_or_studies', 'Gått vidare till arbete eller studier', 'Alla'], set: { D: 15, E: 9, F: 60, I: 'Verksamhetsberättelse, s. 4' } },
];
/** The three slips: a count in words, more who went on than ended, a status the template does not know. */
const SLIPS: Edit[] = [
  { sheet: 'Deltagare', row: ['participants_ended', 'Avslutade deltagare (utregistrerade)', 'Alla'], set: { D: 'sextio' } },
  { sheet: 'Utfall', row: ['to_work_or_studies', 'Gått vidare till arbete eller studier', 'Alla'], set: { E: 70 } },
  { sheet: 'Källa', row: ['Slutlig eller preliminär'], set: { B: 'Klar' } },
];

describeInBrowser("a registered förbund's first year through the pages", () => {
  const work = mkdtempSync(join(tmpdir(), 'finsam-first-year-'));
  const env = { NODE_ENV: undefined, FINSAM_DATA_DIR: join(work, 'data'), FINSAM_COST_BUDGET: '0', FINSAM_LOG_LEVEL: 'info' };
  let server: ServerProcess;
  let browser: Browser;
  let admin: string;
  const requests: Request[] = [];
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    // As the network starts it: the first ADMIN key from the command line (which creates and seeds the data folder).
    const created = await runTool(env, 'keys', 'create', '--name', 'national network', '--role', 'ADMIN');
    expect(created.code).toBe(0);
    admin = keyFrom(created.stdout);
    [server, browser] = await Promise.all([startServerProcess(env, 120_000), chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  async function open(path: string, width = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    // A refused upload is an answer the page shows, though Chromium logs its status too.
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r));
    await page.goto(`${server.base}${path}`);
    return page;
  }

  async function graphql(query: string): Promise<any> {
    const res = await fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  const state = () =>
    graphql(`{
      nationalComparison(measure: "to_work_or_studies", year: ${YEAR}) {
        entries { forbund { slug } value { numerator denominator } ci95 { low high } ci998 { low high } outcome { at95 at998 } funnel { position } }
      }
      forbund(slug: "testbygden") { outcome(year: ${YEAR}) { ended } }
      coverage(year: ${YEAR}, countyCode: "25", measures: ["to_work_or_studies"]) { forbund { forbund { slug } cells { status } } }
    }`);

  const axe = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);

  async function expectKeyOnlyInSession(page: Page, key: string): Promise<void> {
    expect(await page.evaluate(() => ({ session: sessionStorage.getItem('finsam-key'), local: localStorage.length, cookie: document.cookie }))).toEqual({ session: key, local: 0, cookie: '' });
  }

  /** The widget's text as a fresh visitor sees it (a new context: nothing cached from before). */
  async function widgetText(): Promise<string> {
    const page = await open(`/embed/comparison?forbund=testbygden&measure=to_work_or_studies&year=${YEAR}`);
    const widget = page.locator('finsam-comparison');
    await widget.locator('.headline, .message').first().waitFor();
    return widget.evaluate((el) => el.shadowRoot!.textContent ?? '');
  }

  it('registers it, issues its key, takes its first year from template to comparison and widget, and undoes it', async () => {
    const before = await state();
    const expected = fixture.preview.find((c) => c.numerator === 9 && c.denominator === 60)!;

    // The national network, on /tackning: registers Testbygden and issues its editor key.
    const network = await open('/tackning');
    await network.locator('#key').fill(admin);
    await network.locator('#key').press('Enter');
    await fillRegistration(network, TESTBYGDEN);
    await network.getByRole('button', { name: 'Registrera', exact: true }).click();
    await network.locator('#register-result .ok').filter({ hasText: 'Registrerat' }).waitFor();
    await network.locator('#i-name').fill('Testbygden, kansliet');
    await network.locator('#i-name').press('Enter');
    await network.locator('#issued-key').waitFor();
    const editor = await network.locator('#issued-key').innerText();
    expect(editor).toMatch(/^fck_/);
    await expectKeyOnlyInSession(network, admin);

    // The förbund's editor, on /rapportera, by keyboard.
    const page = await open('/rapportera');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('key');
    await page.keyboard.type(editor);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('forbund');
    await page.keyboard.type('testbygden');
    await page.locator('#year').fill(String(YEAR));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#template-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`testbygden-${YEAR}.xlsx`);
    const template = await downloaded(download);
    const members = new ExcelJS.Workbook();
    await members.xlsx.load(template as unknown as ArrayBuffer);
    const cell = (e: Edit, column: string) => `${e.sheet}!${column}${findRow(members.getWorksheet(e.sheet)!, e.row).number}`;

    const broken = await fillWorkbookWith(template, [...EDITS, ...SLIPS]);
    await page.locator('#file').setInputFiles({ name: `testbygden-${YEAR}.xlsx`, mimeType: XLSX, buffer: broken });
    await page.getByRole('button', { name: 'Provkör' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#result table').waitFor();
    expect(await page.locator('#result').innerText()).toContain('3 fel – inget är sparat.');
    const cells = await page.locator('#result tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(cells.map((c) => `${c[1]}: ${c[2]}`).sort()).toEqual([
      `${cell(SLIPS[0], 'D')}: "sextio" is not a number`,
      `${cell(SLIPS[2], 'B')}: Slutlig eller preliminär is one of Slutlig, Preliminär, not "Klar"`,
      `${cell(SLIPS[1], 'E')}: numerator 70 is larger than its denominator 60`,
    ]);
    expect(await axe(page)).toEqual([]);

    await page.locator('#file').setInputFiles({ name: `testbygden-${YEAR}.xlsx`, mimeType: XLSX, buffer: await fillWorkbookWith(template, EDITS) });
    await page.getByRole('button', { name: 'Provkör' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Spara' }).waitFor();
    expect(await page.locator('#result').innerText()).toMatch(/^Provkörning: inget är sparat\. Så här skulle det bli: 3 nya, 0 ändrade, 0 borttagna/);
    const others = before.nationalComparison.entries.length;
    expect(await previewOf(page)).toEqual({
      heading: `Gått vidare till arbete eller studier ${YEAR}`,
      rows: [
        ['Andel', `${pct(0.15)} (9 av 60)`],
        ['95 % konfidensintervall', range(expected.low95, expected.high95)],
        ['99,8 % konfidensintervall', range(expected.low998, expected.high998)],
        ['Rikssnitt', `${pct(0.28)} (2020, det senast publicerade)`],
        ['Jämfört med rikssnittet', 'Sämre på 95 %-nivån, liknande på 99,8 %-nivån'],
        ['I trattdiagrammet', 'Mellan den nedre 95 %- och 99,8 %-gränsen'],
        ['Placering', `${others + 1} av ${others + 1} förbund`],
        ['Sparat nu', 'Inget'],
      ],
    });
    expect([expected.at95, expected.at998, expected.funnel.position]).toEqual(['WORSE', 'SIMILAR', 'BELOW_95']);
    // The widget itself, drawn from the same preview.
    const previewWidget = page.locator('#result finsam-comparison');
    await previewWidget.locator('.headline').waitFor();
    const shown = await previewWidget.evaluate((el) => el.shadowRoot!.textContent ?? '');
    expect(shown).toContain('Samordningsförbundet Testbygden · Gått vidare till arbete eller studier 2024');
    expect(shown).toContain('9 av 60');
    expect(shown).toContain(`95 % konfidensintervall: ${range(expected.low95, expected.high95)}`);
    expect(shown).toContain('95 %: sämre · 99,8 %: liknande');
    expect(shown).toContain('Förhandsvisning: siffran är inte sparad än.');
    expect(await axe(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: 'Spara' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#result .ok').filter({ hasText: 'Sparat' }).waitFor();
    const saved = Number(/import nr (\d+)/.exec(await page.locator('#result').innerText())![1]);

    // Saved: the comparison and the widget show it.
    const after = await state();
    const entry = after.nationalComparison.entries.find((e: any) => e.forbund.slug === 'testbygden');
    expect(entry.value).toEqual({ numerator: 9, denominator: 60 });
    expect(entry.ci95.low).toBeCloseTo(expected.low95, 10);
    expect(entry.ci95.high).toBeCloseTo(expected.high95, 10);
    expect(entry.ci998.low).toBeCloseTo(expected.low998, 10);
    expect(entry.ci998.high).toBeCloseTo(expected.high998, 10);
    expect([entry.outcome.at95, entry.outcome.at998, entry.funnel.position]).toEqual(['WORSE', 'SIMILAR', 'BELOW_95']);
    expect(after.forbund.outcome.ended).toBe(60);
    expect(after.coverage.forbund).toEqual([{ forbund: { slug: 'testbygden' }, cells: [{ status: 'FINAL' }] }]);
    const widget = await widgetText();
    expect(widget).toContain('Samordningsförbundet Testbygden · Gått vidare till arbete eller studier 2024');
    expect(widget).toContain('9 av 60');
    expect(widget).toContain(`95 % konfidensintervall: ${range(expected.low95, expected.high95)}`);
    expect(widget).toContain('95 %: sämre · 99,8 %: liknande');

    // Undone: a new batch in the history, and everything as before.
    await page.setViewportSize({ width: 900, height: 900 });
    const undo = page.getByRole('button', { name: `Ångra senaste (import nr ${saved})` });
    await undo.focus();
    await page.keyboard.press('Enter');
    await page.locator('#undo-state').filter({ hasText: 'ångrad' }).waitFor();
    expect(await page.locator('#undo-state').innerText()).toBe(`Import nr ${saved} är ångrad som import nr ${saved + 1}: 0 nya, 0 ändrade, 3 borttagna uppgifter.`);
    await page.getByRole('button', { name: `Ångra senaste (import nr ${saved + 1})` }).waitFor();
    const history = await page.locator('#history summary').allInnerTexts();
    expect(history[0]).toMatch(new RegExp(`^Import nr ${saved + 1}, .* \\(ångring\\): 0 nya, 0 ändrade, 3 borttagna$`));
    expect(history[1]).toMatch(new RegExp(`^Import nr ${saved}, .*, testbygden-${YEAR}.xlsx \\(uppladdning\\): 3 nya, 0 ändrade, 0 borttagna$`));
    expect(history[2]).toMatch(/^Import nr \d+, .* \(registrering\): 3 nya, 0 ändrade, 0 borttagna$/);
    const undone = await state();
    expect(undone.nationalComparison).toEqual(before.nationalComparison);
    expect(undone.forbund.outcome).toBeNull();
    expect(undone.coverage.forbund).toEqual([{ forbund: { slug: 'testbygden' }, cells: [{ status: 'MISSING' }] }]);
    expect(await widgetText()).toContain('Samordningsförbundet Testbygden har inga uppgifter om "Gått vidare till arbete eller studier" för 2024.');
    await expectKeyOnlyInSession(page, editor);

    // Neither key in a URL, a log line, localStorage or a cookie, in any page.
    for (const context of contexts) expect(await context.cookies()).toEqual([]);
    for (const key of [admin, editor]) {
      expect(requests.some((r) => r.url().includes(key))).toBe(false);
      expect(server.output()).not.toContain(key);
    }
    expect(server.output()).toMatch(/"url":"\/import\?dryRun=false/);
    expect(errors).toEqual([]);
  });
});
