import { EventSubscriber, type DataSource, type EntitySubscriberInterface } from "typeorm";
import type { AfterQueryEvent } from "typeorm/subscriber/event/QueryEvent";
import type { TransactionStartEvent } from "typeorm/subscriber/event/TransactionStartEvent";

/**
 * How long a request may wait on the database. Without these bounds a hung server (SIGSTOP, a network partition,
 * a lock held by a stuck transaction) hangs every request, /healthz included, for as long as it is hung.
 */
export interface DatabaseTimeouts {
  /** Opening a connection (TCP and handshake); mysql2 `connectTimeout`. */
  connectMs: number;
  /** Waiting for a free connection when the pool is exhausted (mysql2 has no such bound of its own). */
  acquireMs: number;
  /**
   * One statement. Enforced by the server (MariaDB `max_statement_time`, MySQL `max_execution_time`, which covers
   * SELECTs only) and, for a server that does not answer at all, by the client `grace` later.
   */
  statementMs: number;
  /** Waiting for a row lock (InnoDB `innodb_lock_wait_timeout`, whole seconds) or SQLite's file lock (busy timeout). */
  lockMs: number;
}

/** The client-side timeout fires this much after the server-side one, so a slow statement is killed by the server. */
export const clientGraceMs = (t: DatabaseTimeouts) => Math.min(2000, t.statementMs);

/** The mysql2/TypeORM options that bound connecting and each query. */
export function mysqlTimeoutOptions(t: DatabaseTimeouts) {
  return {
    connectTimeout: t.connectMs,
    enableQueryTimeout: true,
    maxQueryExecutionTime: t.statementMs + clientGraceMs(t),
    subscribers: [DiscardTimedOutConnections],
  };
}

/** The session settings every new MySQL/MariaDB connection gets before its first use. */
export function sessionTimeoutSql(t: DatabaseTimeouts, server: "mysql" | "mariadb"): string {
  const lockSeconds = Math.max(1, Math.ceil(t.lockMs / 1000));
  return server === "mariadb"
    ? `SET SESSION max_statement_time = ${t.statementMs / 1000}, innodb_lock_wait_timeout = ${lockSeconds}`
    : `SET SESSION max_execution_time = ${Math.round(t.statementMs)}, innodb_lock_wait_timeout = ${lockSeconds}`;
}

/** The driver gave up waiting for a statement's answer (a driver error, or TypeORM's QueryFailedError around one). */
export function timedOutOnClient(err: unknown): boolean {
  const error = err as { code?: string; driverError?: { code?: string } } | undefined;
  return (error?.driverError?.code ?? error?.code) === "PROTOCOL_SEQUENCE_TIMEOUT";
}

/**
 * A connection whose query timed out on the client is in an unknown state (the server may still answer, or never):
 * drop it instead of handing it to the next request, so a ROLLBACK after the timeout fails at once.
 */
@EventSubscriber()
class DiscardTimedOutConnections implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent) {
    if (!timedOutOnClient(event.error)) return;
    (event.queryRunner as unknown as { databaseConnection?: { destroy(): void } }).databaseConnection?.destroy();
  }
}

/** Our own bound on a wait passed; the error mapping reads its code as "database unavailable". */
class DatabaseWaitTimeout extends Error {
  readonly code = "DB_TIMEOUT";
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
  }
}

/** Resolves with `work`, or rejects after `ms`; `onLate` gets rid of what `work` brings after that. */
export function withinMs<T>(work: Promise<T>, ms: number, what: string, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new DatabaseWaitTimeout(what, ms));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (late) onLate?.(value);
        else resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

interface PooledConnection {
  query(options: { sql: string; timeout: number }, callback: (err: Error | null) => void): void;
  release(): void;
  destroy(): void;
}
type ObtainConnection = () => Promise<PooledConnection>;

/**
 * Bounds the wait for a pooled connection and gives each new connection its session timeouts. It wraps the
 * driver's two ways of obtaining a connection (primary and replica), so it holds for a single pool and for a
 * replication cluster alike. Call on a MySQL/MariaDB DataSource before `initialize()`.
 */
export function boundDatabaseWaits(ds: DataSource, t: DatabaseTimeouts, server: "mysql" | "mariadb"): void {
  const driver = ds.driver as unknown as Record<"obtainMasterConnection" | "obtainSlaveConnection", ObtainConnection>;
  const prepared = new WeakSet<PooledConnection>();
  const setup = sessionTimeoutSql(t, server);
  const prepare = (conn: PooledConnection) =>
    prepared.has(conn)
      ? conn
      : new Promise<PooledConnection>((resolve, reject) =>
          conn.query({ sql: setup, timeout: t.connectMs }, (err) => {
            if (err) {
              conn.destroy();
              return reject(err);
            }
            prepared.add(conn);
            resolve(conn);
          }),
        );
  for (const method of ["obtainMasterConnection", "obtainSlaveConnection"] as const) {
    const obtain = driver[method].bind(driver);
    // A connection that arrives after the request gave up goes back to the pool.
    driver[method] = () =>
      withinMs(obtain().then(prepare), t.acquireMs, "acquiring a database connection", (conn) => conn.release());
  }
}

/**
 * TypeORM begins SQLite transactions DEFERRED. A transaction that reads first and then writes, while another
 * connection holds the write lock, fails at once with SQLITE_BUSY: SQLite does not call the busy handler for a
 * read transaction that wants to become a write transaction. Taking the write lock with the transaction's first
 * statement (a write that changes nothing) makes it wait up to the busy timeout instead, like BEGIN IMMEDIATE.
 */
@EventSubscriber()
export class SqliteWriteLockFirst implements EntitySubscriberInterface {
  private readonly ready = new WeakSet<object>();

  async afterTransactionStart({ queryRunner, dataSource }: TransactionStartEvent) {
    if ((queryRunner as unknown as { transactionDepth: number }).transactionDepth !== 1) return;
    if (!this.ready.has(dataSource)) {
      // Not while the schema is first created (synchronize runs before app_setting exists).
      const found: unknown[] = await queryRunner.query(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_setting'",
      );
      if (!found.length) return;
      this.ready.add(dataSource);
    }
    await queryRunner.query("UPDATE app_setting SET value = value WHERE 0");
  }
}
