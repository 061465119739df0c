import path from "node:path";
import { createConnection } from "mysql2/promise";
import { DataSource, type DataSourceOptions, type Logger } from "typeorm";
import {
  boundDatabaseWaits,
  mysqlTimeoutOptions,
  SqliteWriteLockFirst,
  type DatabaseTimeouts,
} from "./database-timeouts";
import { SnakeNamingStrategy } from "./naming";
import { StructuredQueryLogger } from "./query-logger";
import { migrations } from "./migrations";
import { routeReadsToReplicas } from "./replication";

export type DatabaseKind = "mysql" | "sqlite";

export interface DatabaseSettings {
  databaseUrl: string | null;
  /** Read replicas of databaseUrl (MySQL only); see db/replication.ts for which reads use them. */
  replicaUrls?: string[];
  sqlitePath: string;
  /** Bounds on every wait for the database (the server sets them; tools that run long statements leave them out). */
  databaseTimeouts?: DatabaseTimeouts | null;
}

/** The tables a DataSource maps. db/ does not know them: the composition root (server/src/entities.ts) passes them. */
export type EntityList = NonNullable<DataSourceOptions["entities"]>;

export type DataSourceSettings = DatabaseSettings & { entities: EntityList };

/** SQLite's wait for a lock held by another connection, when the settings name none. */
const DEFAULT_SQLITE_BUSY_MS = 5000;

export const databaseKind = (settings: Pick<DatabaseSettings, "databaseUrl">): DatabaseKind =>
  settings.databaseUrl ? "mysql" : "sqlite";

/**
 * MySQL/MariaDB when DATABASE_URL is set (schema only through committed migrations);
 * otherwise an embedded SQLite file whose schema is synchronised from the entities.
 */
export function dataSourceOptions(
  settings: DataSourceSettings,
  logger?: Logger,
  server: "mysql" | "mariadb" = "mysql",
): DataSourceOptions {
  const common = {
    entities: settings.entities,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    logger,
  } as const;
  if (settings.databaseUrl) {
    return {
      ...common,
      // TypeORM reads MariaDB's catalogue differently (e.g. 'NULL' defaults): tell it which server it is.
      type: server,
      ...(settings.replicaUrls?.length
        ? {
            replication: {
              master: { url: settings.databaseUrl },
              slaves: settings.replicaUrls.map((url) => ({ url })),
            },
          }
        : { url: settings.databaseUrl }),
      charset: "utf8mb4_unicode_ci",
      // Dates are written by the application in UTC; keep the driver from converting them.
      timezone: "Z",
      supportBigNumbers: true,
      migrations,
      migrationsTableName: "schema_migrations",
      synchronize: false,
      extra: { connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20) },
      // Pool and statement timeouts: all in db/database-timeouts.ts.
      ...(settings.databaseTimeouts ? mysqlTimeoutOptions(settings.databaseTimeouts) : {}),
    };
  }
  return {
    ...common,
    type: "better-sqlite3",
    database: settings.sqlitePath === ":memory:" ? ":memory:" : path.resolve(settings.sqlitePath),
    synchronize: true,
    subscribers: [SqliteWriteLockFirst],
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      // WAL: readers never wait for the writer. The busy timeout bounds a wait for another connection's lock.
      db.pragma("journal_mode = WAL");
      db.pragma(`busy_timeout = ${Math.round(settings.databaseTimeouts?.lockMs ?? DEFAULT_SQLITE_BUSY_MS)}`);
    },
  };
}

/** Asks the server whether it is MariaDB (here and in CI) or MySQL (production). */
export async function serverFlavour(
  databaseUrl: string,
  timeouts?: DatabaseTimeouts | null,
): Promise<"mysql" | "mariadb"> {
  const connection = await createConnection({ uri: databaseUrl, connectTimeout: timeouts?.connectMs });
  try {
    const [rows] = await connection.query("SELECT VERSION() AS v");
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? "mariadb" : "mysql";
  } finally {
    await connection.end();
  }
}

export async function createDataSource(settings: DataSourceSettings, logger?: Logger): Promise<DataSource> {
  const flavour = settings.databaseUrl ? await serverFlavour(settings.databaseUrl, settings.databaseTimeouts) : "mysql";
  const ds = new DataSource(dataSourceOptions(settings, logger ?? new StructuredQueryLogger(), flavour));
  if (settings.databaseUrl && settings.databaseTimeouts) boundDatabaseWaits(ds, settings.databaseTimeouts, flavour);
  if (settings.databaseUrl && settings.replicaUrls?.length) routeReadsToReplicas(ds);
  return ds;
}

/** MySQL and MariaDB share SQL dialect and row locking; SQLite is the embedded single-connection case. */
export const isSqlite = (ds: Pick<DataSource, "options">) => ds.options.type === "better-sqlite3";
