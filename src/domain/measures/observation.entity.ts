import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Gender } from '../../platform/common/enums';
import { numberColumn } from '../../platform/common/numeric';
import { Sourced } from '../sources/provenance';
import { FigureQualifier } from './measure.enums';

@ObjectType({
  description:
    'One figure (observation) of a measure for a förbund, or for the whole country, in a year, as one source states it. Long format: one row per förbund, measure, year, gender and source.',
})
@Entity('observation')
export class Observation extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id', type: 'int', nullable: true })
  forbundId: number | null;

  @Field({ description: 'Code of the measure (mått).' })
  @Column({ name: 'measure_code' })
  measureCode: string;

  @Field(() => Int, { description: 'Year (år) the figure describes.' })
  @Column()
  year: number;

  @Field(() => Gender, { description: 'Gender split (kön).' })
  @Column({ type: 'text' })
  gender: Gender;

  @Field(() => Float, { nullable: true, description: 'The figure for PERSONS, COUNT, FTE and PERCENT measures (värde).' })
  @Column({ type: 'numeric', nullable: true, transformer: numberColumn })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'For SHARE measures: the count in the numerator (täljare), when the source gives it.' })
  @Column({ type: 'numeric', nullable: true, transformer: numberColumn })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'For SHARE measures: the count in the denominator (nämnare), when the source gives it.' })
  @Column({ type: 'numeric', nullable: true, transformer: numberColumn })
  denominator: number | null;

  @Field(() => Float, { nullable: true, description: 'For SHARE measures: the percentage exactly as the source prints it (angiven procentsats), e.g. 19 for "19 %".' })
  @Column({ name: 'stated_percent', type: 'numeric', nullable: true, transformer: numberColumn })
  statedPercent: number | null;

  @Field(() => FigureQualifier, { nullable: true, description: 'APPROXIMATE ("ca") or AT_LEAST ("drygt", "över") when the source does not state the figure exactly; null for an exact figure.' })
  @Column({ type: 'text', nullable: true })
  qualifier: FigureQualifier | null;

  @Field(() => String, { nullable: true, description: 'For TEXT measures: the statement as printed (text).' })
  @Column({ name: 'value_text', type: 'text', nullable: true })
  valueText: string | null;

  @Field({
    description:
      'True for a tombstone: the figure was removed from its document by a later import and this is its last version. Only answers to updatedSince contain tombstones.',
  })
  deleted: boolean = false;
}
