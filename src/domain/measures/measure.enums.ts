/** How a measure is counted and compared: plain enums (the statistics read them too), registered for GraphQL. */
import { registerEnumType } from 'type-graphql';

export enum MeasureUnit {
  PERSONS = 'PERSONS',
  COUNT = 'COUNT',
  SHARE = 'SHARE',
  FTE = 'FTE',
  TEXT = 'TEXT',
  PERCENT = 'PERCENT',
}
registerEnumType(MeasureUnit, {
  name: 'MeasureUnit',
  description: 'Unit of a measure (enhet).',
  valuesConfig: {
    PERSONS: { description: 'A count of persons (antal personer).' },
    COUNT: { description: 'A count of things other than persons (antal): förbund, municipalities, insatser.' },
    SHARE: { description: 'A share (andel) of a denominator, given as counts and/or a stated percentage.' },
    FTE: { description: 'Full-time equivalents (helårstjänster).' },
    TEXT: { description: 'A qualitative statement (text), e.g. an age band.' },
    PERCENT: { description: 'A percentage printed by the source that is not a share of persons (procent).' },
  },
});

/** A const object rather than an enum, so the statistics compare it with plain strings. */
export const Polarity = { HIGH_IS_GOOD: 'HIGH_IS_GOOD', LOW_IS_GOOD: 'LOW_IS_GOOD', NO_JUDGEMENT: 'NO_JUDGEMENT' } as const;
export type Polarity = (typeof Polarity)[keyof typeof Polarity];
registerEnumType(Polarity, {
  name: 'Polarity',
  description: 'Which direction of a measure is good (polaritet); it decides whether a difference from rikssnitt reads Better/Worse or Higher/Lower.',
  valuesConfig: {
    HIGH_IS_GOOD: { description: 'A higher value is better (högre är bättre).' },
    LOW_IS_GOOD: { description: 'A lower value is better (lägre är bättre).' },
    NO_JUDGEMENT: { description: 'Neither direction is better (ingen bedömning), e.g. who the participants are: differences read Higher/Lower.' },
  },
});

export enum FigureQualifier {
  APPROXIMATE = 'APPROXIMATE',
  AT_LEAST = 'AT_LEAST',
}
registerEnumType(FigureQualifier, {
  name: 'FigureQualifier',
  description: 'How a figure is stated when the source does not state it exactly (kvalificerare); an exact figure has none.',
  valuesConfig: {
    APPROXIMATE: { description: 'Approximately (ca, cirka, omkring): "ca 2 000".' },
    AT_LEAST: { description: 'At least (drygt, över, minst): "drygt 200". The true figure may be higher.' },
  },
});

export enum ComparisonMethod {
  CI_OVERLAPPING_REFERENCE = 'CI_OVERLAPPING_REFERENCE',
  NONE = 'NONE',
}
registerEnumType(ComparisonMethod, {
  name: 'ComparisonMethod',
  description: 'How a förbund\'s figure is compared with rikssnitt (jämförelsemetod).',
  valuesConfig: {
    CI_OVERLAPPING_REFERENCE: {
      description:
        'The Wilson score interval of the share at 95 % and at 99.8 % against the national value: an interval wholly above or below it differs, one that touches or contains it is similar (as England\'s Fingertips "confidence intervals overlapping reference value").',
    },
    NONE: { description: 'Not compared with a benchmark (ingen jämförelse); the reason is on the measure.' },
  },
});
