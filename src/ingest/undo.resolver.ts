import { GraphQLError } from 'graphql';
import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { assertMayWrite, requireActor } from '../domain/auth/authorize';
import { RequestContext } from '../platform/common/context';
import { ErrorCode } from '../platform/common/errors';
import { lockedWrite } from '../platform/db/write';
import { describePlan } from './import';
import { ImportResultType } from './import.resolver';
import { sumCounts } from './write/apply';
import { batchToUndo, undoBatch, UndoRefused } from './write/undo';

@Resolver()
export class UndoResolver {
  @Mutation(() => ImportResultType, {
    description:
      'Undoes a document\'s latest import batch (ångra): a new batch restores what it replaced — what it added is closed, what it changed or removed comes back as it was — and the history keeps both. Same keys and rights as importReport (an EDITOR its own förbund\'s documents). Only the latest batch of a document: BAD_USER_INPUT names the one that came after.',
  })
  async undoBatch(@Arg('id', () => Int, { description: 'The import batch to undo (ImportBatch.id).' }) id: number, @Ctx() ctx: RequestContext): Promise<ImportResultType> {
    const actor = requireActor(ctx);
    try {
      const target = await batchToUndo(ctx.writer.manager, id);
      if (target.forbundId === null && actor.role !== 'ADMIN') {
        throw new GraphQLError('A national document\'s batch is undone by an ADMIN key only.', { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
      }
      if (target.forbundId !== null) assertMayWrite(actor, target.forbundId, target.forbundSlug!);
      const keys = [`document:${target.documentId}`, ...(target.forbundSlug ? [`forbund:${target.forbundSlug}`] : [])];
      const undone = await lockedWrite(ctx.writer, keys, (em) => undoBatch(em, id, actor));
      return {
        dryRun: false,
        files: [
          {
            file: `undo of batch ${id}`,
            documentId: undone.documentId,
            batchId: undone.batchId,
            ...sumCounts(undone.counts),
            changes: undone.changes,
            plan: describePlan(false, { forbund: null, organisations: [], document: null, counts: undone.counts }),
          },
        ],
        warnings: [],
      };
    } catch (e) {
      if (e instanceof UndoRefused) throw new GraphQLError(e.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      throw e;
    }
  }
}
