/**
 * /tackning: the national network's page — the coverage matrix of a year (who has reported which measure, how
 * firmly), by county, with its CSV and xlsx files; registering a förbund, with every problem at its field; issuing
 * its editor key, shown once. The matrix is public data; registering and issuing take an ADMIN key. Everything goes
 * through the API over HTTP (coverage, counties, organisations, registerForbund, issueEditorKey), in the pages'
 * shell (platform/http/page.ts): a strict CSP, the key only in the tab's sessionStorage and the Authorization header.
 */
import { FastifyInstance } from 'fastify';
import { keySection, registerPage } from '../../../platform/http/page';

/** A labelled input with the place its problem is shown. */
const field = (id: string, t: string, label: string, attributes = '') =>
  `<div class="field"><label for="${id}" data-t="${t}">${label}</label>
<input id="${id}" ${attributes} autocomplete="off" spellcheck="false" aria-describedby="${id}-error">
<p class="field-error" id="${id}-error"></p></div>`;

const MAIN = `<h1 data-t="title">Täckning: vem har rapporterat vad</h1>
<p data-t="intro">För det nationella nätverket: vilka förbund som har rapporterat vilka mått ett år, och hur säkert – slutligt, preliminärt, ungefärligt eller inte alls. Tabellen är öppen data. Att registrera ett förbund och utfärda dess nyckel kräver en ADMIN-nyckel.</p>

${keySection(
  '1. Din ADMIN-nyckel',
  'Behövs bara för att registrera förbund och utfärda nycklar. Nyckeln sparas bara i den här fliken och skickas bara i Authorization-huvudet. Den försvinner när fliken stängs.',
)}

<section aria-labelledby="matrix-heading">
<h2 id="matrix-heading" data-t="matrixHeading">2. Täckningen</h2>
<form id="matrix-form" class="row">
<label for="m-year" data-t="yearLabel">År</label>
<input id="m-year" type="number" min="2004" max="2100" step="1" required>
<label for="m-county" data-t="countyLabel">Län</label>
<select id="m-county"><option value="" data-t="allCounties">Alla län</option></select>
<button type="submit" data-t="show">Visa</button>
</form>
<p class="links"><a id="coverage-csv" href="/export/coverage.csv" data-t="csv">Tabellen som CSV</a> <a id="coverage-xlsx" href="/export/coverage.xlsx" data-t="xlsx">Tabellen som Excel-fil (.xlsx)</a></p>
<p id="matrix-state" role="status"></p>
<div id="matrix"></div>
</section>

<section aria-labelledby="register-heading">
<h2 id="register-heading" data-t="registerHeading">3. Registrera ett förbund</h2>
<p class="hint" data-t="registerHint">Kontrollera först: du ser varje fel vid sitt fält och vad som skulle skapas. Inget sparas förrän du trycker Registrera.</p>
<form id="register-form" novalidate>
<fieldset>
<legend data-t="forbundLegend">Förbundet</legend>
${field('r-name', 'nameLabel', 'Namn', 'type="text"')}
<div class="field"><label for="r-county" data-t="countyLabel">Län</label>
<select id="r-county" aria-describedby="r-county-error"><option value="" data-t="chooseCounty">Välj län</option></select>
<p class="field-error" id="r-county-error"></p></div>
${field('r-orgnr', 'orgnrLabel', 'Organisationsnummer (NNNNNN-NNNN)', 'type="text" inputmode="numeric"')}
${field('r-founded', 'foundedLabel', 'Bildat (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)', 'type="text"')}
</fieldset>
<fieldset>
<legend data-t="membersLegend">Medlemmar</legend>
<p class="hint" data-t="membersHint">Kommunerna med SCB:s kommunkod (t.ex. 0380) och de år källan stöder.</p>
<div id="r-members"></div>
<datalist id="r-municipalities"></datalist>
<p><button type="button" id="r-add-member" data-t="addMember">Lägg till medlem</button></p>
</fieldset>
<fieldset>
<legend data-t="sourceLegend">Källan</legend>
${field('r-url', 'urlLabel', 'Webbadress', 'type="url"')}
${field('r-title', 'titleLabel', 'Titel', 'type="text"')}
${field('r-publisher', 'publisherLabel', 'Utgivare', 'type="text"')}
${field('r-locator', 'locatorLabel', 'Var i källan (avsnitt, sida)', 'type="text"')}
${field('r-date', 'dateLabel', 'Datum (ÅÅÅÅ-MM-DD, frivilligt)', 'type="text"')}
</fieldset>
<p class="row"><button type="submit" data-t="check">Kontrollera</button><button type="button" id="r-register" data-t="register">Registrera</button></p>
</form>
<div id="register-result" role="status"></div>
</section>

<section aria-labelledby="issue-heading">
<h2 id="issue-heading" data-t="issueHeading">4. Utfärda en redaktörsnyckel</h2>
<p class="hint" data-t="issueHint">En redaktörsnyckel får skriva ett förbunds siffror, på sidan /rapportera. Den visas bara en gång.</p>
<form id="issue-form" class="row">
<label for="i-forbund" data-t="forbundLabel">Förbund (id)</label>
<input id="i-forbund" autocomplete="off" spellcheck="false">
<label for="i-name" data-t="holderLabel">Vem har nyckeln</label>
<input id="i-name" autocomplete="off">
<button type="submit" data-t="issue">Utfärda nyckel</button>
</form>
<div id="issue-result" role="status"></div>
</section>`;

export function registerCoveragePage(app: FastifyInstance): void {
  registerPage(app, { path: '/tackning', title: 'Täckning', clientDir: 'src/compare/coverage/page/client', script: 'coverage.js', style: 'coverage.css', main: MAIN });
}
