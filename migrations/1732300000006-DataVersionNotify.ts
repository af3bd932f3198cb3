import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every bump of the data version is also announced (NOTIFY finsam_data_version, the new version as payload,
 * delivered when the writing transaction commits), so a server can keep the version in memory instead of
 * reading it for every request (src/db/data-version.ts).
 */
export class DataVersionNotify1732300000006 implements MigrationInterface {
  name = 'DataVersionNotify1732300000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bumped bigint;
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1 RETURNING version INTO bumped;
        PERFORM pg_notify('finsam_data_version', bumped::text);
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
        RETURN NULL;
      END $$`);
  }
}
