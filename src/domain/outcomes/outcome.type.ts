import { Field, Int, ObjectType } from 'type-graphql';
import { Gender } from '../../platform/common/enums';
import { Measure } from '../measures/measure.entity';
import { Observation } from '../measures/observation.entity';
import { Share } from '../measures/share.type';
import { rows } from '../../platform/graphql/cost';

/** The measure codes the SUS outcome is built from (see seeds/reference.json for their definitions). */
export const SUS = {
  registered: 'participants_registered',
  anonymous: 'participants_anonymous',
  structural: 'participants_structural',
  all: 'participants_all',
  individualTotal: 'participants_individual_total',
  ended: 'participants_ended',
  toWorkOrStudies: 'to_work_or_studies',
} as const;

@ObjectType({
  description:
    'A förbund\'s participants and outcomes for a year as reported to SUS (sektorsövergripande system för uppföljning). When several sources give a figure, the final one is used; `observations` lists them all.',
})
export class SusOutcome {
  constructor(year: number, chosen: Observation[], all: Observation[], measures: Map<string, Measure>, preliminaryDocuments: Set<string>) {
    const pick = (code: string, gender = Gender.ALL) => chosen.find((o) => o.measureCode === code && o.gender === gender);
    const count = (code: string, gender = Gender.ALL) => pick(code, gender)?.value ?? null;
    this.year = year;
    this.women = count(SUS.registered, Gender.WOMEN);
    this.men = count(SUS.registered, Gender.MEN);
    this.participants = count(SUS.registered) ?? (this.women !== null && this.men !== null ? this.women + this.men : null);
    this.anonymous = count(SUS.anonymous);
    this.structural = count(SUS.structural);
    this.participantsIndividualTotal = count(SUS.individualTotal);
    this.participantsAll = count(SUS.all);
    this.ended = count(SUS.ended);
    const isOutcomeShare = (o: Observation) => measures.get(o.measureCode)?.category === 'OUTCOME' && measures.get(o.measureCode)?.unit === 'SHARE';
    this.outcomeShares = chosen.filter((o) => isOutcomeShare(o) && o.gender === Gender.ALL).map((o) => new Share(o));
    const ofEnded = this.outcomeShares.filter((s) => measures.get(s.observation.measureCode)?.denominatorMeasure === SUS.ended);
    this.toWorkOrStudies = ofEnded.find((s) => s.observation.measureCode === SUS.toWorkOrStudies) ?? ofEnded[0] ?? null;
    this.toWorkOrStudiesByGender = this.toWorkOrStudies
      ? chosen.filter((o) => o.measureCode === this.toWorkOrStudies!.observation.measureCode && o.gender !== Gender.ALL).map((o) => new Share(o))
      : [];
    this.profile = chosen.filter((o) => measures.get(o.measureCode)?.category === 'PROFILE');
    this.observations = all;
    this.isPreliminary = chosen.some((o) => preliminaryDocuments.has(o.sourceDocumentId));
  }

  @Field(() => Int, { description: 'Year (år).' })
  year: number;

  @Field(() => Int, { nullable: true, description: 'Participants registered with personal data (deltagare registrerade med personuppgifter); the sum of women and men when the source gives only the split.' })
  participants: number | null;

  @Field(() => Int, { nullable: true, description: 'Women registered with personal data (kvinnor).' })
  women: number | null;

  @Field(() => Int, { nullable: true, description: 'Men registered with personal data (män).' })
  men: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants in individual insatser registered without personal data (anonyma deltagare).' })
  anonymous: number | null;

  @Field(() => Int, { nullable: true, description: 'Volume participants of structural insatser, registered without personal data (deltagare i strukturövergripande insatser, volyminsatser).' })
  structural: number | null;

  @Field(() => Int, { nullable: true, description: 'All participants of individual insatser, with and without personal data (deltagare i individinriktade insatser totalt).' })
  participantsIndividualTotal: number | null;

  @Field(() => Int, { nullable: true, description: 'Everyone registered in SUS in the förbund\'s insatser of all kinds (samtliga registrerade deltagare).' })
  participantsAll: number | null;

  @Field(() => Int, { nullable: true, description: 'Ended participants (avslutade deltagare).' })
  ended: number | null;

  @Field(() => Share, {
    nullable: true,
    description:
      'Share of ended participants who went on to work or studies (andel avslutade som gått till arbete eller studier). Its `measure` says which definition the förbund reported: definitions differ between förbund and are not comparable.',
  })
  toWorkOrStudies: Share | null;

  @Field(() => [Share], { complexity: rows(3), description: 'The same outcome split by gender (kvinnor, män), where the source gives it.' })
  toWorkOrStudiesByGender: Share[];

  @Field(() => [Share], { complexity: rows(20), description: 'Every outcome share the sources give for the year, whatever its definition (resultatmått).' })
  outcomeShares: Share[];

  @Field(() => [Observation], { complexity: rows(30), description: 'Participant profile (deltagarprofil): age, education, years on public support, gender shares.' })
  profile: Observation[];

  @Field(() => [Observation], { complexity: rows(100), description: 'Every SUS figure for the year from every source, preliminary ones included.' })
  observations: Observation[];

  @Field({ description: 'True when any figure used above comes from a preliminary document (preliminär).' })
  isPreliminary: boolean;
}
