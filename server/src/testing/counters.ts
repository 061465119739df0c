import type { DataSource } from "typeorm";

const concat = (ds: DataSource, parts: string[]) =>
  ds.options.type === "better-sqlite3" ? parts.join(" || ':' || ") : `CONCAT_WS(':', ${parts.join(", ")})`;

/** Both counter tables as sorted "key|count" lists, kept and live, to compare with expect(). */
export async function counterTables(ds: DataSource) {
  const keys = async (sql: string) =>
    ((await ds.query(sql)) as { k: string; n: unknown }[]).map((r) => `${r.k}|${Number(r.n)}`).sort();
  return {
    institutionKept: await keys(
      `SELECT ${concat(ds, ["cycle_id", "institution_id", "status"])} AS k, count AS n FROM status_counter WHERE count <> 0`,
    ),
    institutionLive: await keys(
      `SELECT ${concat(ds, ["cycle_id", "institution_id", "status"])} AS k, COUNT(*) AS n FROM application WHERE institution_id IS NOT NULL GROUP BY cycle_id, institution_id, status`,
    ),
    countyKept: await keys(
      `SELECT ${concat(ds, ["cycle_id", "county_code", "status"])} AS k, count AS n FROM region_status_counter WHERE count <> 0`,
    ),
    countyLive: await keys(
      `SELECT ${concat(ds, ["a.cycle_id", "i.county_code", "a.status"])} AS k, COUNT(*) AS n FROM application a JOIN institution i ON i.id = a.institution_id GROUP BY a.cycle_id, i.county_code, a.status`,
    ),
  };
}
