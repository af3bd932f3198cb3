// /tackning's script, on the shell's (/page/page.js: the key in this tab's sessionStorage only, sent only as
// Authorization; the language). Every text the server sends back is put in the page as text, never as HTML. An
// issued editor key is shown once and kept nowhere: not in sessionStorage, not in a field.
(() => {
  const STATUS = {
    sv: { FINAL: 'Slutlig', PRELIMINARY: 'Preliminär', APPROXIMATE: 'Ungefärlig', MISSING: 'Saknas' },
    en: { FINAL: 'Final', PRELIMINARY: 'Preliminary', APPROXIMATE: 'Approximate', MISSING: 'Missing' },
  };
  const TEXT = {
    sv: {
      title: 'Täckning: vem har rapporterat vad',
      intro: 'För det nationella nätverket: vilka förbund som har rapporterat vilka mått ett år, och hur säkert – slutligt, preliminärt, ungefärligt eller inte alls. Tabellen är öppen data. Att registrera ett förbund och utfärda dess nyckel kräver en ADMIN-nyckel.',
      keyHeading: '1. Din ADMIN-nyckel',
      keyHint: 'Behövs bara för att registrera förbund och utfärda nycklar. Nyckeln sparas bara i den här fliken och skickas bara i Authorization-huvudet. Den försvinner när fliken stängs.',
      matrixHeading: '2. Täckningen',
      yearLabel: 'År',
      countyLabel: 'Län',
      allCounties: 'Alla län',
      chooseCounty: 'Välj län',
      show: 'Visa',
      csv: 'Tabellen som CSV',
      xlsx: 'Tabellen som Excel-fil (.xlsx)',
      matrixState: (year, county, n, m) => `${year}, ${county}: ${n} förbund, ${m} mått.`,
      caption: (year, county) => `Täckning ${year}, ${county}`,
      matrixRegion: 'Täckningstabellen (rullar i sidled)',
      forbundColumn: 'Förbund',
      reported: (r, m) => `${r} av ${m} mått rapporterade`,
      changed: (date) => `ändrad ${date}`,
      total: 'Totalt',
      totals: (c) => `${c.final} slutliga, ${c.preliminary} preliminära, ${c.approximate} ungefärliga, ${c.missing} saknas`,
      noForbund: 'Inga förbund fanns det året i det länet.',
      registerHeading: '3. Registrera ett förbund',
      registerHint: 'Kontrollera först: du ser varje fel vid sitt fält och vad som skulle skapas. Inget sparas förrän du trycker Registrera.',
      forbundLegend: 'Förbundet',
      nameLabel: 'Namn',
      orgnrLabel: 'Organisationsnummer (NNNNNN-NNNN)',
      foundedLabel: 'Bildat (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)',
      membersLegend: 'Medlemmar',
      membersHint: 'Kommunerna med SCB:s kommunkod (t.ex. 0380) och de år källan stöder.',
      memberCode: (n) => `Medlem ${n}: kommunkod`,
      memberFrom: (n) => `Medlem ${n}: från år`,
      memberTo: (n) => `Medlem ${n}: till år`,
      removeMember: (n) => `Ta bort medlem ${n}`,
      addMember: 'Lägg till medlem',
      sourceLegend: 'Källan',
      urlLabel: 'Webbadress',
      titleLabel: 'Titel',
      publisherLabel: 'Utgivare',
      locatorLabel: 'Var i källan (avsnitt, sida)',
      dateLabel: 'Datum (ÅÅÅÅ-MM-DD, frivilligt)',
      check: 'Kontrollera',
      register: 'Registrera',
      needKey: 'Ange en ADMIN-nyckel först (steg 1).',
      problems: (n) => `${n} fel – inget är registrerat. Rätta dem och försök igen:`,
      checked: 'Kontrollerat: inget är sparat. Så här skulle det bli:',
      registered: (name, slug) => `Registrerat: ${name} (id ${slug}). Det syns nu i tabellen; utfärda dess nyckel i steg 4.`,
      issueHeading: '4. Utfärda en redaktörsnyckel',
      issueHint: 'En redaktörsnyckel får skriva ett förbunds siffror, på sidan /rapportera. Den visas bara en gång.',
      forbundLabel: 'Förbund (id)',
      holderLabel: 'Vem har nyckeln',
      issue: 'Utfärda nyckel',
      issued: (forbund, id) => `Nyckel nr ${id} för ${forbund}:`,
      issuedNote: 'Kopiera nyckeln nu och ge den till förbundet på ett säkert sätt. Den visas bara den här gången och kan inte visas igen: servern sparar bara ett fingeravtryck av den.',
      hideKey: 'Dölj nyckeln',
    },
    en: {
      title: 'Coverage: who has reported what',
      intro: 'For the national network: which förbund have reported which measures in a year, and how firmly – final, preliminary, approximate or not at all. The table is open data. Registering a förbund and issuing its key take an ADMIN key.',
      keyHeading: '1. Your ADMIN key',
      keyHint: 'Needed only to register förbund and issue keys. The key is kept in this tab only and sent only in the Authorization header. It is gone when the tab is closed.',
      matrixHeading: '2. Coverage',
      yearLabel: 'Year',
      countyLabel: 'County',
      allCounties: 'Every county',
      chooseCounty: 'Choose a county',
      show: 'Show',
      csv: 'The table as CSV',
      xlsx: 'The table as an Excel file (.xlsx)',
      matrixState: (year, county, n, m) => `${year}, ${county}: ${n} förbund, ${m} measures.`,
      caption: (year, county) => `Coverage ${year}, ${county}`,
      matrixRegion: 'The coverage table (scrolls sideways)',
      forbundColumn: 'Förbund',
      reported: (r, m) => `${r} of ${m} measures reported`,
      changed: (date) => `changed ${date}`,
      total: 'Total',
      totals: (c) => `${c.final} final, ${c.preliminary} preliminary, ${c.approximate} approximate, ${c.missing} missing`,
      noForbund: 'No förbund existed in that county that year.',
      registerHeading: '3. Register a förbund',
      registerHint: 'Check first: you see every problem at its field and what would be created. Nothing is saved until you press Register.',
      forbundLegend: 'The förbund',
      nameLabel: 'Name',
      orgnrLabel: 'Organisationsnummer (NNNNNN-NNNN)',
      foundedLabel: 'Founded (YYYY, YYYY-MM or YYYY-MM-DD)',
      membersLegend: 'Members',
      membersHint: "The municipalities by SCB's municipality code (e.g. 0380) and the years the source supports.",
      memberCode: (n) => `Member ${n}: municipality code`,
      memberFrom: (n) => `Member ${n}: from year`,
      memberTo: (n) => `Member ${n}: to year`,
      removeMember: (n) => `Remove member ${n}`,
      addMember: 'Add a member',
      sourceLegend: 'The source',
      urlLabel: 'Web address',
      titleLabel: 'Title',
      publisherLabel: 'Publisher',
      locatorLabel: 'Where in the source (section, page)',
      dateLabel: 'Date (YYYY-MM-DD, optional)',
      check: 'Check',
      register: 'Register',
      needKey: 'Give an ADMIN key first (step 1).',
      problems: (n) => `${n} ${n === 1 ? 'problem' : 'problems'}: nothing is registered. Correct them and try again:`,
      checked: 'Checked: nothing is saved. This is what would happen:',
      registered: (name, slug) => `Registered: ${name} (id ${slug}). It is in the table now; issue its key in step 4.`,
      issueHeading: '4. Issue an editor key',
      issueHint: "An editor key may write one förbund's figures, on the page /rapportera. It is shown once.",
      forbundLabel: 'Förbund (id)',
      holderLabel: 'Who holds the key',
      issue: 'Issue the key',
      issued: (forbund, id) => `Key no. ${id} for ${forbund}:`,
      issuedNote: 'Copy the key now and give it to the förbund safely. It is shown this once and cannot be shown again: the server keeps only a fingerprint of it.',
      hideKey: 'Hide the key',
    },
  };
  const COVERAGE_QUERY = `query Coverage($year: Int!, $countyCode: String) {
  coverage(year: $year, countyCode: $countyCode) {
    year measures { code name nameSv }
    forbund { forbund { slug name } reported cells { measureCode status lastChanged } }
    totals { measureCode final preliminary approximate missing }
  }
}`;
  const COUNTIES_QUERY = '{ counties { code name } }';
  const MUNICIPALITIES_QUERY = `query Municipalities($countyCode: String) {
  organisations(kind: MUNICIPALITY, countyCode: $countyCode) { name municipalityCode }
}`;
  const REGISTER_MUTATION = `mutation Register($input: RegisterForbundInput!, $dryRun: Boolean!) {
  registerForbund(input: $input, dryRun: $dryRun) { dryRun files { documentId batchId plan } }
}`;
  const ISSUE_MUTATION = `mutation Issue($forbund: String!, $name: String!) {
  issueEditorKey(forbund: $forbund, name: $name) { id secret forbund }
}`;
  /** The registration's fields by the path the API names them at (extensions.problems and arguments). */
  const FIELDS = {
    'input.name': 'r-name',
    'input.slug': 'r-name',
    'input.countyCode': 'r-county',
    'input.organisationNumber': 'r-orgnr',
    'input.founded': 'r-founded',
    'input.source.url': 'r-url',
    'input.source.file': 'r-url',
    'input.source.title': 'r-title',
    'input.source.publisher': 'r-publisher',
    'input.source.locator': 'r-locator',
    'input.source.documentDate': 'r-date',
  };
  const MEMBER_PART = { municipalityCode: 'code', organisation: 'code', fromYear: 'from', toYear: 'to' };

  let counties = [];
  let matrix = null;
  let registration = null;
  let issued = null;
  /** Member rows by a number of their own, so ids stay put when one is removed. */
  let members = [];
  let nextMember = 0;

  const page = FinsamPage.start(TEXT, () => {
    renderCounties();
    renderMembers();
    renderMatrix();
    renderRegistration();
    renderIssued();
  });
  const { $, el, text } = page;

  const countyName = (code) => (code ? (counties.find((c) => c.code === code)?.name ?? code) : text('allCounties'));

  function renderCounties() {
    for (const [id, first] of [['m-county', 'allCounties'], ['r-county', 'chooseCounty']]) {
      const select = $(id);
      const chosen = select.value;
      select.replaceChildren(el('option', { value: '', textContent: text(first) }), ...counties.map((c) => el('option', { value: c.code, textContent: `${c.name} (${c.code})` })));
      select.value = chosen;
    }
  }

  function matrixParams() {
    const params = new URLSearchParams({ year: $('m-year').value.trim() });
    if ($('m-county').value) params.set('countyCode', $('m-county').value);
    return params.toString();
  }

  function showDownloadLinks() {
    $('coverage-csv').href = `/export/coverage.csv?${matrixParams()}`;
    $('coverage-xlsx').href = `/export/coverage.xlsx?${matrixParams()}`;
  }

  function renderMatrix() {
    const box = $('matrix');
    box.replaceChildren();
    if (!matrix) return;
    if (matrix.message) {
      $('matrix-state').textContent = matrix.message;
      return;
    }
    const t = page.texts();
    const { coverage, countyCode } = matrix;
    const county = countyName(countyCode);
    $('matrix-state').textContent = t.matrixState(coverage.year, county, coverage.forbund.length, coverage.measures.length);
    if (!coverage.forbund.length) return box.append(el('p', { textContent: t.noForbund }));
    const measureName = (m) => (page.lang === 'sv' ? m.nameSv : m.name);
    const head = el('tr', {}, [el('th', { scope: 'col', textContent: t.forbundColumn }), ...coverage.measures.map((m) => el('th', { scope: 'col', textContent: measureName(m) }))]);
    const rows = coverage.forbund.map((row) =>
      el('tr', {}, [
        el('th', { scope: 'row' }, [row.forbund.name, el('span', { className: 'sub', textContent: `${row.forbund.slug} · ${t.reported(row.reported, coverage.measures.length)}` })]),
        ...row.cells.map((c) =>
          el('td', { className: `status ${c.status.toLowerCase()}` }, [
            STATUS[page.lang][c.status],
            c.lastChanged ? el('span', { className: 'sub', textContent: t.changed(c.lastChanged.slice(0, 10)) }) : null,
          ]),
        ),
      ]),
    );
    const foot = el('tr', {}, [el('th', { scope: 'row', textContent: t.total }), ...coverage.totals.map((c) => el('td', { textContent: t.totals(c) }))]);
    const caption = el('caption', { id: 'matrix-caption', textContent: t.caption(coverage.year, county) });
    box.append(
      el('div', { className: 'scroll', tabIndex: 0, role: 'region', 'aria-label': t.matrixRegion }, [
        el('table', { className: 'matrix' }, [caption, el('thead', {}, [head]), el('tbody', {}, rows), el('tfoot', {}, [foot])]),
      ]),
    );
  }

  async function loadMatrix() {
    const year = Number($('m-year').value);
    const countyCode = $('m-county').value || null;
    showDownloadLinks();
    $('matrix-state').textContent = text('loading');
    try {
      const body = await page.graphql(COVERAGE_QUERY, { year, countyCode });
      matrix = body.errors ? { message: text('failed')(body.errors[0].message) } : { coverage: body.data.coverage, countyCode };
    } catch (e) {
      matrix = { message: text('failed')(page.reason(e)) };
    }
    renderMatrix();
  }

  // --- Registering -------------------------------------------------------------------------------------------

  function addMember(values = {}) {
    members.push({ n: nextMember++, code: '', from: '', to: '', ...values });
    renderMembers();
  }

  /** Keeps what was typed in the member rows before they are drawn again. */
  function readMembers() {
    for (const m of members) {
      for (const part of ['code', 'from', 'to']) {
        const input = $(`r-m${m.n}-${part}`);
        if (input) m[part] = input.value;
      }
    }
  }

  function renderMembers() {
    readMembers();
    const t = page.texts();
    const box = $('r-members');
    box.replaceChildren(
      ...members.map((m, i) => {
        const id = (part) => `r-m${m.n}-${part}`;
        const input = (part, label, props) =>
          el('div', { className: 'field' }, [
            el('label', { for: id(part), textContent: label }),
            el('input', { id: id(part), value: m[part], autocomplete: 'off', 'aria-describedby': `r-m${m.n}-error`, ...props }),
          ]);
        const remove = el('button', { type: 'button', textContent: t.removeMember(i + 1) });
        remove.addEventListener('click', () => {
          readMembers();
          members = members.filter((x) => x !== m);
          renderMembers();
          $('r-add-member').focus();
        });
        return el('div', { className: 'member' }, [
          el('div', { className: 'row' }, [
            input('code', t.memberCode(i + 1), { type: 'text', inputMode: 'numeric', spellcheck: false, size: 6 }),
            input('from', t.memberFrom(i + 1), { type: 'number', min: 2004, max: 2100, step: 1 }),
            input('to', t.memberTo(i + 1), { type: 'number', min: 2004, max: 2100, step: 1 }),
            remove,
          ]),
          el('p', { className: 'field-error', id: `r-m${m.n}-error` }),
        ]);
      }),
    );
    for (const m of members) $(`r-m${m.n}-code`).setAttribute('list', 'r-municipalities');
    showFieldProblems();
  }

  async function loadMunicipalities() {
    const countyCode = $('r-county').value;
    const list = $('r-municipalities');
    list.replaceChildren();
    if (!countyCode) return;
    const body = await page.graphql(MUNICIPALITIES_QUERY, { countyCode });
    for (const o of body.data?.organisations ?? []) list.append(el('option', { value: o.municipalityCode, textContent: o.name }));
  }

  const optional = (id) => $(id).value.trim() || undefined;
  const year = (value) => (value.trim() === '' ? undefined : Number(value));

  function registrationInput() {
    readMembers();
    return {
      name: $('r-name').value.trim(),
      countyCode: $('r-county').value,
      organisationNumber: optional('r-orgnr'),
      founded: optional('r-founded'),
      members: members.map((m) => ({ municipalityCode: m.code.trim() || undefined, fromYear: year(m.from), toYear: year(m.to) })),
      source: { url: optional('r-url'), title: $('r-title').value.trim(), publisher: $('r-publisher').value.trim(), locator: $('r-locator').value.trim(), documentDate: optional('r-date') },
    };
  }

  /** The field a problem's path names: a member's row by its place in the list, else the form as a whole (null). */
  function fieldOf(path) {
    if (FIELDS[path]) return { input: FIELDS[path], error: `${FIELDS[path]}-error` };
    const m = /^input\.members\.(\d+)(?:\.(\w+))?$/.exec(path);
    const member = m && members[Number(m[1])];
    if (!member) return null;
    return { input: `r-m${member.n}-${MEMBER_PART[m[2]] ?? 'code'}`, error: `r-m${member.n}-error` };
  }

  /** Each problem at its field: the message beside it, the field marked invalid. */
  function showFieldProblems() {
    for (const node of document.querySelectorAll('#register-form .field-error')) node.textContent = '';
    for (const node of document.querySelectorAll('#register-form [aria-invalid]')) node.removeAttribute('aria-invalid');
    for (const p of registration?.problems ?? []) {
      const field = fieldOf(p.path);
      if (!field || !$(field.input)) continue;
      $(field.input).setAttribute('aria-invalid', 'true');
      const box = $(field.error);
      box.textContent = box.textContent ? `${box.textContent} ${p.reason}` : p.reason;
    }
  }

  /** The API's problems as one list: a registration's (extensions.problems) and malformed values' (extensions.arguments). */
  function problemsOf(error) {
    const x = error.extensions ?? {};
    if (Array.isArray(x.problems)) return x.problems.map((p) => ({ path: p.path, reason: p.reason }));
    if (Array.isArray(x.arguments)) return x.arguments.flatMap((a) => a.problems.map((reason) => ({ path: `input.${a.argument}`, reason })));
    return [{ path: 'input', reason: error.message }];
  }

  function renderRegistration() {
    const box = $('register-result');
    box.replaceChildren();
    showFieldProblems();
    if (!registration) return;
    const t = page.texts();
    if (registration.message) return box.append(el('p', { className: 'error', textContent: registration.message }));
    if (registration.problems) {
      const label = (path) => {
        const field = fieldOf(path);
        const node = field && document.querySelector(`label[for="${field.input}"]`);
        return node ? node.textContent : path;
      };
      box.append(
        el('p', { className: 'error', textContent: t.problems(registration.problems.length) }),
        el('ul', {}, registration.problems.map((p) => el('li', { textContent: `${label(p.path)}: ${p.reason}` }))),
      );
      return;
    }
    const { result, input } = registration;
    const file = result.files[0];
    if (result.dryRun) box.append(el('p', { className: 'ok', textContent: t.checked }), el('ul', {}, file.plan.map((line) => el('li', { textContent: line, lang: 'en' }))));
    // A registration is the import of a document named after the förbund: "<slug>-registration".
    else box.append(el('p', { className: 'ok', textContent: t.registered(input.name, file.documentId.replace(/-registration$/, '')) }));
  }

  async function register(dryRun) {
    if (!page.key()) {
      registration = { message: text('needKey') };
      return renderRegistration();
    }
    const input = registrationInput();
    $('register-result').replaceChildren(el('p', { textContent: text('sending') }));
    try {
      const body = await page.graphql(REGISTER_MUTATION, { input, dryRun }, { withKey: true });
      const error = body.errors && body.errors[0];
      if (error && error.extensions?.code === 'BAD_USER_INPUT') registration = { problems: problemsOf(error) };
      else if (error) registration = { message: text('failed')(error.message) };
      else registration = { result: body.data.registerForbund, input };
    } catch (e) {
      registration = { message: text('failed')(page.reason(e)) };
    }
    renderRegistration();
    if (registration.result && !registration.result.dryRun) {
      const slug = registration.result.files[0].documentId.replace(/-registration$/, '');
      $('i-forbund').value = slug;
      $('m-county').value = input.countyCode;
      await loadMatrix();
    }
  }

  // --- Issuing a key -----------------------------------------------------------------------------------------

  function renderIssued() {
    const box = $('issue-result');
    box.replaceChildren();
    if (!issued) return;
    const t = page.texts();
    if (issued.message) return box.append(el('p', { className: 'error', textContent: issued.message }));
    const hide = el('button', { type: 'button', textContent: t.hideKey });
    hide.addEventListener('click', () => {
      issued = null;
      renderIssued();
      $('i-name').focus();
    });
    box.append(
      el('p', { className: 'ok', textContent: t.issued(issued.forbund, issued.id) }),
      el('p', {}, [el('code', { className: 'secret', id: 'issued-key', textContent: issued.secret })]),
      el('p', { className: 'note', textContent: t.issuedNote }),
      el('p', {}, [hide]),
    );
  }

  async function issueKey() {
    if (!page.key()) {
      issued = { message: text('needKey') };
      return renderIssued();
    }
    $('issue-result').replaceChildren(el('p', { textContent: text('sending') }));
    try {
      const body = await page.graphql(ISSUE_MUTATION, { forbund: $('i-forbund').value.trim(), name: $('i-name').value.trim() }, { withKey: true });
      issued = body.errors ? { message: text('failed')(body.errors[0].message) } : body.data.issueEditorKey;
    } catch (e) {
      issued = { message: text('failed')(page.reason(e)) };
    }
    renderIssued();
  }

  $('matrix-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadMatrix();
  });
  $('matrix-form').addEventListener('input', showDownloadLinks);
  $('register-form').addEventListener('submit', (event) => {
    event.preventDefault();
    register(true);
  });
  $('r-register').addEventListener('click', () => register(false));
  $('r-add-member').addEventListener('click', () => {
    addMember();
    $(`r-m${members[members.length - 1].n}-code`).focus();
  });
  $('r-county').addEventListener('change', loadMunicipalities);
  $('issue-form').addEventListener('submit', (event) => {
    event.preventDefault();
    issueKey();
  });

  $('m-year').value = String(new Date().getFullYear() - 1);
  addMember();
  showDownloadLinks();
  page.graphql(COUNTIES_QUERY, {}).then((body) => {
    counties = body.data?.counties ?? [];
    renderCounties();
  });
  loadMatrix();
})();
