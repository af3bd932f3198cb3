import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Allocation } from '../../domain/allocations/allocation.entity';
import { DecimalScalar } from '../../platform/common/scalars';
import { EquityBand } from '../../domain/finance/equity-band.entity';
import { FinancialLine } from '../../domain/finance/financial-line.entity';
import { Insats } from '../../domain/insatser/insats.entity';
import { Observation } from '../../domain/measures/observation.entity';
import { rows } from '../../platform/graphql/cost';

@ObjectType({ description: 'The allocation split (fördelning) between state, region and municipalities against the Finsam rule of one half, one quarter, one quarter.' })
export class AllocationSplitBenchmark {
  @Field(() => Allocation, { description: 'The allocation the split is computed from (with its source).' })
  allocation: Allocation;

  @Field(() => DecimalScalar, { description: 'State part (staten: Försäkringskassan incl. Arbetsförmedlingen), kronor.' })
  stateSek: string;

  @Field(() => DecimalScalar, { description: 'Region part (regionen), kronor.' })
  regionSek: string;

  @Field(() => DecimalScalar, { description: 'Municipalities\' part together (kommunerna), kronor.' })
  municipalitiesSek: string;

  @Field(() => Float, { description: 'State share of the three parts, fraction (rule: 0.5).' })
  stateShare: number;

  @Field(() => Float, { description: 'Region share, fraction (rule: 0.25).' })
  regionShare: number;

  @Field(() => Float, { description: 'Municipalities\' share, fraction (rule: 0.25).' })
  municipalitiesShare: number;

  @Field(() => Float, { description: 'Largest deviation from the rule in percentage points (procentenheter).' })
  maxDeviationPp: number;

  @Field({ description: 'True when every part is within 0.5 percentage points of 50/25/25 (printed amounts are rounded, so exact equality is rare).' })
  followsRule: boolean;
}

@ObjectType({ description: 'Equity (eget kapital) at year end as a share of the year\'s allocation, against Nationella rådet\'s recommended maximum where a band is configured.' })
export class EquityBenchmark {
  @Field(() => FinancialLine, { description: 'The balance-sheet line the equity is taken from.' })
  equity: FinancialLine;

  @Field(() => DecimalScalar, { description: 'Equity at year end (eget kapital), kronor.' })
  equitySek: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The year\'s allocation (tilldelning), kronor; null when unknown.' })
  allocationSek: string | null;

  @Field(() => Float, { nullable: true, description: 'Equity / allocation, fraction.' })
  ratio: number | null;

  @Field(() => EquityBand, { nullable: true, description: 'The recommendation band applied; null when none is configured.' })
  band: EquityBand | null;

  @Field(() => Float, { nullable: true, description: 'Recommended maximum equity share for the förbund\'s allocation; null when no band is configured.' })
  recommendedMax: number | null;

  @Field(() => Boolean, { nullable: true, description: 'ratio > recommendedMax; null when no band is configured.' })
  exceedsRecommendation: boolean | null;

  @Field({ description: '"BAND": compared with a configured band. "NOT_CONFIGURED": no verified band values are held, so no comparison is made.' })
  basis: string;

  @Field(() => [Observation], { complexity: rows(5), description: 'The förbund\'s own assessment of its equity where a report states one (egen bedömning), as printed.' })
  ownAssessment: Observation[];
}

@ObjectType({ description: 'Budget utilisation (budgetförbrukning): spent against budget.' })
export class UtilisationFigure {
  @Field({ description: 'What is measured, as the source labels it.' })
  label: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Spent (förbrukning, utfall), kronor.' })
  spentSek: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Budget, kronor.' })
  budgetSek: string | null;

  @Field(() => Float, { nullable: true, description: 'spent / budget, fraction; from the amounts when both are given.' })
  ratio: number | null;

  @Field(() => Float, { nullable: true, description: 'Utilisation as the source prints it (förbrukningskvot), percent, when it gives one.' })
  statedPercent: number | null;

  @Field(() => Insats, { nullable: true, description: 'The insats, for per-insats figures.' })
  insats: Insats | null;
}

@ObjectType({ description: 'Cost of insatser per participant (kostnad per deltagare).' })
export class CostPerParticipant {
  @Field(() => FinancialLine, { description: 'The cost line used (kostnader för insatser).' })
  cost: FinancialLine;

  @Field(() => Int, { description: 'Participants counted.' })
  participants: number;

  @Field({ description: 'Which participants were counted, e.g. "participants in individual insatser (196)".' })
  participantsBasis: string;

  @Field(() => DecimalScalar, { description: 'Cost / participants in kronor, rounded to the öre (the cost as a positive amount, whatever sign the statement prints).' })
  valueSek: string;
}

@ObjectType({ description: 'Goal attainment (måluppfyllelse) for a year.' })
export class GoalAttainment {
  @Field(() => Int, { description: 'Goals met (uppfyllda).' })
  met: number;

  @Field(() => Int, { description: 'Goals partly met (delvis uppfyllda).' })
  partlyMet: number;

  @Field(() => Int, { description: 'Goals not met (ej uppfyllda).' })
  notMet: number;

  @Field(() => Int, { description: 'Goals without a status (ej angivet).' })
  notStated: number;

  @Field(() => Int, { description: 'All goals of the year.' })
  total: number;

  @Field(() => Float, { nullable: true, description: 'met / goals with a status, fraction.' })
  shareMet: number | null;

  @Field(() => Float, { nullable: true, description: '(met + partly met) / goals with a status, fraction.' })
  shareMetOrPartly: number | null;

  @Field(() => Int, { description: 'Goals whose status was inferred from the printed result (status column lost in the source).' })
  inferred: number;
}

@ObjectType({ description: 'Financial and activity benchmarks of one förbund in one year (ekonomiska nyckeltal).' })
export class FinancialBenchmark {
  forbundId: number;

  @Field(() => Int, { description: 'Year (år).' })
  year: number;

  @Field(() => AllocationSplitBenchmark, { nullable: true, description: 'Allocation split against 50/25/25; null without a per-party breakdown.' })
  allocationSplit: AllocationSplitBenchmark | null;

  @Field(() => EquityBenchmark, { nullable: true, description: 'Equity against the allocation; null without an equity line.' })
  equity: EquityBenchmark | null;

  @Field(() => [UtilisationFigure], { complexity: rows(50), description: 'Budget utilisation: totals where a statement gives outcome and budget side by side, and per insats.' })
  budgetUtilisation: UtilisationFigure[];

  @Field(() => CostPerParticipant, { nullable: true, description: 'Cost of insatser per participant; null without both figures.' })
  costPerParticipant: CostPerParticipant | null;

  @Field(() => GoalAttainment, { description: 'Goal attainment counts and shares.' })
  goalAttainment: GoalAttainment;
}
