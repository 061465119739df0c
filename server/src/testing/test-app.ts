import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp, type RunningApp } from "../app";
import { loadConfig, type AppConfig } from "../config";
import { createDataSource, isSqlite } from "../db/data-source";
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
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const settings = await testDatabaseSettings();
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "pa-files-"));
  const config: AppConfig = {
    ...loadConfig({}, []),
    ...settings,
    port: 0,
    host: "127.0.0.1",
    storageDir,
    clientDist: null,
    appSecret: "test-secret",
    ...overrides,
  };
  const queries = new QueryCounter();
  const ds = await createDataSource(config, queries);
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
