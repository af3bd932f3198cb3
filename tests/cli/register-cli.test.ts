import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppDatabase } from '../../src/app/modules';
import { tableChecksums } from '../support/database';
import { keyFrom, runTool } from '../support/tools';

/** The README's walk through a new förbund's first year, as a user runs it: register, key, import, on PGlite. */
describe('npm run register, keys and import: a new förbund\'s first year', () => {
  const work = mkdtempSync(join(tmpdir(), 'finsam-register-'));
  const env = { FINSAM_SEED: 'reference', FINSAM_DATA_DIR: join(work, 'data') };
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('refuses a wrong registration with every problem, writing nothing, then registers, keys and imports Uppsala', async () => {
    // Creates the database (reference data only) so its checksums can be read before the refusal.
    expect((await runTool(env, 'register', '--dry-run', 'examples/register/uppsala.json')).stdout).toContain('would create förbund Samordningsförbundet Uppsala län (uppsala)');
    const checksums = async () => {
      const db = await openAppDatabase({ dataDir: env.FINSAM_DATA_DIR });
      try {
        return await tableChecksums(db);
      } finally {
        await db.close();
      }
    };
    const before = await checksums();
    const bad = join(work, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'Samordningsförbundet Östra Södertörn',
        countyCode: '01',
        founded: '2007-02-01',
        organisationNumber: '222000-2577',
        members: [{ municipalityCode: '9999' }, { municipalityCode: '0380' }, { municipalityCode: '0192', fromYear: 2005 }],
        source: { url: 'https://www.samordningsforbundetostrasodertorn.se/about-us-37340128', title: 'About us', publisher: 'Östra Södertörn', locator: 'About us' },
      }),
    );
    const refused = await runTool(env, 'register', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Registration rejected, nothing was written. 4 problem(s):');
    expect(refused.stderr).toContain('input.organisationNumber: "222000-2577" fails the organisationsnummer\'s check digit');
    expect(refused.stderr).toContain('input.members.0: no municipality has the SCB code 9999');
    expect(refused.stderr).toContain('input.members.1: Uppsala (kommun-0380) lies in county 03, the förbund in 01');
    expect(refused.stderr).toContain('input.members.2.fromYear: 2005 is before the förbund was founded (2007)');
    expect(await checksums()).toEqual(before);

    const registered = await runTool(env, 'register', 'examples/register/uppsala.json');
    expect(registered.stdout).toMatch(/registerForbund → uppsala-registration: 11 added, 0 changed, 0 removed, 0 unchanged \(written as batch \d+\)/);
    expect((await runTool(env, 'register', 'examples/register/uppsala.json')).stderr).toContain('förbund "uppsala" is already registered');
    const typo = await runTool(env, 'keys', 'create', '--name', 'kansli', '--role', 'EDITOR', '--forbund', 'upsala');
    expect(typo.stderr).toContain('No förbund "upsala" is registered, so it can have no EDITOR key yet: register it first');
    expect(keyFrom((await runTool(env, 'keys', 'create', '--name', 'kansli', '--role', 'EDITOR', '--forbund', 'uppsala')).stdout)).toMatch(/^fck_/);
    const imported = await runTool(env, 'import', 'examples/import/uppsala-2017.json');
    expect(imported.stdout).toMatch(/uppsala-ar-2017-example: 97 added, 0 changed, 0 removed, 0 unchanged \(written as batch \d+\)/);
  });
});
