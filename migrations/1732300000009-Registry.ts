import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national registry. Counties are SCB's codes (the 21 län, from SCB's list of municipalities), and a
 * förbund and an organisation name theirs by code, so "Stockholm" and "Stockholms län" can no longer form two
 * peer groups. A region's key is derived from its county's code (region-03), as a municipality's is from its
 * own (kommun-0380). Facts about a förbund with a date — founded, dissolved, merged into another, a county-wide
 * förbund — are figures like any other: versioned rows, each with its source document and place in it.
 */
export class Registry1732300000009 implements MigrationInterface {
  name = 'Registry1732300000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE county (code char(2) PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'), name text NOT NULL UNIQUE);
      INSERT INTO county (code, name) VALUES
        ('01', 'Stockholms län'),
        ('03', 'Uppsala län'),
        ('04', 'Södermanlands län'),
        ('05', 'Östergötlands län'),
        ('06', 'Jönköpings län'),
        ('07', 'Kronobergs län'),
        ('08', 'Kalmar län'),
        ('09', 'Gotlands län'),
        ('10', 'Blekinge län'),
        ('12', 'Skåne län'),
        ('13', 'Hallands län'),
        ('14', 'Västra Götalands län'),
        ('17', 'Värmlands län'),
        ('18', 'Örebro län'),
        ('19', 'Västmanlands län'),
        ('20', 'Dalarnas län'),
        ('21', 'Gävleborgs län'),
        ('22', 'Västernorrlands län'),
        ('23', 'Jämtlands län'),
        ('24', 'Västerbottens län'),
        ('25', 'Norrbottens län');
      ALTER TABLE organisation
        ADD COLUMN county_code char(2) REFERENCES county(code),
        ADD COLUMN regional_tasks boolean NOT NULL DEFAULT false;
      UPDATE organisation o SET county_code = c.code FROM county c WHERE c.name = o.county;
      UPDATE organisation SET key = 'region-' || county_code WHERE kind = 'REGION' AND county_code IS NOT NULL;
      ALTER TABLE organisation DROP COLUMN county;
      ALTER TABLE forbund ADD COLUMN county_code char(2) REFERENCES county(code);
      UPDATE forbund f SET county_code = c.code FROM county c WHERE c.name = f.county;
      ALTER TABLE forbund DROP COLUMN county, DROP COLUMN founded_year;
      CREATE TABLE forbund_fact (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        fact text NOT NULL CHECK (fact IN ('FOUNDED', 'DISSOLVED', 'MERGED_INTO', 'COUNTY_WIDE')),
        date_text text CHECK (date_text ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
        related_forbund_id int REFERENCES forbund(id),
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text,
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz,
        batch_id int REFERENCES import_batch(id),
        identity text,
        content jsonb,
        CHECK ((fact = 'MERGED_INTO') = (related_forbund_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX forbund_fact_current ON forbund_fact (source_document_id, identity) WHERE valid_to IS NULL;
      CREATE INDEX forbund_fact_validity ON forbund_fact (valid_from, valid_to);
      CREATE INDEX forbund_fact_forbund ON forbund_fact (forbund_id);
      CREATE TRIGGER bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON county FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      CREATE TRIGGER bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON forbund_fact FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      -- The seed files name regions by their new keys and the förbund by county code: the next start applies them again.
      DELETE FROM seed_state;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE forbund_fact;
      ALTER TABLE forbund ADD COLUMN county text, ADD COLUMN founded_year int;
      UPDATE forbund f SET county = c.name FROM county c WHERE c.code = f.county_code;
      ALTER TABLE forbund DROP COLUMN county_code;
      ALTER TABLE organisation ADD COLUMN county text;
      UPDATE organisation o SET county = c.name FROM county c WHERE c.code = o.county_code;
      ALTER TABLE organisation DROP COLUMN county_code, DROP COLUMN regional_tasks;
      DROP TABLE county;
    `);
  }
}
