import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArrayMaxSize } from 'class-validator';
import { AsOfArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { unknownForbund } from '../../platform/common/errors';
import { Forbund } from '../forbund/forbund.entity';
import { allForbund, forbundById } from '../forbund/forbund.loaders';
import { rows } from '../../platform/graphql/cost';
import { Measure } from './measure.entity';
import { requireMeasure } from './measures.loaders';

/** Finsam began in 2004: a förbund has at most about this many years of figures. */
const YEARS_SINCE_FINSAM = 25;

@ObjectType({ description: 'Which years a förbund has figures of a measure (tillgänglighet): what can be compared before asking for it.' })
export class Availability {
  forbundId: number;
  measureCode: string;

  @Field(() => [Int], { complexity: rows(YEARS_SINCE_FINSAM), description: 'Years with a figure in force (år), oldest first.' })
  years: number[];

  @Field(() => [Int], {
    complexity: rows(YEARS_SINCE_FINSAM),
    description: 'Years whose figure has counts (numerator and denominator), oldest first: those get intervals, a funnel position and a trend; the others are a stated percentage only.',
  })
  yearsWithCounts: number[];
}

@ArgsType()
class AvailabilityArgs extends AsOfArgs {
  @Field(() => String, { nullable: true, description: 'Measure code, e.g. "to_work_or_studies"; every measure when absent.' })
  measure?: string;

  @Field(() => [String], { nullable: true, description: 'Förbund slugs, at most 100; every förbund when absent.' })
  @ArrayMaxSize(100)
  forbund?: string[];
}

interface Row {
  forbund_id: number;
  measure_code: string;
  year: number;
  counted: boolean;
}

@Resolver(() => Availability)
export class AvailabilityResolver {
  @Query(() => [Availability], {
    complexity: rows(300),
    description: 'For each förbund and measure, the years with figures and those with counts (tillgänglighet), by förbund slug and measure code. One row per förbund × measure that has any figure.',
  })
  async availability(@Args() { measure, forbund }: AvailabilityArgs, @Ctx() ctx: RequestContext): Promise<Availability[]> {
    if (measure !== undefined) await requireMeasure(ctx, measure);
    let ids: number[] | null = null;
    if (forbund !== undefined) {
      const known = new Map((await allForbund(ctx)).map((f) => [f.slug, f.id]));
      ids = forbund.map((slug) => {
        const id = known.get(slug);
        if (id === undefined) throw unknownForbund(slug, [...known.keys()]);
        return id;
      });
    }
    // One statement whatever is asked; the rows in force now, or at asOf.
    const found: Row[] = await ctx.db.query(
      `SELECT forbund_id, measure_code, year, bool_or(numerator IS NOT NULL AND denominator > 0) AS counted
         FROM observation
        WHERE forbund_id IS NOT NULL
          AND (CASE WHEN $1::timestamptz IS NULL THEN valid_to IS NULL ELSE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) END)
          AND ($2::text IS NULL OR measure_code = $2)
          AND ($3::int[] IS NULL OR forbund_id = ANY($3::int[]))
        GROUP BY forbund_id, measure_code, year
        ORDER BY forbund_id, measure_code, year`,
      [ctx.asOf, measure ?? null, ids],
    );
    const out: Availability[] = [];
    for (const row of found) {
      let last = out[out.length - 1];
      if (!last || last.forbundId !== row.forbund_id || last.measureCode !== row.measure_code) {
        last = Object.assign(new Availability(), { forbundId: row.forbund_id, measureCode: row.measure_code, years: [], yearsWithCounts: [] });
        out.push(last);
      }
      last.years.push(row.year);
      if (row.counted) last.yearsWithCounts.push(row.year);
    }
    return out;
  }

  @FieldResolver(() => Forbund, { description: 'The förbund (samordningsförbund).' })
  async forbund(@Root() a: Availability, @Ctx() ctx: RequestContext): Promise<Forbund> {
    return (await ctx.loader(forbundById).load(a.forbundId))!;
  }

  @FieldResolver(() => Measure, { description: 'The measure (mått).' })
  measure(@Root() a: Availability, @Ctx() ctx: RequestContext): Promise<Measure> {
    return requireMeasure(ctx, a.measureCode);
  }
}
