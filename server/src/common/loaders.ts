import DataLoader from "dataloader";
import type { DataSource } from "typeorm";

/**
 * A loader definition: a factory the per-request registry instantiates on first use. Features
 * declare their loaders next to their entities; nothing is cached across requests (no leaks).
 */
export type LoaderDefinition<K, V> = (ds: DataSource) => DataLoader<K, V>;

export class LoaderRegistry {
  private readonly loaders = new Map<LoaderDefinition<unknown, unknown>, DataLoader<unknown, unknown>>();
  constructor(private readonly ds: DataSource) {}

  get<K, V>(definition: LoaderDefinition<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(definition as LoaderDefinition<unknown, unknown>);
    if (!loader) {
      loader = definition(this.ds) as DataLoader<unknown, unknown>;
      this.loaders.set(definition as LoaderDefinition<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders `rows` to match `keys` (DataLoader's contract), with null for keys without a row. */
export function inKeyOrder<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((k) => byKey.get(k) ?? null);
}

/** Groups `rows` per key in key order (for one-to-many relations). */
export function groupedInKeyOrder<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
