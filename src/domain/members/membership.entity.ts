import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Sourced } from '../sources/provenance';

@ObjectType({ description: 'Membership (medlemskap) of an organisation in a förbund, with its period in years where known.' })
@Entity('membership')
export class Membership extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Column({ name: 'organisation_id' })
  organisationId: number;

  @Field(() => Int, { nullable: true, description: 'First year of membership (från år); null when the source does not say.' })
  @Column({ name: 'from_year', type: 'int', nullable: true })
  fromYear: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year of membership (till år); null while it lasts.' })
  @Column({ name: 'to_year', type: 'int', nullable: true })
  toYear: number | null;
}
