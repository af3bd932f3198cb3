import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { rows } from '../../platform/graphql/cost';

export enum DocumentStatus {
  PRELIMINARY = 'PRELIMINARY',
  FINAL = 'FINAL',
}
registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  description: 'Whether a document is preliminary (preliminär) or final (slutlig, fastställd).',
  valuesConfig: {
    PRELIMINARY: { description: 'Preliminary (preliminär), e.g. an unsigned annual report; may be superseded.' },
    FINAL: { description: 'Final (slutlig): a signed annual report, an adjusted protocol, an adopted plan.' },
  },
});

@ObjectType({ description: 'A source document (källdokument) the figures are taken from: an annual report, a protocol, a national statistic.' })
@Entity('source_document')
export class SourceDocument {
  @Field(() => ID, { description: 'Stable id of the document, e.g. "uppsala-ar-2017".' })
  @PrimaryColumn()
  id: string;

  @Field(() => String, { nullable: true, description: 'File name of the text extract in the project\'s sources, when there is one.' })
  @Column({ type: 'text', nullable: true })
  file: string | null;

  @Field(() => String, { nullable: true, description: 'Public address (URL) of the source, when it is known by one.' })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Field({ description: 'Title of the document (titel).' })
  @Column()
  title: string;

  @Field({ description: 'Kind of document: ANNUAL_REPORT (årsredovisning), SUPERVISION_REPORT (rapport uppsiktsplikt), BOARD_PROTOCOL (styrelseprotokoll), BUDGET_PLAN (verksamhetsplan och budget), NATIONAL_STATISTICS (nationell statistik).' })
  @Column()
  kind: string;

  @Field(() => DocumentStatus, { description: 'Preliminary or final (preliminär/slutlig).' })
  @Column({ type: 'text' })
  status: DocumentStatus;

  @Field({ description: 'Who published the document (utgivare).' })
  @Column()
  publisher: string;

  @Column({ name: 'forbund_id', type: 'int', nullable: true })
  forbundId: number | null;

  @Field(() => [Int], { complexity: rows(1), description: 'Years the document gives figures for (år som redovisas).' })
  @Column({ name: 'years_covered', type: 'int', array: true })
  yearsCovered: number[];

  @Field(() => String, { nullable: true, description: 'Date of the document (datum), ISO 8601, when printed.' })
  @Column({ name: 'document_date', type: 'date', nullable: true })
  documentDate: string | null;

  /** When the row was added; asOf queries leave out rows added later. */
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'Reviewer\'s note on the document (anmärkning).' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
