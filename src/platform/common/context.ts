import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { VersionMemo } from './version-memo';

/** Who is writing: an API key's holder, or the command line. */
export interface Actor {
  name: string;
  role: 'EDITOR' | 'ADMIN';
  /** The one förbund an EDITOR may write; null for ADMIN. */
  forbundId: number | null;
}

/** Who sent the request: nobody (reading is public), a valid key's holder, or a key that is not valid. */
export type Auth = { kind: 'anonymous' } | { kind: 'actor'; actor: Actor } | { kind: 'invalid' };

export interface RequestOutcome {
  /** "query forbund", "mutation importReport": the operation's type and first root field. */
  operation: string | null;
  /** The codes of the errors the answer carries; an answer with any is never cached. */
  errorCodes: string[];
  asOf: Date | null;
  /** Frees the heavy lane's place the operation holds, if it holds one (called when it is answered, and on hang-up). */
  leaveLane: (() => void) | null;
}

/** Makes a loader; loaders that build on others get the request context as well as the database. */
type Factory<K, V, C> = (db: EntityManager, ctx: RequestContext) => DataLoader<K, V, C>;

/** Per-request state: the database and the request's DataLoaders, made on first use. */
export class RequestContext {
  private readonly loaders = new Map<Factory<unknown, unknown, unknown>, DataLoader<unknown, unknown, unknown>>();

  /** The moment the request's answers are as of (asOf); null for now. Set once, before execution. */
  asOf: Date | null = null;

  /** The operation's computed cost, set before execution (graphql/limits.ts). */
  cost: number | null = null;

  /**
   * Spends points of the client's cost budget (set by the HTTP layer when budgets are on); throws RATE_LIMITED
   * when the budget does not hold them. The GraphQL layer spends the operation's cost before it runs.
   */
  spend: ((cost: number) => Promise<void>) | null = null;

  /** Waits for a place in the heavy lane (platform/common/lane.ts) and gives its release; set by the HTTP layer. */
  enterHeavyLane: (() => Promise<() => void>) | null = null;

  /** The data version the request reads at (http/caching.ts); the response cache is keyed by it. */
  dataVersion: string | null = null;

  /**
   * What the HTTP layer needs to know once GraphQL is done. An object of its own because Apollo runs the
   * operation on a shallow copy of this context: fields set there do not reach the original, this does.
   */
  readonly outcome: RequestOutcome = { operation: null, errorCodes: [], asOf: null, leaveLane: null };

  /**
   * @param db where reads go (a read replica when one is configured)
   * @param writer where writes go, in transactions (the primary)
   * @param memo results kept per data version, shared by the server's requests
   */
  constructor(
    readonly db: EntityManager,
    readonly auth: Auth = { kind: 'anonymous' },
    readonly writer: DataSource = db.connection,
    private readonly memo: VersionMemo = new VersionMemo(),
  ) {}

  /** Whether this request reads the current data at a known version, so results computed for it can be shared. */
  get canShare(): boolean {
    return this.asOf === null && this.dataVersion !== null;
  }

  /** A result that depends only on the data: computed once per data version when the request can share, else for this request. */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.canShare ? this.memo.get(this.dataVersion!, key, compute) : compute();
  }

  loader<K, V, C>(factory: Factory<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(factory as Factory<unknown, unknown, unknown>);
    if (!loader) {
      loader = factory(this.db, this) as DataLoader<unknown, unknown, unknown>;
      this.loaders.set(factory as Factory<unknown, unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V, C>;
  }
}
