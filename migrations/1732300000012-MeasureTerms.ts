import { MigrationInterface, QueryRunner } from 'typeorm';

/** The words reports and SUS use for a measure ("inskrivna", "avslutade"), so a reader finds its code; each word names one measure. */
export class MeasureTerms1732300000012 implements MigrationInterface {
  name = 'MeasureTerms1732300000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE measure ADD COLUMN terms text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE measure DROP COLUMN terms');
  }
}
