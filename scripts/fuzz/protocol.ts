/** Hostile HTTP around GraphQL: the CSV export's parameters, variables, request bodies and headers. */
import { createHash } from 'node:crypto';
import { forgedCursor, hostileString, MEASURES, SLUGS } from './hostile';
import { Random } from './random';
import { Case, Category, FuzzRequest, GenContext, gql, GRAPHQL } from './types';

const EXPORT = '/export/observations.csv';
const CHEAP = '{ forbund(slug: "uppsala") { name } }';

/** Percent-encodes as UTF-8; lone surrogates (which encodeURIComponent refuses) become the bytes a careless client sends. */
function pct(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^\w%.-]/g, (c) => encodeURIComponent(c));
  }
}

/** A query string as a case's label: its first 60 characters and its length. */
const shortened = (params: string) => `${params.slice(0, 60)}${params.length > 60 ? `… (${params.length} chars)` : ''}`;

const HOSTILE_DATES = ['-004714-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '+275760-09-14T00:00:00Z', '0000-01-01', '1969-12-31T23:59:59Z', 'now', '2017-13-45', '1e400', 'Infinity', '2017-01-01T00:00:00%00Z', '%ED%A0%80'];

function exportParam(rng: Random, progress: number): string {
  const many = (values: readonly string[]) => Array.from({ length: rng.int(1, 10 + Math.round(progress * 20000)) }, () => rng.pick(values)).join(',');
  return rng.pick([
    () => `asOf=${rng.pick(HOSTILE_DATES)}`,
    () => `updatedSince=${rng.pick(HOSTILE_DATES)}`,
    () => `years=${rng.pick(['0000', '9999', '-2017', '2017.5', '99999', '1000000000000', '2017,,2016', many(['2017', '2016', '1066']), '%00'])}`,
    () => `measures=${rng.chance(0.5) ? many(MEASURES) : pct(hostileString(rng, progress * 0.01))}`,
    () => `forbund=${rng.chance(0.5) ? many(SLUGS) : pct(hostileString(rng, progress * 0.01))}`,
    () => `gender=${rng.pick(['ALL%00', 'nope', '', 'all', '%ED%A0%80', '%FF%FE'])}`,
    () => `after=${pct(forgedCursor(rng))}`,
    () => `first=${rng.pick(['-1', '0', '1000000000', 'NaN'])}`,
    () => `forbund=uppsala&forbund=jamtland&forbund=${'%00'.repeat(rng.int(1, 100))}`,
    () => rng.pick(['%', '%zz', '&&&', '=', 'asOf', 'a=%ED%A0%80']),
  ])();
}

/** Query strings of one to three hostile parameters; lists grow with progress (past the header size limit at the end). */
function exportCase({ rng, progress }: GenContext): Case {
  const params = Array.from({ length: rng.int(1, 3) }, () => exportParam(rng, progress)).join('&');
  return { label: `export ?${shortened(params)}`, request: { method: 'GET', path: `${EXPORT}?${params}` } };
}

const CHART = '/charts/funnel.svg';

function chartParam(rng: Random, progress: number): string {
  return rng.pick([
    () => `measure=${rng.chance(0.6) ? rng.pick(MEASURES) : pct(hostileString(rng, progress * 0.01))}`,
    () => `year=${rng.pick(['2017', '2016', '2003', '2101', '0000', '-2017', '2017.5', '1e4', '', '%00', '20170'])}`,
    () => `highlight=${rng.chance(0.6) ? rng.pick(SLUGS) : pct(hostileString(rng, progress * 0.01))}`,
    () => `asOf=${rng.pick(HOSTILE_DATES)}`,
    () => rng.pick(['points=1000000', 'measure=to_work_or_studies&measure=nope', '%', '&&&', 'year', 'a=%ED%A0%80']),
  ])();
}

function widgetParam(rng: Random, progress: number): string {
  const hostile = () => pct(hostileString(rng, progress * 0.01));
  return rng.pick([
    () => `forbund=${rng.chance(0.5) ? rng.pick(SLUGS) : hostile()}`,
    () => `measure=${rng.chance(0.6) ? rng.pick(MEASURES) : hostile()}`,
    () => `year=${rng.pick(['2017', '2016', '0000', '20170', '-2017', '%00', ''])}`,
    () => `view=${rng.pick(['funnel', 'trend', 'pie', '%22%3E%3Cscript%3E', ''])}`,
    () => `lang=${rng.pick(['en', 'sv', 'xx', '%00'])}`,
    () => rng.pick([`${'x'.repeat(300)}=1`, `forbund=${'a'.repeat(500)}`, '%', '&&&', 'a=%ED%A0%80']),
  ])();
}

/** A GET resource with one or two hostile parameters, half the time after valid ones so its handler runs too. */
function resourceCase(paths: string[], valid: (rng: Random) => string[], param: (rng: Random, progress: number) => string) {
  return ({ rng, progress }: GenContext): Case => {
    const path = rng.pick(paths);
    const params = [...(rng.chance(0.5) ? valid(rng) : []), ...Array.from({ length: rng.int(1, 2) }, () => param(rng, progress))].join('&');
    return { label: `${path} ?${shortened(params)}`, request: { method: 'GET', path: `${path}?${params}` } };
  };
}

const chartCase = resourceCase([CHART], (rng) => ['measure=to_work_or_studies', `year=${rng.pick(['2016', '2017'])}`], chartParam);
const widgetPageCase = resourceCase(['/embed/comparison', '/widget/example.html'], (rng) => ['forbund=uppsala', `year=${rng.pick(['2016', '2017'])}`], widgetParam);

/** A JSON text nested `depth` levels deep, written out by hand: JSON.stringify would overflow the fuzzer's stack. */
const deepJson = (depth: number, open = '{"a":', close = '}') => `${open.repeat(depth)}1${close.repeat(depth)}`;

const post = (body: string | Buffer, contentType = 'application/json', headers: Record<string, string | string[]> = {}): FuzzRequest => ({
  method: 'POST',
  path: GRAPHQL,
  headers: { 'content-type': contentType, ...headers },
  body,
});

function variablesCase({ rng, progress }: GenContext): Case {
  const size = (max: number) => rng.int(1, 1 + Math.round(progress * max));
  const slugQuery = 'query($s: String!) { forbund(slug: $s) { name } }';
  const yearQuery = 'query($y: Int!) { forbund(slug: "uppsala") { outcome(year: $y) { participants } } }';
  const cases: Array<[string, () => FuzzRequest]> = [
    ['oversized string', () => gql(slugQuery, { s: 'x'.repeat(size(5_000_000)) })],
    ['deeply nested JSONObject', () => post(`{"query":"mutation($r: JSONObject!) { importReport(report: $r) { dryRun } }","variables":{"r":${deepJson(size(200_000))}}}`)],
    ['deeply nested list', () => post(`{"query":${JSON.stringify(slugQuery)},"variables":{"s":${deepJson(size(200_000), '[', ']')}}}`)],
    ['variables not an object', () => post(`{"query":${JSON.stringify(slugQuery)},"variables":${rng.pick(['[]', '"s"', '1', 'null', 'true', '"{\\"s\\":\\"uppsala\\"}"'])}}`)],
    ['thousands of unknown variables', () => gql(slugQuery, Object.fromEntries(Array.from({ length: size(100_000) }, (_, i) => [`v${i}`, i]).concat([['s', 'uppsala']])))],
    ['prototype keys', () => post(`{"query":${JSON.stringify(slugQuery)},"variables":{"__proto__":{"s":"uppsala"},"constructor":{"prototype":{"x":1}}}}`)],
    ...['"2017"', '1e400', '2.5', 'true', '2147483648', '-0', '[2017]', '{"a":1}', 'null', '-9007199254740993'].map(
      (y): [string, () => FuzzRequest] => [`Int given ${y}`, () => post(`{"query":${JSON.stringify(yearQuery)},"variables":{"y":${y}}}`)],
    ),
    ['huge list', () => gql('query($y: [Int!]) { observations(filter: { years: $y }, first: 1) { totalCount } }', { y: Array.from({ length: size(500_000) }, (_, i) => 2004 + (i % 97)) })],
    ['huge slug list', () => gql('query($f: [String!]) { observations(filter: { forbund: $f }, first: 1) { totalCount } }', { f: Array.from({ length: size(200_000) }, () => rng.pick(SLUGS)) })],
    ['missing required', () => gql(slugQuery, rng.pick([{}, { s: null }]))],
    ['declared type mismatch', () => gql('query($s: Int) { forbund(slug: $s) { name } }', { s: 1 })],
    ['page size', () => gql('query($n: Int!) { observations(first: $n) { totalCount } }', { n: rng.pick([0, -1, 1001, 2 ** 31 - 1, 1e9]) })],
    ['hostile operationName', () => post(JSON.stringify({ query: `query A ${CHEAP} query B ${CHEAP}`, operationName: rng.pick(['C', '', 'A\u0000', 'x'.repeat(size(1_000_000))]) }))],
    ['operationName not a string', () => post(`{"query":${JSON.stringify(CHEAP)},"operationName":${rng.pick(['{}', '[]', '1', 'true'])}}`)],
  ];
  const [label, make] = rng.pick(cases);
  return { label: `variables: ${label}`, request: make() };
}

function bodyCase({ rng, progress }: GenContext): Case {
  const size = (max: number) => rng.int(1, 1 + Math.round(progress * max));
  const valid = JSON.stringify({ query: CHEAP });
  const cases: Array<[string, () => FuzzRequest]> = [
    ['invalid JSON', () => post(rng.pick(['{', '{"query":', valid.slice(0, -1), "{'query':'{__typename}'}", 'NaN', '{"query":"{__typename}",}', '\u0000']))],
    ['deeply nested array', () => post(`{"query":${JSON.stringify(CHEAP)},"extensions":${deepJson(size(1_000_000), '[', ']')}}`)],
    ['deeply nested object', () => post(`{"query":${JSON.stringify(CHEAP)},"extensions":${deepJson(size(1_000_000))}}`)],
    ['huge number', () => post(rng.pick([`{"query":${JSON.stringify(CHEAP)},"variables":{"x":1e999999}}`, '{"query":1e999}', `{"query":${JSON.stringify(CHEAP)},"x":${'9'.repeat(size(1_000_000))}}`]))],
    ['query not a string', () => post(`{"query":${rng.pick(['123', 'null', '[]', '{}', 'true', '["{ __typename }"]'])}}`)],
    ['body not an object', () => post(rng.pick(['null', '"{ __typename }"', '[]', '1', 'true']))],
    ['wrong content type', () => post(rng.pick([valid, `query=${pct(CHEAP)}`, CHEAP]), rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/json; charset=latin1', 'application/jsonx', 'application/json, text/plain', '*/*', '']))],
    ['no content type', () => ({ method: 'POST', path: GRAPHQL, body: valid })],
    ['empty body', () => post('')],
    ['byte-order mark', () => post(`\ufeff${valid}`)],
    ['invalid UTF-8', () => post(Buffer.concat([Buffer.from('{"query":"{ forbund(slug: \\"'), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80, 0xc0, 0xaf]), Buffer.from('\\") { name } }"}')]))],
    ['GET with query string', () => ({ method: 'GET', path: `${GRAPHQL}?query=${pct(rng.pick([CHEAP, 'mutation { importReport(report: {}) { dryRun } }', '{ forbunds { observations { year } } }']))}${rng.chance(0.3) ? `&variables=${rng.pick(['not-json', '%00', '[]'])}` : ''}`, headers: { 'apollo-require-preflight': 'true' } })],
    ['GET with huge query string', () => ({ method: 'GET', path: `${GRAPHQL}?query=${pct(`{ ${'__typename '.repeat(size(20_000))}}`)}`, headers: { 'apollo-require-preflight': 'true' } })],
    ['batched array', () => post(JSON.stringify(Array.from({ length: size(1000) }, () => ({ query: CHEAP }))))],
    ['persisted query', () => {
      const query = `{ a${rng.int(0, 1e9)}: __typename }`;
      const sha256Hash = rng.chance(0.5) ? createHash('sha256').update(query).digest('hex') : 'x'.repeat(64);
      return post(JSON.stringify({ query: rng.chance(0.5) ? query : undefined, extensions: { persistedQuery: { version: 1, sha256Hash } } }));
    }],
    ['other method', () => ({ method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']), path: rng.pick([GRAPHQL, EXPORT, '/health']), headers: { 'content-type': 'application/json' }, body: valid })],
    ['odd path', () => ({ method: 'GET', path: rng.pick(['//graphql', '/graphql/', '/GRAPHQL', '/%2e%2e/%2e%2e/etc/passwd', `${EXPORT}/../../etc/passwd`, '/graphql%00', `/health?${'x'.repeat(size(10000))}`, `/${'a/'.repeat(size(3000))}`, '/export/', '/favicon.ico']) })],
  ];
  const [label, make] = rng.pick(cases);
  return { label: `body: ${label}`, request: make() };
}

/** Bytes for a socket: requests Node's HTTP client will not send (bad lengths, NUL in headers, smuggling). */
const raw = (head: string[], body = ''): FuzzRequest => ({ method: 'POST', path: GRAPHQL, raw: Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1') });

function headerCase({ rng, progress, keys }: GenContext): Case {
  const size = (max: number) => rng.int(1, 1 + Math.round(progress * max));
  const body = JSON.stringify({ query: CHEAP });
  const withHeaders = (headers: Record<string, string | string[]>): FuzzRequest => post(body, 'application/json', headers);
  const request = (lines: string[], b = body) => raw([`POST ${GRAPHQL} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', ...lines], b);
  const cases: Array<[string, () => FuzzRequest]> = [
    ['huge Authorization', () => withHeaders({ authorization: `Bearer ${'x'.repeat(size(15_000))}` })],
    ['Authorization past the header limit', () => withHeaders({ authorization: `Bearer ${'x'.repeat(100_000)}` })],
    ['malformed Bearer', () => withHeaders({ authorization: rng.pick(['Bearer', 'Bearer ', 'bearer x', 'Basic dXNlcjpwYXNz', 'Bearer a b', `Bearer fck_${'A'.repeat(43)}`, 'Token x', `Bearer ${keys.admin}x`, `Bearer ${keys.admin.slice(0, -1)}`, `Bearer ${keys.admin} ${keys.admin}`, '\u00e5\u00e4\u00f6']) })],
    ['Authorization twice', () => withHeaders({ authorization: [`Bearer ${keys.editor}`, `Bearer ${keys.admin}`] })],
    ['many headers', () => withHeaders(Object.fromEntries(Array.from({ length: size(3000) }, (_, i) => [`x-fuzz-${i}`, 'v'])))],
    ['forged client address', () => withHeaders({ 'x-forwarded-for': `${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 'x-real-ip': '10.0.0.1', forwarded: 'for=1.2.3.4' })],
    ['huge Content-Type, Accept, Cookie', () => withHeaders({ accept: `${'text/html,'.repeat(size(1000))}*/*`, cookie: `a=${'x'.repeat(size(10_000))}`, 'content-type': `application/json; x=${'y'.repeat(size(5000))}` })],
    ['Content-Encoding not applied', () => withHeaders({ 'content-encoding': rng.pick(['gzip', 'br', 'deflate', 'identity, gzip']) })],
    ['Content-Length negative or junk', () => request([`Content-Length: ${rng.pick(['-1', 'abc', '99999999999999999999', '1e3', ' 10', '0x10'])}`])],
    ['Content-Length larger than the body', () => request([`Content-Length: ${body.length + rng.int(1, 1_000_000)}`])],
    ['Content-Length smaller than the body', () => request([`Content-Length: ${rng.int(0, body.length - 1)}`])],
    ['two Content-Lengths', () => request([`Content-Length: ${body.length}`, `Content-Length: ${body.length + 5}`])],
    ['Content-Length and chunked', () => request([`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked'], `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`)],
    ['bad chunk', () => request(['Transfer-Encoding: chunked'], rng.pick(['zz\r\nabc\r\n0\r\n\r\n', 'ffffffffffff\r\nabc', `${body.length.toString(16)}\r\n${body}`, '-1\r\n\r\n']))],
    ['NUL in a header', () => request([`Authorization: Bearer a\u0000b`, `Content-Length: ${body.length}`])],
    ['header without a colon', () => request(['NoColonHere', `Content-Length: ${body.length}`])],
    ['obsolete line folding', () => request(['X-Folded: a', ' b', `Content-Length: ${body.length}`])],
    ['odd request line', () => raw([rng.pick([`GET ${GRAPHQL}`, `GET ${GRAPHQL} HTTP/2.0`, `FOO ${GRAPHQL} HTTP/1.1`, `GET http://evil.example${GRAPHQL}?query={__typename} HTTP/1.1`, `GET * HTTP/1.1`, `GET ${GRAPHQL} HTTP/1.0`, '\u0000\u0000\u0000']), 'Host: 127.0.0.1'])],
  ];
  const [label, make] = rng.pick(cases);
  return { label: `headers: ${label}`, request: make() };
}

/** The body limit itself: a request just past it, sent once at the end. */
const overLimitBody = (): Case => ({ label: 'body: 12 MB', request: post(`{"query":${JSON.stringify(CHEAP)},"x":"${'x'.repeat(12_000_000)}"}`) });

export const protocolCategories: Category[] = [
  { name: 'csv-export', weight: 6, generate: exportCase },
  { name: 'funnel-chart', weight: 3, generate: chartCase },
  { name: 'widget-pages', weight: 2, generate: widgetPageCase },
  { name: 'variables', weight: 6, generate: variablesCase },
  { name: 'bodies', weight: 6, generate: bodyCase, heavy: [overLimitBody] },
  { name: 'headers', weight: 6, generate: headerCase },
];
