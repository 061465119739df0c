import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { createApp } from "../app";
import { loadConfig, type AppConfig } from "../config";
import { createDataSource } from "../db/data-source";
import { entities } from "../entities";
import { QueryCounter } from "../testing/query-counter";
import { benchDbUrl, sqlDateTime } from "./common";

/** Also keeps the parameters, to EXPLAIN or replay what the service ran. */
export class RecordingCounter extends QueryCounter {
  parameters: unknown[][] = [];
  override logQuery(query: string, parameters?: unknown[]): void {
    super.logQuery(query);
    this.parameters.push(parameters ?? []);
  }
  override reset(): void {
    super.reset();
    this.parameters = [];
  }
}

/** One statement as the service sent it, with parameters made JSON-safe for the raw server (dates as MariaDB text). */
export type Statement = [sql: string, params: unknown[]];

const jsonSafe = (v: unknown): unknown =>
  v instanceof Date ? sqlDateTime(v.getTime()) : typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v;

/**
 * The app in this process (createApp with a recording TypeORM logger, as the tests do), against pa_bench:
 * to count a request's statements, or record them for the raw server to replay (raw-replay.ts).
 */
export async function startRecordingApp() {
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "pa-bench-files-"));
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: "production" }, []),
    databaseUrl: benchDbUrl(),
    sqlitePath: "",
    port: 0,
    host: "127.0.0.1",
    clientDist: null,
    appSecret: "bench-secret",
    storageDir,
  };
  const counter = new RecordingCounter();
  const ds: DataSource = await createDataSource({ ...config, entities }, counter);
  await ds.initialize();
  const app = await createApp(config, { ds });
  return {
    url: app.url,
    ds,
    counter,
    /** The statements `work` made the service run, in order. */
    async record(work: () => Promise<unknown>): Promise<Statement[]> {
      counter.reset();
      await work();
      return counter.statements.map((sql, i) => [sql, (counter.parameters[i] ?? []).map(jsonSafe)]);
    },
    async close() {
      await app.close();
      await ds.destroy();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
