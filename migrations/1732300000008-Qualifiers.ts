import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A figure may be stated approximately ("ca 2 000") or as a bound ("drygt 200", "över 50"): the qualifier is
 * kept with it, so it is shown and exported as the source put it, and never compared as if exact.
 */
export class Qualifiers1732300000008 implements MigrationInterface {
  name = 'Qualifiers1732300000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE observation ADD COLUMN qualifier text CHECK (qualifier IN ('APPROXIMATE', 'AT_LEAST'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE observation DROP COLUMN qualifier');
  }
}
