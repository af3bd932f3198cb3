/// <reference lib="dom" />
/**
 * /tackning in a real browser (Debian's Chromium through playwright-core): the coverage matrix of a year with its
 * status in words, by county, with its files; a förbund registered by keyboard with every problem at its field;
 * its editor key issued and shown once — and no key in a URL, a cookie or localStorage.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page, Request } from 'playwright-core';
import { createApiKey } from '../../src/domain/auth/keys';
import { as, startTestApi, TestApi } from '../support/api';
import { downloaded, fieldProblems, fillRegistration, TESTBYGDEN } from './pages';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`;
if (missing) console.warn(`tests/web/coverage-page.test.ts skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

const axe = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);

describeInBrowser('the coverage page /tackning', () => {
  let t: TestApi;
  let browser: Browser;
  let api: string;
  let admin: string;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApi('pglite'), chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })]);
    api = t.api.url.replace('/graphql', '');
    admin = (await createApiKey(t.db.dataSource.manager, { name: 'National network', role: 'ADMIN' })).secret;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), t?.close()]);
  });

  async function open(width = 900) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: Request[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r));
    const res = await page.goto(`${api}/tackning`);
    await page.locator('#matrix-state').filter({ hasText: 'förbund' }).waitFor();
    return { page, res, errors, requests, close: () => context.close() };
  }

  /** Asks for a year and county and waits for the table's caption to say so. */
  async function show(page: Page, year: number, county: string, caption: string) {
    await page.locator('#m-year').fill(String(year));
    await page.locator('#m-county').selectOption(county);
    await page.getByRole('button', { name: /^(Visa|Show)$/ }).click();
    await page.locator('#matrix caption').filter({ hasText: new RegExp(`^${caption}$`) }).waitFor();
  }

  /** The matrix as text: each förbund's name and, per measure column, the cell's first line (its status in words). */
  const matrixOf = (page: Page) =>
    page.locator('#matrix table').evaluate((table) => ({
      caption: table.querySelector('caption')?.textContent,
      columns: [...table.querySelectorAll('thead th')].map((th) => th.textContent),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')!.firstChild!.textContent, ...[...tr.querySelectorAll('td')].map((td) => td.firstChild!.textContent)]),
      totals: [...table.querySelectorAll('tfoot td')].map((td) => td.textContent),
    }));

  it('shows the matrix of a year to anyone, each status in words, by county, with its CSV and xlsx; axe finds nothing in either language, at 320 px too', async () => {
    const { page, res, errors, requests, close } = await open();
    expect(res!.headers()['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(await page.locator('h1').innerText()).toBe('Täckning: vem har rapporterat vad');
    await show(page, 2017, '', 'Täckning 2017, Alla län');
    const all = await matrixOf(page);
    expect(all.caption).toBe('Täckning 2017, Alla län');
    const column = all.columns.indexOf('Gått vidare till arbete eller studier');
    expect(column).toBeGreaterThan(0);
    const uppsala = all.rows.find((r) => r[0] === 'Samordningsförbundet Uppsala län')!;
    expect(uppsala[column]).toBe('Slutlig');
    expect(all.rows.every((r) => r.slice(1).every((c) => ['Slutlig', 'Preliminär', 'Ungefärlig', 'Saknas'].includes(c!)))).toBe(true);
    expect(all.totals[column - 1]).toMatch(/^1 slutliga, 0 preliminära, 0 ungefärliga, \d+ saknas$/);

    await show(page, 2017, '03', 'Täckning 2017, Uppsala län');
    const county = await matrixOf(page);
    expect(county.caption).toBe('Täckning 2017, Uppsala län');
    expect(county.rows.map((r) => r[0])).toEqual(['Samordningsförbundet Uppsala län']);
    expect(await page.locator('#matrix-state').innerText()).toBe(`2017, Uppsala län: 1 förbund, ${county.columns.length - 1} mått.`);
    expect(await page.locator('#coverage-csv').getAttribute('href')).toBe('/export/coverage.csv?year=2017&countyCode=03');
    expect(await page.locator('#coverage-xlsx').getAttribute('href')).toBe('/export/coverage.xlsx?year=2017&countyCode=03');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#coverage-csv').click()]);
    expect(csv.suggestedFilename()).toBe('finsam-tackning-2017-lan-03.csv');
    expect((await downloaded(csv)).toString('utf8')).toMatch(/uppsala.*to_work_or_studies.*FINAL/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#coverage-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('finsam-tackning-2017-lan-03.xlsx');
    expect((await downloaded(xlsx)).subarray(0, 2).toString()).toBe('PK');

    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect((await matrixOf(page)).caption).toBe('Coverage 2017, Uppsala län');
    expect((await matrixOf(page)).rows[0]).toContain('Final');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
    expect(await axe(page)).toEqual([]);
    expect(requests.every((r) => r.url().startsWith(api) || r.url().startsWith('data:'))).toBe(true);
    expect(requests.some((r) => r.headers().authorization)).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('registers a förbund by keyboard — every problem at its field first — shows it in the matrix, and issues its editor key once', async () => {
    const { page, errors, requests, close } = await open();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('key');
    await page.keyboard.type(admin);
    await page.keyboard.press('Enter');
    expect(await page.locator('#key-state').innerText()).toBe('En nyckel används i den här fliken.');

    // A malformed address is refused before anything else is checked, at its field.
    await fillRegistration(page, { ...TESTBYGDEN, orgnr: '222999-0004', members: [{ code: '0180', from: '2019' }, { code: '2506', from: '2015' }], source: { ...TESTBYGDEN.source, url: 'testbygden.example' } });
    await page.locator('#r-locator').focus();
    await page.keyboard.press('Enter');
    await page.locator('#register-result .error').waitFor();
    expect(Object.keys(await fieldProblems(page))).toEqual(['r-url']);
    expect(await page.locator('#register-result').innerText()).toMatch(/^1 fel – inget är registrerat\. Rätta dem och försök igen:\n+Webbadress: url is a web address beginning with https:\/\/ or http:\/\/$/);

    // Then the three the registry finds, each at its field.
    await page.locator('#r-url').fill(TESTBYGDEN.source.url);
    await page.locator('#r-url').press('Enter');
    await page.locator('#register-result .error').filter({ hasText: '3 fel' }).waitFor();
    const problems = await fieldProblems(page);
    expect(Object.keys(problems).sort()).toEqual(['r-m0-code', 'r-m1-from', 'r-orgnr']);
    expect(problems['r-orgnr']).toBe('"222999-0004" fails the organisationsnummer\'s check digit (Luhn): check the digits');
    expect(problems['r-m0-code']).toMatch(/^Stockholm \(kommun-0180\) lies in county 01, the förbund in 25/);
    expect(problems['r-m1-from']).toMatch(/^2015 is before the förbund was founded \(2019\)/);
    expect(await page.locator('#r-orgnr').getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
    await page.setViewportSize({ width: 900, height: 900 });

    await fillRegistration(page, TESTBYGDEN);
    await page.locator('#r-orgnr').press('Enter');
    await page.locator('#register-result .ok').waitFor();
    expect(await fieldProblems(page)).toEqual({});
    expect(await page.locator('#register-result').innerText()).toContain('would create förbund Samordningsförbundet Testbygden (testbygden)');
    expect((await t.query('{ forbund(slug: "testbygden") { slug } }')).data.forbund).toBeNull();
    await page.getByRole('button', { name: 'Registrera', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#register-result .ok').filter({ hasText: 'Registrerat' }).waitFor();
    expect(await page.locator('#register-result').innerText()).toBe('Registrerat: Samordningsförbundet Testbygden (id testbygden). Det syns nu i tabellen; utfärda dess nyckel i steg 4.');
    await page.locator('#matrix caption').filter({ hasText: 'Norrbottens län' }).waitFor();
    const matrix = await matrixOf(page);
    expect(matrix.rows).toHaveLength(1);
    expect(matrix.rows[0][0]).toBe('Samordningsförbundet Testbygden');
    expect(matrix.rows[0].slice(1).every((c) => c === 'Saknas')).toBe(true);

    expect(await page.locator('#i-forbund').inputValue()).toBe('testbygden');
    await page.locator('#i-name').fill('Testbygden, kansliet');
    await page.locator('#i-name').press('Enter');
    await page.locator('#issued-key').waitFor();
    const secret = await page.locator('#issued-key').innerText();
    expect(secret).toMatch(/^fck_/);
    expect(await page.locator('#issue-result').innerText()).toContain('Den visas bara den här gången och kan inte visas igen');
    expect(await axe(page)).toEqual([]);
    // An editor key for Testbygden: it may not register förbund.
    const tried = await as(t, secret, '{ __typename }');
    expect(tried.errors).toBeUndefined();
    const refused = await as(t, secret, 'mutation { issueEditorKey(forbund: "testbygden", name: "again") { id } }');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    await page.getByRole('button', { name: 'Dölj nyckeln' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#issued-key').count()).toBe(0);
    // The keys: the admin key in this tab's sessionStorage and the mutations' Authorization header; the new one nowhere.
    expect(await page.evaluate(() => ({ session: sessionStorage.getItem('finsam-key'), local: localStorage.length, cookie: document.cookie }))).toEqual({ session: admin, local: 0, cookie: '' });
    expect(requests.some((r) => r.url().includes(admin) || r.url().includes(secret))).toBe(false);
    const withKey = [];
    for (const r of requests) if (await r.headerValue('authorization')) withKey.push(await r.headerValue('authorization'));
    expect(withKey).toEqual(Array(5).fill(`Bearer ${admin}`));
    expect(errors).toEqual([]);
    await close();
  });
});
