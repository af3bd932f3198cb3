/**
 * Every module of the API, the only list of them: the schema's resolvers, the database's entities and the
 * HTTP routes are gathered from these declarations. A new module is added here and nowhere else.
 */
import { chartsModule } from '../compare/charts/module';
import { coverageModule } from '../compare/coverage/module';
import { financialComparisonModule } from '../compare/financial/module';
import { nationalComparisonModule } from '../compare/national/module';
import { allocationsModule } from '../domain/allocations/module';
import { authModule } from '../domain/auth/module';
import { boardModule } from '../domain/board/module';
import { countiesModule } from '../domain/counties/module';
import { decisionsModule } from '../domain/decisions/module';
import { financeModule } from '../domain/finance/module';
import { forbundModule } from '../domain/forbund/module';
import { forbundLifeModule } from '../domain/forbund-life/module';
import { goalsModule } from '../domain/goals/module';
import { insatserModule } from '../domain/insatser/module';
import { measuresModule } from '../domain/measures/module';
import { membersModule } from '../domain/members/module';
import { outcomesModule } from '../domain/outcomes/module';
import { sourcesModule } from '../domain/sources/module';
import { exportModule } from '../export/module';
import { ingestModule } from '../ingest/module';
import { GraphQLSchema } from 'graphql';
import { actorForKey } from '../domain/auth/keys';
import { Database, DatabaseOptions, openDatabase } from '../platform/db/data-source';
import { createSchema } from '../platform/graphql/schema';
import { Module } from '../platform/http/module';
import { ApiDatabases, ApiOptions, RunningApi, startApi } from '../platform/http/server';
import { widgetModule } from '../widget/module';

export const MODULES: readonly Module[] = [
  countiesModule,
  forbundModule,
  membersModule,
  sourcesModule,
  forbundLifeModule,
  measuresModule,
  allocationsModule,
  outcomesModule,
  goalsModule,
  financeModule,
  insatserModule,
  boardModule,
  decisionsModule,
  authModule,
  nationalComparisonModule,
  financialComparisonModule,
  chartsModule,
  coverageModule,
  ingestModule,
  exportModule,
  widgetModule,
];

/** The tables of every module. */
export const ENTITIES: Function[] = MODULES.flatMap((m) => m.entities ?? []);

/** The resolver classes of every module. */
export const RESOLVERS: Function[] = MODULES.flatMap((m) => m.resolvers ?? []);

/** A database with every module's tables. */
export function openAppDatabase(options: Omit<DatabaseOptions, 'entities'>): Promise<Database> {
  return openDatabase({ ...options, entities: ENTITIES });
}

/** The GraphQL schema of every module. */
export function createAppSchema(): Promise<GraphQLSchema> {
  return createSchema(RESOLVERS);
}

/** The API with every module's schema and routes, and the auth module's key lookup. */
export async function startAppApi(databases: ApiDatabases, options: Omit<ApiOptions, 'lookupKey' | 'modules'>): Promise<RunningApi> {
  return startApi(await createAppSchema(), databases, { ...options, modules: MODULES, lookupKey: (secret) => actorForKey(databases.write.manager, secret) });
}
