import { QueryFailedError, type DataSource } from "typeorm";
import { isSqlite } from "./data-source";
import { timedOutOnClient } from "./database-timeouts";
import { hasReplicas } from "./replication";

interface PooledConnection {
  query(
    sql: string | { sql: string; timeout: number },
    params: unknown[],
    done: (err: (Error & { code?: string }) | null, rows: unknown) => void,
  ): void;
  release(): void;
  destroy(): void;
}

interface MysqlDriverInternals {
  obtainMasterConnection(): Promise<PooledConnection>;
  options: { enableQueryTimeout?: boolean; maxQueryExecutionTime?: number };
}

/**
 * A read statement of the hottest lists, run straight on a pooled mysql2 connection: what `ds.query` does
 * (the driver's bounded connection wait and session timeouts, the statement timeout, the logger's query, slow-query
 * and error lines, QueryFailedError, a timed-out connection dropped rather than reused) without its per-statement
 * QueryRunner, subscriber broadcasts, promise wrapper with a captured stack and copy of the rows, which together cost
 * as much CPU as the driver's own work. With replicas, or on SQLite, it is `ds.query`.
 */
export function readStatement<T = Record<string, unknown>>(
  ds: DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  if (isSqlite(ds) || hasReplicas(ds)) return ds.query(sql, params);
  return onPooledConnection(ds, sql, params) as Promise<T[]>;
}

async function onPooledConnection(ds: DataSource, sql: string, params: unknown[]): Promise<unknown> {
  const driver = ds.driver as unknown as MysqlDriverInternals;
  const conn = await driver.obtainMasterConnection();
  ds.logger.logQuery(sql, params);
  const { enableQueryTimeout, maxQueryExecutionTime } = driver.options;
  const payload = enableQueryTimeout && maxQueryExecutionTime ? { sql, timeout: maxQueryExecutionTime } : sql;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const done = (err: (Error & { code?: string }) | null, rows: unknown) => {
      const ms = Date.now() - started;
      if (maxQueryExecutionTime && ms > maxQueryExecutionTime) ds.logger.logQuerySlow(ms, sql, params);
      if (!err) {
        conn.release();
        return resolve(rows);
      }
      ds.logger.logQueryError(err, sql, params);
      // The server may still answer a statement the client gave up on: that connection is not handed out again.
      if (timedOutOnClient(err)) conn.destroy();
      else conn.release();
      reject(new QueryFailedError(sql, params, err));
    };
    try {
      conn.query(payload, params, done);
    } catch (err) {
      // Thrown before the statement was sent (say, a value the driver cannot format): the connection is still good.
      conn.release();
      reject(err);
    }
  });
}
