import { Max, Min } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Args, ArgsType, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { AsOfArgs } from '../platform/common/args';
import { RequestContext } from '../platform/common/context';
import { Gender } from '../platform/common/enums';
import { Observation } from '../domain/measures/observation.entity';
import { checkQuery, decodeCursor, observationCount, observationPage } from './observation-query';
import { rows } from '../platform/graphql/cost';

@InputType({ description: 'Which observations (uppgifter) to pull.' })
class ObservationFilter {
  @Field(() => [String], { nullable: true, description: 'Measure codes; all when absent.' })
  measures?: string[];

  @Field(() => [String], { nullable: true, description: 'Förbund slugs; all, national figures included, when absent.' })
  forbund?: string[];

  @Field(() => [Int], { nullable: true, description: 'Years (år); all when absent.' })
  years?: number[];

  @Field(() => Gender, { nullable: true, description: 'One gender split (kön); all when absent.' })
  gender?: Gender;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Only what changed after this moment: new and changed figures, and tombstones (deleted: true) for removed ones. For syncing dashboards.',
  })
  updatedSince?: Date;
}

const MAX_PAGE = 1000;

@ArgsType()
class ObservationConnectionArgs extends AsOfArgs {
  @Field(() => ObservationFilter, { nullable: true, description: 'Which observations; all when absent.' })
  filter?: ObservationFilter;

  @Field(() => Int, { defaultValue: 100, description: `Page size, 1–${MAX_PAGE}.` })
  @Min(1)
  @Max(MAX_PAGE)
  first: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string;
}

@ObjectType({ description: 'An observation and its place in the order.' })
class ObservationEdge {
  @Field({ description: 'Opaque position, stable across re-imports: pass it as "after".' })
  cursor: string;

  @Field(() => Observation, { description: 'The observation.' })
  node: Observation;
}

@ObjectType({ description: 'Where a page ends.' })
class PageInfo {
  @Field({ description: 'Whether more observations follow.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null on an empty page.' })
  endCursor: string | null;
}

@ObjectType({ description: 'A page of observations in long format (Relay connection), in a stable order: national figures first, then by förbund, measure, year, gender, source.' })
class ObservationConnection {
  @Field(() => [ObservationEdge], { complexity: rows(1), description: 'The page.' })
  edges: ObservationEdge[];

  @Field(() => PageInfo, { description: 'Whether and where to go on.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Observations matching the filter, over all pages.' })
  totalCount: number;
}

@Resolver()
export class ObservationConnectionResolver {
  @Query(() => ObservationConnection, {
    // A page's cost is its selection times its size; a size over the maximum is refused by its own rule.
    complexity: rows((args) => Math.min(Number(args.first) || 1, MAX_PAGE)),
    description:
      'Every observation (uppgift) in long format, page by page, for researchers and syncing dashboards; the same rows as GET /export/observations.csv.',
  })
  async observations(@Args() { filter, first, after }: ObservationConnectionArgs, @Ctx() ctx: RequestContext): Promise<ObservationConnection> {
    // asOf was read for the whole request before execution (graphql/as-of.ts).
    const query = { ...filter, asOf: ctx.asOf };
    await checkQuery(ctx.db, query);
    const [records, totalCount] = await Promise.all([
      observationPage(ctx.db, query, after ? decodeCursor(after) : null, first + 1),
      observationCount(ctx.db, query),
    ]);
    const page = records.slice(0, first);
    return {
      edges: page.map((r) => ({ cursor: r.cursor, node: r.observation })),
      pageInfo: { hasNextPage: records.length > first, endCursor: page.at(-1)?.cursor ?? null },
      totalCount,
    };
  }
}
