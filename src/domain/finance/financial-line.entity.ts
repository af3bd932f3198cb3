import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AmountKind, StatedUnit } from '../../platform/common/enums';
import { DecimalScalar } from '../../platform/common/scalars';
import { Sourced } from '../sources/provenance';

export enum Statement {
  INCOME_STATEMENT = 'INCOME_STATEMENT',
  BALANCE_SHEET = 'BALANCE_SHEET',
  CASH_FLOW = 'CASH_FLOW',
  NOTES = 'NOTES',
  OPERATING_OVERVIEW = 'OPERATING_OVERVIEW',
  BUDGET = 'BUDGET',
}
registerEnumType(Statement, {
  name: 'Statement',
  description: 'Which financial statement a line belongs to.',
  valuesConfig: {
    INCOME_STATEMENT: { description: 'Income statement (resultaträkning).' },
    BALANCE_SHEET: { description: 'Balance sheet (balansräkning).' },
    CASH_FLOW: { description: 'Cash-flow analysis (kassaflödesanalys).' },
    NOTES: { description: 'Notes to the accounts (noter).' },
    OPERATING_OVERVIEW: { description: 'Overviews in the management report (ekonomisk översikt, förbrukning, budgetuppföljning).' },
    BUDGET: { description: 'Budget in a business plan (budget i verksamhetsplan).' },
  },
});

@ObjectType({ description: 'One line of a financial statement (rad i resultaträkning, balansräkning, kassaflödesanalys eller not).' })
@Entity('financial_line')
export class FinancialLine extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field(() => Int, { description: 'Financial year (räkenskapsår); for a balance sheet, the year of the balance date.' })
  @Column()
  year: number;

  @Field(() => Statement, { description: 'Statement the line belongs to.' })
  @Column({ type: 'text' })
  statement: Statement;

  @Field(() => String, { nullable: true, description: 'Heading the line stands under (rubrik), e.g. "Verksamhetens kostnader".' })
  @Column({ type: 'text', nullable: true })
  section: string | null;

  @Field({ description: 'The line\'s label as printed (radbenämning).' })
  @Column()
  label: string;

  @Field(() => String, { nullable: true, description: 'Standard key for comparable lines: member_contributions, total_income, operating_result, result, equity (eget kapital), total_assets, remaining_commitments, insats_costs, staff_costs, cash_end.' })
  @Column({ type: 'text', nullable: true })
  key: string | null;

  @Field(() => DecimalScalar, { description: 'Amount in kronor with the sign as printed (belopp, kr).' })
  @Column({ name: 'amount_sek', type: 'numeric' })
  amountSek: string;

  @Field(() => StatedUnit, { description: 'Unit the source printed the amount in.' })
  @Column({ name: 'stated_unit', type: 'text' })
  statedUnit: StatedUnit;

  @Field(() => AmountKind, { description: 'Outcome (utfall) or budget.' })
  @Column({ type: 'text' })
  kind: AmountKind;

  @Field(() => Int, { description: 'Position of the line in its statement, for printing in source order.' })
  @Column()
  position: number;
}
