import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp, type RunningApp } from "../app";
import { loadConfig, type AppConfig } from "../config";
import { createDataSource, isSqlite } from "../db/data-source";
import { entities } from "../entities";
import { GqlClient } from "./gql-client";
import { QueryCounter } from "./query-counter";
import { emptyAllTables, testDatabaseSettings } from "./test-db";

export interface TestApp extends RunningApp {
  config: AppConfig;
  queries: QueryCounter;
  /** A new client with its own cookie jar (one signed-in user). */
  client(): GqlClient;
}

/**
 * Starts the real server on a free port against a real database (SQLite in memory, or a
 * per-worker MariaDB database emptied first), exactly as production wires it.
 */
export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  options: { sharedSqliteFile?: boolean } = {},
): Promise<TestApp> {
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "pa-files-"));
  const settings = await testDatabaseSettings();
  // A second server process needs the same database: a file instead of SQLite's private :memory:.
  if (options.sharedSqliteFile && !settings.databaseUrl) settings.sqlitePath = path.join(storageDir, "shared.sqlite");
  const config: AppConfig = {
    ...loadConfig({}, []),
    ...settings,
    port: 0,
    host: "127.0.0.1",
    storageDir,
    clientDist: null,
    appSecret: "test-secret",
    // Tests sign in dozens of clients a minute from one address; rate-limit tests set their own.
    anonymousRateLimitPerMinute: 1_000_000,
    verifyRateLimitPerMinute: 1_000_000,
    rateLimitPerMinute: 1_000_000,
    signInRateLimitPerAddress: 1_000_000,
    signInRateLimitPerAccount: 1_000_000,
    syncLagMs: 0,
    ...overrides,
  };
  const queries = new QueryCounter();
  const ds = await createDataSource({ ...config, entities }, queries);
  await ds.initialize();
  if (!isSqlite(ds)) {
    await ds.runMigrations({ transaction: "each" });
    await emptyAllTables(ds);
  }
  const app = await createApp(config, { ds });
  return {
    ...app,
    config,
    queries,
    client: () => new GqlClient(app.url),
    async close() {
      await app.close();
      await ds.destroy();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** Another server "process" on the same database and settings (its own DataSource, port and memory). */
export async function startPeer(app: TestApp): Promise<RunningApp> {
  const ds = await createDataSource({ ...app.config, entities });
  await ds.initialize();
  const peer = await createApp(app.config, { ds });
  return {
    ...peer,
    async close() {
      await peer.close();
      await ds.destroy();
    },
  };
}
