import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { Application } from "../assessment/application.entity";
import { ApplicationStatus } from "../assessment/workflow";
import { workerCount } from "../cluster";
import { createDataSource } from "../db/data-source";
import { entities } from "../entities";
import { startServerProcess, type ServerProcess } from "../testing/server-process";
import { emptyAllTables, testDatabaseSettings, testDbKind } from "../testing/test-db";
import type { TestApp } from "../testing/test-app";
import { placeApplication } from "../testing/workflow";
import { buildWorld, TEST_PASSWORD, type World } from "../testing/world";

/**
 * WORKERS=2: two server processes on one port (node:cluster). Every request below opens its own connection, so the
 * primary hands them to the workers in turn; each answer says which worker served it (X-Worker).
 */
const onMysql = testDbKind() === "mysql";
const ANONYMOUS_LIMIT = 12;
/** Requests with a signed-out cookie are anonymous: they count against this minute's anonymous limit too. */
const DEAD_COOKIE_REQUESTS = 4;

interface Answer {
  status: number;
  worker: string;
  cookie: string | null;
  body: { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/** One GraphQL request on a connection of its own. */
function post(url: string, query: string, variables: Record<string, unknown> = {}, cookie?: string): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/graphql`,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          connection: "close",
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            worker: String(res.headers["x-worker"] ?? ""),
            cookie: res.headers["set-cookie"]?.map((c) => c.split(";")[0]).join("; ") ?? null,
            body: JSON.parse(text) as Answer["body"],
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { username } }`;
const WHO = `{ me { username } }`;

(onMysql ? describe : describe.skip)("two worker processes on one port (WORKERS=2, MySQL)", () => {
  let dir: string;
  let ds: DataSource;
  let world: World;
  let server: ServerProcess;
  let login: Answer;
  let second: Answer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "pa-workers-"));
    const settings = await testDatabaseSettings();
    ds = await createDataSource({ ...settings, entities });
    await ds.initialize();
    await ds.runMigrations({ transaction: "each" });
    await emptyAllTables(ds);
    world = await buildWorld(ds);
    server = await startServerProcess(
      {
        WORKERS: "2",
        DATABASE_URL: settings.databaseUrl!,
        STORAGE_DIR: path.join(dir, "files"),
        APP_SECRET: "workers-test",
        ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(ANONYMOUS_LIMIT),
      },
      { startMs: 120_000 },
    );
    // The two anonymous requests of this minute before the rate-limit test.
    login = await post(server.url, LOGIN, { input: { username: world.users.instA, password: TEST_PASSWORD } });
    second = await post(server.url, LOGIN, { input: { username: world.users.instB, password: TEST_PASSWORD } });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ds?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a session opened on one worker is honoured by the other", async () => {
    expect(login.body.errors).toBeUndefined();
    expect(login.cookie).toMatch(/pa_sid=/);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(server.url, WHO, {}, login.cookie!)));
    expect(new Set([login.worker, ...answers.map((a) => a.worker)]).size).toBe(2);
    for (const a of answers) expect(a.body.data?.me?.username).toBe(world.users.instA);
  });

  it("a sign-out on one worker is refused by the other at once, though it had the principal cached", async () => {
    const cookie = second.cookie!;
    const warm = await Promise.all(Array.from({ length: 6 }, () => post(server.url, WHO, {}, cookie)));
    expect(new Set(warm.map((a) => a.worker)).size).toBe(2);
    const out = await post(server.url, `mutation { logout }`, {}, cookie);
    expect(out.body.errors).toBeUndefined();
    const after = await Promise.all(
      Array.from({ length: DEAD_COOKIE_REQUESTS }, () => post(server.url, WHO, {}, cookie)),
    );
    expect(new Set(after.map((a) => a.worker)).size).toBe(2);
    for (const a of after) expect(a.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("the anonymous rate limit is one count across both workers", async () => {
    // The sign-ins of beforeAll and the signed-out cookie's requests spent some anonymous requests of this minute.
    const spent = 2 + DEAD_COOKIE_REQUESTS;
    const answers: Answer[] = [];
    for (let i = 0; i < ANONYMOUS_LIMIT + 4; i++) answers.push(await post(server.url, `{ __typename }`));
    const served = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(served).toHaveLength(ANONYMOUS_LIMIT - spent);
    expect(refused).toHaveLength(4 + spent);
    expect(new Set(served.map((a) => a.worker)).size).toBe(2);
    expect(new Set(refused.map((a) => a.worker)).size).toBe(2);
    expect(refused[0].body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("approve and reject of one application on the two workers at once: exactly one wins", async () => {
    const APPROVE = `mutation($id: Int!, $input: InstitutionApprovalInput!, $v: Int) { approveApplication(id: $id, input: $input, expectedVersion: $v) { status } }`;
    const REJECT = `mutation($id: Int!, $v: Int) { rejectApplication(id: $id, reason: "驳回", expectedVersion: $v) { status } }`;
    const ratings = {
      ratings: [
        { item: "WORK_PERFORMANCE", rating: "QUALIFIED" },
        { item: "ETHICS", rating: "QUALIFIED" },
      ],
      opinion: "",
    };
    const { application } = await placeApplication(
      { deps: { ds } } as TestApp,
      world,
      ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
    );
    const cookie = login.cookie!;
    const seen = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const target = round === 0 ? application : (await raceTarget()).application;
      const v = target.version;
      const results = await Promise.all([
        post(server.url, APPROVE, { id: target.id, input: ratings, v }, cookie),
        post(server.url, REJECT, { id: target.id, v }, cookie),
      ]);
      results.forEach((r) => seen.add(r.worker));
      expect(results.filter((r) => !r.body.errors)).toHaveLength(1);
      expect(results.find((r) => r.body.errors)!.body.errors![0].extensions?.code).toBe("CONFLICT");
      const after = await ds.getRepository(Application).findOneByOrFail({ id: target.id });
      expect(after.version).toBe(v + 1);
    }
    expect(seen.size).toBe(2);
  });

  it("a worker that dies is replaced, and the service goes on", async () => {
    const before = await post(server.url, `{ __typename }`).catch(() => null);
    expect(before).not.toBeNull();
    const pids = await workerPids();
    process.kill(pids[0], "SIGKILL");
    for (let i = 0; i < 200 && !/worker process died/.test(server.output()); i++) await sleep(100);
    expect(server.output()).toMatch(/worker process died; starting another/);
    let replaced: number[] = [];
    for (let i = 0; i < 300; i++) {
      replaced = await workerPids();
      if (replaced.length === 2 && !replaced.includes(pids[0])) break;
      await sleep(100);
    }
    expect(replaced).toHaveLength(2);
    expect(replaced).not.toContain(pids[0]);
    let answers: Answer[] = [];
    for (let i = 0; i < 100; i++) {
      answers = await Promise.all(Array.from({ length: 4 }, () => post(server.url, WHO, {}, login.cookie!)));
      if (new Set(answers.map((a) => a.worker)).size === 2) break;
      await sleep(100);
    }
    expect(new Set(answers.map((a) => a.worker)).size).toBe(2);
    for (const a of answers) expect(a.body.data?.me?.username).toBe(world.users.instA);
  }, 60_000);

  async function raceTarget() {
    return placeApplication({ deps: { ds } } as TestApp, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
  }

  async function workerPids(): Promise<number[]> {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(server.child.pid)], { encoding: "utf8" });
    return out
      .split("\n")
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("WORKERS", () => {
  it("defaults to one per core in production on MySQL, one otherwise, and refuses more than one on SQLite", () => {
    const mysql = "mysql://x@127.0.0.1/db";
    expect(workerCount({}, mysql)).toBe(1);
    expect(workerCount({ NODE_ENV: "production" }, mysql)).toBe(os.availableParallelism());
    expect(workerCount({ NODE_ENV: "production" }, null)).toBe(1);
    expect(workerCount({ WORKERS: "3" }, mysql)).toBe(3);
    expect(workerCount({ WORKERS: "1" }, null)).toBe(1);
    expect(() => workerCount({ WORKERS: "2" }, null)).toThrow(/WORKERS=2 needs MySQL \(DATABASE_URL\)/);
    expect(() => workerCount({ WORKERS: "two" }, mysql)).toThrow(/whole number/);
  });

  (onMysql ? it.skip : it)("a server asked for two workers on SQLite stops at start and says why", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa-workers-"));
    try {
      const failed = await startServerProcess({ WORKERS: "2", SQLITE_PATH: path.join(dir, "app.sqlite") }).then(
        () => null,
        (err: { code?: number; output?: string }) => err,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.output).toMatch(
        /WORKERS=2 needs MySQL \(DATABASE_URL\): an SQLite file is served by one process only/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
