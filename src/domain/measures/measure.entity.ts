import { Field, Int, ObjectType } from 'type-graphql';
import { ComparisonMethod, MeasureUnit, Polarity } from './measure.enums';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { rows } from '../../platform/graphql/cost';

@ObjectType({ description: 'When a figure counts as based on small numbers (små tal): its denominator is under the threshold, and why.' })
export class SmallNumberRule {
  @Field(() => Int, { description: 'Denominators under this are small numbers (minsta nämnare).' })
  minDenominator: number;

  @Field({ description: 'Why this threshold (motivering).' })
  reason: string;
}

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

  @Field(() => [String], {
    complexity: rows(10),
    description: 'Words reports and SUS use for it (sökord), e.g. "inskrivna", "avslutade", "började arbeta eller studera"; each word names one measure only. Search with measures(term).',
  })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  terms: string[];

  @Field(() => Polarity, { description: 'Which direction is good (polaritet); NO_JUDGEMENT unless the measure says otherwise.' })
  @Column({ type: 'text' })
  polarity: Polarity;

  @Field(() => String, { nullable: true, description: 'Why the measure has this polarity (motivering).' })
  @Column({ name: 'polarity_reason', type: 'text', nullable: true })
  polarityReason: string | null;

  @Field(() => ComparisonMethod, { description: 'How a förbund\'s figure is compared with rikssnitt (jämförelsemetod).' })
  @Column({ name: 'comparison_method', type: 'text' })
  comparisonMethod: ComparisonMethod;

  @Field(() => String, { nullable: true, description: 'Why the measure is compared this way, or not at all (motivering).' })
  @Column({ name: 'comparison_reason', type: 'text', nullable: true })
  comparisonReason: string | null;

  @Column({ name: 'small_number_min_denominator', type: 'integer', nullable: true })
  smallNumberMinDenominator: number | null;

  @Column({ name: 'small_number_reason', type: 'text', nullable: true })
  smallNumberReason: string | null;

  @Field(() => SmallNumberRule, { nullable: true, description: 'When a figure of this measure is based on small numbers (små tal); null when the measure has no such rule.' })
  get smallNumberRule(): SmallNumberRule | null {
    if (this.smallNumberMinDenominator === null || this.smallNumberReason === null) return null;
    return Object.assign(new SmallNumberRule(), { minDenominator: this.smallNumberMinDenominator, reason: this.smallNumberReason });
  }
}
