import { inForce } from '../../platform/common/validity';
import DataLoader from 'dataloader';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { RequestContext } from '../../platform/common/context';
import { Gender } from '../../platform/common/enums';
import { Measure } from '../../domain/measures/measure.entity';
import { allMeasures } from '../../domain/measures/measures.loaders';
import { Observation } from '../../domain/measures/observation.entity';
import { shareValue } from '../../domain/measures/share';
import { Share } from '../../domain/measures/share.type';
import { SUS } from '../../domain/outcomes/outcome.type';
import { documentRank, preferredFigures } from '../../domain/outcomes/preferred';
import { SourceDocument } from '../../domain/sources/source-document.entity';
import { documentById } from '../../domain/sources/sources.loaders';
import { BenchmarkEntry, Coverage, NationalComparison, NotComparable, PeerGroup, PeerGroupKind, ReferenceUsed } from './comparison.types';
import { chooseReference } from '../stats/comparison';
import { EntryAnalysis, Rules } from '../stats/analysis';
import { compareYear } from './stats-pool';
import { FunnelPosition, Outcome, Shrunken } from '../stats/methods.types';
import { ComparisonMethod } from '../../domain/measures/measure.enums';
import { peerKeysFor } from './peers';
import { fastFind } from '../../platform/db/fast-find';

export interface ComparisonKey {
  measure: string;
  year: number;
  peerGroup: PeerGroupKind | null;
  /** Whose share (kön): everyone's, or women's or men's, each against that gender's rikssnitt where one exists. */
  gender: Gender;
}

/** Other definitions of the same question: outcome shares over the same denominator (e.g. ended participants). */
export function alternativeDefinitions(measure: Measure, all: Iterable<Measure>): Measure[] {
  if (!measure.denominatorMeasure) return [];
  return [...all].filter(
    (m) => m.code !== measure.code && m.unit === 'SHARE' && m.category === measure.category && m.denominatorMeasure === measure.denominatorMeasure,
  );
}

function coverageOf(figures: Observation[]): Coverage {
  const count = (code: string) => figures.find((o) => o.measureCode === code && o.gender === Gender.ALL)?.value ?? null;
  const women = figures.find((o) => o.measureCode === SUS.registered && o.gender === Gender.WOMEN)?.value ?? null;
  const men = figures.find((o) => o.measureCode === SUS.registered && o.gender === Gender.MEN)?.value ?? null;
  const registered = count(SUS.registered) ?? (women !== null && men !== null ? women + men : null);
  const anonymous = count(SUS.anonymous);
  const coverage = new Coverage();
  coverage.registeredWithPersonalData = registered;
  coverage.anonymous = anonymous;
  coverage.shareWithPersonalData = registered !== null && anonymous !== null && registered + anonymous > 0 ? registered / (registered + anonymous) : null;
  return coverage;
}

/** Each förbund's figures, in the order given. */
function byForbund(figures: Observation[]): Map<number, Observation[]> {
  const map = new Map<number, Observation[]>();
  for (const o of figures) {
    const list = map.get(o.forbundId!);
    if (list) list.push(o);
    else map.set(o.forbundId!, [o]);
  }
  return map;
}

export function rulesOf(measure: Measure): Rules {
  return {
    polarity: measure.polarity,
    compared: measure.comparisonMethod !== ComparisonMethod.NONE,
    comparisonReason: measure.comparisonReason,
    smallNumberMinDenominator: measure.smallNumberMinDenominator,
  };
}

/** An entry's analysis as the GraphQL objects that carry it. */
function analysisFields(a: EntryAnalysis): Partial<BenchmarkEntry> {
  const { position, adjustedPosition, ...limits } = a.funnel ?? ({} as NonNullable<EntryAnalysis['funnel']>);
  return {
    ci998: a.ci998,
    outcome: Object.assign(new Outcome(), a.outcome),
    funnel: a.funnel ? Object.assign(new FunnelPosition(), { ...limits, position, adjustedPosition }) : null,
    shrunken: a.shrunken ? Object.assign(new Shrunken(), a.shrunken) : null,
    quintile: a.quintile,
    quintileReason: a.quintileReason,
    smallNumbers: a.smallNumbers,
  };
}

const comparisonKey = (k: ComparisonKey) => `${k.measure}|${k.year}|${k.peerGroup ?? ''}|${k.gender}`;

/**
 * National comparisons, batched: however many förbund and however many (measure, year) pairs a request
 * asks for, the figures come in a fixed number of statements. Each comparison is computed once per data
 * version (they change only when data is written) and shared by every request reading the current data.
 * The batch answers each key with its own promise, which DataLoader's load adopts: a comparison goes on to
 * GraphQL as soon as its statistics are back from the worker pool, not when the batch's last is, so seven
 * years asked at once are completed in seven turns of the event loop rather than one.
 */
export const nationalComparisons = (db: EntityManager, ctx: RequestContext) =>
  new DataLoader<ComparisonKey, NationalComparison, string>(
    async (keys) =>
      (ctx.canShare
        ? keys.map((k) => ctx.shared(`comparison|${comparisonKey(k)}`, async () => (await computeComparisons(db, ctx, [k]))[0]))
        : await computeComparisons(db, ctx, keys)) as unknown as NationalComparison[],
    { cacheKeyFn: comparisonKey },
  );

/** A förbund's figure not yet stored, for comparisonPreview: counts of the key's measure, year and gender. */
export interface ProposedFigure {
  forbundId: number;
  numerator: number;
  denominator: number;
}

/** The proposed figure as the row the comparison reads: counts only, exact, from no document yet. */
function proposedObservation(proposed: ProposedFigure, key: ComparisonKey): Observation {
  return Object.assign(new Observation(), {
    forbundId: proposed.forbundId,
    measureCode: key.measure,
    year: key.year,
    gender: key.gender,
    numerator: proposed.numerator,
    denominator: proposed.denominator,
    statedPercent: null,
    value: null,
    qualifier: null,
  });
}

/**
 * The comparison of one key as if the förbund's figure were the one proposed, every other förbund's and the
 * reference as stored: the same statements and statistics as nationalComparison, never kept (the figures are the
 * caller's own).
 */
export async function previewComparison(db: EntityManager, ctx: RequestContext, key: ComparisonKey, proposed: ProposedFigure): Promise<NationalComparison> {
  return (await computeComparisons(db, ctx, [key], proposed))[0];
}

/** The figures of every key in a fixed number of statements, then each key's comparison as its statistics come back. */
async function computeComparisons(
  db: EntityManager,
  ctx: RequestContext,
  keys: readonly ComparisonKey[],
  proposed: ProposedFigure | null = null,
): Promise<Array<Promise<NationalComparison>>> {
  const measures = await ctx.loader(allMeasures).load('all');
  const requested = [...new Set(keys.map((k) => k.measure))];
  const alternatives = new Map(requested.map((code) => [code, alternativeDefinitions(measures.get(code)!, measures.values())]));
  const codes = [...new Set([...requested, ...[...alternatives.values()].flat().map((m) => m.code), SUS.registered, SUS.anonymous])];
  const years = [...new Set(keys.map((k) => k.year))];
  const [rows, nationalRows] = await Promise.all([
    fastFind(db, Observation, { where: { forbundId: Not(IsNull()), year: In(years), measureCode: In(codes), ...inForce(ctx.asOf) }, order: { forbundId: 'ASC', id: 'ASC' } }),
    fastFind(db, Observation, { where: { forbundId: IsNull(), measureCode: In(requested), ...inForce(ctx.asOf) }, order: { year: 'ASC', id: 'ASC' } }),
  ]);
  const docs = (await ctx.loader(documentById).loadMany([...new Set([...rows, ...nationalRows].map((r) => r.sourceDocumentId))])) as SourceDocument[];
  const rankOf = new Map(docs.map((d) => [d.id, documentRank(d)]));
  const chosen = preferredFigures(rows, (id) => rankOf.get(id)!);
  // A national figure given by several sources is chosen as a förbund's is: what the export marks preferred.
  const national = preferredFigures(nationalRows, (id) => rankOf.get(id)!);
  const forbundIds = [...new Set([...chosen.map((o) => o.forbundId!), ...(proposed ? [proposed.forbundId] : [])])];
  const peers = await peerKeysFor(ctx, forbundIds, keys);

  return keys.map(async (key) => {
    const measure = measures.get(key.measure)!;
    const ofYear = chosen.filter((o) => o.year === key.year);
    const figuresOf = byForbund(ofYear);
    const stored = ofYear.filter((o) => o.measureCode === key.measure && o.gender === key.gender);
    const own = proposed ? [...stored.filter((o) => o.forbundId !== proposed.forbundId), proposedObservation(proposed, key)] : stored;
    const refsOf = (gender: Gender) => national.filter((o) => o.measureCode === key.measure && o.gender === gender && shareValue(o) !== null);
    // Women's or men's own rikssnitt of the year where one is published (2017: men 34 %, women 28 %); else everyone's,
    // chosen as always (the year's, or the latest earlier), which the reference's gender then says.
    const genderOwn = refsOf(key.gender).filter((o) => o.year === key.year);
    const refs = key.gender !== Gender.ALL && genderOwn.length ? genderOwn : refsOf(Gender.ALL);
    const chosenRef = chooseReference(refs.map((o) => ({ year: o.year, value: shareValue(o)!, observation: o })), key.year);
    const reference = chosenRef ? new ReferenceUsed(chosenRef.reference.observation, chosenRef.isFallback, chosenRef.reference.value) : null;
    const peerKey = (forbundId: number) => (key.peerGroup ? (peers.get(key.peerGroup)?.get(`${forbundId}|${key.year}`) ?? null) : null);
    // The numbers are the worker pool's: plain figures in, the comparison and its analysis out.
    const { comparison: computed, figures, analysis } = await compareYear({
      figures: own.map((o) => ({ numerator: o.numerator, denominator: o.denominator, statedPercent: o.statedPercent })),
      peerKeys: own.map((o) => peerKey(o.forbundId!)?.key ?? null),
      approximate: own.map((o) => o.qualifier !== null),
      reference: chosenRef && { value: chosenRef.reference.value, year: chosenRef.reference.year, isFallback: chosenRef.isFallback },
      rules: rulesOf(measure),
      year: key.year,
    });
    const comparison = new NationalComparison();

    const entries = computed.entries.map((c, i) => {
      const observation = own[c.key];
      const entry = Object.assign(new BenchmarkEntry(), analysisFields(analysis.entries[i]));
      const group = peerKey(observation.forbundId!);
      entry.forbundId = observation.forbundId!;
      entry.comparison = comparison;
      entry.figure = figures[i];
      entry.year = key.year;
      entry.value = new Share(observation);
      entry.reference = reference;
      entry.differencePp = c.differencePp;
      entry.ratio = c.ratio;
      entry.ci95 = c.ci95;
      entry.test = c.test;
      entry.significantlyDifferent = c.significantlyDifferent;
      entry.rank = c.rank;
      entry.percentile = c.percentile;
      entry.peerMean = c.peerMean;
      entry.peerGroup = group && key.peerGroup ? Object.assign(new PeerGroup(), { kind: key.peerGroup, ...group, count: c.peerCount, mean: c.peerMean }) : null;
      entry.coverage = coverageOf(figuresOf.get(entry.forbundId) ?? []);
      return entry;
    });
    entries.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.forbundId - b.forbundId);
    comparison.analysis = analysis;

    const ranked = new Set(own.map((o) => o.forbundId));
    const notComparable = (alternatives.get(key.measure) ?? []).flatMap((alt) =>
      ofYear
        .filter((o) => o.measureCode === alt.code && o.gender === Gender.ALL && !ranked.has(o.forbundId))
        .map((o) =>
          Object.assign(new NotComparable(), {
            forbundId: o.forbundId!,
            value: new Share(o),
            // Words for a page's visitor: measures by name, no codes or source files (the definitions are in value.measure).
            reason: `Reports "${alt.nameSv}" (${alt.name.toLowerCase()}), not "${measure.nameSv}" (${measure.name.toLowerCase()}). Different definitions are not ranked together.`,
            reasonSv: `Förbundet redovisar "${alt.nameSv}", inte "${measure.nameSv}". Olika definitioner rangordnas inte tillsammans.`,
          }),
        ),
    );

    return Object.assign(comparison, {
      measureCode: key.measure,
      year: key.year,
      peerGroup: key.peerGroup,
      gender: key.gender,
      reference,
      entries,
      notComparable,
      pooled: {
        ...computed.pooled,
        forbundCount: computed.pooled.count,
        description: `Sum of numerators / sum of denominators over the ${computed.pooled.count} förbund in this database whose source gives counts for ${measure.code} in ${key.year}. Weighted by size; not the official rikssnitt.`,
      },
      meanOfForbund: {
        value: computed.meanOfForbund.value,
        forbundCount: computed.meanOfForbund.count,
        description: `Unweighted mean of the shares of the ${computed.meanOfForbund.count} förbund in this database with ${measure.code} in ${key.year}: each förbund counts once whatever its size. Not the official rikssnitt.`,
      },
    });
  });
}
