import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core domain. Every figure row names its source document and where in it the figure stands
 * (locator); whether it is preliminary or final is the document's status. Money is numeric(16,2) kronor.
 * SQL is kept PostgreSQL-15 compatible (PGlite is 18, the servers are 15).
 */
export class CoreSchema1732300000000 implements MigrationInterface {
  name = 'CoreSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forbund (
        id serial PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        other_names text[] NOT NULL DEFAULT '{}',
        county text,
        organisation_number text,
        founded_year int,
        website text,
        provenance text NOT NULL,
        note text
      );
      CREATE TABLE organisation (
        id serial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MUNICIPALITY','REGION','FORSAKRINGSKASSAN','ARBETSFORMEDLINGEN')),
        municipality_code char(4) UNIQUE,
        county text,
        note text,
        CHECK ((kind = 'MUNICIPALITY') = (municipality_code IS NOT NULL))
      );
      CREATE TABLE source_document (
        id text PRIMARY KEY,
        file text,
        url text,
        title text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('PRELIMINARY','FINAL')),
        publisher text NOT NULL,
        forbund_id int REFERENCES forbund(id),
        years_covered int[] NOT NULL DEFAULT '{}',
        document_date date,
        note text,
        CHECK (file IS NOT NULL OR url IS NOT NULL)
      );
      CREATE TABLE measure (
        code text PRIMARY KEY,
        name text NOT NULL,
        name_sv text NOT NULL,
        definition text NOT NULL,
        unit text NOT NULL CHECK (unit IN ('PERSONS','SHARE','FTE','TEXT','PERCENT')),
        category text NOT NULL,
        denominator_measure text,
        note text
      );
      CREATE TABLE membership (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        organisation_id int NOT NULL REFERENCES organisation(id),
        from_year int,
        to_year int,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text,
        UNIQUE (forbund_id, organisation_id, source_document_id)
      );
      CREATE TABLE allocation (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        year int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACTUAL','BUDGET')),
        total_sek numeric(16,2),
        stated_unit text,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text,
        UNIQUE (forbund_id, year, kind, source_document_id, locator)
      );
      CREATE INDEX allocation_forbund_year ON allocation (forbund_id, year);
      CREATE TABLE allocation_part (
        id serial PRIMARY KEY,
        allocation_id int NOT NULL REFERENCES allocation(id) ON DELETE CASCADE,
        position int NOT NULL,
        party text NOT NULL CHECK (party IN ('STATE','REGION','MUNICIPALITIES','MUNICIPALITY')),
        organisation_id int REFERENCES organisation(id),
        label text NOT NULL,
        amount_sek numeric(16,2) NOT NULL,
        stated_unit text NOT NULL
      );
      CREATE INDEX allocation_part_allocation ON allocation_part (allocation_id);
      CREATE TABLE observation (
        id serial PRIMARY KEY,
        forbund_id int REFERENCES forbund(id),
        measure_code text NOT NULL REFERENCES measure(code),
        year int NOT NULL,
        gender text NOT NULL CHECK (gender IN ('ALL','WOMEN','MEN')),
        value numeric,
        numerator numeric,
        denominator numeric,
        stated_percent numeric,
        value_text text,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text
      );
      CREATE UNIQUE INDEX observation_identity
        ON observation (coalesce(forbund_id, 0), measure_code, year, gender, source_document_id);
      CREATE INDEX observation_measure_year ON observation (measure_code, year);
      CREATE TABLE goal (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        year int NOT NULL,
        position int NOT NULL,
        area text,
        text text NOT NULL,
        target text,
        result text,
        status text NOT NULL CHECK (status IN ('MET','PARTLY_MET','NOT_MET','NOT_STATED')),
        status_basis text NOT NULL CHECK (status_basis IN ('STATED','INFERRED_FROM_RESULT','NONE')),
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text
      );
      CREATE INDEX goal_forbund_year ON goal (forbund_id, year);
      CREATE TABLE financial_line (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        year int NOT NULL,
        statement text NOT NULL,
        section text,
        label text NOT NULL,
        key text,
        amount_sek numeric(16,2) NOT NULL,
        stated_unit text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACTUAL','BUDGET')),
        position int NOT NULL,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text
      );
      CREATE INDEX financial_line_forbund_year ON financial_line (forbund_id, year);
      CREATE TABLE insats (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        key text NOT NULL,
        name text NOT NULL,
        parties text[] NOT NULL DEFAULT '{}',
        target_group text,
        goals text,
        result text,
        period_start date,
        period_end date,
        kind text NOT NULL CHECK (kind IN ('INDIVIDUAL','STRUCTURAL','UNKNOWN')),
        category text,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text,
        UNIQUE (forbund_id, key)
      );
      CREATE TABLE insats_figure (
        id serial PRIMARY KEY,
        insats_id int NOT NULL REFERENCES insats(id) ON DELETE CASCADE,
        year int NOT NULL,
        cost_sek numeric(16,2),
        budget_sek numeric(16,2),
        granted_sek numeric(16,2),
        liability_sek numeric(16,2),
        remaining_commitment_sek numeric(16,2),
        utilisation_percent numeric,
        stated_unit text NOT NULL,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text
      );
      CREATE INDEX insats_figure_insats ON insats_figure (insats_id);
      CREATE TABLE board_member (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        year int NOT NULL,
        organisation_id int NOT NULL REFERENCES organisation(id),
        role text NOT NULL CHECK (role IN ('MEMBER','DEPUTY')),
        position int NOT NULL,
        name text NOT NULL,
        party text,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text
      );
      CREATE INDEX board_member_forbund_year ON board_member (forbund_id, year);
      CREATE TABLE board_meeting (
        id serial PRIMARY KEY,
        forbund_id int NOT NULL REFERENCES forbund(id),
        date date NOT NULL,
        place text,
        source_document_id text NOT NULL REFERENCES source_document(id),
        locator text NOT NULL,
        note text,
        UNIQUE (forbund_id, date)
      );
      CREATE TABLE meeting_attendance (
        id serial PRIMARY KEY,
        meeting_id int NOT NULL REFERENCES board_meeting(id) ON DELETE CASCADE,
        position int NOT NULL,
        name text NOT NULL,
        present boolean NOT NULL,
        attendance_note text
      );
      CREATE TABLE board_decision (
        id serial PRIMARY KEY,
        meeting_id int NOT NULL REFERENCES board_meeting(id) ON DELETE CASCADE,
        position int NOT NULL,
        paragraph text NOT NULL,
        dnr text,
        title text NOT NULL,
        decision_text text NOT NULL,
        locator text NOT NULL,
        note text
      );
      CREATE TABLE decision_grant (
        id serial PRIMARY KEY,
        decision_id int NOT NULL REFERENCES board_decision(id) ON DELETE CASCADE,
        position int NOT NULL,
        amount_sek numeric(16,2) NOT NULL,
        stated_unit text NOT NULL,
        period_start date,
        period_end date,
        period_as_stated text NOT NULL,
        note text
      );
      CREATE TABLE seed_state (
        id int PRIMARY KEY CHECK (id = 1),
        checksum text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE seed_state, decision_grant, board_decision, meeting_attendance, board_meeting, board_member,
        insats_figure, insats, financial_line, goal, observation, allocation_part, allocation, membership,
        measure, source_document, organisation, forbund;
    `);
  }
}
