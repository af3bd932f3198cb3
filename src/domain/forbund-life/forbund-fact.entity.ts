import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Sourced } from '../sources/provenance';

export enum ForbundFactKind {
  FOUNDED = 'FOUNDED',
  DISSOLVED = 'DISSOLVED',
  MERGED_INTO = 'MERGED_INTO',
  COUNTY_WIDE = 'COUNTY_WIDE',
}
registerEnumType(ForbundFactKind, {
  name: 'ForbundFactKind',
  description: 'A dated fact about a förbund\'s life (uppgift om förbundet), as a source states it.',
  valuesConfig: {
    FOUNDED: { description: 'Formed (bildades), on the date as precisely as the source gives it.' },
    DISSOLVED: { description: 'Dissolved (upplöstes, likviderades).' },
    MERGED_INTO: { description: 'Merged into another förbund (slogs samman med): the successor names it.' },
    COUNTY_WIDE: { description: 'A county-wide förbund (länsförbund): every municipality of its county may be a member.' },
  },
});

@ObjectType({ description: 'A dated fact about a förbund (uppgift om förbundet), with its source.' })
@Entity('forbund_fact')
export class ForbundFact extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field(() => ForbundFactKind, { description: 'What the fact is.' })
  @Column({ type: 'text' })
  fact: ForbundFactKind;

  @Field(() => String, {
    nullable: true,
    description: 'When, as precisely as the source says: "2007-02-01", "2005-05" (a month) or "2018" (a year); null when it gives no date.',
  })
  @Column({ name: 'date_text', type: 'text', nullable: true })
  date: string | null;

  @Column({ name: 'related_forbund_id', type: 'int', nullable: true })
  relatedForbundId: number | null;

  /** The year of the date, for comparing with the years a figure is about. */
  get year(): number | null {
    return this.date === null ? null : Number(this.date.slice(0, 4));
  }
}
