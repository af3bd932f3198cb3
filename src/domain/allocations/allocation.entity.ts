import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AmountKind, StatedUnit } from '../../platform/common/enums';
import { DecimalScalar } from '../../platform/common/scalars';
import { Sourced } from '../sources/provenance';

export enum AllocationParty {
  STATE = 'STATE',
  REGION = 'REGION',
  MUNICIPALITIES = 'MUNICIPALITIES',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnumType(AllocationParty, {
  name: 'AllocationParty',
  description: 'Which part of the Finsam split (fördelning) an amount belongs to: the state half, the region quarter, the municipalities quarter.',
  valuesConfig: {
    STATE: { description: 'The state (staten): Försäkringskassan, with Arbetsförmedlingen\'s part included; one half.' },
    REGION: { description: 'The region (regionen/landstinget); one quarter.' },
    MUNICIPALITIES: { description: 'The municipalities together (kommunerna), when the source gives them as one line; one quarter.' },
    MUNICIPALITY: { description: 'One municipality (kommun), when the source gives each one.' },
  },
});

@ObjectType({ description: 'One member\'s contribution (medlemsbidrag) to an allocation.' })
@Entity('allocation_part')
export class AllocationPart {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'allocation_id' })
  allocationId: number;

  @Column()
  position: number;

  @Field(() => AllocationParty, { description: 'Which part of the 50/25/25 split (statlig, regional, kommunal andel).' })
  @Column({ type: 'text' })
  party: AllocationParty;

  @Column({ name: 'organisation_id', type: 'int', nullable: true })
  organisationId: number | null;

  @Field({ description: 'The line as the source labels it, e.g. "Bidrag kommuner".' })
  @Column()
  label: string;

  @Field(() => DecimalScalar, { description: 'Amount in kronor (belopp, kr).' })
  @Column({ name: 'amount_sek', type: 'numeric' })
  amountSek: string;

  @Field(() => StatedUnit, { description: 'Unit the source printed the amount in.' })
  @Column({ name: 'stated_unit', type: 'text' })
  statedUnit: StatedUnit;
}

@ObjectType({ description: 'Annual allocation (tilldelning, medlemsavgifter) to a förbund from its members, total and per member.' })
@Entity('allocation')
export class Allocation extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field(() => Int, { description: 'Budget year (verksamhetsår).' })
  @Column()
  year: number;

  @Field(() => AmountKind, { description: 'Outcome (utfall) or budget.' })
  @Column({ type: 'text' })
  kind: AmountKind;

  @Field(() => DecimalScalar, { nullable: true, description: 'Total allocation in kronor (total tilldelning), as the source states it; null when it gives only parts.' })
  @Column({ name: 'total_sek', type: 'numeric', nullable: true })
  totalSek: string | null;

  @Field(() => StatedUnit, { nullable: true, description: 'Unit the source printed the total in.' })
  @Column({ name: 'stated_unit', type: 'text', nullable: true })
  statedUnit: StatedUnit | null;
}
