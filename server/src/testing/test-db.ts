import { DataSource } from "typeorm";
import { isSqlite, type DatabaseSettings } from "../db/data-source";
import { migrations } from "../db/migrations";

/**
 * Which database this Jest run uses: TEST_DB=mysql (DATABASE_URL, default local MariaDB) or
 * sqlite (default). Each Jest worker gets its own MySQL database so files can run in parallel.
 */
export const testDbKind = (): "mysql" | "sqlite" => (process.env.TEST_DB === "mysql" ? "mysql" : "sqlite");

export const mysqlBaseUrl = () => process.env.DATABASE_URL || "mysql://root@127.0.0.1:3306/test";

export async function testDatabaseSettings(): Promise<Pick<DatabaseSettings, "databaseUrl" | "sqlitePath">> {
  if (testDbKind() === "sqlite") return { databaseUrl: null, sqlitePath: ":memory:" };
  // TEST_DB_PREFIX keeps two checkouts testing at once on one server out of each other's databases.
  const name = `${process.env.TEST_DB_PREFIX ?? "pa_test"}_w${process.env.JEST_WORKER_ID ?? "0"}`;
  const admin = new DataSource({ type: "mysql", url: mysqlBaseUrl() });
  await admin.initialize();
  // A database left by an older migration history (regenerated before it landed) starts over.
  const applied: { name: string }[] = await admin
    .query(`SELECT name FROM \`${name}\`.schema_migrations`)
    .catch(() => []);
  const known = new Set(migrations.map((m) => m.name));
  if (applied.some((m) => !known.has(m.name))) await admin.query(`DROP DATABASE \`${name}\``);
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  const url = new URL(mysqlBaseUrl());
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), sqlitePath: "" };
}

/** Empties every table (keeping applied migrations), so each test file starts from nothing. */
export async function emptyAllTables(ds: DataSource): Promise<void> {
  if (isSqlite(ds)) return; // each SQLite test file has its own in-memory database
  const names = ds.entityMetadatas.map((m) => m.tableName);
  await ds.query("SET FOREIGN_KEY_CHECKS = 0");
  try {
    for (const table of names) await ds.query(`DELETE FROM \`${table}\``);
  } finally {
    await ds.query("SET FOREIGN_KEY_CHECKS = 1");
  }
}
