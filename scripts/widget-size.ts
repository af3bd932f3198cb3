/**
 * Run by the build: prints what the widget script weighs as a browser downloads it, and fails the build when
 * it is over the limit a member portal's page should pay (15 KB gzipped).
 */
import { WIDGET_GZIP_LIMIT_BYTES, widgetSize } from '../src/widget/assets';

const { bytes, gzipBytes } = widgetSize();
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`widget: /widget/finsam-comparison.js ${kb(bytes)}, ${kb(gzipBytes)} gzipped (limit ${kb(WIDGET_GZIP_LIMIT_BYTES)})`);
if (gzipBytes > WIDGET_GZIP_LIMIT_BYTES) {
  console.error(`widget: over the limit by ${kb(gzipBytes - WIDGET_GZIP_LIMIT_BYTES)}`);
  process.exit(1);
}
