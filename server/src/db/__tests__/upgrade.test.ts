import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createConnection, type Connection } from "mysql2/promise";
import { migrations } from "../migrations";
import { GqlClient } from "../../testing/gql-client";
import { checkoutRelease, recordedReleases, type ReleaseCheckout } from "../../testing/release-checkout";
import { startServerProcess, type ServerProcess } from "../../testing/server-process";
import { mysqlBaseUrl, testDbKind } from "../../testing/test-db";

/**
 * Releases that upgrade: the newest release in releases.json, checked out in a temporary worktree, builds a
 * MySQL/MariaDB database its own way (its server's start-up: its migrations, then its demo data at volume); today's
 * server then starts on that database, runs today's migrations, and must keep every row and answer as before.
 */
const onMysql = testDbKind() === "mysql";
const release = recordedReleases().at(-1)!;
const database = `${process.env.TEST_DB_PREFIX ?? "pa_test"}_upgrade`;
const databaseUrl = (() => {
  const url = new URL(mysqlBaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
})();

/** Tables and columns a later migration rewrites on purpose: `{ table: ["column", …] }`. */
const REWRITTEN: Record<string, string[]> = {
  // CertificateVerificationCode drops stored images so they are rendered again with the code in the QR.
  certificate: ["image_key", "image_sha256", "image_size"],
};

let checkout: ReleaseCheckout;
let dir: string;
const running: ServerProcess[] = [];

async function admin<T>(work: (c: Connection) => Promise<T>): Promise<T> {
  const c = await createConnection({ uri: mysqlBaseUrl() });
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

type Snapshot = Map<string, Map<string, Record<string, unknown>>>;

/** Every row of every table, keyed by table and primary key, values as the server prints them. */
async function snapshot(): Promise<Snapshot> {
  const c = await createConnection({
    uri: databaseUrl,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    const [keys] = await c.query(
      `SELECT t.TABLE_NAME AS tableName, k.COLUMN_NAME AS columnName
         FROM information_schema.TABLES t
         LEFT JOIN information_schema.KEY_COLUMN_USAGE k
           ON k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME AND k.CONSTRAINT_NAME = 'PRIMARY'
        WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'
        ORDER BY t.TABLE_NAME, k.ORDINAL_POSITION`,
      [database],
    );
    const primary = new Map<string, string[]>();
    for (const k of keys as { tableName: string; columnName: string | null }[]) {
      const cols = primary.get(k.tableName) ?? [];
      if (k.columnName) cols.push(k.columnName);
      primary.set(k.tableName, cols);
    }
    const result: Snapshot = new Map();
    for (const [table, pk] of primary) {
      const [rows] = await c.query(`SELECT * FROM \`${table}\``);
      const byKey = new Map<string, Record<string, unknown>>();
      for (const row of rows as Record<string, unknown>[]) {
        const plain = Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString("hex") : v]),
        );
        byKey.set(JSON.stringify(pk.length ? pk.map((k) => row[k]) : plain), plain);
      }
      result.set(table, byKey);
    }
    return result;
  } finally {
    await c.end();
  }
}

const rowCount = (s: Snapshot) => [...s.values()].reduce((n, rows) => n + rows.size, 0);

/** What the release's server and today's answer alike for the demo hospital. */
const HOSPITAL = `{
  institutionHome { pendingTasks { simpleReviews generalReviews exemptionReviews } completion { enrolled finished } }
  departments(page: 1, pageSize: 100) { total }
}`;

async function hospitalView(server: ServerProcess) {
  const client = new GqlClient(server.url);
  const login = await client.login("nnyy", "Demo@2026");
  expect(login.errors).toBeUndefined();
  return client.ok(HOSPITAL);
}

(onMysql ? describe : describe.skip)(`upgrading a database of release ${release.version}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "pa-upgrade-"));
    checkout = checkoutRelease(release);
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    });
  }, 300_000);

  afterAll(async () => {
    for (const p of running) await p.kill();
    checkout?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await admin((c) => c.query(`DROP DATABASE IF EXISTS \`${database}\``));
  });

  async function start(env: Record<string, string>, serverDir?: string) {
    const p = await startServerProcess(
      { DATABASE_URL: databaseUrl, STORAGE_DIR: path.join(dir, "files"), APP_SECRET: "upgrade-test", ...env },
      { serverDir, startMs: 240_000 },
    );
    running.push(p);
    return p;
  }

  it("keeps every row through today's migrations, and today's server starts on it and answers as the release did", async () => {
    const old = await start(
      { SEED_DEMO_VOLUME: "true", ALLOW_DEMO_SEED_ON_MYSQL: "true", ANONYMOUS_RATE_LIMIT_PER_MINUTE: "100000" },
      checkout.serverDir,
    );
    const answered = await hospitalView(old);
    await old.stop();
    const before = await snapshot();
    expect(rowCount(before)).toBeGreaterThan(1000);
    const releaseMigrations = [...before.get("schema_migrations")!.values()].map((m) => m.name);

    const today = await start({ ANONYMOUS_RATE_LIMIT_PER_MINUTE: "100000" });
    const after = await snapshot();
    expect([...after.get("schema_migrations")!.values()].map((m) => m.name).sort()).toEqual(
      migrations.map((m) => m.name).sort(),
    );
    expect(releaseMigrations.every((name) => migrations.some((m) => m.name === name))).toBe(true);

    const lost: string[] = [];
    const changed: string[] = [];
    for (const [table, rows] of before) {
      const now = after.get(table);
      if (!now) {
        lost.push(`table ${table}`);
        continue;
      }
      for (const [key, row] of rows) {
        const kept = now.get(key);
        if (!kept) {
          lost.push(`${table} ${key}`);
          continue;
        }
        for (const [column, value] of Object.entries(row)) {
          if (column in kept && !REWRITTEN[table]?.includes(column) && kept[column] !== value)
            changed.push(`${table} ${key}.${column}: ${JSON.stringify(value)} → ${JSON.stringify(kept[column])}`);
        }
      }
    }
    expect(lost).toEqual([]);
    expect(changed).toEqual([]);

    expect(await hospitalView(today)).toEqual(answered);
    const health = await fetch(`${today.url}/healthz`);
    expect(health.status).toBe(200);
  }, 600_000);
});
