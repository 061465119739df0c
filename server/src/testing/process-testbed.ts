import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { createDataSource } from "../db/data-source";
import { entities } from "../entities";
import { startServerProcess, type ServerProcess } from "./server-process";
import { emptyAllTables, testDatabaseSettings, testDbKind } from "./test-db";
import { buildWorld, type World } from "./world";

export interface ProcessTestbed {
  /** The suite's temporary directory (uploads, SQLite files). */
  readonly dir: string;
  /** This suite's own connection to the database the server processes use. */
  readonly ds: DataSource;
  readonly world: World;
  /** Starts a real server process on the suite's database; every one is killed after the suite. */
  start(extra?: Record<string, string>): Promise<ServerProcess>;
}

/**
 * The set-up of a suite that runs real server processes (killed, paused, two at once) on one fresh database with
 * the test world in it: on MySQL the test database migrated and emptied, on SQLite a file of the suite's own.
 * `mysqlOnly` leaves the database untouched on SQLite (the suite skips its tests there).
 */
export function useProcessTestbed(opts: { name: string; env?: Record<string, string>; mysqlOnly?: boolean }) {
  const onSqlite = testDbKind() === "sqlite";
  const running: ServerProcess[] = [];
  const state = {} as { dir: string; ds: DataSource; world: World; env: Record<string, string> };

  beforeAll(async () => {
    state.dir = mkdtempSync(path.join(os.tmpdir(), `pa-${opts.name}-`));
    state.env = {
      STORAGE_DIR: path.join(state.dir, "files"),
      APP_SECRET: `${opts.name}-test`,
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: "100000",
      ...opts.env,
    };
    if (onSqlite && opts.mysqlOnly) return;
    const settings = onSqlite
      ? { databaseUrl: null, sqlitePath: path.join(state.dir, "app.sqlite") }
      : await testDatabaseSettings();
    if (settings.databaseUrl) state.env.DATABASE_URL = settings.databaseUrl;
    else state.env.SQLITE_PATH = settings.sqlitePath;
    state.ds = await createDataSource({ ...settings, entities });
    await state.ds.initialize();
    if (!onSqlite) {
      await state.ds.runMigrations({ transaction: "each" });
      await emptyAllTables(state.ds);
    }
    state.world = await buildWorld(state.ds);
  }, 60_000);

  afterAll(async () => {
    for (const p of running) await p.kill();
    await state.ds?.destroy();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });

  const bed: ProcessTestbed = {
    get dir() {
      return state.dir;
    },
    get ds() {
      return state.ds;
    },
    get world() {
      return state.world;
    },
    async start(extra = {}) {
      const p = await startServerProcess({ ...state.env, ...extra });
      running.push(p);
      return p;
    },
  };
  return bed;
}
