import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { rows } from '../platform/graphql/cost';

/**
 * Rows a batch's warnings are costed at, as a batch's changes are (CHANGES_PER_BATCH_COST): what a report has,
 * a handful, not the 1 000 a write could keep. Costed at that worst case, a list of 20 batches cost 60 121, as
 * much as a national dashboard, for a few hundred bytes; the answer-size cap still bounds a list of batches that
 * each kept hundreds.
 */
export const WARNINGS_PER_BATCH_COST = 20;

@ObjectType({ description: 'One figure an import added, changed or removed (ändring).' })
@Entity('change')
export class ChangeType {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'batch_id' })
  batchId: number;

  @Field({ description: 'Table of the figure, e.g. "observation", "financial_line".' })
  @Column()
  entity: string;

  @Field({ description: 'ADDED, CHANGED or REMOVED.' })
  @Column()
  action: string;

  @Field({ description: 'Identity of the figure within its document, e.g. "uppsala|to_work_or_studies|2017|ALL".' })
  @Column()
  identity: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The figure before, as its file gave it; null when added.' })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The figure after; null when removed.' })
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}

@ObjectType({ description: 'A plausibility warning (rimlighetsvarning): the write went ahead, but a figure looks like a misprint or a transcription slip.' })
export class ImportWarning {
  @Field({ description: 'The file (report or CSV file) the figure is in.' })
  file: string;

  @Field({ description: 'Where in the file: a JSON path such as "observations.3.statedPercent", or "row 5.statedPercent" in a CSV file.' })
  path: string;

  @Field({ description: 'What looks wrong, with the figures, e.g. a stated percentage against numerator/denominator.' })
  reason: string;
}

@ObjectType({ description: 'A write to the database (import, rättelse): who, when, from which file, and what changed.' })
@Entity('import_batch')
export class ImportBatch {
  @Field(() => Int, { description: 'Id of the batch.' })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => GraphQLDateTime, { description: 'When it was written.' })
  @Column({ type: 'timestamptz' })
  at: Date;

  /** Who wrote it; shown to admins only (ImportBatchResolver.actor). */
  @Column()
  actor: string;

  @Field({ description: 'How it came in: "seed", "cli", "importReport" or "setObservation".' })
  @Column()
  origin: string;

  @Field(() => String, { nullable: true, description: 'The file it came from.' })
  @Column({ type: 'text', nullable: true })
  file: string | null;

  @Field(() => String, { nullable: true, description: 'The source document it wrote.' })
  @Column({ name: 'document_id', type: 'text', nullable: true })
  documentId: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Counts per table: added, changed, removed, unchanged.' })
  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;

  @Field(() => [ImportWarning], { complexity: rows(WARNINGS_PER_BATCH_COST), description: 'Plausibility warnings (rimlighetsvarningar) the write raised; it went ahead regardless.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings: ImportWarning[];
}
