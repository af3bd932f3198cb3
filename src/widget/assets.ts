/**
 * The widget's files as served: the web component with its persisted queries filled in, and the stylesheet
 * of the example and embed pages. Read once; each with a content ETag, since they change only with a deploy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../platform/common/package-root';
import { StaticFile, staticFile } from '../platform/http/caching';
import { PERSISTED_WIDGET_QUERIES } from './queries';

/** The most the script may weigh gzipped: a member portal's page must not pay for more. */
export const WIDGET_GZIP_LIMIT_BYTES = 15 * 1024;

const clientFile = (name: string) => readFileSync(path.join(packageRoot(), 'src/widget/client', name), 'utf8');

/** What the served script is made of: its parts in files of a readable size, and the values only the server knows. */
const FILLS: Record<string, () => string> = {
  __FINSAM_QUERIES__: () => JSON.stringify(PERSISTED_WIDGET_QUERIES),
  __FINSAM_STYLE__: () => JSON.stringify(clientFile('widget.css')),
};
const INCLUDE = /^ *\/\/ @include (\S+)\n/gm;

let script: StaticFile | null = null;
/**
 * /widget/finsam-comparison.js: one file for the browser, assembled once from the client's parts (text.js, draw.js
 * and the stylesheet inside the element's own file), with each view's query and its SHA-256, so a browser asks by hash.
 */
export function widgetScript(): StaticFile {
  if (!script) {
    let source = clientFile('finsam-comparison.js').replace(INCLUDE, (_, name: string) => clientFile(name));
    for (const [placeholder, fill] of Object.entries(FILLS)) {
      if (!source.includes(placeholder)) throw new Error(`finsam-comparison.js lacks ${placeholder}`);
      source = source.replace(placeholder, fill());
    }
    script = staticFile(source, 'text/javascript; charset=utf-8');
  }
  return script;
}

let pageStyles: StaticFile | null = null;
/** /widget/page.css: the example and embed pages' own styles (a file, so their CSP needs no inline style). */
export function pageStylesheet(): StaticFile {
  pageStyles ??= staticFile(clientFile('page.css'), 'text/css; charset=utf-8');
  return pageStyles;
}

/** The script's weight as a browser downloads it. */
export function widgetSize(): { bytes: number; gzipBytes: number } {
  const body = Buffer.from(widgetScript().body);
  return { bytes: body.length, gzipBytes: gzipSync(body).length };
}
