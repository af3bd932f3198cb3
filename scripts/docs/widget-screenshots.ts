/**
 * The README's pictures of the widget: the real API on the seed documents in a throwaway embedded database,
 * /widget/example.html opened in Debian's Chromium, and the first widget (Uppsala 2017) photographed at
 * 640 px in light mode and 320 px in dark mode. Run: npm run docs:widget
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startApp } from '../../src/app/app';
import { readConfig } from '../../src/app/config';

const SHOTS = [
  { file: 'widget-uppsala-2017.png', width: 640, colorScheme: 'light' as const },
  { file: 'widget-uppsala-2017-dark-320.png', width: 320, colorScheme: 'dark' as const },
];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'finsam-docs-'));
  const app = await startApp(readConfig({ FINSAM_DATA_DIR: dir, PORT: '0', FINSAM_LOG_LEVEL: 'warn' }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: { width: shot.width, height: 900 }, colorScheme: shot.colorScheme, deviceScaleFactor: 2 });
      await page.goto(app.api.url.replace('/graphql', '/widget/example.html'));
      const widget = page.locator('finsam-comparison').first();
      await widget.locator('.source').waitFor();
      const out = path.join(__dirname, '../../docs', shot.file);
      await widget.screenshot({ path: out });
      console.log(`${path.relative(process.cwd(), out)} written`);
      await page.close();
    }
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
