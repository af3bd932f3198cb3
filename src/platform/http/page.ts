/**
 * The shell of the pages the API serves to people (/rapportera, /tackning): a strict Content-Security-Policy, the
 * page's own script and stylesheet served from files beside it, and what every page shares — the shell's script
 * (the key kept in the tab's sessionStorage only and sent only as Authorization, Swedish with English a button
 * away, GraphQL over fetch) and stylesheet, served once at /page/. No inline script or style, nothing from elsewhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { packageRoot } from '../common/package-root';
import { sendStaticFile, StaticFile, staticFile, STATIC_CACHE } from './caching';

/** Only this origin's script, style and answers; no frames, no forms sent by the browser itself, no referrer. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SCRIPT = 'text/javascript; charset=utf-8';
const STYLE = 'text/css; charset=utf-8';

export interface PageSpec {
  /** Where it is served, e.g. "/rapportera"; its files at <path>/<file>. */
  path: string;
  /** The document's title in Swedish, the page's first language. */
  title: string;
  /** The folder of its client files, from the package root, e.g. "src/ingest/page/client". */
  clientDir: string;
  /** Its script and stylesheet in that folder. */
  script: string;
  style: string;
  /** The HTML inside <main>, in Swedish; every text the script translates carries data-t. */
  main: string;
  /** Other scripts of this server the page uses, by path, loaded before its own (e.g. the widget's). */
  uses?: string[];
}

/** A step asking for the key, the same on every page: the shell's script keeps it in sessionStorage. */
export function keySection(heading: string, hint: string, label = 'API-nyckel'): string {
  return `<section aria-labelledby="key-heading">
<h2 id="key-heading" data-t="keyHeading">${heading}</h2>
<form id="key-form" class="row">
<label for="key" data-t="keyLabel">${label}</label>
<input id="key" name="key" type="password" autocomplete="off" spellcheck="false" required>
<button type="submit" data-t="keyUse">Använd nyckeln</button>
<button type="button" id="key-forget" data-t="keyForget">Glöm nyckeln</button>
</form>
<p id="key-state" role="status"></p>
<p class="hint" data-t="keyHint">${hint}</p>
</section>`;
}

function html(spec: PageSpec): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${spec.title} · Finsam Compare</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page/page.css">
<link rel="stylesheet" href="${spec.path}/${spec.style}">
<script src="/page/page.js" defer></script>
${(spec.uses ?? []).map((src) => `<script src="${src}" defer></script>\n`).join('')}<script src="${spec.path}/${spec.script}" defer></script>
</head>
<body>
<header class="bar"><span>Finsam Compare</span><button type="button" id="lang" lang="en">English</button></header>
<main class="page">
${spec.main}
</main>
</body>
</html>
`;
}

const fileOf = (dir: string, name: string, type: string) => staticFile(readFileSync(path.join(packageRoot(), dir, name), 'utf8'), type);

/** Read on first use: a file that changes only with a deploy. */
function lazy(make: () => StaticFile): () => StaticFile {
  let file: StaticFile | null = null;
  return () => (file ??= make());
}

const shellScript = lazy(() => fileOf('src/platform/http/page-client', 'page.js', SCRIPT));
const shellStyle = lazy(() => fileOf('src/platform/http/page-client', 'page.css', STYLE));

/** The servers whose shell files are registered: each page registers them if no page did before. */
const withShell = new WeakSet<FastifyInstance>();

/** Serves a page, its script and stylesheet, and (once per server) the shell's files. */
export function registerPage(app: FastifyInstance, spec: PageSpec): void {
  if (!withShell.has(app)) {
    withShell.add(app);
    app.get('/page/page.js', async (request, reply) => sendStaticFile(request, reply, shellScript()));
    app.get('/page/page.css', async (request, reply) => sendStaticFile(request, reply, shellStyle()));
  }
  const page = lazy(() => staticFile(html(spec), 'text/html; charset=utf-8'));
  const script = lazy(() => fileOf(spec.clientDir, spec.script, SCRIPT));
  const style = lazy(() => fileOf(spec.clientDir, spec.style, STYLE));
  app.get(spec.path, async (_request, reply) =>
    reply
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', STATIC_CACHE)
      .type('text/html; charset=utf-8')
      .send(page().body),
  );
  app.get(`${spec.path}/${spec.script}`, async (request, reply) => sendStaticFile(request, reply, script()));
  app.get(`${spec.path}/${spec.style}`, async (request, reply) => sendStaticFile(request, reply, style()));
}
