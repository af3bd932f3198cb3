import { registerEnumType } from 'type-graphql';

export enum Gender {
  ALL = 'ALL',
  WOMEN = 'WOMEN',
  MEN = 'MEN',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender split (kön) of a figure; ALL when the source gives a total (totalt).',
  valuesConfig: {
    ALL: { description: 'All participants (totalt).' },
    WOMEN: { description: 'Women (kvinnor).' },
    MEN: { description: 'Men (män).' },
  },
});

export enum AmountKind {
  ACTUAL = 'ACTUAL',
  BUDGET = 'BUDGET',
}
registerEnumType(AmountKind, {
  name: 'AmountKind',
  description: 'Whether an amount is an outcome (utfall) or a plan (budget).',
  valuesConfig: {
    ACTUAL: { description: 'Outcome as reported after the fact (utfall).' },
    BUDGET: { description: 'Budgeted or announced in advance (budget, prognos, anslag).' },
  },
});

export enum StatedUnit {
  KR = 'KR',
  TKR = 'TKR',
  MKR = 'MKR',
}
registerEnumType(StatedUnit, {
  name: 'StatedUnit',
  description:
    'The unit the source printed an amount in. Amounts are always returned in kronor; this says how precise the source was.',
  valuesConfig: {
    KR: { description: 'Kronor (kr): exact to the krona.' },
    TKR: { description: 'Thousands of kronor (tkr): rounded to the thousand.' },
    MKR: { description: 'Millions of kronor (mkr, "miljoner"): rounded as printed.' },
  },
});
