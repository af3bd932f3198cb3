/// <reference lib="dom" />
/** What the browser tests of /rapportera and /tackning read off the pages, written as the pages write it. */
import { Page } from 'playwright-core';

/** A share as the page writes it in Swedish: 30,0 % (a no-break space before the sign). */
export const pct = (v: number) => `${(v * 100).toFixed(1).replace('.', ',')}\u00a0%`;
export const range = (low: number, high: number) => `${(low * 100).toFixed(1).replace('.', ',')}–${pct(high)}`;

/** The preview's first share: its heading and its rows of term and value. */
export async function previewOf(page: Page): Promise<{ heading: string; rows: string[][] }> {
  return page.locator('#result .preview').evaluate((box) => ({
    heading: box.querySelector('h4')?.textContent ?? '',
    rows: [...box.querySelectorAll('dl:first-of-type dt')].map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']),
  }));
}


/** What a test types into /tackning's registration form: the fields by id, the members row by row. */
export interface Registration {
  name: string;
  county: string;
  orgnr?: string;
  founded?: string;
  members: Array<{ code: string; from?: string; to?: string }>;
  source: { url: string; title: string; publisher: string; locator: string };
}

/** A synthetic förbund in Norrbotten, where the registry has none (test data: no real förbund). */
export const TESTBYGDEN: Registration = {
  name: 'Samordningsförbundet Testbygden',
  county: '25',
  orgnr: '222999-0003',
  founded: '2019-03',
  members: [
    { code: '2505', from: '2019' },
    { code: '2506', from: '2019' },
  ],
  source: { url: 'https://testbygden.example/om-oss', title: 'Om förbundet (testdata)', publisher: 'Samordningsförbundet Testbygden', locator: 'Om oss' },
};

/** Fills the registration form as a person does, field by field (member rows added by their button). */
export async function fillRegistration(page: Page, r: Registration): Promise<void> {
  await page.locator('#r-name').fill(r.name);
  await page.locator('#r-county').selectOption(r.county);
  await page.locator('#r-orgnr').fill(r.orgnr ?? '');
  await page.locator('#r-founded').fill(r.founded ?? '');
  const rows = page.locator('#r-members .member');
  while ((await rows.count()) < r.members.length) await page.getByRole('button', { name: /^(Lägg till medlem|Add a member)$/ }).click();
  for (const [i, m] of r.members.entries()) {
    const inputs = rows.nth(i).locator('input');
    await inputs.nth(0).fill(m.code);
    await inputs.nth(1).fill(m.from ?? '');
    await inputs.nth(2).fill(m.to ?? '');
  }
  await page.locator('#r-url').fill(r.source.url);
  await page.locator('#r-title').fill(r.source.title);
  await page.locator('#r-publisher').fill(r.source.publisher);
  await page.locator('#r-locator').fill(r.source.locator);
}

/** Each field the page marks invalid, with the problem shown beside it. */
export async function fieldProblems(page: Page): Promise<Record<string, string>> {
  return page.locator('#register-form').evaluate((form) =>
    Object.fromEntries(
      [...form.querySelectorAll('[aria-invalid="true"]')].map((input) => [input.id, document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '']),
    ),
  );
}

/** A download's bytes. */
export async function downloaded(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
