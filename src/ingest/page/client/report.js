// /rapportera's script, on the shell's (/page/page.js: the key in this tab's sessionStorage only, sent only as
// Authorization; the language). Every text the server sends back is put in the page as text, never as HTML.
(() => {
  const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv', json: 'application/json' };
  const TEXT = {
    sv: {
      title: 'Rapportera förbundets år',
      intro: 'Hämta mallen för ert förbund och år, fyll i den i Excel eller LibreOffice och ladda upp den här. Först provkörs filen: du ser varje fel med blad och cell, och vad som skulle ändras. Inget sparas förrän du trycker Spara.',
      keyHeading: '1. Din nyckel',
      keyHint: 'Nyckeln sparas bara i den här fliken och skickas bara i uppladdningens Authorization-huvud. Den försvinner när fliken stängs.',
      templateHeading: '2. Hämta mallen',
      forbundLabel: 'Förbund (id)',
      yearLabel: 'År',
      templateXlsx: 'Mallen som Excel-fil (.xlsx)',
      templateCsv: 'Mallen som CSV',
      uploadHeading: '3. Ladda upp den ifyllda filen',
      fileLabel: 'Fil (.xlsx, .csv eller .json)',
      dryRun: 'Provkör',
      commit: 'Spara',
      needKey: 'Ange din nyckel först (steg 1).',
      needFile: 'Välj en fil (.xlsx, .csv eller .json).',
      plan: (t) => `Provkörning: inget är sparat. Så här skulle det bli: ${t.added} nya, ${t.changed} ändrade, ${t.removed} borttagna, ${t.unchanged} oförändrade uppgifter.`,
      nothing: 'Filen ändrar ingenting: allt stämmer redan med det som finns.',
      saved: (t) => `Sparat som import nr ${t.batchId}: ${t.added} nya, ${t.changed} ändrade, ${t.removed} borttagna, ${t.unchanged} oförändrade uppgifter.`,
      problems: (n) => `${n} fel – inget är sparat. Rätta dem i filen och provkör igen.`,
      file: 'Fil',
      where: 'Var',
      reason: 'Fel',
      warnings: 'Varningar (importen går igenom):',
      refused: (status, code) => `Filen togs inte emot (${status}, ${code}):`,
      actions: { ADDED: 'Ny', CHANGED: 'Ändrad', REMOVED: 'Borttagen' },
      entities: { observation: 'uppgift', allocation: 'tilldelning', goal: 'mål', membership: 'medlemskap' },
      more: (n) => `… och ${n} till.`,
      previewHeading: 'Så blir jämförelsen',
      previewIntro: 'Beräknat som om filens siffror redan vore sparade; de andra förbundens siffror och rikssnittet som de är sparade nu.',
      previewNone: 'Filen ger inga nya antal för en andel: jämförelsen blir som den är.',
      previewFailed: (reason) => `Förhandsvisningen kunde inte göras: ${reason}`,
      previewSkipped: (name) => `${name}: anges ungefärligt (ca), så ingen jämförelse görs.`,
      share: 'Andel',
      of: (x, n) => `${x} av ${n}`,
      ci95: '95 % konfidensintervall',
      ci998: '99,8 % konfidensintervall',
      reference: 'Rikssnitt',
      referenceOf: (year, fallback) => (fallback ? `${year}, det senast publicerade` : String(year)),
      noReference: 'Inget rikssnitt publicerat',
      outcome: 'Jämfört med rikssnittet',
      levels: (a, b) => `${a} på 95 %-nivån, ${b.toLowerCase()} på 99,8 %-nivån`,
      words: { BETTER: 'Bättre', SIMILAR: 'Liknande', WORSE: 'Sämre', HIGHER: 'Högre', LOWER: 'Lägre', NOT_COMPARED: 'Inte jämförd' },
      funnel: 'I trattdiagrammet',
      zones: {
        ABOVE_998: 'Över den övre 99,8 %-gränsen',
        ABOVE_95: 'Mellan den övre 95 %- och 99,8 %-gränsen',
        INSIDE: 'Inom 95 %-gränserna',
        BELOW_95: 'Mellan den nedre 95 %- och 99,8 %-gränsen',
        BELOW_998: 'Under den nedre 99,8 %-gränsen',
      },
      noFunnel: 'Ingen placering',
      rank: 'Placering',
      rankOf: (r, n) => `${r} av ${n} förbund`,
      current: 'Sparat nu',
      nothingStored: 'Inget',
      smallNumbers: 'Små tal: nämnaren är liten, så skillnader mot rikssnittet är till stor del slump.',
      historyHeading: '4. Historik',
      historyHint: 'Förbundets senaste importer, nyast först. Ångra senaste sparar en ny import som återställer det den senaste ersatte; båda finns kvar i historiken.',
      historyLoad: 'Visa historiken',
      needForbund: 'Ange förbundets id (steg 2) först.',
      noHistory: 'Förbundet har ännu inga importer.',
      batch: (b, when, counts) => `Import nr ${b.id}, ${when}${b.file ? `, ${b.file}` : ''} (${ORIGINS.sv[b.origin] ?? b.origin}): ${counts.added} nya, ${counts.changed} ändrade, ${counts.removed} borttagna`,
      undoLatest: (id) => `Ångra senaste (import nr ${id})`,
      undone: (id, t) => `Import nr ${id} är ångrad som import nr ${t.batchId}: ${t.added} nya, ${t.changed} ändrade, ${t.removed} borttagna uppgifter.`,
      was: (v) => `var ${v}`,
    },
    en: {
      title: "Report the förbund's year",
      intro: 'Download the template for your förbund and year, fill it in with Excel or LibreOffice and upload it here. The file is tried first: you see every problem with its sheet and cell, and what would change. Nothing is saved until you press Save.',
      keyHeading: '1. Your key',
      keyHint: "The key is kept in this tab only and sent only in the upload's Authorization header. It is gone when the tab is closed.",
      templateHeading: '2. Download the template',
      forbundLabel: 'Förbund (id)',
      yearLabel: 'Year',
      templateXlsx: 'The template as an Excel file (.xlsx)',
      templateCsv: 'The template as CSV',
      uploadHeading: '3. Upload the filled file',
      fileLabel: 'File (.xlsx, .csv or .json)',
      dryRun: 'Try it',
      commit: 'Save',
      needKey: 'Give your key first (step 1).',
      needFile: 'Choose a file (.xlsx, .csv or .json).',
      plan: (t) => `A dry run: nothing is saved. This is what would happen: ${t.added} added, ${t.changed} changed, ${t.removed} removed, ${t.unchanged} unchanged figures.`,
      nothing: 'The file changes nothing: everything already matches what is stored.',
      saved: (t) => `Saved as import no. ${t.batchId}: ${t.added} added, ${t.changed} changed, ${t.removed} removed, ${t.unchanged} unchanged figures.`,
      problems: (n) => `${n} ${n === 1 ? 'problem' : 'problems'}: nothing is saved. Correct them in the file and try again.`,
      file: 'File',
      where: 'Where',
      reason: 'Problem',
      warnings: 'Warnings (the import goes ahead):',
      refused: (status, code) => `The file was not taken (${status}, ${code}):`,
      actions: { ADDED: 'Added', CHANGED: 'Changed', REMOVED: 'Removed' },
      entities: { observation: 'figure', allocation: 'allocation', goal: 'goal', membership: 'membership' },
      more: (n) => `… and ${n} more.`,
      previewHeading: 'What the comparison will say',
      previewIntro: "Computed as if the file's figures were already saved; the other förbund's figures and the national average as they are saved now.",
      previewNone: 'The file gives no new counts for a share: the comparison stays as it is.',
      previewFailed: (reason) => `The preview could not be made: ${reason}`,
      previewSkipped: (name) => `${name}: given approximately (ca), so it is not compared.`,
      share: 'Share',
      of: (x, n) => `${x} of ${n}`,
      ci95: '95 % confidence interval',
      ci998: '99.8 % confidence interval',
      reference: 'National average (rikssnitt)',
      referenceOf: (year, fallback) => (fallback ? `${year}, the latest published` : String(year)),
      noReference: 'No national average published',
      outcome: 'Against the national average',
      levels: (a, b) => `${a} at the 95 % level, ${b.toLowerCase()} at the 99.8 % level`,
      words: { BETTER: 'Better', SIMILAR: 'Similar', WORSE: 'Worse', HIGHER: 'Higher', LOWER: 'Lower', NOT_COMPARED: 'Not compared' },
      funnel: 'In the funnel plot',
      zones: {
        ABOVE_998: 'Above the upper 99.8 % limit',
        ABOVE_95: 'Between the upper 95 % and 99.8 % limits',
        INSIDE: 'Within the 95 % limits',
        BELOW_95: 'Between the lower 95 % and 99.8 % limits',
        BELOW_998: 'Below the lower 99.8 % limit',
      },
      noFunnel: 'No place',
      rank: 'Rank',
      rankOf: (r, n) => `${r} of ${n} förbund`,
      current: 'Saved now',
      nothingStored: 'Nothing',
      smallNumbers: 'Small numbers: the denominator is small, so a difference from the national average is largely chance.',
      historyHeading: '4. History',
      historyHint: "The förbund's latest imports, newest first. Undo the latest saves a new import that restores what the latest replaced; both stay in the history.",
      historyLoad: 'Show the history',
      needForbund: "Give the förbund's id (step 2) first.",
      noHistory: 'The förbund has no imports yet.',
      batch: (b, when, counts) => `Import no. ${b.id}, ${when}${b.file ? `, ${b.file}` : ''} (${ORIGINS.en[b.origin] ?? b.origin}): ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`,
      undoLatest: (id) => `Undo the latest (import no. ${id})`,
      undone: (id, t) => `Import no. ${id} is undone as import no. ${t.batchId}: ${t.added} added, ${t.changed} changed, ${t.removed} removed figures.`,
      was: (v) => `was ${v}`,
    },
  };
  /** How a batch came in, in words. */
  const ORIGINS = {
    sv: { upload: 'uppladdning', importReport: 'import', cli: 'kommandoraden', seed: 'grunddata', setObservation: 'rättelse', undo: 'ångring', registerForbund: 'registrering' },
    en: { upload: 'upload', importReport: 'import', cli: 'command line', seed: 'seed data', setObservation: 'correction', undo: 'undo', registerForbund: 'registration' },
  };
  const HISTORY_QUERY = `query History($forbund: String!) {
  importBatches(forbund: $forbund, first: 10) { id at origin file documentId summary changes { entity action identity before after } }
}`;
  const UNDO_MUTATION = `mutation Undo($id: Int!) {
  undoBatch(id: $id) { files { batchId added changed removed unchanged } }
}`;
  /** Changes listed in words; the rest counted. */
  const SHOWN_CHANGES = 50;
  const PREVIEW_QUERY = `query Preview($measure: String!, $year: Int!, $forbund: String!, $numerator: Int!, $denominator: Int!) {
  comparisonPreview(measure: $measure, year: $year, forbund: $forbund, numerator: $numerator, denominator: $denominator) {
    measure { code name nameSv }
    year value { numerator denominator value }
    ci95 { low high } ci998 { low high }
    reference { year value isFallback }
    outcome { at95 at998 reason }
    funnel { position }
    rank forbundCompared smallNumbers
    current { value { numerator denominator value } }
  }
}`;

  /** The last answer, kept so a change of language can show it again. */
  let last = null;
  /** The förbund's history as last loaded, kept likewise. */
  let history = null;
  const page = FinsamPage.start(TEXT, () => {
    render();
    renderHistory();
  });
  const { $, el, text } = page;

  function showTemplateLinks() {
    const params = new URLSearchParams({ forbund: $('forbund').value.trim(), year: $('year').value.trim() }).toString();
    $('template-xlsx').href = `/templates/report.xlsx?${params}`;
    $('template-csv').href = `/templates/report.csv?${params}`;
  }

  function problemTable(problems) {
    const head = el('tr', {}, [text('file'), text('where'), text('reason')].map((h) => el('th', { scope: 'col', textContent: h })));
    const rows = problems.map((p) => el('tr', {}, [p.file, p.path, p.reason].map((v) => el('td', { textContent: v }))));
    return el('div', { className: 'scroll', tabIndex: 0 }, [el('table', {}, [el('thead', {}, [head]), el('tbody', {}, rows)])]);
  }

  /** A figure's content in a few words: its counts, value, amount or text. */
  function contentWords(c) {
    if (!c) return '';
    if (c.numerator !== undefined && c.denominator !== undefined) return text('of')(c.numerator, c.denominator);
    const v = c.value ?? c.totalSek ?? c.statedPercent ?? c.text ?? c.fromYear;
    return v === undefined || v === null ? '' : String(v);
  }

  function changeWords(c) {
    const t = page.texts();
    const before = contentWords(c.before);
    const after = contentWords(c.after);
    const values = c.action === 'CHANGED' && before && after ? `: ${before} → ${after}` : c.action === 'REMOVED' && before ? ` (${t.was(before)})` : after ? `: ${after}` : '';
    return `${t.actions[c.action] ?? c.action}: ${t.entities[c.entity] ?? c.entity} ${c.identity}${values}`;
  }

  function changeList(changes) {
    const items = changes.slice(0, SHOWN_CHANGES).map((c) => el('li', { textContent: changeWords(c) }));
    if (changes.length > SHOWN_CHANGES) items.push(el('li', { textContent: text('more')(changes.length - SHOWN_CHANGES) }));
    return el('ul', {}, items);
  }

  /** A share in the page's language: 15,0 % or 15.0 %. */
  const pct = (v) => `${(v * 100).toFixed(1).replace('.', page.lang === 'sv' ? ',' : '.')}\u00a0%`;
  const range = (i) => `${pct(i.low).replace(/\u00a0%$/, '')}–${pct(i.high)}`;

  /** The shares the dry run would write with counts (everyone's, not by gender): what the preview asks about. */
  function proposedShares(changes) {
    return changes.flatMap((c) => {
      const a = c.after;
      if (c.entity !== 'observation' || !a || a.numerator === undefined || a.denominator === undefined || (a.gender ?? 'ALL') !== 'ALL' || !a.forbund) return [];
      return [{ measure: a.measure, year: a.year, forbund: a.forbund, numerator: Number(a.numerator), denominator: Number(a.denominator), approximate: Boolean(a.qualifier) }];
    });
  }

  /** Each proposed share's comparison as the server would compute it once saved (a public read: no key). */
  async function previews(changes) {
    return Promise.all(
      proposedShares(changes).map(async (share) => {
        if (share.approximate) return { share };
        try {
          const { measure, year, forbund, numerator, denominator } = share;
          const body = await page.graphql(PREVIEW_QUERY, { measure, year, forbund, numerator, denominator });
          return body.errors ? { share, error: body.errors[0].message } : { share, preview: body.data.comparisonPreview };
        } catch (e) {
          return { share, error: page.reason(e) };
        }
      }),
    );
  }

  /** The widget (/widget/finsam-comparison.js) as it will show the share, drawn from the same preview. */
  function widget(share) {
    const node = document.createElement('finsam-comparison');
    const attributes = { forbund: share.forbund, measure: share.measure, year: share.year, numerator: share.numerator, denominator: share.denominator, lang: page.lang };
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return el('div', { className: 'widget' }, [node]);
  }

  function previewBlock(list) {
    const t = page.texts();
    const block = el('section', { className: 'preview' }, [el('h3', { textContent: t.previewHeading }), el('p', { className: 'hint', textContent: t.previewIntro })]);
    if (!list.length) block.append(el('p', { textContent: t.previewNone }));
    for (const { share, preview: p, error } of list) {
      if (error) {
        block.append(el('p', { className: 'error', textContent: t.previewFailed(error) }));
        continue;
      }
      if (!p) {
        block.append(el('p', { textContent: t.previewSkipped(share.measure) }));
        continue;
      }
      const name = page.lang === 'sv' ? p.measure.nameSv : p.measure.name;
      const o = p.outcome;
      const rows = [
        [t.share, `${pct(p.value.value)} (${t.of(p.value.numerator, p.value.denominator)})`],
        [t.ci95, p.ci95 ? range(p.ci95) : '–'],
        [t.ci998, p.ci998 ? range(p.ci998) : '–'],
        [t.reference, p.reference ? `${pct(p.reference.value)} (${t.referenceOf(p.reference.year, p.reference.isFallback)})` : t.noReference],
        [t.outcome, o.at95 === 'NOT_COMPARED' ? `${t.words.NOT_COMPARED}${o.reason ? ` (${o.reason})` : ''}` : t.levels(t.words[o.at95], t.words[o.at998])],
        [t.funnel, p.funnel ? t.zones[p.funnel.position] : t.noFunnel],
        [t.rank, p.rank === null ? '–' : t.rankOf(p.rank, p.forbundCompared)],
        [t.current, p.current ? `${pct(p.current.value.value)} (${t.of(p.current.value.numerator, p.current.value.denominator)})` : t.nothingStored],
      ];
      block.append(el('h4', { textContent: `${name} ${p.year}` }), el('dl', {}, rows.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })])));
      if (p.smallNumbers) block.append(el('p', { className: 'hint', textContent: t.smallNumbers }));
      block.append(widget(share));
    }
    return block;
  }

  function render() {
    const result = $('result');
    result.replaceChildren();
    $('commit').hidden = true;
    if (!last) return;
    const t = page.texts();
    if (last.message) return result.append(el('p', { className: 'error', textContent: last.message }));
    const { status, body, dryRun } = last;
    if (status === 200) {
      const file = body.files[0];
      const changed = file.added + file.changed + file.removed > 0;
      const summary = dryRun ? (changed ? t.plan(file) : t.nothing) : file.batchId === null ? t.nothing : t.saved(file);
      result.append(el('p', { className: 'ok', textContent: summary }));
      if (file.changes.length) result.append(changeList(file.changes));
      if (body.warnings.length) result.append(el('p', { textContent: t.warnings }), problemTable(body.warnings));
      if (last.previews) result.append(previewBlock(last.previews));
      $('commit').hidden = !(dryRun && changed);
      return;
    }
    if (Array.isArray(body.problems) && body.code === 'BAD_USER_INPUT') {
      result.append(el('p', { className: 'error', textContent: t.problems(body.problems.length) }), problemTable(body.problems));
      return;
    }
    result.append(el('p', { className: 'error', textContent: t.refused(status, body.code ?? '') }), el('p', { textContent: body.error ?? '' }));
  }

  const totals = (summary) => {
    const sum = { added: 0, changed: 0, removed: 0 };
    for (const counts of Object.values(summary ?? {})) for (const k of Object.keys(sum)) sum[k] += Number(counts?.[k] ?? 0);
    return sum;
  };

  function renderHistory() {
    const t = page.texts();
    const box = $('history');
    const undo = $('undo');
    box.replaceChildren();
    undo.hidden = true;
    if (!history) return;
    if (history.message) return box.append(el('p', { className: history.error ? 'error' : '', textContent: history.message }));
    if (!history.batches.length) return box.append(el('p', { textContent: t.noHistory }));
    const when = (at) => new Date(at).toLocaleString(page.lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
    box.append(
      el('ol', { className: 'history' }, history.batches.map((b) =>
        el('li', {}, [el('details', {}, [el('summary', { textContent: t.batch(b, when(b.at), totals(b.summary)) }), changeList(b.changes)])]),
      )),
    );
    undo.textContent = t.undoLatest(history.batches[0].id);
    undo.hidden = false;
  }

  /** The förbund's latest batches (a public read: no key). */
  async function loadHistory() {
    const forbund = $('forbund').value.trim();
    if (!forbund) {
      history = { message: text('needForbund'), error: true };
      return renderHistory();
    }
    $('history').replaceChildren(el('p', { textContent: text('loading') }));
    try {
      const body = await page.graphql(HISTORY_QUERY, { forbund });
      history = body.errors ? { message: text('failed')(body.errors[0].message), error: true } : { forbund, batches: body.data.importBatches };
    } catch (e) {
      history = { message: text('failed')(page.reason(e)), error: true };
    }
    renderHistory();
  }

  async function undoLatest() {
    const latest = history && history.batches && history.batches[0];
    if (!latest) return;
    const state = $('undo-state');
    if (!page.key()) {
      state.textContent = text('needKey');
      return;
    }
    state.textContent = text('sending');
    try {
      const body = await page.graphql(UNDO_MUTATION, { id: latest.id }, { withKey: true });
      state.textContent = body.errors ? text('failed')(body.errors[0].message) : text('undone')(latest.id, body.data.undoBatch.files[0]);
    } catch (e) {
      state.textContent = text('failed')(page.reason(e));
    }
    await loadHistory();
  }

  async function send(dryRun) {
    const key = page.key();
    const file = $('file').files[0];
    const type = file && TYPES[(file.name.split('.').pop() ?? '').toLowerCase()];
    if (!key || !file || !type) {
      last = { message: text(!key ? 'needKey' : 'needFile') };
      return render();
    }
    $('result').replaceChildren(el('p', { textContent: text('sending') }));
    $('commit').hidden = true;
    const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name }).toString();
    try {
      const res = await fetch(`/import?${query}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body: file });
      const body = await res.json();
      const changes = res.status === 200 ? body.files[0].changes : [];
      last = { status: res.status, body, dryRun, previews: dryRun && res.status === 200 ? await previews(changes) : null };
    } catch (e) {
      last = { message: page.reason(e) };
    }
    render();
    if (!dryRun && last.status === 200) await loadHistory();
  }

  $('template-form').addEventListener('submit', (event) => event.preventDefault());
  $('template-form').addEventListener('input', showTemplateLinks);
  $('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    send(true);
  });
  $('commit').addEventListener('click', () => send(false));
  $('history-load').addEventListener('click', loadHistory);
  $('undo').addEventListener('click', undoLatest);
  $('year').value = String(new Date().getFullYear() - 1);
  showTemplateLinks();
})();
