import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Sourced } from '../sources/provenance';

export enum BoardRole {
  MEMBER = 'MEMBER',
  DEPUTY = 'DEPUTY',
}
registerEnumType(BoardRole, {
  name: 'BoardRole',
  description: 'Seat on the board (förbundsstyrelsen).',
  valuesConfig: {
    MEMBER: { description: 'Member (ordinarie ledamot).' },
    DEPUTY: { description: 'Deputy (ersättare).' },
  },
});

@ObjectType({
  description:
    'A seat on the board (styrelseledamot eller ersättare), appointed by a member organisation, as a public document lists it. Holds public office holders only, as printed.',
})
@Entity('board_member')
export class BoardMember extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field(() => Int, { description: 'Year the composition is stated for (år).' })
  @Column()
  year: number;

  @Column({ name: 'organisation_id' })
  organisationId: number;

  @Field(() => BoardRole, { description: 'Member or deputy (ledamot/ersättare).' })
  @Column({ type: 'text' })
  role: BoardRole;

  @Column()
  position: number;

  @Field({ description: 'Name as printed (namn).' })
  @Column()
  name: string;

  @Field(() => String, { nullable: true, description: 'Political party as printed (parti), e.g. "S"; null for agency representatives.' })
  @Column({ type: 'text', nullable: true })
  party: string | null;
}
