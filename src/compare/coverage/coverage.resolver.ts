import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { In, IsNull, Not } from 'typeorm';
import { AsOfArgs, YearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { unknownMeasure } from '../../platform/common/errors';
import { inForce } from '../../platform/common/validity';
import { fastFind } from '../../platform/db/fast-find';
import { rows } from '../../platform/graphql/cost';
import { Forbund } from '../../domain/forbund/forbund.entity';
import { allForbund } from '../../domain/forbund/forbund.loaders';
import { ForbundFactKind } from '../../domain/forbund-life/forbund-fact.entity';
import { factsByForbund } from '../../domain/forbund-life/forbund-life.loaders';
import { Measure } from '../../domain/measures/measure.entity';
import { allMeasures } from '../../domain/measures/measures.loaders';
import { Observation } from '../../domain/measures/observation.entity';
import { documentById } from '../../domain/sources/sources.loaders';
import { SourceDocument } from '../../domain/sources/source-document.entity';
import { coverageCells, existedIn } from './coverage';
import type { CoverageCell, CoverageStatus } from './coverage';

enum CoverageStatusEnum {
  FINAL = 'FINAL',
  PRELIMINARY = 'PRELIMINARY',
  APPROXIMATE = 'APPROXIMATE',
  MISSING = 'MISSING',
}
registerEnumType(CoverageStatusEnum, {
  name: 'CoverageStatus',
  description: 'How firmly a förbund has reported a measure for a year (rapporteringsstatus).',
  valuesConfig: {
    FINAL: { description: 'An exact figure in a final document (slutlig).' },
    PRELIMINARY: { description: 'Only in a preliminary document (preliminär): a final report may replace it.' },
    APPROXIMATE: { description: 'Only approximately ("ca", "drygt"): shown, never compared.' },
    MISSING: { description: 'Not reported (saknas).' },
  },
});

@ObjectType({ description: 'One measure of one förbund in the coverage matrix (täckning).' })
class CoverageCellType implements CoverageCell {
  @Field({ description: 'Measure code.' })
  measureCode: string;

  @Field(() => CoverageStatusEnum, { description: 'Reported, and how firmly.' })
  status: CoverageStatus;

  @Field(() => Date, { nullable: true, description: 'When the newest figure of the cell was recorded (senast ändrad); null when missing.' })
  lastChanged: Date | null;
}

@ObjectType({ description: 'A förbund\'s row in the coverage matrix.' })
class ForbundCoverage {
  forbundId: number;

  @Field(() => Int, { description: 'Measures with any figure (FINAL, PRELIMINARY or APPROXIMATE).' })
  reported: number;

  @Field(() => [CoverageCellType], { complexity: rows(40), description: 'One cell per measure, in the order of NationalCoverage.measures.' })
  cells: CoverageCellType[];
}

@ObjectType({ description: 'How many förbund are in each status for one measure.' })
class CoverageTotal {
  @Field({ description: 'Measure code.' })
  measureCode: string;

  @Field(() => Int, { description: 'FINAL.' })
  final: number;

  @Field(() => Int, { description: 'PRELIMINARY.' })
  preliminary: number;

  @Field(() => Int, { description: 'APPROXIMATE.' })
  approximate: number;

  @Field(() => Int, { description: 'MISSING.' })
  missing: number;
}

@ObjectType({ description: 'Who has reported what for a year (täckning): every förbund of the registry that existed that year, × each measure.' })
class NationalCoverage {
  @Field(() => Int, { description: 'Year (år).' })
  year: number;

  @Field(() => [Measure], { complexity: rows(40), description: 'The measures of the matrix, in column order.' })
  measures: Measure[];

  @Field(() => [ForbundCoverage], { complexity: rows(100), description: 'One row per förbund that existed in the year (founded by then and not ended before it), by slug.' })
  forbund: ForbundCoverage[];

  @Field(() => [CoverageTotal], { complexity: rows(40), description: 'Per measure, how many förbund are in each status.' })
  totals: CoverageTotal[];
}

@ArgsType()
class CoverageArgs extends YearArgs {
  @Field(() => String, { nullable: true, description: 'Only the förbund of this county (SCB länskod, e.g. "03").' })
  countyCode?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Measure codes for the columns; the SUS measures (participants and outcomes, categories PARTICIPANTS and OUTCOME) when absent.',
  })
  measures?: string[];
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);

@Resolver(() => NationalCoverage)
export class CoverageResolver {
  @Query(() => NationalCoverage, { description: 'The national coverage matrix (täckning) for a year: which förbund have reported which measures, how firmly, and when last changed.' })
  async coverage(@Args() { year, countyCode, measures: asked }: CoverageArgs, @Args() _asOf: AsOfArgs, @Ctx() ctx: RequestContext): Promise<NationalCoverage> {
    const all = await ctx.loader(allMeasures).load('all');
    const unknown = (asked ?? []).find((code) => !all.has(code));
    if (unknown) throw unknownMeasure(unknown, [...all.keys()]);
    const measures = asked ? asked.map((c) => all.get(c)!) : [...all.values()].filter((m) => m.category === 'PARTICIPANTS' || m.category === 'OUTCOME');
    const registry = (await allForbund(ctx)).filter((f) => countyCode === undefined || countyCode === null || f.countyCode === countyCode);
    const facts = await ctx.loader(factsByForbund).loadMany(registry.map((f) => ({ id: f.id, filter: null })));
    const alive = registry.filter((_, i) => {
      const of = facts[i] instanceof Error ? [] : (facts[i] as Array<{ fact: ForbundFactKind; date: string | null }>);
      const first = (kinds: ForbundFactKind[]) => yearOf(of.find((x) => kinds.includes(x.fact))?.date);
      return existedIn(year, { founded: first([ForbundFactKind.FOUNDED]), ended: first([ForbundFactKind.DISSOLVED, ForbundFactKind.MERGED_INTO]) });
    });
    const figures = await fastFind(ctx.db, Observation, {
      where: { forbundId: alive.length ? In(alive.map((f) => f.id)) : Not(IsNull()), year, measureCode: In(measures.map((m) => m.code)), ...inForce(ctx.asOf) },
    });
    const docs = (await ctx.loader(documentById).loadMany([...new Set(figures.map((o) => o.sourceDocumentId))])) as SourceDocument[];
    const final = new Set(docs.filter((d) => d.status === 'FINAL').map((d) => d.id));
    const cells = coverageCells(
      figures.map((o) => ({ forbundId: o.forbundId!, measureCode: o.measureCode, gender: o.gender, qualifier: o.qualifier, documentFinal: final.has(o.sourceDocumentId), recordedAt: o.validFrom })),
      alive.map((f) => f.id),
      measures.map((m) => m.code),
    );
    const forbund = alive.map((f) => {
      const own = cells.get(f.id)!;
      return Object.assign(new ForbundCoverage(), { forbundId: f.id, cells: own, reported: own.filter((c) => c.status !== 'MISSING').length });
    });
    const totals = measures.map((m, i) => {
      const count = (status: CoverageStatus) => forbund.filter((f) => f.cells[i].status === status).length;
      return { measureCode: m.code, final: count('FINAL'), preliminary: count('PRELIMINARY'), approximate: count('APPROXIMATE'), missing: count('MISSING') };
    });
    return { year, measures, forbund, totals };
  }
}

@Resolver(() => ForbundCoverage)
export class ForbundCoverageResolver {
  @FieldResolver(() => Forbund, { description: 'The förbund (samordningsförbund).' })
  async forbund(@Root() row: ForbundCoverage, @Ctx() ctx: RequestContext): Promise<Forbund> {
    return (await allForbund(ctx)).find((f) => f.id === row.forbundId)!;
  }
}
