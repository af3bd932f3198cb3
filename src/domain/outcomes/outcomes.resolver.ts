import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { YearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { allMeasures, observationsByForbund } from '../measures/measures.loaders';
import { SourceDocument, DocumentStatus } from '../sources/source-document.entity';
import { documentById } from '../sources/sources.loaders';
import { SusOutcome } from './outcome.type';
import { documentRank, preferredFigures } from './preferred';

@Resolver(() => Forbund)
export class ForbundOutcomeResolver {
  @FieldResolver(() => SusOutcome, { nullable: true, description: 'SUS participants and outcomes (deltagare och resultat) for a year; null when no source gives any.' })
  async outcome(@Root() forbund: Forbund, @Args() { year }: YearArgs, @Ctx() ctx: RequestContext): Promise<SusOutcome | null> {
    const [rows, measures] = await Promise.all([
      ctx.loader(observationsByForbund).load({ id: forbund.id, filter: { year } }),
      ctx.loader(allMeasures).load('all'),
    ]);
    const sus = rows.filter((o) => ['PARTICIPANTS', 'OUTCOME', 'PROFILE'].includes(measures.get(o.measureCode)?.category ?? ''));
    if (!sus.length) return null;
    const docs = new Map(
      (await ctx.loader(documentById).loadMany([...new Set(sus.map((o) => o.sourceDocumentId))])).map((d) => {
        const doc = d as SourceDocument;
        return [doc.id, doc] as const;
      }),
    );
    const chosen = preferredFigures(sus, (id) => documentRank(docs.get(id)!));
    const preliminary = new Set([...docs.values()].filter((d) => d.status === DocumentStatus.PRELIMINARY).map((d) => d.id));
    return new SusOutcome(year, chosen, sus, measures, preliminary);
  }
}
