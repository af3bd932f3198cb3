import { GraphQLError } from 'graphql';
import { Actor, RequestContext } from '../../platform/common/context';

/** The request's writer; UNAUTHENTICATED without a key (a wrong key never gets this far: the server refuses it). */
export function requireActor(ctx: RequestContext): Actor {
  if (ctx.auth.kind === 'actor') return ctx.auth.actor;
  throw new GraphQLError('Writing needs an API key: send it as "Authorization: Bearer <key>".', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** An EDITOR writes only its own förbund; creating a förbund is national (ADMIN) work. */
export function assertMayWrite(actor: Actor, forbundId: number | null, slug: string): void {
  if (actor.role === 'ADMIN') return;
  if (forbundId === null || forbundId !== actor.forbundId) {
    throw new GraphQLError(`The key "${actor.name}" may write only its own förbund, not "${slug}".`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
}
