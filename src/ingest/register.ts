import { DataSource } from 'typeorm';
import { Actor } from '../platform/common/context';
import { quote } from '../platform/common/text';
import { Forbund } from '../domain/forbund/forbund.entity';
import { inputPath, RegisterForbundInput, registrationReport, registrationSlug } from './format/registration';
import { InputRejected, Problem } from './format/problems';
import { ImportResult, runImport } from './import';

const FILE = 'registerForbund';

/** What only a registration can get wrong: a member named twice or not at all, a förbund registered already. */
async function registrationProblems(db: DataSource, input: RegisterForbundInput): Promise<Problem[]> {
  const problems: Problem[] = [];
  input.members.forEach((m, i) => {
    if ((m.municipalityCode === undefined) === (m.organisation === undefined)) {
      problems.push({ file: FILE, path: `input.members.${i}`, reason: 'give either municipalityCode (SCB kommunkod) or organisation (a key), not both or neither' });
    }
  });
  const slug = registrationSlug(input);
  const same = (a: string) => a.toLocaleLowerCase('sv') === input.name.toLocaleLowerCase('sv');
  for (const f of await db.manager.find(Forbund)) {
    if (f.slug === slug) problems.push({ file: FILE, path: input.slug ? 'input.slug' : 'input.name', reason: `förbund ${quote(slug)} is already registered (${f.name}); a registration is made once — correct it with an import of its source document` });
    else if (same(f.name) || f.otherNames.some(same)) problems.push({ file: FILE, path: 'input.name', reason: `${quote(input.name)} is already the name of förbund ${quote(f.slug)}: the same förbund registered twice?` });
  }
  return problems;
}

/**
 * Registers a förbund as an import of the source that states its facts: checked all at once (the import's own
 * checks and the registration's), written in one transaction, recorded as a batch; a dry run writes nothing.
 */
export async function registerForbund(db: DataSource, input: RegisterForbundInput, options: { actor: Actor; origin: string; dryRun: boolean }): Promise<ImportResult> {
  const own = await registrationProblems(db, input);
  const year = Number((input.source.documentDate ?? new Date().toISOString()).slice(0, 4));
  const report = { name: FILE, json: registrationReport(input, year) };
  const run = (dryRun: boolean) => runImport(db, [report], () => null, { ...options, dryRun });
  try {
    if (!own.length) return await run(options.dryRun);
    // The import's problems are listed with the registration's, all at once.
    await run(true);
  } catch (e) {
    if (!(e instanceof InputRejected)) throw e;
    own.push(...e.problems.map((p) => ({ ...p, file: FILE, path: inputPath(p.path) })));
  }
  throw new InputRejected(own, 'Registration rejected, nothing was written');
}
