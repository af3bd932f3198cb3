import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A file inside a package's folder. The browser builds (react/umd, graphiql.min.*) are not in the
 * packages' `exports` maps, so they are found next to package.json rather than through require.resolve.
 */
function packageFile(pkg: string, file: string): string {
  return readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), 'utf8');
}

/** Inline JS must not close its <script> element or open an HTML comment inside it. */
function inlineScript(js: string): string {
  return `<script>${js.replace(/<(\/script|!--)/gi, '\\x3C$1')}</script>`;
}

function inlineStyle(css: string): string {
  return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

let assets: { css: string; scripts: string } | undefined;
const pages = new Map<string, string>();

/** The (multi-megabyte) assets are read once, on the first page request. */
function loadAssets(): { css: string; scripts: string } {
  assets ??= {
    css: inlineStyle(packageFile('graphiql', 'graphiql.min.css')),
    scripts: [
      packageFile('react', 'umd/react.production.min.js'),
      packageFile('react-dom', 'umd/react-dom.production.min.js'),
      packageFile('graphiql', 'graphiql.min.js'),
    ]
      .map(inlineScript)
      .join('\n'),
  };
  return assets;
}

/** A self-contained GraphiQL page (no CDN) that sends queries to `endpoint` as POSTed JSON. */
export function graphiqlHtml(endpoint: string, defaultQuery: string): string {
  const key = JSON.stringify([endpoint, defaultQuery]);
  const cached = pages.get(key);
  if (cached) return cached;

  const { css, scripts } = loadAssets();
  const boot = `
(function () {
  var url = ${scriptJson(endpoint)};
  var fetcher = typeof GraphiQL.createFetcher === 'function'
    ? GraphiQL.createFetcher({ url: url })
    : function (params) {
        return fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(params),
          credentials: 'same-origin',
        }).then(function (res) { return res.json(); });
      };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${scriptJson(defaultQuery)} })
  );
})();`;

  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Finsam Compare — GraphQL</title>
<style>html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }</style>
${css}
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
${scripts}
${inlineScript(boot)}
</body>
</html>
`;
  pages.set(key, html);
  return html;
}

/** Media ranges of an Accept header with their q values, in header order. */
function parseAccept(header: string): { type: string; q: number }[] {
  return header.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    return { type, q: Number.isFinite(value) ? value : 0 };
  });
}

/**
 * True when the client prefers an HTML page (a browser navigation) over a JSON response.
 * Only an explicit text/html counts: `*\/*` (curl, fetch defaults) means an API client.
 */
export function wantsHtml(acceptHeader: string | undefined): boolean {
  if (!acceptHeader) return false;
  const ranges = parseAccept(acceptHeader);
  const best = (types: string[]) =>
    ranges.reduce<{ q: number; at: number }>(
      (top, r, at) => (types.includes(r.type) && r.q > top.q ? { q: r.q, at } : top),
      { q: 0, at: Infinity },
    );
  const html = best(['text/html']);
  const json = best(['application/json', 'application/graphql-response+json']);
  // Equal weights: the type listed first wins.
  return html.q > 0 && (html.q > json.q || (html.q === json.q && html.at < json.at));
}
