/**
 * The GraphQL over HTTP specification's audits (graphql-http's serverAudits) against the API: no MUST may
 * fail; the SHOULD and MAY findings left are printed, for the README to list.
 */
import { AuditFail, AuditResult, serverAudits } from 'graphql-http';
import { startTestApi, TestApi } from '../support/api';

/** What a failed audit saw, for the report: status, content type and the start of the body. */
async function describeFailure(result: AuditFail): Promise<string> {
  let body = '';
  try {
    body = (await result.response.clone().text()).slice(0, 300);
  } catch (e) {
    body = `(body not readable: ${e})`;
  }
  return `${result.id} "${result.name}" [${result.status}]: ${result.reason}\n    → ${result.response.status} ${result.response.headers.get('content-type') ?? ''} ${body}`;
}

describe('GraphQL over HTTP (graphql-http audits)', () => {
  let api: TestApi;
  let results: AuditResult[];

  beforeAll(async () => {
    api = await startTestApi('pglite');
    results = [];
    for (const audit of serverAudits({ url: api.api.url, fetchFn: fetch })) results.push(await audit.fn());
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('ran every audit', () => {
    expect(results.length).toBeGreaterThan(30);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(0);
  });

  it('fails no MUST', async () => {
    const failed = results.filter((r): r is AuditFail => r.status === 'error' || (r.status !== 'ok' && r.name.startsWith('MUST')));
    const report = await Promise.all(failed.map(describeFailure));
    expect(report).toEqual([]);
  });

  it('prints the SHOULD and MAY findings left', async () => {
    const findings = results.filter((r): r is AuditFail => r.status !== 'ok' && !r.name.startsWith('MUST'));
    const ok = results.filter((r) => r.status === 'ok').length;
    console.log(
      `graphql-http ${results.length} audits: ${ok} ok, ${findings.length} SHOULD/MAY findings${findings.length ? ':\n' : ''}${(await Promise.all(findings.map(describeFailure))).join('\n')}`,
    );
    for (const f of findings) expect(f.name).toMatch(/^(SHOULD|MAY) /);
  });
});
