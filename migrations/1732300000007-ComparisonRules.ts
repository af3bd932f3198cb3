import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a measure is compared is data on the measure, seeded with its reasons: which direction is good
 * (polarity), the comparison method, and the small-number rule (a denominator under which a figure is flagged).
 */
export class ComparisonRules1732300000007 implements MigrationInterface {
  name = 'ComparisonRules1732300000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measure
        ADD COLUMN polarity text NOT NULL DEFAULT 'NO_JUDGEMENT' CHECK (polarity IN ('HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT')),
        ADD COLUMN polarity_reason text,
        ADD COLUMN comparison_method text NOT NULL DEFAULT 'NONE' CHECK (comparison_method IN ('CI_OVERLAPPING_REFERENCE', 'NONE')),
        ADD COLUMN comparison_reason text,
        ADD COLUMN small_number_min_denominator integer CHECK (small_number_min_denominator > 0),
        ADD COLUMN small_number_reason text,
        ADD CONSTRAINT measure_small_number_rule CHECK ((small_number_min_denominator IS NULL) = (small_number_reason IS NULL))
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE measure
        DROP CONSTRAINT measure_small_number_rule,
        DROP COLUMN polarity, DROP COLUMN polarity_reason, DROP COLUMN comparison_method, DROP COLUMN comparison_reason,
        DROP COLUMN small_number_min_denominator, DROP COLUMN small_number_reason
    `);
  }
}
