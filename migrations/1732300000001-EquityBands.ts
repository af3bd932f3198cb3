import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nationella rådet's recommended maximum equity by allocation size ("trappan", 2013-10-02), held as
 * versioned data. Its band values are not established from public sources, so none are shipped: the
 * table starts empty and equity benchmarks say "not configured" until verified bands are added.
 */
export class EquityBands1732300000001 implements MigrationInterface {
  name = 'EquityBands1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE equity_band (
        id serial PRIMARY KEY,
        effective_from date NOT NULL,
        min_allocation_sek numeric(16,2) NOT NULL,
        max_allocation_sek numeric(16,2),
        max_equity_share numeric NOT NULL CHECK (max_equity_share >= 0),
        source text NOT NULL,
        note text,
        CHECK (max_allocation_sek IS NULL OR max_allocation_sek > min_allocation_sek)
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE equity_band');
  }
}
