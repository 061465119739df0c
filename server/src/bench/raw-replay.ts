import type http from "node:http";
import type { Pool, PoolConnection } from "mysql2/promise";
import type { Statement } from "./recording-app";

/**
 * The raw side of the hot paths the service's statements are recorded for (sections/hotpaths.ts): the benchmark
 * loads, per path, the statements one request of each variant ran; a request replays one variant's statements in
 * order on one pooled connection (transactions included) and answers with their rows as JSON.
 *
 *   POST /replay/load {"name": "…", "variants": [[[sql, params], …], …]}
 *   GET  /replay?name=…&v=3
 *   POST /replay?name=…&v=3   (a write path: each variant is replayed once, against rows reset to their state when recorded)
 */
const paths = new Map<string, Statement[][]>();

const control = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SAVEPOINT|RELEASE SAVEPOINT)/i;

async function run(conn: PoolConnection, [sql, params]: Statement): Promise<unknown> {
  // Transaction control is not preparable; everything else runs as a prepared statement, as the baseline does.
  if (control.test(sql)) return (await conn.query(sql))[0];
  return (await conn.execute(sql, params as never[]))[0];
}

export async function loadReplay(body: { name: string; variants: Statement[][] }): Promise<number> {
  paths.set(body.name, body.variants);
  return body.variants.length;
}

export async function replay(pool: Pool, query: URLSearchParams, res: http.ServerResponse): Promise<unknown[]> {
  const variants = paths.get(query.get("name") ?? "");
  const statements = variants?.[Number(query.get("v"))];
  if (!statements) {
    res.statusCode = 404;
    return [];
  }
  const conn = await pool.getConnection();
  try {
    const results: unknown[] = [];
    for (const s of statements) results.push(await run(conn, s));
    return results;
  } catch (err) {
    await conn.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}
