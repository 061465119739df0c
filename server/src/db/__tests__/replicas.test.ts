import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import { createApp, type RunningApp } from "../../app";
import { ApplicationStatus } from "../../assessment/workflow";
import { loadConfig, type AppConfig } from "../../config";
import { entities } from "../../entities";
import { GqlClient } from "../../testing/gql-client";
import type { TestApp } from "../../testing/test-app";
import { testDbKind } from "../../testing/test-db";
import { canStartMariadb, ThrowawayMariadb } from "../../testing/throwaway-mariadb";
import { placeApplication } from "../../testing/workflow";
import { buildWorld, TEST_PASSWORD, type World } from "../../testing/world";
import { createDataSource } from "../data-source";

/**
 * DATABASE_REPLICA_URLS against a real primary/replica pair: two throwaway mariadbd on spare ports with binlog
 * replication (the shared server on 3306 is never touched). Stopping the replica's replication makes it visibly
 * behind, so each answer shows which server it was read from.
 */
const runs = testDbKind() === "mysql" && canStartMariadb();

const APPROVE = `mutation($id: Int!, $input: InstitutionApprovalInput!) {
  approveApplication(id: $id, input: $input) { status physician { name } timeline { action } } }`;
const READ = `query($id: Int!) { application(id: $id) { status } }`;
const ratings = {
  ratings: [
    { item: "WORK_PERFORMANCE", rating: "QUALIFIED" },
    { item: "ETHICS", rating: "QUALIFIED" },
  ],
  opinion: "",
};

(runs ? describe : describe.skip)("read replicas (DATABASE_REPLICA_URLS) on a primary/replica pair", () => {
  const primary = new ThrowawayMariadb(["--log-bin=primary-bin", "--server-id=1", "--binlog-format=ROW"]);
  const replica = new ThrowawayMariadb(["--skip-log-bin", "--server-id=2", "--read-only=ON"]);
  let dir: string;
  let ds: DataSource;
  let world: World;
  let app: RunningApp;
  const url = (server: ThrowawayMariadb) => `mysql://root@127.0.0.1:${server.port}/app`;

  async function onReplica<T>(sql: string, params: unknown[] = []): Promise<T> {
    const c = await createConnection({ host: "127.0.0.1", port: replica.port, user: "root" });
    try {
      return (await c.query(sql, params))[0] as T;
    } finally {
      await c.end();
    }
  }

  async function replicaStatus(id: number): Promise<string | null> {
    const rows = await onReplica<{ status: string }[]>("SELECT status FROM app.application WHERE id = ?", [id]);
    return rows[0]?.status ?? null;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "pa-replicas-"));
    await primary.start();
    await replica.start();
    await onReplica(
      `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port}, MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = no`,
    );
    await onReplica("START SLAVE");
    const admin = await createConnection({ host: "127.0.0.1", port: primary.port, user: "root" });
    await admin.query("CREATE DATABASE app CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    await admin.end();

    ds = await createDataSource({ databaseUrl: url(primary), sqlitePath: "", entities });
    await ds.initialize();
    await ds.runMigrations({ transaction: "each" });
    world = await buildWorld(ds);

    const config: AppConfig = {
      ...loadConfig({}, []),
      databaseUrl: url(primary),
      replicaUrls: [url(replica)],
      port: 0,
      host: "127.0.0.1",
      storageDir: path.join(dir, "files"),
      clientDist: null,
      appSecret: "replica-test",
      anonymousRateLimitPerMinute: 1_000_000,
      rateLimitPerMinute: 1_000_000,
    };
    app = await createApp(config);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await replica.destroy();
    await primary.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a read-only request reads the replica; sign-in, sessions and a mutation use the primary and read their own writes", async () => {
    // The replica stops applying the primary's changes: what it lacks shows where a read went.
    await onReplica("STOP SLAVE");
    const client = new GqlClient(app.url);
    expect((await client.login(world.users.instA, TEST_PASSWORD)).errors).toBeUndefined();
    // The new session exists on the primary only: the session check reads there.
    expect((await client.ok(`{ me { username } }`)).me.username).toBe(world.users.instA);

    const { application } = await placeApplication(
      { deps: { ds } } as TestApp,
      world,
      ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
    );
    expect(await replicaStatus(application.id)).toBeNull();

    // A query's resolvers read the replica, which has not seen the application yet.
    const unseen = await client.request(READ, { id: application.id });
    expect(unseen.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    // The mutation finds it (its reads use the primary) and answers with the status it just wrote.
    const approved = await client.ok(APPROVE, { id: application.id, input: ratings });
    expect(approved.approveApplication.status).toBe(ApplicationStatus.AWAITING_ASSESSMENT_REVIEW);
    // Its field resolvers (loaders, outside the transaction) read the primary too: the new physician and event.
    expect(approved.approveApplication.physician.name).toBeTruthy();
    expect(approved.approveApplication.timeline.length).toBeGreaterThan(0);

    // Replication resumes; the replica catches up and the query sees what the primary has.
    await onReplica("START SLAVE");
    for (
      let i = 0;
      i < 100 && (await replicaStatus(application.id)) !== ApplicationStatus.AWAITING_ASSESSMENT_REVIEW;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    expect((await client.ok(READ, { id: application.id })).application.status).toBe(
      ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
    );
  });
});
