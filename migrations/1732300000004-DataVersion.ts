import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose writes do not change what the API answers publicly. */
export const UNVERSIONED_TABLES = ['api_key', 'seed_state', 'data_version', 'migrations'];

/**
 * One number that every write advances, whoever writes (the API, the import CLI, a seed load, plain SQL):
 * a statement trigger on every data table. HTTP ETags and the response cache are keyed by it, so no
 * process, however many there are, can serve an answer from before a write.
 */
export class DataVersion1732300000004 implements MigrationInterface {
  name = 'DataVersion1732300000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE data_version (
      id int PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO data_version (id, version) VALUES (1, 1)`);
    await q.query(`CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
        RETURN NULL;
      END $$`);
    const tables: Array<{ name: string }> = await q.query(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY table_name`,
      [UNVERSIONED_TABLES],
    );
    for (const { name } of tables) {
      await q.query(`CREATE TRIGGER bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION bump_data_version() CASCADE');
    await q.query('DROP TABLE data_version');
  }
}
