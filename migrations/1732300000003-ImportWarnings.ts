import { MigrationInterface, QueryRunner } from 'typeorm';

/** Plausibility warnings an import raised (a misprinted percentage, parts not adding up) are kept with its batch. */
export class ImportWarnings1732300000003 implements MigrationInterface {
  name = 'ImportWarnings1732300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_batch ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE import_batch DROP COLUMN warnings');
  }
}
