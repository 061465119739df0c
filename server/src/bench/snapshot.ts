import type { Connection } from "mysql2/promise";
import { recountInstitution } from "./seed";

const maxId = async (conn: Connection, table: string) =>
  Number(((await conn.query(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`))[0] as { n: number }[])[0].n);

/**
 * Applications a section changes, put back exactly afterwards — version included, so replayed guarded UPDATEs
 * find the version they were recorded with: their rows (a temporary table on `conn`), the events, test attempts
 * and audit rows written since, and the counters of their institutions.
 */
export async function snapshotApplications(conn: Connection, ids: number[], auditActors: number[]) {
  const [events, attempts, audits] = [
    await maxId(conn, "application_event"),
    await maxId(conn, "test_attempt"),
    await maxId(conn, "audit_log"),
  ];
  await conn.query("DROP TEMPORARY TABLE IF EXISTS bench_app_snap");
  await conn.query("CREATE TEMPORARY TABLE bench_app_snap AS SELECT * FROM application WHERE id IN (?)", [ids]);
  const [cols] = await conn.query(
    "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'application' AND column_name <> 'id'",
  );
  const set = (cols as { c: string }[]).map(({ c }) => `a.\`${c}\` = s.\`${c}\``).join(", ");
  const [insts] = await conn.query("SELECT DISTINCT institution_id AS i FROM bench_app_snap");
  const institutions = (insts as { i: number }[]).map((r) => r.i);
  return {
    async restore() {
      await conn.query(`UPDATE application a JOIN bench_app_snap s ON s.id = a.id SET ${set}`);
      await conn.query("DELETE FROM application_event WHERE id > ? AND application_id IN (?)", [events, ids]);
      await conn.query("DELETE FROM test_attempt WHERE id > ? AND application_id IN (?)", [attempts, ids]);
      if (auditActors.length)
        await conn.query("DELETE FROM audit_log WHERE id > ? AND actor_id IN (?)", [audits, auditActors]);
      await recountInstitution(conn, institutions);
    },
    async drop() {
      await conn.query("DROP TEMPORARY TABLE IF EXISTS bench_app_snap");
    },
  };
}
