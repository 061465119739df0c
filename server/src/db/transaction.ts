import type { DataSource, EntityManager } from "typeorm";
import { isSqlite } from "./data-source";

/**
 * better-sqlite3 is one connection: two interleaved transactions fail ("cannot start a transaction
 * within a transaction"). On SQLite we queue write transactions; MySQL runs them concurrently and
 * relies on row locks and guarded updates.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

const isDeadlock = (err: unknown) => {
  const code =
    (err as { code?: string; driverError?: { code?: string } })?.code ??
    (err as { driverError?: { code?: string } })?.driverError?.code;
  return code === "ER_LOCK_DEADLOCK";
};

export async function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(ds)) {
    // InnoDB may pick this transaction as a deadlock victim: it was rolled back whole, so run it again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await ds.transaction(work);
      } catch (err) {
        if (!isDeadlock(err) || attempt >= 3) throw err;
      }
    }
  }
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => ds.transaction(work));
  queues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}
