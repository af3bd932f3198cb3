import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Gender } from '../../platform/common/enums';
import { Provenance } from '../sources/provenance';
import { Observation } from './observation.entity';
import { isPercentageOnly, shareValue } from './share';

@ObjectType({
  description:
    'A share (andel) with what it is a share of: numerator (täljare) and denominator (nämnare) when the source gives counts, and the percentage as printed.',
})
export class Share {
  constructor(readonly observation: Observation) {
    this.numerator = observation.numerator === null ? null : Math.round(observation.numerator);
    this.denominator = observation.denominator === null ? null : Math.round(observation.denominator);
    this.statedPercent = observation.statedPercent;
    this.value = shareValue(observation);
    this.isPercentageOnly = isPercentageOnly(observation);
    this.gender = observation.gender;
    this.year = observation.year;
  }

  @Field(() => Int, { nullable: true, description: 'Persons counted in the share (täljare), e.g. 31 who went to work or studies.' })
  numerator: number | null;

  @Field(() => Int, { nullable: true, description: 'Persons the share is of (nämnare), e.g. 164 ended participants.' })
  denominator: number | null;

  @Field(() => Float, { nullable: true, description: 'The share as a fraction 0–1: numerator/denominator when both are known, else the printed percentage / 100.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'The percentage exactly as the source prints it (angiven procentsats), e.g. 19.' })
  statedPercent: number | null;

  @Field({ description: 'True when the source gives only a percentage, no counts: the share cannot be tested or pooled.' })
  isPercentageOnly: boolean;

  @Field(() => Gender, { description: 'Gender split (kön).' })
  gender: Gender;

  @Field(() => Int, { description: 'Year (år).' })
  year: number;

  @Field(() => Provenance, { description: 'Source of the figure (källa).' })
  get provenance(): Provenance {
    return this.observation.provenance;
  }
}

@ObjectType({ description: 'A national reference value (rikssnitt, nationell siffra) of a measure in a year, with its source.' })
export class NationalReference {
  constructor(readonly observation: Observation) {
    this.year = observation.year;
    this.gender = observation.gender;
    this.value = observation.value ?? shareValue(observation);
    this.statedPercent = observation.statedPercent;
    this.numerator = observation.numerator;
    this.denominator = observation.denominator;
  }

  @Field(() => Int, { description: 'Year the national figure describes (år); it is published in the spring after.' })
  year: number;

  @Field(() => Gender, { description: 'Gender split (kön).' })
  gender: Gender;

  @Field(() => Float, { nullable: true, description: 'The value: a fraction 0–1 for SHARE measures, a count for PERSONS.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'For shares: the percentage as printed (angiven procentsats).' })
  statedPercent: number | null;

  @Field(() => Float, { nullable: true, description: 'For shares: the national numerator when published.' })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'For shares: the national denominator when published.' })
  denominator: number | null;

  @Field(() => Provenance, { description: 'Source of the national figure (källa).' })
  get provenance(): Provenance {
    return this.observation.provenance;
  }
}
