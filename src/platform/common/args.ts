import { Max, Min } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, Int } from 'type-graphql';

/** Finsam (lag 2003:1210) took effect in 2004; years outside 2004–2100 are input mistakes. */
export const MIN_YEAR = 2004;
export const MAX_YEAR = 2100;

@ArgsType()
export class YearArgs {
  @Field(() => Int, { description: 'Year (år), 2004–2100.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year: number;
}

@ArgsType()
export class OptionalYearArgs {
  @Field(() => Int, { nullable: true, description: 'Year (år), 2004–2100; all years when absent.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}

@ArgsType()
export class AsOfArgs {
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description:
      'Answer as the data stood at this moment (ISO 8601), for reproducing a published analysis; now when absent. Holds for the whole request.',
  })
  asOf?: Date;
}
