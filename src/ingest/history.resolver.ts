import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../platform/common/context';
import { rows } from '../platform/graphql/cost';
import { Provenance } from '../domain/sources/provenance';
import { ChangeType, ImportBatch } from './history.types';

import { batchById, changesByBatch } from './history.loaders';

/** Rows a batch's change list is costed at: a typical report; a bulk import's list is longer. */
export const CHANGES_PER_BATCH_COST = 1000;

@Resolver(() => ImportBatch)
export class ImportBatchResolver {
  @Query(() => [ImportBatch], { complexity: rows((args) => Math.max(1, Math.min(Number(args.first ?? 20), 200))), description: 'The history of writes (importhistorik), newest first: optionally those about one förbund.' })
  async importBatches(
    @Arg('forbund', () => String, { nullable: true, description: 'Slug of a förbund: only batches that wrote its documents.' }) forbund: string | undefined,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, newest first (at most 200).' }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportBatch[]> {
    const query = ctx.db
      .createQueryBuilder(ImportBatch, 'b')
      .orderBy('b.id', 'DESC')
      .limit(Math.max(1, Math.min(first, 200)));
    if (forbund !== undefined) {
      query.innerJoin('source_document', 'd', 'd.id = b.document_id').innerJoin('forbund', 'f', 'f.id = d.forbund_id').where('f.slug = :forbund', { forbund });
    }
    return query.getMany();
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who wrote it (vem): the API key\'s name, the CLI user ("cli:<user>" or --actor) or "seed". Key names are not public: shown to an ADMIN key only, null to anyone else.',
  })
  actor(@Root() batch: ImportBatch, @Ctx() ctx: RequestContext): string | null {
    return ctx.auth.kind === 'actor' && ctx.auth.actor.role === 'ADMIN' ? batch.actor : null;
  }

  @FieldResolver(() => [ChangeType], { complexity: rows(CHANGES_PER_BATCH_COST), description: 'Every figure the batch added, changed or removed, with before and after.' })
  changes(@Root() batch: ImportBatch, @Ctx() ctx: RequestContext): Promise<ChangeType[]> {
    return ctx.loader(changesByBatch).load({ id: batch.id, filter: null });
  }
}

@Resolver(() => Provenance)
export class ProvenanceBatchResolver {
  @FieldResolver(() => ImportBatch, { nullable: true, description: 'The write that recorded this version of the figure: who, when, from which file.' })
  importBatch(@Root() p: Provenance, @Ctx() ctx: RequestContext): Promise<ImportBatch | null> | null {
    return p.batchId === null ? null : ctx.loader(batchById).load(p.batchId);
  }
}
