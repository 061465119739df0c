import type { EntityManager } from "typeorm";
import { isSqlite } from "../db/data-source";
import type { Institution } from "../institutions/institution.entity";
import { lockInstitutions } from "../institutions/institution-lock";
import type { ApplicationStatus } from "./workflow";

export interface CounterDelta {
  cycleId: number;
  institution: Pick<Institution, "id" | "provinceCode" | "cityCode" | "countyCode">;
  status: ApplicationStatus;
  delta: number;
}

/**
 * Adds deltas to the (cycle, institution, status) counters inside the caller's transaction, with one
 * multi-row upsert. Rows are sorted so concurrent transactions lock them in the same order.
 *
 * The region a delta counts in is the institution's as it stands, read under its row lock (institution-lock.ts),
 * not what the caller read earlier: a jurisdiction change committed in between would otherwise leave the delta in
 * the county the institution has left (issue 18.7). `locked` are rows the caller read under that same lock.
 */
export async function adjustCounters(
  em: EntityManager,
  deltas: CounterDelta[],
  /** Institutions the caller read under their row lock in this transaction already: not read again. */
  locked: CounterDelta["institution"][] = [],
): Promise<void> {
  if (!deltas.length) return;
  const places = new Map<number, CounterDelta["institution"]>(locked.map((i) => [i.id, i]));
  const unread = deltas.map((d) => d.institution.id).filter((id) => !places.has(id));
  if (unread.length) for (const i of await lockInstitutions(em, unread)) places.set(i.id, i);
  const merged = new Map<string, CounterDelta>();
  for (const given of deltas) {
    const d = { ...given, institution: places.get(given.institution.id) ?? given.institution };
    const key = `${d.cycleId}|${d.institution.id}|${d.status}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, delta: prev.delta + d.delta } : { ...d });
  }
  const rows = [...merged.entries()]
    .filter(([, d]) => d.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, d]) => d);
  if (!rows.length) return;
  const mysql = !isSqlite(em.connection);
  const values = rows.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ");
  const params = rows.flatMap((d) => [
    d.cycleId,
    d.institution.id,
    d.status,
    d.institution.provinceCode,
    d.institution.cityCode,
    d.institution.countyCode,
    d.delta,
  ]);
  const upsert = mysql
    ? "ON DUPLICATE KEY UPDATE count = count + VALUES(count)"
    : "ON CONFLICT(cycle_id, institution_id, status) DO UPDATE SET count = count + excluded.count";
  await em.query(
    `INSERT INTO status_counter (cycle_id, institution_id, status, province_code, city_code, county_code, count) VALUES ${values} ${upsert}`,
    params,
  );
  await adjustRegionCounters(em, rows, mysql);
}

/** The county-level twin of the institution counters (see RegionStatusCounter). */
export async function adjustRegionCounters(em: EntityManager, rows: CounterDelta[], mysql: boolean): Promise<void> {
  const merged = new Map<string, { d: CounterDelta; delta: number }>();
  for (const d of rows) {
    const key = `${d.cycleId}|${d.institution.countyCode}|${d.status}`;
    const prev = merged.get(key);
    merged.set(key, { d, delta: (prev?.delta ?? 0) + d.delta });
  }
  const list = [...merged.entries()]
    .filter(([, v]) => v.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, v]) => v);
  if (!list.length) return;
  const upsert = mysql
    ? "ON DUPLICATE KEY UPDATE count = count + VALUES(count)"
    : "ON CONFLICT(cycle_id, county_code, status) DO UPDATE SET count = count + excluded.count";
  await em.query(
    `INSERT INTO region_status_counter (cycle_id, county_code, status, province_code, city_code, count) VALUES ${list.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")} ${upsert}`,
    list.flatMap(({ d, delta }) => [
      d.cycleId,
      d.institution.countyCode,
      d.status,
      d.institution.provinceCode,
      d.institution.cityCode,
      delta,
    ]),
  );
}

/** The two counter moves of one status change. */
export const moveCounter = (
  cycleId: number,
  institution: CounterDelta["institution"],
  from: ApplicationStatus | null,
  to: ApplicationStatus | null,
  n = 1,
): CounterDelta[] => [
  ...(from ? [{ cycleId, institution, status: from, delta: -n }] : []),
  ...(to ? [{ cycleId, institution, status: to, delta: n }] : []),
];
