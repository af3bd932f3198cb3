/**
 * The statistics' tasks for the worker pool: plain data in, plain data out, deterministic (the rank bootstrap
 * is seeded), so an answer is the same to the byte whether a task runs in a worker thread or inline. Piscina
 * loads this file in each worker thread and calls its default export with the task's name and input;
 * compare/national/stats-pool.ts sends the tasks. Nothing here reads or writes anything: every input comes
 * with the task.
 */
import { ShareFigures } from '../../domain/measures/share';
import { analyseYear, Figure, FunnelLine, funnelLines, rankIntervalsOf, Reference, Rules, YearAnalysis } from './analysis';
import { compare, Comparison } from './comparison';
import type { FunnelTarget, Overdispersion } from './methods.types';

export interface YearInput {
  /** Each förbund's own figure of the measure in the year, as its source gives it. */
  figures: ShareFigures[];
  /** Each figure's peer group (county, allocation band); null when unknown or none was asked for. */
  peerKeys: Array<string | null>;
  /** Whether each figure is stated approximately (a qualifier): never compared. */
  approximate: boolean[];
  reference: Reference | null;
  rules: Rules;
  year: number;
}

export interface YearResult {
  /** compare's entries, in the order of the figures given: each entry's key is its figure's index. */
  comparison: Comparison<number>;
  /** The counts and rank of each entry, as the analysis and the rank intervals use them. */
  figures: Figure[];
  analysis: YearAnalysis;
}

/** One (measure, year): every figure against rikssnitt and its peers (compare), then analysed (analyseYear). */
export function compareYear(input: YearInput): YearResult {
  const comparison = compare(
    input.figures.map((figures, i) => ({ key: i, figures, peerKey: input.peerKeys[i], approximate: input.approximate[i] })),
    input.reference?.value ?? null,
  );
  const figures = comparison.entries.map((c) => ({
    numerator: input.figures[c.key].numerator,
    denominator: input.figures[c.key].denominator,
    value: c.value,
    rank: c.rank,
    approximate: input.approximate[c.key],
  }));
  return { comparison, figures, analysis: analyseYear(figures, input.reference, input.rules, input.year) };
}

/** The year's 95 % rank intervals (the 1 000-draw bootstrap, seeded by `seedText`). */
export function rankIntervals(input: { figures: Figure[]; seedText: string }): Array<{ low: number; high: number } | null> {
  return rankIntervalsOf(input.figures, input.seedText);
}

/** The funnel's control limits at `points` denominators. */
export function funnel(input: { target: FunnelTarget | null; overdispersion: Overdispersion; maxDenominator: number; points: number }): FunnelLine[] {
  return funnelLines(input.target, input.overdispersion, input.maxDenominator, input.points);
}

/** The tasks by name, for compare/national/stats-pool.ts to send and to run inline. */
export const STATS_TASKS = { compareYear, rankIntervals, funnel };

/** What piscina calls in a worker thread (a module's default export): the task named, with its input. */
export default function runTask({ task, input }: { task: keyof typeof STATS_TASKS; input: never }): unknown {
  return STATS_TASKS[task](input);
}
