/**
 * /rapportera: where a förbund's editor sends the year's report from a browser — the key, the template, the
 * filled file's dry run with every problem at its cell and a preview of the comparison, then the import; the
 * förbund's history, and undoing its latest import. Swedish, with English a button away. Served in the pages'
 * shell (platform/http/page.ts): no inline script or style and nothing from elsewhere under a strict
 * Content-Security-Policy, and the key only in the tab's sessionStorage and the Authorization header (never a URL, a
 * cookie or localStorage).
 */
import { FastifyInstance } from 'fastify';
import { keySection, registerPage } from '../../platform/http/page';

const MAIN = `<h1 data-t="title">Rapportera förbundets år</h1>
<p data-t="intro">Hämta mallen för ert förbund och år, fyll i den i Excel eller LibreOffice och ladda upp den här. Först provkörs filen: du ser varje fel med blad och cell, och vad som skulle ändras. Inget sparas förrän du trycker Spara.</p>

${keySection(
  '1. Din nyckel',
  'Nyckeln sparas bara i den här fliken och skickas bara i uppladdningens Authorization-huvud. Den försvinner när fliken stängs.',
)}

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
</section>`;

export function registerReportPage(app: FastifyInstance): void {
  registerPage(app, {
    path: '/rapportera',
    title: 'Rapportera',
    clientDir: 'src/ingest/page/client',
    script: 'report.js',
    style: 'report.css',
    main: MAIN,
    // The preview shows the widget itself, as a member portal would show the figure once saved.
    uses: ['/widget/finsam-comparison.js'],
  });
}
