import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from '../../platform/common/numeric';
import { DecimalScalar } from '../../platform/common/scalars';

@ObjectType({
  description:
    'A band of Nationella rådet\'s recommended maximum equity (rekommenderad högsta nivå på eget kapital, "trappan") by allocation size, versioned by the date it takes effect.',
})
@Entity('equity_band')
export class EquityBand {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Date the band takes effect (gäller från), ISO 8601.' })
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Field(() => DecimalScalar, { description: 'Smallest allocation in the band, kronor (inclusive).' })
  @Column({ name: 'min_allocation_sek', type: 'numeric' })
  minAllocationSek: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Allocation the band ends below, kronor; null for the top band.' })
  @Column({ name: 'max_allocation_sek', type: 'numeric', nullable: true })
  maxAllocationSek: string | null;

  @Field(() => Float, { description: 'Recommended maximum equity as a share of the year\'s allocation, fraction.' })
  @Column({ name: 'max_equity_share', type: 'numeric', transformer: numberColumn })
  maxEquityShare: number;

  @Field({ description: 'Source of the band values (källa).' })
  @Column()
  source: string;

  @Field(() => String, { nullable: true, description: 'Note (anmärkning).' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
