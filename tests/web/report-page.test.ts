/// <reference lib="dom" />
/**
 * /rapportera in a real browser (Debian's Chromium through playwright-core): a förbund's editor gives the key,
 * downloads the template, uploads it filled with problems and sees each at its cell, uploads it corrected, sees the
 * dry run's plan, saves it — and the key is never in a URL, a cookie or localStorage.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page, Request } from 'playwright-core';
import { createApiKey } from '../../src/domain/auth/keys';
import { startTestApi, TestApi } from '../support/api';
import { FALUN, fillWorkbook } from '../support/report-template';
import { pct, previewOf, range } from './pages';
import fixture from '../fixtures/comparison-methods.json';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`;
if (missing) console.warn(`tests/web/report-page.test.ts skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

describeInBrowser('the reporting page /rapportera', () => {
  let t: TestApi;
  let browser: Browser;
  let api: string;
  let key: string;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApi('pglite'), chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] })]);
    api = t.api.url.replace('/graphql', '');
    key = (await createApiKey(t.db.dataSource.manager, { name: 'Falun editor', role: 'EDITOR', forbundSlug: 'falun' })).secret;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), t?.close()]);
  });

  async function open(width = 900) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: Request[] = [];
    // A refused upload is an answer the page shows, though Chromium logs its status too.
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r));
    const res = await page.goto(`${api}/rapportera`);
    return { page, res, errors, requests, close: () => context.close() };
  }

  const resultText = (page: Page) => page.locator('#result').innerText();

  it('is served under a strict CSP, from this origin only, in Swedish with English a button away; axe finds nothing, at 320 px too', async () => {
    const { page, res, errors, requests, close } = await open();
    expect(res!.headers()['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(await page.locator('h1').innerText()).toBe('Rapportera förbundets år');
    expect(requests.every((r) => r.url().startsWith(api) || r.url().startsWith('data:'))).toBe(true);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').innerText()).toBe("Report the förbund's year");
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'Svenska' }).click();
    expect(await page.locator('h1').innerText()).toBe('Rapportera förbundets år');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('takes a förbund\'s year from key to saved batch by keyboard: every problem at its cell, the plan and the preview, the import, its history, and undoing it', async () => {
    const { page, errors, requests, close } = await open();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expectFocused(page, 'key');
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
    expect(await page.locator('#key-state').innerText()).toBe('En nyckel används i den här fliken.');
    await page.locator('#forbund').fill(FALUN.slug);
    await page.locator('#year').fill(String(FALUN.year));
    expect(await page.locator('#template-xlsx').getAttribute('href')).toBe('/templates/report.xlsx?forbund=falun&year=2024');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#template-xlsx').click()]);
    const template = await new Promise<Buffer>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      }, reject);
    });
    expect(download.suggestedFilename()).toBe('falun-2024.xlsx');

    const broken = await fillWorkbook(template, (wb) => {
      wb.getWorksheet('Deltagare')!.eachRow((row) => {
        if (row.getCell(1).value === 'participants_ended' && row.getCell(3).value === 'Kvinnor') row.getCell('D').value = 'fyrtiofem';
      });
      wb.getWorksheet('Utfall')!.getCell('E2').value = 90;
      wb.getWorksheet('Källa')!.getCell('B6').value = 'Klar';
    });
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await page.locator('#file').setInputFiles({ name: 'falun-2024.xlsx', mimeType: xlsx, buffer: broken });
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page.locator('#result table').waitFor();
    expect(await resultText(page)).toContain('3 fel – inget är sparat.');
    const cells = await page.locator('#result tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(cells.map((c) => `${c[1]}: ${c[2]}`).sort()).toEqual([
      'Deltagare!D9: "fyrtiofem" is not a number',
      'Källa!B6: Slutlig eller preliminär is one of Slutlig, Preliminär, not "Klar"',
      'Utfall!E2: numerator 90 is larger than its denominator 80',
    ]);
    expect(await page.locator('#commit').isHidden()).toBe(true);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

    await page.locator('#file').setInputFiles({ name: 'falun-2024.xlsx', mimeType: xlsx, buffer: await fillWorkbook(template) });
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page.getByRole('button', { name: 'Spara' }).waitFor();
    expect(await resultText(page)).toContain('Provkörning: inget är sparat. Så här skulle det bli: 7 nya, 0 ändrade, 0 borttagna, 0 oförändrade uppgifter.');
    expect(await resultText(page)).toContain('Ny: uppgift falun|to_work_or_studies|2024|ALL');
    // The preview: 24 of 80 against 2020's 28 % (the latest published), values from the scipy fixture.
    const falun = fixture.preview.find((c) => c.numerator === 24 && c.denominator === 80)!;
    expect(await previewOf(page)).toEqual({
      heading: 'Gått vidare till arbete eller studier 2024',
      rows: [
        ['Andel', `${pct(0.3)} (24 av 80)`],
        ['95 % konfidensintervall', range(falun.low95, falun.high95)],
        ['99,8 % konfidensintervall', range(falun.low998, falun.high998)],
        ['Rikssnitt', `${pct(0.28)} (2020, det senast publicerade)`],
        ['Jämfört med rikssnittet', 'Liknande på 95 %-nivån, liknande på 99,8 %-nivån'],
        ['I trattdiagrammet', 'Inom 95 %-gränserna'],
        ['Placering', '1 av 1 förbund'],
        ['Sparat nu', 'Inget'],
      ],
    });
    const widget = page.locator('#result finsam-comparison');
    await widget.locator('.headline').waitFor();
    expect(await widget.locator('.headline').innerText()).toContain('24 av 80');
    expect(await widget.locator('.source').innerText()).toBe('Förhandsvisning: siffran är inte sparad än. De andra förbunden och rikssnittet som de är sparade nu.');
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
    await page.setViewportSize({ width: 900, height: 900 });
    const before = await t.query('{ forbund(slug: "falun") { outcome(year: 2024) { ended } } }');
    expect(before.data.forbund.outcome?.ended ?? null).toBeNull();
    await page.getByRole('button', { name: 'Spara' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#result .ok').filter({ hasText: 'Sparat' }).waitFor();
    expect(await resultText(page)).toMatch(/^Sparat som import nr \d+: 7 nya, 0 ändrade, 0 borttagna, 0 oförändrade uppgifter\./);
    const after = await t.query('{ forbund(slug: "falun") { outcome(year: 2024) { ended toWorkOrStudies { numerator denominator } } } }');
    expect(after.data.forbund.outcome).toEqual({ ended: 80, toWorkOrStudies: { numerator: 24, denominator: 80 } });

    // The history shows the batch with its changes in words; undoing it is a new batch, and the figures are gone again.
    const saved = Number(/import nr (\d+)/.exec(await resultText(page))![1]);
    const history = page.locator('#history');
    await history.locator('li').first().waitFor();
    expect(await history.locator('summary').first().innerText()).toMatch(new RegExp(`^Import nr ${saved}, .*, falun-2024.xlsx \\(uppladdning\\): 7 nya, 0 ändrade, 0 borttagna$`));
    await history.locator('summary').first().focus();
    await page.keyboard.press('Enter');
    expect(await history.locator('li').first().locator('ul').innerText()).toContain('Ny: uppgift falun|to_work_or_studies|2024|ALL: 24 av 80');
    const undo = page.getByRole('button', { name: `Ångra senaste (import nr ${saved})` });
    await undo.focus();
    await page.keyboard.press('Enter');
    await page.locator('#undo-state').filter({ hasText: 'ångrad' }).waitFor();
    expect(await page.locator('#undo-state').innerText()).toBe(`Import nr ${saved} är ångrad som import nr ${saved + 1}: 0 nya, 0 ändrade, 7 borttagna uppgifter.`);
    await page.getByRole('button', { name: `Ångra senaste (import nr ${saved + 1})` }).waitFor();
    expect(await history.locator('summary').first().innerText()).toMatch(new RegExp(`^Import nr ${saved + 1}, .* \\(ångring\\): 0 nya, 0 ändrade, 7 borttagna$`));
    expect(await history.locator('summary').nth(1).innerText()).toMatch(new RegExp(`^Import nr ${saved}, `));
    const undone = await t.query('{ forbund(slug: "falun") { outcome(year: 2024) { ended } } }');
    expect(undone.data.forbund.outcome?.ended ?? null).toBeNull();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

    // The key: in this tab's sessionStorage and the uploads' Authorization header, nowhere else.
    expect(await page.evaluate(() => ({ session: sessionStorage.getItem('finsam-key'), local: localStorage.length, cookie: document.cookie }))).toEqual({ session: key, local: 0, cookie: '' });
    expect(requests.some((r) => r.url().includes(key))).toBe(false);
    const uploads = requests.filter((r) => r.url().startsWith(`${api}/import`));
    expect(uploads.length).toBe(3);
    for (const r of uploads) expect(await r.headerValue('authorization')).toBe(`Bearer ${key}`);
    // The key goes with the uploads and the undo only: the preview and the history are public reads.
    const withKey = [];
    for (const r of requests) if (await r.headerValue('authorization')) withKey.push(r.url().replace(api, ''));
    expect(withKey.map((u) => u.split('?')[0])).toEqual(['/import', '/import', '/import', '/graphql']);
    await page.getByRole('button', { name: 'Glöm nyckeln' }).click();
    expect(await page.evaluate(() => sessionStorage.getItem('finsam-key'))).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  it('says what is wrong with a key that is not valid, and asks for a key before sending anything', async () => {
    const { page, requests, close } = await open();
    await page.locator('#file').setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    await page.getByRole('button', { name: 'Provkör' }).click();
    expect(await resultText(page)).toBe('Ange din nyckel först (steg 1).');
    expect(requests.some((r) => r.url().includes('/import'))).toBe(false);
    await page.locator('#key').fill('fck_not-a-key');
    await page.getByRole('button', { name: 'Använd nyckeln' }).click();
    await page.getByRole('button', { name: 'Provkör' }).click();
    await page.locator('#result .error').waitFor();
    expect(await resultText(page)).toBe('Filen togs inte emot (401, UNAUTHENTICATED):\n\nThe API key is not valid (unknown or revoked).');
    await close();
  });
});

async function expectFocused(page: Page, id: string): Promise<void> {
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
}
