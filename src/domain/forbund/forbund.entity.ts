import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { rows } from '../../platform/graphql/cost';

@ObjectType({
  description:
    'A coordination association (samordningsförbund): a legal body of Försäkringskassan, Arbetsförmedlingen, a region and one or more municipalities under the Finsam act (lag 2003:1210).',
})
@Entity('forbund')
export class Forbund {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Stable identifier used in URLs and queries, e.g. "uppsala".' })
  @Column()
  slug: string;

  @Field({ description: 'Official name (namn), e.g. "Samordningsförbundet Uppsala län".' })
  @Column()
  name: string;

  @Field(() => [String], { complexity: rows(1), description: 'Other names the förbund is called by in the sources (andra namnformer).' })
  @Column({ name: 'other_names', type: 'text', array: true })
  otherNames: string[];

  @Field(() => String, { nullable: true, description: 'SCB\'s code of the county (länskod) the förbund works in, e.g. "03"; peer groups by county use it.' })
  @Column({ name: 'county_code', type: 'char', length: 2, nullable: true })
  countyCode: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation number (organisationsnummer), where a source states it.' })
  @Column({ name: 'organisation_number', type: 'text', nullable: true })
  organisationNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Website (webbplats) as printed in the sources.' })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field({ description: 'Which documents state the facts above (källor).' })
  @Column()
  provenance: string;

  /** When the row was added; asOf queries leave out rows added later. */
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'Reviewer\'s note (anmärkning).' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
