import { Field, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';

@ObjectType({ description: 'Where a figure comes from (källa): the document, the place in it, and whether it is final.' })
export class Provenance {
  constructor(sourceDocumentId: string, locator: string, note: string | null) {
    this.sourceDocumentId = sourceDocumentId;
    this.locator = locator;
    this.note = note;
  }

  sourceDocumentId: string;

  @Field({ description: 'Section, table, note or page of the document (avsnitt, tabell, not, sida).' })
  locator: string;

  @Field(() => String, { nullable: true, description: 'Reviewer\'s note: ambiguity, reconstruction of a flattened table, discrepancy with another source.' })
  note: string | null;
}

/** Columns every figure row carries; `provenance` exposes them in the API. */
@ObjectType({ description: 'A figure with a source (uppgift med källa).' })
export abstract class Sourced {
  @Column({ name: 'source_document_id' })
  sourceDocumentId: string;

  @Column()
  locator: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Provenance, { description: 'Source of this figure (källa).' })
  get provenance(): Provenance {
    return new Provenance(this.sourceDocumentId, this.locator, this.note);
  }
}
