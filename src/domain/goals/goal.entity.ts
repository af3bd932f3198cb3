import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Sourced } from '../sources/provenance';

export enum GoalStatus {
  MET = 'MET',
  PARTLY_MET = 'PARTLY_MET',
  NOT_MET = 'NOT_MET',
  NOT_STATED = 'NOT_STATED',
}
registerEnumType(GoalStatus, {
  name: 'GoalStatus',
  description: 'Goal attainment (måluppfyllelse).',
  valuesConfig: {
    MET: { description: 'Met (målet uppfyllt/uppnått).' },
    PARTLY_MET: { description: 'Partly met (delvis uppnått).' },
    NOT_MET: { description: 'Not met (ej uppnått).' },
    NOT_STATED: { description: 'Not stated (ej angivet): a plan, or a report that gives no status.' },
  },
});

export enum StatusBasis {
  STATED = 'STATED',
  INFERRED_FROM_RESULT = 'INFERRED_FROM_RESULT',
  NONE = 'NONE',
}
registerEnumType(StatusBasis, {
  name: 'StatusBasis',
  description: 'How the goal status was established.',
  valuesConfig: {
    STATED: { description: 'The document states it (angiven i dokumentet).' },
    INFERRED_FROM_RESULT: { description: 'Derived from the printed result against the printed target, because the status column was lost; provenance.note says how.' },
    NONE: { description: 'No status: the source states none.' },
  },
});

@ObjectType({ description: 'A goal (mål) of a förbund for a year, with its result (resultat) and attainment (måluppfyllelse).' })
@Entity('goal')
export class Goal extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field(() => Int, { description: 'Year (år) the goal is for.' })
  @Column()
  year: number;

  @Column()
  position: number;

  @Field(() => String, { nullable: true, description: 'Area or overall goal it sits under (verksamhetsinriktning, övergripande mål).' })
  @Column({ type: 'text', nullable: true })
  area: string | null;

  @Field({ description: 'The goal as written (mål).' })
  @Column()
  text: string;

  @Field(() => String, { nullable: true, description: 'The measurable target (resultatmål, målvärde) where separate from the text.' })
  @Column({ type: 'text', nullable: true })
  target: string | null;

  @Field(() => String, { nullable: true, description: 'The reported result (resultat, kommentar).' })
  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Field(() => GoalStatus, { description: 'Attainment (måluppfyllelse).' })
  @Column({ type: 'text' })
  status: GoalStatus;

  @Field(() => StatusBasis, { description: 'Whether the status is stated or inferred.' })
  @Column({ name: 'status_basis', type: 'text' })
  statusBasis: StatusBasis;
}
