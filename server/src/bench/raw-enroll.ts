import type { Pool, ResultSetHeader, RowDataPacket } from "mysql2/promise";
import { EVENT_LABEL, WorkflowAction } from "../assessment/workflow";

/** Who is calling, as the raw server's one authentication statement reads it. */
export interface RawPrincipal {
  accountId: number;
  name: string;
  institutionId: number | null;
  physicianId: number | null;
  regionCode: string | null;
  regionLevel: string | null;
}

const CHUNK = 1000;
/** The service writes its events 500 to a statement; so does the baseline (same statements, not fewer). */
const EVENTS_PER_INSERT = 500;

/**
 * 批量参加 as raw SQL: the statements enrollMany runs, without ORM or GraphQL — the institution's codes, the
 * rows locked (SELECT … FOR UPDATE, 1 000 ids at a time), one guarded UPDATE per 1 000 (status must still be
 * 未确认参加; fewer rows changed = a concurrent change, roll back), multi-row INSERTs of the events, the two
 * counter upserts and the batch's audit row, in one transaction.
 */
export async function rawEnroll(
  pool: Pool,
  p: RawPrincipal,
  cycleId: number,
  physicianIds: number[],
  ip: string,
): Promise<{ succeeded: number; failed: number }> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const [[inst]] = await conn.execute<RowDataPacket[]>(
      "SELECT province_code AS province, city_code AS city, county_code AS county FROM institution WHERE id = ?",
      [p.institutionId],
    );
    const unique = [...new Set(physicianIds)];
    const eligible: number[] = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const [rows] = await conn.query<RowDataPacket[]>(
        `SELECT a.id, a.status, p.practising_status AS practising, p.institution_id AS physicianInstitution
         FROM application a JOIN physician p ON p.id = a.physician_id
         WHERE a.cycle_id = ? AND a.institution_id = ? AND a.physician_id IN (?) FOR UPDATE`,
        [cycleId, p.institutionId, unique.slice(i, i + CHUNK)],
      );
      for (const r of rows)
        if (
          r.status === "NOT_ENROLLED" &&
          r.practising === "PRACTISING" &&
          Number(r.physicianInstitution) === p.institutionId
        )
          eligible.push(r.id);
    }
    const now = new Date();
    const label = EVENT_LABEL[WorkflowAction.ENROLL];
    for (let i = 0; i < eligible.length; i += CHUNK) {
      const part = eligible.slice(i, i + CHUNK);
      const [done] = await conn.query<ResultSetHeader>(
        `UPDATE application SET status = 'AWAITING_REGISTRATION', version = version + 1, last_action = ?, last_action_at = ?, updated_at = ?
         WHERE id IN (?) AND status = 'NOT_ENROLLED'`,
        [label, now, now, part],
      );
      if (done.affectedRows !== part.length) throw new Error("state changed: rolled back");
    }
    for (let i = 0; i < eligible.length; i += EVENTS_PER_INSERT) {
      const values = eligible
        .slice(i, i + EVENTS_PER_INSERT)
        .map((id) => [
          id,
          now,
          "ACCOUNT",
          p.accountId,
          p.name.slice(0, 128),
          "INSTITUTION",
          WorkflowAction.ENROLL,
          "NOT_ENROLLED",
          "AWAITING_REGISTRATION",
          null,
          '{"batch":true}',
          ip,
        ]);
      await conn.query(
        `INSERT INTO application_event (application_id, at, actor_type, actor_id, actor_name, actor_role, action, from_status, to_status, reason, detail, ip) VALUES ?`,
        [values],
      );
    }
    if (eligible.length) {
      const n = eligible.length;
      await conn.query(
        `INSERT INTO status_counter (cycle_id, institution_id, status, province_code, city_code, county_code, count) VALUES ?
         ON DUPLICATE KEY UPDATE count = count + VALUES(count)`,
        [
          [
            [cycleId, p.institutionId, "AWAITING_REGISTRATION", inst.province, inst.city, inst.county, n],
            [cycleId, p.institutionId, "NOT_ENROLLED", inst.province, inst.city, inst.county, -n],
          ],
        ],
      );
      await conn.query(
        `INSERT INTO region_status_counter (cycle_id, county_code, status, province_code, city_code, count) VALUES ?
         ON DUPLICATE KEY UPDATE count = count + VALUES(count)`,
        [
          [
            [cycleId, inst.county, "AWAITING_REGISTRATION", inst.province, inst.city, n],
            [cycleId, inst.county, "NOT_ENROLLED", inst.province, inst.city, -n],
          ],
        ],
      );
    }
    const failed = physicianIds.length - eligible.length;
    await conn.query(
      `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, target_type, target_id, success, ip, detail, region_code)
       VALUES (?, 'ACCOUNT', ?, ?, 'roster.enroll.batch', 'Institution', ?, 1, ?, ?, ?)`,
      [
        now,
        p.accountId,
        p.name.slice(0, 128),
        p.institutionId,
        ip,
        JSON.stringify({ requested: physicianIds.length, succeeded: eligible.length, failed }),
        inst.county,
      ],
    );
    await conn.commit();
    return { succeeded: eligible.length, failed };
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}
