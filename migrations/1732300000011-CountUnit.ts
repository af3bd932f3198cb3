import { MigrationInterface, QueryRunner } from 'typeorm';

/** A measure may count things other than persons — förbund, municipalities, insatser — as national figures do. */
export class CountUnit1732300000011 implements MigrationInterface {
  name = 'CountUnit1732300000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measure DROP CONSTRAINT IF EXISTS measure_unit_check;
      ALTER TABLE measure ADD CONSTRAINT measure_unit_check CHECK (unit IN ('PERSONS','COUNT','SHARE','FTE','TEXT','PERCENT'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM measure WHERE unit = 'COUNT';
      ALTER TABLE measure DROP CONSTRAINT measure_unit_check;
      ALTER TABLE measure ADD CONSTRAINT measure_unit_check CHECK (unit IN ('PERSONS','SHARE','FTE','TEXT','PERCENT'));
    `);
  }
}
