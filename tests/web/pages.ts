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

