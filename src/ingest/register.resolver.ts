import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { requireActor } from '../domain/auth/authorize';
import { RequestContext } from '../platform/common/context';
import { RegisterForbundInput } from './format/registration';
import { InputRejected } from './format/problems';
import { ImportResultType, rejected, toResultType } from './import.resolver';
import { registerForbund } from './register';

@Resolver()
export class RegisterResolver {
  @Mutation(() => ImportResultType, {
    description:
      'Registers a förbund (registrera ett samordningsförbund): name, county, organisationsnummer, founded and dissolved dates, a merger, members with their periods, and the source that states them — written as an import of that source, so it has history and a dry run. ADMIN only. Every problem at once (extensions.problems, paths under input): an unknown SCB code, a member outside the county or the förbund\'s life, a failing check digit, a slug or name already registered.',
  })
  async registerForbund(
    @Arg('input') input: RegisterForbundInput,
    @Arg('dryRun', { defaultValue: false, description: 'Check and say what would be created, writing nothing.' }) dryRun: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportResultType> {
    const actor = requireActor(ctx);
    if (actor.role !== 'ADMIN') {
      throw new GraphQLError(`Registering a förbund is national work: the key "${actor.name}" is an EDITOR key; use an ADMIN key.`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    }
    try {
      return toResultType(await registerForbund(ctx.writer, input, { actor, origin: 'registerForbund', dryRun }));
    } catch (e) {
      throw e instanceof InputRejected ? rejected(e.problems, 'Registration rejected') : e;
    }
  }
}
