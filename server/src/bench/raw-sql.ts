/**
 * The raw-SQL baseline's statements (performance.md: no ORM, no GraphQL), shared by the raw server
 * and the EXPLAIN diagnostics.
 */

/** Session → account → administration: who is calling (one primary-key look-up). */
export const AUTH_SQL = `SELECT a.id AS accountId, a.display_name AS name, a.institution_id AS institutionId, a.physician_id AS physicianId, h.region_code AS regionCode, h.level AS regionLevel
FROM session s JOIN account a ON a.id = s.account_id LEFT JOIN health_administration h ON h.id = a.admin_id
WHERE s.token_hash = ? AND a.enabled = 1`;

export const CYCLE_SQL = "SELECT id FROM assessment_cycle WHERE province_code = ? AND is_current = 1";

const statusFilter = (statuses: string[]) =>
  statuses.length ? ` AND a.status IN (${statuses.map(() => "?").join(", ")})` : "";

/** 考核进度 page: the total for the pager … */
export function progressCountSql(statuses: string[]): string {
  return `SELECT COUNT(*) AS total FROM application a WHERE a.cycle_id = ? AND a.institution_id = ?${statusFilter(statuses)}`;
}

/** The same total from the maintained counters (a handful of rows instead of thousands of index entries). */
export function progressCountFromCountersSql(statuses: string[]): string {
  return `SELECT COALESCE(SUM(count), 0) AS total FROM status_counter a WHERE a.cycle_id = ? AND a.institution_id = ?${statusFilter(statuses)}`;
}

const limits = (page: number, pageSize: number) => {
  const limit = Math.max(1, Math.min(100, Math.trunc(pageSize)));
  return { limit, offset: Math.max(0, Math.trunc(page) - 1) * limit };
};

/**
 * … and one page with physician and department joined (the same rows and order as the GraphQL list:
 * ORDER BY id). "naive": the statement an ORM writes — OFFSET over the joined full rows, so MariaDB
 * reads (and, for several statuses, sorts) every earlier application row of the institution.
 */
export function progressPageSqlNaive(statuses: string[], page: number, pageSize: number): string {
  const { limit, offset } = limits(page, pageSize);
  return `SELECT a.id, a.status, a.procedure_type AS procedureType, a.last_action AS lastAction, a.last_action_at AS lastActionAt,
  d.name AS departmentName, p.name AS physicianName, p.id_number AS idNumber
FROM application a
JOIN physician p ON p.id = a.physician_id
LEFT JOIN department d ON d.id = a.department_id
WHERE a.cycle_id = ? AND a.institution_id = ?${statusFilter(statuses)}
ORDER BY a.id LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * The same page as a deferred ("late row look-up") join: the page's ids come from the covering
 * (cycle_id, institution_id, status, id) index alone, then only those 20 rows are read and joined.
 */
export function progressPageSql(statuses: string[], page: number, pageSize: number): string {
  const { limit, offset } = limits(page, pageSize);
  return `SELECT a.id, a.status, a.procedure_type AS procedureType, a.last_action AS lastAction, a.last_action_at AS lastActionAt,
  d.name AS departmentName, p.name AS physicianName, p.id_number AS idNumber
FROM (SELECT id FROM application WHERE cycle_id = ? AND institution_id = ?${statusFilter(statuses).replace("a.status", "status")}
      ORDER BY id LIMIT ${limit} OFFSET ${offset}) page
JOIN application a ON a.id = page.id
JOIN physician p ON p.id = a.physician_id
LEFT JOIN department d ON d.id = a.department_id
ORDER BY a.id`;
}

/** Province → city roll-up computed live from the applications (the slow way, lesson 1). */
export const LIVE_ROLLUP_SQL = `SELECT i.city_code AS k, a.status, COUNT(*) AS n
FROM application a JOIN institution i ON i.id = a.institution_id
WHERE a.cycle_id = ? AND i.province_code = ?
GROUP BY i.city_code, a.status`;

/** The same roll-up from the maintained county-level counters (what regionProgress runs). */
export const COUNTER_ROLLUP_SQL = `SELECT city_code AS k, status, SUM(count) AS n FROM region_status_counter
WHERE cycle_id = ? AND province_code = ? GROUP BY city_code, status`;
