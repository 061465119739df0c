import { In, type EntityManager } from "typeorm";
import { isSqlite } from "../db/data-source";
import { Institution } from "./institution.entity";

/**
 * Institution rows read under a row lock (issue 18.7). An institution's region, superior administration and
 * assessment institution decide whose counters a write moves and who may act on its applications; an approved
 * jurisdiction change rewrites them under a write lock. A workflow step, and every write that moves counters,
 * reads them with a shared lock, so the two serialize: the step sees the institution either before the change or
 * after it, never moves counters of a county the institution has just left. The lock order is the same everywhere:
 * institution rows first (by id), then applications and counters.
 *
 * Outside a transaction there is nothing to hold a lock for (a plain read); SQLite runs write transactions one at a
 * time (db/transaction.ts) and has no row locks.
 */
export async function lockInstitutions(
  em: EntityManager,
  ids: number[],
  mode: "shared" | "exclusive" = "shared",
): Promise<Institution[]> {
  if (!ids.length) return [];
  const qb = em
    .createQueryBuilder(Institution, "i")
    .where({ id: In([...new Set(ids)]) })
    .orderBy("i.id");
  if (!isSqlite(em.connection) && em.queryRunner?.isTransactionActive)
    qb.setLock(mode === "shared" ? "pessimistic_read" : "pessimistic_write");
  return qb.getMany();
}

export async function lockInstitution(
  em: EntityManager,
  id: number,
  mode: "shared" | "exclusive" = "shared",
): Promise<Institution | null> {
  return (await lockInstitutions(em, [id], mode))[0] ?? null;
}
