import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file from a package's folder: these browser builds are not in the packages' `exports` maps. */
function packageFile(pkg: string, file: string): string {
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file), 'utf8');
}

/** Inlined scripts must not end their own <script> element early. */
const inlineScript = (js: string) => js.replace(/<\/script/gi, '<\\/script');

const cache = new Map<string, string>();

/**
 * An interactive GraphiQL page with React, ReactDOM and GraphiQL inlined, so it works with no internet:
 * no CDN is ever asked. Built once per endpoint (the bundles are a few MB).
 */
export function graphiqlHtml(endpoint: string, defaultQuery: string): string {
  const key = `${endpoint}\0${defaultQuery}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const config = JSON.stringify({ endpoint, defaultQuery }).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Finsam Compare — GraphQL</title>
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
<style>${packageFile('graphiql', 'graphiql.min.css')}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script>${inlineScript(packageFile('react', 'umd/react.production.min.js'))}</script>
<script>${inlineScript(packageFile('react-dom', 'umd/react-dom.production.min.js'))}</script>
<script>${inlineScript(packageFile('graphiql', 'graphiql.min.js'))}</script>
<script>
  const config = ${config};
  const fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, location.href).toString() });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: config.defaultQuery, defaultEditorToolsVisibility: false }),
  );
</script>
</body>
</html>`;
  cache.set(key, html);
  return html;
}

/** A browser navigation asks for HTML first; API clients ask for JSON. */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}
