import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
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

export enum Polarity {
  HIGH_IS_GOOD = 'HIGH_IS_GOOD',
  LOW_IS_GOOD = 'LOW_IS_GOOD',
  NO_JUDGEMENT = 'NO_JUDGEMENT',
}
registerEnumType(Polarity, {
  name: 'Polarity',
  description: 'Which direction of a measure is good (polaritet); it decides whether a difference from rikssnitt reads Better/Worse or Higher/Lower.',
  valuesConfig: {
    HIGH_IS_GOOD: { description: 'A higher value is better (högre är bättre).' },
    LOW_IS_GOOD: { description: 'A lower value is better (lägre är bättre).' },
    NO_JUDGEMENT: { description: 'Neither direction is better (ingen bedömning), e.g. who the participants are: differences read Higher/Lower.' },
  },
});

export enum ComparisonMethod {
  CI_OVERLAPPING_REFERENCE = 'CI_OVERLAPPING_REFERENCE',
  NONE = 'NONE',
}
registerEnumType(ComparisonMethod, {
  name: 'ComparisonMethod',
  description: 'How a förbund\'s figure is compared with rikssnitt (jämförelsemetod).',
  valuesConfig: {
    CI_OVERLAPPING_REFERENCE: {
      description:
        'The Wilson score interval of the share at 95 % and at 99.8 % against the national value: an interval wholly above or below it differs, one that touches or contains it is similar (as England\'s Fingertips "confidence intervals overlapping reference value").',
    },
    NONE: { description: 'Not compared with a benchmark (ingen jämförelse); the reason is on the measure.' },
  },
});

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
