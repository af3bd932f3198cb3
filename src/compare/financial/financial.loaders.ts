import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { AllocationParty } from '../../domain/allocations/allocation.entity';
import { partsByAllocation, preferredAllocations } from '../../domain/allocations/allocations.loaders';
import { RequestContext } from '../../platform/common/context';
import { AmountKind, Gender } from '../../platform/common/enums';
import { EquityBand } from '../../domain/finance/equity-band.entity';
import { financialLinesByForbund } from '../../domain/finance/finance.loaders';
import { FinancialLine, Statement } from '../../domain/finance/financial-line.entity';
import { goalsByForbund } from '../../domain/goals/goals.loaders';
import { distinctInsatser, figuresOf, insatserByForbund } from '../../domain/insatser/insatser.loaders';
import { InsatsFigure } from '../../domain/insatser/insats.entity';
import { observationsByForbund } from '../../domain/measures/measures.loaders';
import { Observation } from '../../domain/measures/observation.entity';
import { documentRank } from '../../domain/outcomes/preferred';
import { SUS } from '../../domain/outcomes/outcome.type';
import { SourceDocument } from '../../domain/sources/source-document.entity';
import { documentById } from '../../domain/sources/sources.loaders';
import { byScore } from '../../platform/common/sort';
import { equityBandFor, goalAttainment, perCapitaSek, sumSek, utilisation } from './money';
import {
  AllocationSplitBenchmark,
  CostPerParticipant,
  EquityBenchmark,
  FinancialBenchmark,
  GoalAttainment,
  UtilisationFigure,
} from './financial.types';
import { allocationSplit } from '../stats/math';

/** The measure holding a förbund's own printed assessment of its equity (TEXT). */
export const EQUITY_ASSESSMENT = 'equity_assessment';

const STATEMENT_ORDER = [Statement.INCOME_STATEMENT, Statement.BALANCE_SHEET, Statement.NOTES, Statement.CASH_FLOW, Statement.OPERATING_OVERVIEW, Statement.BUDGET];

/** The line for a key: final over preliminary, the formal statements over overviews, the latest report. */
function preferredLine(lines: FinancialLine[], key: string, kind: AmountKind, docs: Map<string, SourceDocument>): FinancialLine | null {
  const score = (l: FinancialLine) => {
    const rank = documentRank(docs.get(l.sourceDocumentId)!);
    return [rank.status === 'FINAL' ? 0 : 1, STATEMENT_ORDER.indexOf(l.statement), -rank.latestYear, l.position];
  };
  const candidates = lines.filter((l) => l.key === key && l.kind === kind).sort(byScore(score));
  return candidates[0] ?? null;
}

/** Outcome and budget of the same key printed side by side in one statement of one document. */
function statementUtilisation(lines: FinancialLine[]): UtilisationFigure[] {
  const budgets = lines.filter((l) => l.kind === AmountKind.BUDGET && l.key === 'insats_costs');
  return budgets.flatMap((budget) => {
    const spent = lines.find(
      (l) => l.kind === AmountKind.ACTUAL && l.key === budget.key && l.statement === budget.statement && l.sourceDocumentId === budget.sourceDocumentId && l.section === budget.section,
    );
    return spent
      ? [Object.assign(new UtilisationFigure(), { label: spent.label, spentSek: spent.amountSek, budgetSek: budget.amountSek, ratio: utilisation(spent.amountSek, budget.amountSek), statedPercent: null, insats: null })]
      : [];
  });
}

function insatsUtilisation(ctxInsatser: Array<{ insats: FinancialBenchmarkInsats; figures: InsatsFigure[] }>, year: number): UtilisationFigure[] {
  return ctxInsatser.flatMap(({ insats, figures }) =>
    figures
      .filter((f) => f.year === year && (f.utilisationPercent !== null || (f.costSek !== null && f.budgetSek !== null)))
      .map((f) =>
        Object.assign(new UtilisationFigure(), {
          label: insats.name,
          spentSek: f.costSek,
          budgetSek: f.budgetSek,
          ratio: f.costSek !== null && f.budgetSek !== null ? utilisation(f.costSek, f.budgetSek) : null,
          statedPercent: f.utilisationPercent,
          insats,
        }),
      ),
  );
}

type FinancialBenchmarkInsats = NonNullable<UtilisationFigure['insats']>;

function participantsOf(observations: Observation[]): { count: number; basis: string } | null {
  const count = (code: string, gender = Gender.ALL) => observations.find((o) => o.measureCode === code && o.gender === gender)?.value ?? null;
  const total = count(SUS.individualTotal);
  if (total !== null) return { count: total, basis: `participants in individual insatser, with and without personal data (${total})` };
  const registered = count(SUS.registered) ?? ((w, m) => (w !== null && m !== null ? w + m : null))(count(SUS.registered, Gender.WOMEN), count(SUS.registered, Gender.MEN));
  if (registered === null) return null;
  const anonymous = count(SUS.anonymous);
  return anonymous === null
    ? { count: registered, basis: `participants registered with personal data (${registered}); anonymous participants not given` }
    : { count: registered + anonymous, basis: `participants registered with personal data (${registered}) and anonymously (${anonymous})` };
}

/** Financial benchmarks for (förbund, year) pairs, gathered through the request's batched loaders. */
export const financialBenchmarks = (db: EntityManager, ctx: RequestContext) =>
  new DataLoader<{ forbundId: number; year: number }, FinancialBenchmark, string>(
    async (pairs) => {
      const keys = pairs.map((p) => ({ id: p.forbundId, filter: { year: p.year } }));
      const [allocations, lineLists, goalLists, observationLists, insatsLists, bands] = await Promise.all([
        preferredAllocations(ctx, [...pairs]),
        ctx.loader(financialLinesByForbund).loadMany(keys) as Promise<FinancialLine[][]>,
        ctx.loader(goalsByForbund).loadMany(keys),
        ctx.loader(observationsByForbund).loadMany(keys) as Promise<Observation[][]>,
        ctx.loader(insatserByForbund).loadMany(pairs.map((p) => ({ id: p.forbundId, filter: null }))),
        db.find(EquityBand),
      ]);
      const parts = await ctx.loader(partsByAllocation).loadMany(allocations.map((a) => ({ id: a?.id ?? -1, filter: null })));
      const insatser = distinctInsatser(insatsLists.flatMap((l) => (l instanceof Error ? [] : l)));
      const figures = await Promise.all(insatser.map((insats) => figuresOf(ctx, insats)));
      const figuresById = new Map(insatser.map((insats, i) => [insats.id, figures[i]]));
      const docIds = [...new Set(lineLists.flat().map((l) => l.sourceDocumentId))];
      const docs = new Map(((await ctx.loader(documentById).loadMany(docIds)) as SourceDocument[]).map((d) => [d.id, d]));

      return pairs.map((pair, i) => {
        const lines = lineLists[i];
        const allocation = allocations[i];
        const benchmark = Object.assign(new FinancialBenchmark(), { forbundId: pair.forbundId, year: pair.year });

        const allocationParts = allocation ? (parts[i] as Array<{ party: AllocationParty; amountSek: string }>) : [];
        const partSum = (parties: AllocationParty[]) => allocationParts.filter((p) => parties.includes(p.party)).map((p) => p.amountSek);
        const state = partSum([AllocationParty.STATE]);
        const region = partSum([AllocationParty.REGION]);
        const municipalities = partSum([AllocationParty.MUNICIPALITIES, AllocationParty.MUNICIPALITY]);
        if (allocation && state.length && region.length && municipalities.length) {
          const sek = { state: sumSek(state), region: sumSek(region), municipalities: sumSek(municipalities) };
          const split = allocationSplit({ state: Number(sek.state), region: Number(sek.region), municipalities: Number(sek.municipalities) });
          benchmark.allocationSplit = Object.assign(new AllocationSplitBenchmark(), {
            allocation,
            stateSek: sek.state,
            regionSek: sek.region,
            municipalitiesSek: sek.municipalities,
            stateShare: split.stateShare,
            regionShare: split.regionShare,
            municipalitiesShare: split.municipalitiesShare,
            maxDeviationPp: Math.max(...Object.values(split.deviationPp).map(Math.abs)),
            followsRule: split.followsRule,
          });
        } else {
          benchmark.allocationSplit = null;
        }

        const equity = preferredLine(lines, 'equity', AmountKind.ACTUAL, docs);
        const allocationSek = allocation?.totalSek ?? null;
        if (equity) {
          const band = allocationSek === null ? null : equityBandFor(bands, allocationSek, `${pair.year}-12-31`);
          const ratio = allocationSek !== null && Number(allocationSek) !== 0 ? Number(equity.amountSek) / Number(allocationSek) : null;
          benchmark.equity = Object.assign(new EquityBenchmark(), {
            equity,
            equitySek: equity.amountSek,
            allocationSek,
            ratio,
            band,
            recommendedMax: band?.maxEquityShare ?? null,
            exceedsRecommendation: band && ratio !== null ? ratio > band.maxEquityShare : null,
            basis: band ? 'BAND' : 'NOT_CONFIGURED',
            ownAssessment: observationLists[i].filter((o) => o.measureCode === EQUITY_ASSESSMENT),
          });
        } else {
          benchmark.equity = null;
        }

        const own = insatser.filter((insats) => insats.forbundId === pair.forbundId);
        benchmark.budgetUtilisation = [
          ...statementUtilisation(lines),
          ...insatsUtilisation(own.map((insats) => ({ insats, figures: figuresById.get(insats.id) ?? [] })), pair.year),
        ];

        const cost = preferredLine(lines, 'insats_costs', AmountKind.ACTUAL, docs);
        const participants = participantsOf(observationLists[i]);
        // Cost lines are printed negative in income statements; a cost per participant is a magnitude.
        const perParticipant = cost && participants ? perCapitaSek(cost.amountSek.replace(/^-/, ''), participants.count) : null;
        benchmark.costPerParticipant =
          cost && participants && perParticipant !== null
            ? Object.assign(new CostPerParticipant(), { cost, participants: participants.count, participantsBasis: participants.basis, valueSek: perParticipant })
            : null;

        const goals = goalLists[i] instanceof Error ? [] : (goalLists[i] as Array<{ status: string; statusBasis: string }>);
        benchmark.goalAttainment = Object.assign(new GoalAttainment(), {
          ...goalAttainment(goals.map((g) => g.status)),
          inferred: goals.filter((g) => g.statusBasis === 'INFERRED_FROM_RESULT').length,
        });
        return benchmark;
      });
    },
    { cacheKeyFn: (p) => `${p.forbundId}|${p.year}` },
  );
