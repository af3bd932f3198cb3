import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StatedUnit } from '../../platform/common/enums';
import { numberColumn } from '../../platform/common/numeric';
import { DecimalScalar } from '../../platform/common/scalars';
import { Sourced } from '../sources/provenance';
import { rows } from '../../platform/graphql/cost';

export enum InsatsKind {
  INDIVIDUAL = 'INDIVIDUAL',
  STRUCTURAL = 'STRUCTURAL',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(InsatsKind, {
  name: 'InsatsKind',
  description: 'Kind of intervention (typ av insats).',
  valuesConfig: {
    INDIVIDUAL: { description: 'Aimed at individuals (individinriktad insats); participants are registered in SUS.' },
    STRUCTURAL: { description: 'Structural (strukturövergripande insats): collaboration, training, methods; volume participants only.' },
    UNKNOWN: { description: 'The source does not say (ej angivet).' },
  },
});

@ObjectType({ description: 'An intervention financed by the förbund (insats, projekt): parties, target group, period and yearly money.' })
@Entity('insats')
export class Insats extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field({ description: 'Stable key within the förbund, e.g. "gesam".' })
  @Column()
  key: string;

  @Field({ description: 'Name (namn) as printed.' })
  @Column()
  name: string;

  @Field(() => [String], { complexity: rows(1), description: 'Collaborating parties (samverkansparter) as the source names them.' })
  @Column({ type: 'text', array: true })
  parties: string[];

  @Field(() => String, { nullable: true, description: 'Target group (målgrupp).' })
  @Column({ name: 'target_group', type: 'text', nullable: true })
  targetGroup: string | null;

  @Field(() => String, { nullable: true, description: 'Goals of the insats (mål).' })
  @Column({ type: 'text', nullable: true })
  goals: string | null;

  @Field(() => String, { nullable: true, description: 'Reported result (resultat).' })
  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Field(() => String, { nullable: true, description: 'First day (tidsperiod från), ISO 8601.' })
  @Column({ name: 'period_start', type: 'date', nullable: true })
  periodStart: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (tidsperiod till), ISO 8601.' })
  @Column({ name: 'period_end', type: 'date', nullable: true })
  periodEnd: string | null;

  @Field(() => InsatsKind, { description: 'Individual or structural (individinriktad/strukturövergripande).' })
  @Column({ type: 'text' })
  kind: InsatsKind;

  @Field(() => String, { nullable: true, description: 'Grouping in the source, e.g. "Långsiktig samverkan", "Projektverksamhet".' })
  @Column({ type: 'text', nullable: true })
  category: string | null;
}

@ObjectType({ description: 'Money of one insats in one year (ekonomi per insats och år): cost, budget, liability, remaining commitment.' })
@Entity('insats_figure')
export class InsatsFigure extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  /** The insats the figure belongs to, by key: its description is versioned on its own. */
  @Column({ name: 'insats_key' })
  insatsKey: string;

  @Field(() => Int, { description: 'Year (år).' })
  @Column()
  year: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Cost in the year (förbrukning, kostnad), kronor.' })
  @Column({ name: 'cost_sek', type: 'numeric', nullable: true })
  costSek: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Budget for the year (budget), kronor.' })
  @Column({ name: 'budget_sek', type: 'numeric', nullable: true })
  budgetSek: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount granted (beviljat belopp), kronor.' })
  @Column({ name: 'granted_sek', type: 'numeric', nullable: true })
  grantedSek: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Short-term liability to the insats at year end (skuld insatser), kronor.' })
  @Column({ name: 'liability_sek', type: 'numeric', nullable: true })
  liabilitySek: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Remaining decided financing (återstående belopp för beslutad finansiering), kronor.' })
  @Column({ name: 'remaining_commitment_sek', type: 'numeric', nullable: true })
  remainingCommitmentSek: string | null;

  @Field(() => Float, { nullable: true, description: 'Budget utilisation to date as the source states it (förbrukningskvot), percent.' })
  @Column({ name: 'utilisation_percent', type: 'numeric', nullable: true, transformer: numberColumn })
  utilisationPercent: number | null;

  @Field(() => StatedUnit, { description: 'Unit the source printed the amounts in.' })
  @Column({ name: 'stated_unit', type: 'text' })
  statedUnit: StatedUnit;
}
