/**
 * /rapportera: where a förbund's editor sends the year's report from a browser — the key, the template, the
 * filled file's dry run with every problem at its cell and a preview of the comparison, then the import; the
 * förbund's history, and undoing its latest import. Swedish, with English a button away. No
 * inline script or style and nothing from elsewhere: it is served under a strict Content-Security-Policy, and the
 * key lives only in the tab's sessionStorage and the Authorization header (never a URL, a cookie or localStorage).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FastifyInstance } from 'fastify';
import { packageRoot } from '../../platform/common/package-root';
import { sendStaticFile, StaticFile, staticFile, STATIC_CACHE } from '../../platform/http/caching';

/** Only this origin's script, style and answers; no frames, no forms sent by the browser itself, no referrer. */
export const REPORT_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapportera · Finsam Compare</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/rapportera/report.css">
<script src="/rapportera/report.js" defer></script>
</head>
<body>
<header class="bar"><span>Finsam Compare</span><button type="button" id="lang" lang="en">English</button></header>
<main class="report">
<h1 data-t="title">Rapportera förbundets år</h1>
<p data-t="intro">Hämta mallen för ert förbund och år, fyll i den i Excel eller LibreOffice och ladda upp den här. Först provkörs filen: du ser varje fel med blad och cell, och vad som skulle ändras. Inget sparas förrän du trycker Spara.</p>

<section aria-labelledby="key-heading">
<h2 id="key-heading" data-t="keyHeading">1. Din nyckel</h2>
<form id="key-form" class="row">
<label for="key" data-t="keyLabel">API-nyckel</label>
<input id="key" name="key" type="password" autocomplete="off" spellcheck="false" required>
<button type="submit" data-t="keyUse">Använd nyckeln</button>
<button type="button" id="key-forget" data-t="keyForget">Glöm nyckeln</button>
</form>
<p id="key-state" role="status"></p>
<p class="hint" data-t="keyHint">Nyckeln sparas bara i den här fliken och skickas bara i uppladdningens Authorization-huvud. Den försvinner när fliken stängs.</p>
</section>

<section aria-labelledby="template-heading">
<h2 id="template-heading" data-t="templateHeading">2. Hämta mallen</h2>
<form id="template-form" class="row">
<label for="forbund" data-t="forbundLabel">Förbund (id)</label>
<input id="forbund" name="forbund" autocomplete="off" spellcheck="false" pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="uppsala">
<label for="year" data-t="yearLabel">År</label>
<input id="year" name="year" type="number" min="2004" max="2100" step="1">
</form>
<p class="links"><a id="template-xlsx" href="/templates/report.xlsx" data-t="templateXlsx">Mallen som Excel-fil (.xlsx)</a> <a id="template-csv" href="/templates/report.csv" data-t="templateCsv">Mallen som CSV</a></p>
</section>

<section aria-labelledby="upload-heading">
<h2 id="upload-heading" data-t="uploadHeading">3. Ladda upp den ifyllda filen</h2>
<form id="upload-form" class="row">
<label for="file" data-t="fileLabel">Fil (.xlsx, .csv eller .json)</label>
<input id="file" name="file" type="file" accept=".xlsx,.csv,.json" required>
<button type="submit" data-t="dryRun">Provkör</button>
</form>
<div id="result" role="status" aria-live="polite"></div>
<p><button type="button" id="commit" hidden data-t="commit">Spara</button></p>
</section>

<section aria-labelledby="history-heading">
<h2 id="history-heading" data-t="historyHeading">4. Historik</h2>
<p class="hint" data-t="historyHint">Förbundets senaste importer, nyast först. Ångra senaste sparar en ny import som återställer det den senaste ersatte; båda finns kvar i historiken.</p>
<p class="row"><button type="button" id="history-load" data-t="historyLoad">Visa historiken</button><button type="button" id="undo" hidden></button></p>
<p id="undo-state" role="status"></p>
<div id="history"></div>
</section>
</main>
</body>
</html>
`;

const clientFile = (name: string, type: string) => staticFile(readFileSync(path.join(packageRoot(), 'src/ingest/page/client', name), 'utf8'), type);

let files: { script: StaticFile; style: StaticFile } | null = null;
const assets = () => (files ??= { script: clientFile('report.js', 'text/javascript; charset=utf-8'), style: clientFile('report.css', 'text/css; charset=utf-8') });

export function registerReportPage(app: FastifyInstance): void {
  app.get('/rapportera', async (_request, reply) =>
    reply
      .header('content-security-policy', REPORT_PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', STATIC_CACHE)
      .type('text/html; charset=utf-8')
      .send(PAGE),
  );
  app.get('/rapportera/report.js', async (request, reply) => sendStaticFile(request, reply, assets().script));
  app.get('/rapportera/report.css', async (request, reply) => sendStaticFile(request, reply, assets().style));
}
