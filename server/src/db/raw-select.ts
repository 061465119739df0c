import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

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
    return { column, label: `${alias}_${column.databaseName}`, set: setterOf(ds, column) };
  });
  const first = columns[0].label;
  const q = (name: string) => ds.driver.escape(name);
  const made: RawColumns<T> = {
    select: columns.map(({ column, label }) => `${q(alias)}.${q(column.databaseName)} AS ${q(label)}`).join(", "),
    hydrate(raw) {
      if (raw[first] === null || raw[first] === undefined) return null;
      const entity = meta.create() as T;
      for (const { label, set } of columns) set(entity, raw[label]);
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

const STRING_TYPES = new Set<unknown>([
  String,
  "varchar",
  "char",
  "text",
  "nvarchar",
  "nchar",
  "mediumtext",
  "longtext",
]);
const BOOLEAN_TYPES = new Set<unknown>([Boolean, "bool", "boolean"]);
const DATETIME_TYPES = new Set<unknown>([Date, "datetime"]);

/**
 * How one column's driver value lands on the entity, decided once per column rather than per value. On MySQL the
 * kinds a list reads (strings, string enums, integers, booleans, DATETIME that mysql2 already gives as a Date) need
 * exactly what the driver's prepareHydratedValue does to them, without walking its chain of type tests for every
 * value of every row; any other column (transformers, JSON, numeric enums, embedded or relation columns, SQLite)
 * keeps the driver's and TypeORM's own conversion. raw-select.test.ts checks both agree on every list column.
 */
function setterOf(ds: DataSource, column: ColumnMetadata): (entity: ObjectLiteral, value: unknown) => void {
  const generic = (entity: ObjectLiteral, value: unknown) =>
    column.setEntityValue(entity, ds.driver.prepareHydratedValue(value, column));
  const plain = !column.transformer && !column.embeddedMetadata && !(column.isVirtual && column.referencedColumn);
  if (!plain || !["mysql", "mariadb"].includes(ds.options.type)) return generic;
  const property = column.propertyName;
  const stringEnum =
    (column.type === "enum" || column.type === "simple-enum") && column.enum?.every((v) => typeof v === "string");
  if (STRING_TYPES.has(column.type) || stringEnum || column.type === "int")
    return (entity, value) => void (entity[property] = value);
  if (BOOLEAN_TYPES.has(column.type))
    return (entity, value) => void (entity[property] = value === null || value === undefined ? value : Boolean(value));
  if (DATETIME_TYPES.has(column.type))
    return (entity, value) =>
      value instanceof Date || value === null || value === undefined
        ? void (entity[property] = value)
        : generic(entity, value);
  return generic;
}
