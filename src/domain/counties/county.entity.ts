import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A county (län) with SCB\'s two-digit code: what förbund and organisations are grouped and compared by.' })
@Entity('county')
export class County {
  @Field({ description: 'SCB\'s county code (länskod), two digits, e.g. "03".' })
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  @Field({ description: 'Name (länets namn), e.g. "Uppsala län".' })
  @Column()
  name: string;
}
