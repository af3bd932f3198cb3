import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows are figures of a source document: versioned, never updated in place. */
const VERSIONED = ['membership', 'allocation', 'observation', 'goal', 'financial_line', 'insats', 'insats_figure', 'board_member', 'board_meeting'];

/**
 * History. A write never updates or deletes a figure: it closes the current row (valid_to) and inserts
 * the new one, both stamped with the import batch that did it. So every query can be answered as the
 * data stood at any moment (asOf), a sync can ask what changed since a time (tombstones included), and
 * each batch records who wrote what, when, from which file, and what changed.
 */
export class History1732300000002 implements MigrationInterface {
  name = 'History1732300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_batch (
        id serial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        origin text NOT NULL,
        file text,
        checksum text,
        document_id text REFERENCES source_document(id),
        summary jsonb NOT NULL
      );
      CREATE TABLE change (
        id serial PRIMARY KEY,
        batch_id int NOT NULL REFERENCES import_batch(id),
        entity text NOT NULL,
        action text NOT NULL CHECK (action IN ('ADDED','CHANGED','REMOVED')),
        identity text NOT NULL,
        before jsonb,
        after jsonb
      );
      CREATE INDEX change_batch ON change (batch_id);
      CREATE TABLE api_key (
        id serial PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('EDITOR','ADMIN')),
        forbund_id int REFERENCES forbund(id),
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((role = 'EDITOR') = (forbund_id IS NOT NULL))
      );
      ALTER TABLE forbund ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
      ALTER TABLE source_document ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
      -- Figures refer to their insats by key, so an insats description can be versioned on its own.
      ALTER TABLE insats_figure ADD COLUMN forbund_id int REFERENCES forbund(id), ADD COLUMN insats_key text;
      UPDATE insats_figure f SET forbund_id = i.forbund_id, insats_key = i.key FROM insats i WHERE i.id = f.insats_id;
      ALTER TABLE insats_figure ALTER COLUMN forbund_id SET NOT NULL, ALTER COLUMN insats_key SET NOT NULL, DROP COLUMN insats_id;
      CREATE INDEX insats_figure_insats ON insats_figure (forbund_id, insats_key);
      DROP INDEX observation_identity;
      -- Figures loaded before this migration have no identity: the next start re-applies the seed files.
      DELETE FROM seed_state;
    `);
    for (const table of VERSIONED) {
      const unique: Array<{ conname: string }> = await q.query(
        `SELECT conname FROM pg_constraint WHERE conrelid = '${table}'::regclass AND contype = 'u'`,
      );
      for (const { conname } of unique) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT "${conname}"`);
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN valid_from timestamptz NOT NULL DEFAULT now(),
          ADD COLUMN valid_to timestamptz,
          ADD COLUMN batch_id int REFERENCES import_batch(id),
          ADD COLUMN identity text,
          ADD COLUMN content jsonb;
        CREATE UNIQUE INDEX ${table}_current ON ${table} (source_document_id, identity) WHERE valid_to IS NULL;
        CREATE INDEX ${table}_validity ON ${table} (valid_from, valid_to);
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of VERSIONED) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN valid_from, DROP COLUMN valid_to, DROP COLUMN batch_id, DROP COLUMN identity, DROP COLUMN content`);
    }
    await q.query(`
      ALTER TABLE insats_figure ADD COLUMN insats_id int REFERENCES insats(id) ON DELETE CASCADE;
      ALTER TABLE insats_figure DROP COLUMN forbund_id, DROP COLUMN insats_key;
      ALTER TABLE source_document DROP COLUMN created_at;
      ALTER TABLE forbund DROP COLUMN created_at;
      DROP TABLE api_key, change, import_batch;
    `);
  }
}
