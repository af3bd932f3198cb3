import { AsOfArgs } from '../../platform/common/args';
import { createdBy } from '../../platform/common/validity';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../platform/common/context';
import { Forbund } from '../forbund/forbund.entity';
import { forbundById } from '../forbund/forbund.loaders';
import { Provenance } from './provenance';
import { documentById, documentsByForbund } from './sources.loaders';
import { DocumentStatus, SourceDocument } from './source-document.entity';
import { rows } from '../../platform/graphql/cost';

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @Query(() => [SourceDocument], { complexity: rows(1500), description: 'Every source document (källdokument) the figures come from.' })
  sourceDocuments(@Args() _asOf: AsOfArgs, @Ctx() ctx: RequestContext): Promise<SourceDocument[]> {
    return ctx.db.find(SourceDocument, { where: createdBy(ctx.asOf), order: { id: 'ASC' } });
  }

  @FieldResolver(() => Forbund, { nullable: true, description: 'The förbund the document is about; null for national sources.' })
  forbund(@Root() doc: SourceDocument, @Ctx() ctx: RequestContext): Promise<Forbund | null> | null {
    return doc.forbundId === null ? null : ctx.loader(forbundById).load(doc.forbundId);
  }
}

@Resolver(() => Provenance)
export class ProvenanceResolver {
  @FieldResolver(() => SourceDocument, { description: 'The source document (källdokument).' })
  async document(@Root() p: Provenance, @Ctx() ctx: RequestContext): Promise<SourceDocument> {
    return (await ctx.loader(documentById).load(p.sourceDocumentId))!;
  }

  @FieldResolver(() => Boolean, { description: 'True when the document is final (slutlig); false for a preliminary one (preliminär), which a final report may supersede.' })
  async isFinal(@Root() p: Provenance, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.loader(documentById).load(p.sourceDocumentId))!.status === DocumentStatus.FINAL;
  }
}

@Resolver(() => Forbund)
export class ForbundSourcesResolver {
  @FieldResolver(() => [SourceDocument], { complexity: rows(30), description: 'Source documents about this förbund (källdokument).' })
  sourceDocuments(@Root() forbund: Forbund, @Ctx() ctx: RequestContext): Promise<SourceDocument[]> {
    return ctx.loader(documentsByForbund).load({ id: forbund.id, filter: null });
  }
}
