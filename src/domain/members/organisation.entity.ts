import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganisationKind {
  MUNICIPALITY = 'MUNICIPALITY',
  REGION = 'REGION',
  FORSAKRINGSKASSAN = 'FORSAKRINGSKASSAN',
  ARBETSFORMEDLINGEN = 'ARBETSFORMEDLINGEN',
}
registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'Kind of member organisation (medlem) of a samordningsförbund.',
  valuesConfig: {
    MUNICIPALITY: { description: 'A municipality (kommun).' },
    REGION: { description: 'A region (region, formerly landsting).' },
    FORSAKRINGSKASSAN: { description: 'The Swedish Social Insurance Agency (Försäkringskassan), a state member.' },
    ARBETSFORMEDLINGEN: { description: 'The Swedish Public Employment Service (Arbetsförmedlingen), a state member.' },
  },
});

@ObjectType({ description: 'A member organisation (medlemsorganisation): a municipality, a region, Försäkringskassan or Arbetsförmedlingen.' })
@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Stable key, e.g. "kommun-0380" or "forsakringskassan".' })
  @Column()
  key: string;

  @Field({ description: 'Name (namn) as the sources write it, e.g. "Uppsala kommun".' })
  @Column()
  name: string;

  @Field(() => OrganisationKind, { description: 'Kind of organisation (typ av medlem).' })
  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'Four-digit municipality code (kommunkod, SCB) for municipalities.' })
  @Column({ name: 'municipality_code', type: 'char', length: 4, nullable: true })
  municipalityCode: string | null;

  @Field(() => String, { nullable: true, description: 'SCB\'s code of its county (länskod), e.g. "03"; null for the state agencies.' })
  @Column({ name: 'county_code', type: 'char', length: 2, nullable: true })
  countyCode: string | null;

  @Field({
    description:
      'True for a municipality that also has a region\'s tasks: Gotland (Region Gotland), which is both the municipal and the regional member of its förbund.',
  })
  @Column({ name: 'regional_tasks', default: false })
  regionalTasks: boolean;
}
