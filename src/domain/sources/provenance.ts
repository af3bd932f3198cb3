import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';

/** What a provenance is made from: a figure row's source columns and its version stamps. */
export interface ProvenanceFacts {
  sourceDocumentId: string;
  locator: string;
  note: string | null;
  validFrom: Date;
  validTo: Date | null;
  batchId: number | null;
}

@ObjectType({ description: 'Where a figure comes from (källa): the document, the place in it, whether it is final, and when it was recorded.' })
export class Provenance {
  constructor(facts: ProvenanceFacts) {
    this.sourceDocumentId = facts.sourceDocumentId;
    this.locator = facts.locator;
    this.note = facts.note;
    this.recordedAt = facts.validFrom;
    this.supersededAt = facts.validTo;
    this.batchId = facts.batchId;
  }

  sourceDocumentId: string;

  batchId: number | null;

  @Field({ description: 'Section, table, note or page of the document (avsnitt, tabell, not, sida).' })
  locator: string;

  @Field(() => String, { nullable: true, description: 'Reviewer\'s note: ambiguity, reconstruction of a flattened table, discrepancy with another source.' })
  note: string | null;

  @Field(() => GraphQLDateTime, { description: 'When this version of the figure was recorded in the database.' })
  recordedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When a later import replaced or removed this version; null while it is current.' })
  supersededAt: Date | null;
}

/**
 * Columns every figure row carries; `provenance` exposes them in the API. Rows are versions: a write
 * closes the current one (validTo) and inserts its successor, so nothing is updated in place.
 */
@ObjectType({ description: 'A figure with a source (uppgift med källa).' })
export abstract class Sourced {
  @Column({ name: 'source_document_id' })
  sourceDocumentId: string;

  @Column()
  locator: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Column({ name: 'batch_id', type: 'int', nullable: true })
  batchId: number | null;

  /** Identity of the figure within its document, e.g. "uppsala|to_work_or_studies|2017|ALL". */
  @Column({ type: 'text', nullable: true })
  identity: string | null;

  /** The row as the import file gave it; history compares and reports these. Not read by the API's queries. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  content: Record<string, unknown> | null;

  @Field(() => Provenance, { description: 'Source of this figure (källa).' })
  get provenance(): Provenance {
    return new Provenance(this);
  }
}
