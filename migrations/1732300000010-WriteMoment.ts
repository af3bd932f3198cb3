import { MigrationInterface, QueryRunner } from 'typeorm';

const STAMPED: Array<[table: string, column: string]> = [
  ...['membership', 'allocation', 'observation', 'goal', 'financial_line', 'insats', 'insats_figure', 'board_member', 'board_meeting', 'forbund_fact'].map(
    (t): [string, string] => [t, 'valid_from'],
  ),
  ['import_batch', 'at'],
  ['forbund', 'created_at'],
  ['source_document', 'created_at'],
];

/**
 * A write is stamped with the moment it got its turn, not with its transaction's start: a write that waited
 * for another's lock began before that one committed, and stamped with now() it would close the other's rows
 * before they were opened, so history would run backwards. lockedWrite sets finsam.write_at once it holds its
 * locks; any other writer (the seed at start-up, alone) gets now().
 */
export class WriteMoment1732300000010 implements MigrationInterface {
  name = 'WriteMoment1732300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION finsam_write_at() RETURNS timestamptz LANGUAGE sql STABLE AS
        $$ SELECT coalesce(nullif(current_setting('finsam.write_at', true), '')::timestamptz, now()) $$;
    `);
    for (const [table, column] of STAMPED) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT finsam_write_at()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of STAMPED) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT now()`);
    await q.query('DROP FUNCTION finsam_write_at()');
  }
}
