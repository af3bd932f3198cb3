/**
 * GET /charts/funnel.svg?measure=…&year=…&highlight=<slug>[&asOf=…]: the year's funnel plot drawn on the
 * server, for reports and web pages. The figures come from the GraphQL schema itself (the same resolvers,
 * loaders and per-data-version results as any query), so the picture and the API cannot disagree.
 */
import { execute, GraphQLError, GraphQLSchema, parse } from 'graphql';
import { MAX_YEAR, MIN_YEAR } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { badInput, unknownForbund } from '../../platform/common/errors';
import { allForbund } from '../../domain/forbund/forbund.loaders';
import { checkParams, dateParam } from '../../platform/http/params';
import { FunnelChart } from './funnel-svg';

export interface FunnelChartParams {
  measure: string;
  year: number;
  highlight: string | null;
  asOf: Date | null;
}

const KNOWN = ['measure', 'year', 'highlight', 'asOf'];

export function chartParams(params: URLSearchParams): FunnelChartParams {
  checkParams(params, KNOWN);
  const measure = params.get('measure');
  if (!measure) throw badInput('measure is required, e.g. measure=to_work_or_studies');
  const year = params.get('year') ?? '';
  if (!/^\d{4}$/.test(year) || Number(year) < MIN_YEAR || Number(year) > MAX_YEAR) throw badInput(`year must be a year ${MIN_YEAR}–${MAX_YEAR}, got "${year.slice(0, 40)}"`);
  return { measure, year: Number(year), highlight: params.get('highlight') || null, asOf: dateParam('asOf', params.get('asOf')) ?? null };
}

/** Points enough for smooth limit lines at any width a report uses. */
const LINE_POINTS = 200;

/** The chart's figures as one GraphQL query: a client's budget pays its cost, as it would asking for them. */
export const FUNNEL_QUERY = parse(`
  query FunnelChart($measure: String!, $year: Int!) {
    measures { code nameSv }
    nationalComparison(measure: $measure, year: $year) {
      year
      measure { code nameSv denominatorMeasure }
      reference { year value isFallback provenance { document { title publisher } } }
      funnel(points: ${LINE_POINTS}) {
        target { value basis }
        overdispersion { adjusted phi tau2 k }
        limits { denominator lower95 upper95 lower998 upper998 adjustedLower95 adjustedUpper95 adjustedLower998 adjustedUpper998 }
      }
      entries {
        forbund { slug name }
        value { numerator denominator value provenance { document { id title } } }
        funnel { position adjustedPosition }
      }
    }
  }
`);

/** The figures of one funnel chart, or the error a client would get from GraphQL for the same request. */
export async function funnelChart(schema: GraphQLSchema, ctx: RequestContext, params: FunnelChartParams): Promise<FunnelChart> {
  ctx.asOf = params.asOf;
  if (params.highlight !== null) {
    const slugs = (await allForbund(ctx)).map((f) => f.slug);
    if (!slugs.includes(params.highlight)) throw unknownForbund(params.highlight, slugs);
  }
  const result = await execute({ schema, document: FUNNEL_QUERY, contextValue: ctx, variableValues: { measure: params.measure, year: params.year } });
  if (result.errors?.length) throw result.errors[0] instanceof GraphQLError ? result.errors[0] : new GraphQLError(String(result.errors[0]));
  const data = result.data as unknown as FunnelQueryResult;
  const comparison = data.nationalComparison;
  const denominatorName = data.measures.find((m) => m.code === comparison.measure.denominatorMeasure)?.nameSv ?? null;
  return { ...comparison, denominatorName, highlight: params.highlight, asOf: params.asOf };
}

interface FunnelQueryResult {
  measures: Array<{ code: string; nameSv: string }>;
  nationalComparison: Omit<FunnelChart, 'denominatorName' | 'highlight' | 'asOf'>;
}
