import { PGlite } from '@electric-sql/pglite';
import { clusterTemplateFor } from './cluster-template';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, EntitySubscriberInterface, EventSubscriber, Logger } from 'typeorm';
import { CoreSchema1732300000000 } from '../../../migrations/1732300000000-CoreSchema';
import { EquityBands1732300000001 } from '../../../migrations/1732300000001-EquityBands';
import { History1732300000002 } from '../../../migrations/1732300000002-History';
import { ImportWarnings1732300000003 } from '../../../migrations/1732300000003-ImportWarnings';
import { DataVersion1732300000004 } from '../../../migrations/1732300000004-DataVersion';
import { ForbundIndexes1732300000005 } from '../../../migrations/1732300000005-ForbundIndexes';
import { DataVersionNotify1732300000006 } from '../../../migrations/1732300000006-DataVersionNotify';
import { ComparisonRules1732300000007 } from '../../../migrations/1732300000007-ComparisonRules';
import { Qualifiers1732300000008 } from '../../../migrations/1732300000008-Qualifiers';
import { Registry1732300000009 } from '../../../migrations/1732300000009-Registry';
import { WriteMoment1732300000010 } from '../../../migrations/1732300000010-WriteMoment';
import { CountUnit1732300000011 } from '../../../migrations/1732300000011-CountUnit';
import { MeasureTerms1732300000012 } from '../../../migrations/1732300000012-MeasureTerms';
import { RequestScopeSubscriber } from './request-scope';

/**
 * PGlite answers on this thread, in microtasks: a run of statements (a request's, a download's pages, thirty
 * downloads' in turn) would hold the event loop from the first to the last. Each statement waits one turn of
 * the loop first, so other requests' I/O is served between statements (a turn is microseconds when idle).
 */
@EventSubscriber()
class EmbeddedTurnsSubscriber implements EntitySubscriberInterface {
  beforeQuery(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
}

export const migrations = [CoreSchema1732300000000, EquityBands1732300000001, History1732300000002, ImportWarnings1732300000003, DataVersion1732300000004, ForbundIndexes1732300000005, DataVersionNotify1732300000006, ComparisonRules1732300000007, Qualifiers1732300000008, Registry1732300000009, WriteMoment1732300000010, CountUnit1732300000011, MeasureTerms1732300000012];

const PGLITE_SHARED_BUFFERS = '16MB';

export interface DatabaseOptions {
  /** The modules' entities (the app gathers them). */
  entities: Function[];
  /** PostgreSQL connection string; when absent, an embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder (or "memory://"); ignored with databaseUrl. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests start every file from one migrated template). */
  loadDataDir?: Blob;
  logger?: Logger;
  /** PostgreSQL only: statements running longer are cancelled by the server (statement_timeout). */
  statementTimeoutMs?: number;
}

/** An open database: the TypeORM DataSource, and how to close everything it holds. */
export interface Database {
  dataSource: DataSource;
  backend: 'pglite' | 'postgres';
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const common = {
    type: 'postgres' as const,
    entities: options.entities,
    migrations,
    subscribers: [RequestScopeSubscriber],
    logger: options.logger,
    logging: options.logger ? ('all' as const) : false,
  };
  if (options.databaseUrl) {
    const dataSource = await new DataSource({
      ...common,
      url: options.databaseUrl,
      connectTimeoutMS: 5000,
      extra: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : undefined,
    }).initialize();
    return { dataSource, backend: 'postgres', close: () => dataSource.destroy() };
  }
  // PostgreSQL's default 128 MB of shared buffers is most of an embedded server's memory; the data is small.
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  const pglite = await PGlite.create({ dataDir: options.dataDir ?? 'memory://', loadDataDir: options.loadDataDir ?? clusterTemplateFor(options.dataDir), startParams });
  const pg = createPgConfig(pglite);
  // PGlite is one session: one pooled connection, and a timeout instead of a hang if code ever asks for a second.
  const dataSource = await new DataSource({
    ...common,
    subscribers: [...common.subscribers, EmbeddedTurnsSubscriber],
    poolSize: 1,
    connectTimeoutMS: 10000,
    extra: { connection: pg.connection, idleTimeoutMillis: 0 },
  }).initialize();
  return {
    dataSource,
    backend: 'pglite',
    pglite,
    close: async () => {
      await dataSource.destroy();
      await pglite.close();
    },
  };
}
