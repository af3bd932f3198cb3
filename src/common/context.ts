import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/keys';

/** Who sent the request: nobody (reading is public), a valid key's holder, or a key that is not valid. */
export type Auth = { kind: 'anonymous' } | { kind: 'actor'; actor: Actor } | { kind: 'invalid' };

/** Makes a loader; loaders that build on others get the request context as well as the database. */
type Factory<K, V, C> = (db: EntityManager, ctx: RequestContext) => DataLoader<K, V, C>;

/** Per-request state: the database and the request's DataLoaders, made on first use. */
export class RequestContext {
  private readonly loaders = new Map<Factory<unknown, unknown, unknown>, DataLoader<unknown, unknown, unknown>>();

  /** The moment the request's answers are as of (asOf); null for now. Set once, before execution. */
  asOf: Date | null = null;

  /** The operation's computed cost, set before execution (graphql/limits.ts). */
  cost: number | null = null;

  constructor(
    readonly db: EntityManager,
    readonly auth: Auth = { kind: 'anonymous' },
  ) {}

  loader<K, V, C>(factory: Factory<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(factory as Factory<unknown, unknown, unknown>);
    if (!loader) {
      loader = factory(this.db, this) as DataLoader<unknown, unknown, unknown>;
      this.loaders.set(factory as Factory<unknown, unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V, C>;
  }
}
