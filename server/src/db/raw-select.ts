import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * Some columns of an entity read by a hand-written statement, and turned back into an entity with the
 * driver's own conversions (dates, booleans, enums, transformers): what TypeORM's query builder does,
 * without its per-query building and hydration cost on the hottest lists.
 */
export interface RawColumns<T> {
  /** `alias.column AS alias_column, …`, to put in a SELECT list. */
  readonly select: string;
  /** The entity from a result row, or null when the row has no match (a LEFT JOIN); the first property is the key. */
  hydrate(raw: Record<string, unknown>): T | null;
}

const cache = new WeakMap<DataSource, Map<string, RawColumns<ObjectLiteral>>>();

export function rawColumns<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  alias: string,
  properties: readonly string[],
): RawColumns<T> {
  let byKey = cache.get(ds);
  if (!byKey) cache.set(ds, (byKey = new Map()));
  const meta = ds.getMetadata(target);
  const key = `${meta.name}:${alias}:${properties.join(",")}`;
  const hit = byKey.get(key);
  if (hit) return hit as RawColumns<T>;

  const columns = properties.map((property) => {
    const column = meta.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${meta.name} has no column ${property}`);
    return { column, label: `${alias}_${column.databaseName}` };
  });
  const q = (name: string) => ds.driver.escape(name);
  const made: RawColumns<T> = {
    select: columns.map(({ column, label }) => `${q(alias)}.${q(column.databaseName)} AS ${q(label)}`).join(", "),
    hydrate(raw) {
      if (raw[columns[0].label] === null || raw[columns[0].label] === undefined) return null;
      const entity = meta.create() as T;
      for (const { column, label } of columns)
        column.setEntityValue(entity, ds.driver.prepareHydratedValue(raw[label], column));
      return entity;
    },
  };
  byKey.set(key, made as unknown as RawColumns<ObjectLiteral>);
  return made;
}

/** The database name of an entity's column, for ORDER BY in hand-written statements. */
export function columnName(ds: DataSource, target: EntityTarget<ObjectLiteral>, property: string): string {
  const column = ds.getMetadata(target).findColumnWithPropertyPath(property);
  if (!column) throw new Error(`no column ${property}`);
  return column.databaseName;
}
