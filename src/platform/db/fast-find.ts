import { EntityManager, EntityMetadata, EntityTarget, FindManyOptions, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Per entity and column-name prefix: each column's name in a result row, worked out once. */
const mappers = new WeakMap<EntityMetadata, Map<string, Array<[name: string, column: ColumnMetadata]>>>();

function columnsOf(metadata: EntityMetadata, prefix: string): Array<[string, ColumnMetadata]> {
  const byPrefix = mappers.get(metadata) ?? new Map<string, Array<[string, ColumnMetadata]>>();
  let columns = byPrefix.get(prefix);
  if (!columns) {
    columns = metadata.columns.map((c) => [`${prefix}${c.databaseName}`, c]);
    mappers.set(metadata, byPrefix.set(prefix, columns));
  }
  return columns;
}

/**
 * Result rows as entities of their class: each column read from `<prefix><column name>` where the row has it,
 * with TypeORM's own per-value conversion (dates, transformers). For hand-written SQL on hot paths, whose
 * rows carry plain column names.
 */
export function toEntities<T extends ObjectLiteral>(db: EntityManager, entity: EntityTarget<T>, rows: Array<Record<string, unknown>>, prefix = ''): T[] {
  const metadata = db.connection.getMetadata(entity);
  const columns = columnsOf(metadata, prefix);
  const driver = db.connection.driver;
  return rows.map((row) => {
    const out = metadata.create() as T;
    for (const [name, column] of columns) {
      if (name in row) (out as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(row[name], column);
    }
    return out;
  });
}

/**
 * `find` for the hot paths (a dashboard's loaders): the SQL TypeORM builds from the same options, but the
 * rows turned into entities by `toEntities` rather than TypeORM's general-purpose hydration (aliases,
 * relations, grouping), which was a tenth of a national dashboard's CPU. No relations: loaders read one table each.
 */
export async function fastFind<T extends ObjectLiteral>(db: EntityManager, entity: EntityTarget<T>, options: FindManyOptions<T>): Promise<T[]> {
  const { name } = db.connection.getMetadata(entity);
  const raw: Array<Record<string, unknown>> = await db.createQueryBuilder(entity, name).setFindOptions(options).getRawMany();
  return toEntities(db, entity, raw, `${name}_`);
}
