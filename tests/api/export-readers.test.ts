/**
 * The README's pandas and R snippets for the CSV export, run as they are printed against a running server (only
 * the address changed): a researcher who copies them gets the table the README shows, with every column of its
 * declared type. Each runs where its tools are installed (python3 with pandas; Rscript with readr and jsonlite)
 * and says so where they are not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startTestApi, TestApi } from '../support/api';

const README = readFileSync('README.md', 'utf8');
const section = README.slice(README.indexOf('**`GET /export/datapackage.json`**'));
const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section)![1];
const PRINTED_BASE = 'http://127.0.0.1:4000/export/';

const has = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
const pandas = has('python3', ['-c', 'import pandas']);
const readr = has('Rscript', ['-e', 'library(readr); library(jsonlite)']);
if (!pandas) console.warn('tests/api/export-readers.test.ts: python3 with pandas is missing (pip install pandas): the pandas snippet was not run');
if (!readr) console.warn('tests/api/export-readers.test.ts: Rscript with readr and jsonlite is missing (apt-get install r-cran-readr r-cran-jsonlite): the R snippet was not run');

describe('the README\'s readers of the CSV export', () => {
  let t: TestApi;
  let base: string;
  beforeAll(async () => {
    t = await startTestApi('pglite');
    base = t.api.url.replace('/graphql', '/export/');
  });
  afterAll(() => t.close());

  // Not spawnSync: the server answering the snippet runs in this very process.
  const run = async (command: string, args: string[], code: string) => {
    expect(code).toContain(PRINTED_BASE);
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(code.replace(PRINTED_BASE, base));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    return stdout;
  };

  (pandas ? it : it.skip)('pandas: the table the README prints, counts as integers and every column of its declared type', async () => {
    const printed = /```python\n[\s\S]*?```\n```\n([\s\S]*?)```/.exec(section)![1];
    expect(await run('python3', ['-'], block('python'))).toBe(printed);
    const types = await run('python3', ['-'], `${block('python').replace(/^print\(.*$/m, '')}\nprint({c: str(t) for c, t in df.dtypes.items()})\n`);
    const dtypes = JSON.parse(types.trim().replace(/'/g, '"'));
    expect(dtypes).toMatchObject({ year: 'Int64', numerator: 'Int64', denominator: 'Int64', share: 'Float64', value_text: 'string', preferred: 'boolean', deleted: 'boolean' });
    expect(dtypes.recorded_at).toMatch(/^datetime64\[\w+, UTC\]$/);
    expect(dtypes.superseded_at).toMatch(/^datetime64\[\w+, UTC\]$/);
  });

  (readr ? it : it.skip)('R with readr: the same table', async () => {
    const out = await run('Rscript', ['-'], block('r'));
    const rows = out.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/).slice(1));
    expect(rows).toEqual([
      ['riket', '2013', 'NA', 'NA', '0.3100000'],
      ['riket', '2016', 'NA', 'NA', '0.3300000'],
      ['riket', '2017', 'NA', 'NA', '0.3100000'],
      ['riket', '2019', 'NA', 'NA', '0.3100000'],
      ['riket', '2020', 'NA', 'NA', '0.2800000'],
      ['uppsala', '2017', '31', '164', '0.1890244'],
    ]);
  });
});
