import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum MeasureUnit {
  PERSONS = 'PERSONS',
  SHARE = 'SHARE',
  FTE = 'FTE',
  TEXT = 'TEXT',
  PERCENT = 'PERCENT',
}
registerEnumType(MeasureUnit, {
  name: 'MeasureUnit',
  description: 'Unit of a measure (enhet).',
  valuesConfig: {
    PERSONS: { description: 'A count of persons (antal personer).' },
    SHARE: { description: 'A share (andel) of a denominator, given as counts and/or a stated percentage.' },
    FTE: { description: 'Full-time equivalents (helårstjänster).' },
    TEXT: { description: 'A qualitative statement (text), e.g. an age band.' },
    PERCENT: { description: 'A percentage printed by the source that is not a share of persons (procent).' },
  },
});

@ObjectType({
  description:
    'A measure (mått): what a figure counts, defined in the source\'s own words. Figures of different definitions are different measures and are never ranked together.',
})
@Entity('measure')
export class Measure {
  @Field({ description: 'Stable code, e.g. "to_work_or_studies".' })
  @PrimaryColumn()
  code: string;

  @Field({ description: 'English name.' })
  @Column()
  name: string;

  @Field({ description: 'Swedish name (svensk benämning).' })
  @Column({ name: 'name_sv' })
  nameSv: string;

  @Field({ description: 'Definition in the source\'s own words (definition), with where it comes from.' })
  @Column()
  definition: string;

  @Field(() => MeasureUnit, { description: 'Unit (enhet).' })
  @Column({ type: 'text' })
  unit: MeasureUnit;

  @Field({ description: 'Category: PARTICIPANTS (deltagare), OUTCOME (resultat), PROFILE (deltagarprofil), ACTIVITY (aktivitet), ORGANISATION (organisation), FINANCE (ekonomi).' })
  @Column()
  category: string;

  @Field(() => String, { nullable: true, description: 'For shares: the measure that counts the denominator (nämnare), e.g. "participants_ended".' })
  @Column({ name: 'denominator_measure', type: 'text', nullable: true })
  denominatorMeasure: string | null;

  @Field(() => String, { nullable: true, description: 'Note on the measure and its comparability (anmärkning).' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
