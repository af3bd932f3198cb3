// The shell every page of the API shares (/page/page.js, loaded before the page's own script): the key, kept in
// this tab's sessionStorage only and sent only as Authorization; the language, Swedish with English a button away;
// GraphQL over fetch. Every text the server sends back is put in the page as text, never as HTML.
window.FinsamPage = (() => {
  const KEY = 'finsam-key';
  const LANG = 'finsam-lang';
  const COMMON = {
    sv: {
      language: 'English',
      keyLabel: 'API-nyckel',
      keyUse: 'Använd nyckeln',
      keyForget: 'Glöm nyckeln',
      keySet: 'En nyckel används i den här fliken.',
      keyNone: 'Ingen nyckel angiven.',
      sending: 'Skickar …',
      loading: 'Hämtar …',
      failed: (message) => `Det gick inte: ${message}`,
    },
    en: {
      language: 'Svenska',
      keyLabel: 'API key',
      keyUse: 'Use the key',
      keyForget: 'Forget the key',
      keySet: 'A key is in use in this tab.',
      keyNone: 'No key given.',
      sending: 'Sending …',
      loading: 'Loading …',
      failed: (message) => `It did not work: ${message}`,
    },
  };

  const $ = (id) => document.getElementById(id);

  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name.startsWith('aria-') || name === 'for' || name === 'role' || name === 'scope' || name === 'lang' || name === 'colspan') node.setAttribute(name, value);
      else node[name] = value;
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };

  const key = () => sessionStorage.getItem(KEY);

  /** An error's message as text. */
  const reason = (e) => String(e && e.message ? e.message : e);

  /** A GraphQL request; with `withKey` the tab's key goes in Authorization, else none does (a public read). */
  async function graphql(query, variables, { withKey = false } = {}) {
    const headers = { 'content-type': 'application/json' };
    if (withKey) headers.authorization = `Bearer ${key()}`;
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return res.json();
  }

  /**
   * Starts a page: its texts (each language's, with the shell's own), the language button, the key step when the
   * page has one. `onLanguage` draws what the page shows again in the language chosen.
   */
  function start(texts, onLanguage) {
    const all = { sv: { ...COMMON.sv, ...texts.sv }, en: { ...COMMON.en, ...texts.en } };
    const page = {
      lang: sessionStorage.getItem(LANG) === 'en' ? 'en' : 'sv',
      text: (name) => all[page.lang][name],
      texts: () => all[page.lang],
      key,
      el,
      $,
      graphql,
      reason,
    };

    function showKey() {
      if ($('key-state')) $('key-state').textContent = page.text(key() ? 'keySet' : 'keyNone');
    }

    function applyLanguage() {
      document.documentElement.lang = page.lang;
      for (const node of document.querySelectorAll('[data-t]')) node.textContent = page.text(node.dataset.t);
      const toggle = $('lang');
      toggle.textContent = page.text('language');
      toggle.lang = page.lang === 'sv' ? 'en' : 'sv';
      showKey();
      onLanguage();
    }

    if ($('key-form')) {
      $('key-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const given = $('key').value.trim();
        if (given) sessionStorage.setItem(KEY, given);
        $('key').value = '';
        showKey();
      });
      $('key-forget').addEventListener('click', () => {
        sessionStorage.removeItem(KEY);
        showKey();
      });
    }
    $('lang').addEventListener('click', () => {
      page.lang = page.lang === 'sv' ? 'en' : 'sv';
      sessionStorage.setItem(LANG, page.lang);
      applyLanguage();
    });
    // Drawn once the page's script has set itself up (it calls start first).
    queueMicrotask(applyLanguage);
    return page;
  }

  return { start };
})();
