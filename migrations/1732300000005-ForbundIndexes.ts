import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the per-förbund reads every dashboard makes (a förbund's members, figures, insatser, meetings
 * and documents). Without them each such read scans the whole table, and the scan grows with the history.
 */
export class ForbundIndexes1732300000005 implements MigrationInterface {
  name = 'ForbundIndexes1732300000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX membership_forbund ON membership (forbund_id);
      CREATE INDEX observation_forbund_year ON observation (forbund_id, year);
      CREATE INDEX insats_forbund ON insats (forbund_id);
      CREATE INDEX board_meeting_forbund ON board_meeting (forbund_id);
      CREATE INDEX source_document_forbund ON source_document (forbund_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX membership_forbund;
      DROP INDEX observation_forbund_year;
      DROP INDEX insats_forbund;
      DROP INDEX board_meeting_forbund;
      DROP INDEX source_document_forbund;
    `);
  }
}
