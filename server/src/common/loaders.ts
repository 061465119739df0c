import DataLoader from "dataloader";
import type { DataSource } from "typeorm";

/**
 * A loader definition: a factory the per-request registry instantiates on first use. Features
 * declare their loaders next to their entities; nothing is cached across requests (no leaks).
 */
export type LoaderDefinition<K, V> = (ds: DataSource) => DataLoader<K, V>;

export class LoaderRegistry {
  private readonly loaders = new Map<LoaderDefinition<unknown, unknown>, DataLoader<unknown, unknown>>();
  /** Values primed in this request, readable without a promise (DataLoader only hands out promises). */
  private readonly primed = new Map<LoaderDefinition<unknown, unknown>, Map<unknown, unknown>>();
  constructor(private readonly ds: DataSource) {}

  /**
   * Primes the loader with a value a statement has just read (the newest value wins, in the loader as here)
   * and remembers it for {@link through}.
   */
  prime<K, V>(definition: LoaderDefinition<K, V>, key: K, value: V): void {
    const def = definition as LoaderDefinition<unknown, unknown>;
    let values = this.primed.get(def);
    if (!values) this.primed.set(def, (values = new Map()));
    values.set(key, value);
    this.get(definition).clear(key).prime(key, value);
  }

  /**
   * `then(value)` for the key: synchronously when the value was primed in this request, else once the
   * loader has it. A list's rows whose fields all answer synchronously are completed by graphql-js
   * without a promise per row and per field (the cost that mattered on 考核进度, issue 15).
   */
  through<K, V, R>(definition: LoaderDefinition<K, V>, key: K, then: (value: V) => R): R | Promise<R> {
    const values = this.primed.get(definition as LoaderDefinition<unknown, unknown>);
    if (values?.has(key)) return then(values.get(key) as V);
    return this.get(definition).load(key).then(then);
  }

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
