import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { RequestContext } from '../../platform/common/context';
import { ErrorCode } from '../../platform/common/errors';
import { requireActor } from './authorize';
import { createApiKey, UnknownForbundError } from './keys';

@ObjectType({ description: 'A new API key (API-nyckel): the key itself is shown only in this answer; the server keeps its hash.' })
class IssuedKey {
  @Field(() => Int, { description: 'The key\'s id, for revoking it (npm run keys -- revoke ID).' })
  id: number;

  @Field({ description: 'The key, to send as "Authorization: Bearer <key>". Store it now: it cannot be shown again.' })
  secret: string;

  @Field({ description: 'The förbund whose figures the key may write.' })
  forbund: string;
}

@Resolver()
export class KeysResolver {
  @Mutation(() => IssuedKey, {
    description: 'Makes an EDITOR key (redaktörsnyckel) for a registered förbund — also one registered a minute ago. ADMIN only.',
  })
  async issueEditorKey(
    @Arg('forbund', { description: 'Slug of the förbund.' }) forbund: string,
    @Arg('name', { description: 'Who holds the key, e.g. "Östra Södertörn, kansliet"; shown in the import history.' }) name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedKey> {
    const actor = requireActor(ctx);
    if (actor.role !== 'ADMIN') {
      throw new GraphQLError(`Only an ADMIN key makes keys; "${actor.name}" is an EDITOR key.`, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
    }
    if (name.trim().length < 3 || name.length > 200) throw new GraphQLError('name must be 3 to 200 characters.', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    try {
      const { id, secret } = await createApiKey(ctx.writer.manager, { name: name.trim(), role: 'EDITOR', forbundSlug: forbund });
      return { id, secret, forbund };
    } catch (e) {
      if (e instanceof UnknownForbundError) throw new GraphQLError(e.message, { extensions: { code: ErrorCode.UNKNOWN_FORBUND, validForbund: e.valid } });
      throw e;
    }
  }
}
