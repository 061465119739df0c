import { spawn } from "node:child_process";
import { createConnection } from "mysql2/promise";
import { startTestApp, type TestApp } from "../testing/test-app";
import { testDbKind } from "../testing/test-db";
import { canStartMariadb, ThrowawayMariadb } from "../testing/throwaway-mariadb";
import { buildWorld, signIn, type World } from "../testing/world";

/**
 * A hung or killed MySQL/MariaDB must not hang the server or crash it: every wait is bounded (connect, pool
 * acquire, statement, lock), /healthz says 503 within about 2 s, and clients get SERVICE_UNAVAILABLE with a Chinese
 * message. The database here is a mariadbd of the test's own that is frozen (SIGSTOP) and killed (SIGKILL); the
 * shared server is never touched.
 */
const onMysql = testDbKind() === "mysql";
const describeMysql = onMysql && canStartMariadb() ? describe : describe.skip;

const TIMEOUTS = { connectMs: 1000, acquireMs: 1500, statementMs: 1000, lockMs: 1000 };
const ME = `{ me { username } }`;

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
};

const healthz = (app: TestApp) => fetch(`${app.url}/healthz`).then((r) => r.status);

async function expectUnavailable(res: {
  status: number;
  errors?: { message: string; extensions?: { code?: string } }[];
}) {
  expect(res.errors?.[0]).toMatchObject({
    message: "数据库暂时无法访问，请稍后重试",
    extensions: { code: "SERVICE_UNAVAILABLE" },
  });
  expect(res.status).toBe(503);
}

describeMysql("a hung, then killed, database (a mariadbd of the test's own)", () => {
  const db = new ThrowawayMariadb();
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    await db.start();
    app = await startTestApp({ databaseUrl: db.url, databaseTimeouts: TIMEOUTS, healthCheckTimeoutMs: 2000 });
    world = await buildWorld(app.deps.ds);
  }, 60_000);
  afterAll(async () => {
    db.resume();
    await app?.close().catch(() => undefined);
    await db.destroy();
  });

  it("frozen under a list page: the page's own statement (straight on a pooled connection) times out as SERVICE_UNAVAILABLE, then pages again", async () => {
    const inst = await signIn(app, world.users.instA);
    const page = () => inst.request(`{ applications(page: 1, pageSize: 20) { total items { id } } }`);
    const before = await page();
    expect(before.errors).toBeUndefined();
    // Straight away, while session and cycle are still cached: the one statement the request needs is the page's.
    db.pause();
    try {
      const frozen = await timed(page);
      await expectUnavailable(frozen.value);
      expect(frozen.ms).toBeLessThan(5000);
    } finally {
      db.resume();
    }
    // After the pause the pool serves the next page at once, with the same rows (no late answer of the frozen one).
    const after = await timed(page);
    expect(after.value.errors).toBeUndefined();
    expect(after.value.data.applications).toEqual(before.data.applications);
    expect(after.ms).toBeLessThan(3000);
  }, 60_000);

  it("frozen: /healthz is 503 within ~2 s, requests fail with SERVICE_UNAVAILABLE in bounded time, then recover", async () => {
    const inst = await signIn(app, world.users.instA);
    expect(await healthz(app)).toBe(200);
    db.pause();
    try {
      const health = await timed(() => healthz(app));
      expect(health.value).toBe(503);
      expect(health.ms).toBeLessThan(2600);

      // A signed-in request needs its session: the query on a pooled connection times out on the client.
      const signedIn = await timed(() => inst.request(ME));
      await expectUnavailable(signedIn.value);
      expect(signedIn.ms).toBeLessThan(5000);

      // Several at once: none waits longer than the bounds, whichever wait (acquire, connect, query) it meets.
      const burst = await timed(() => Promise.all(Array.from({ length: 8 }, () => inst.request(ME))));
      for (const res of burst.value) await expectUnavailable(res);
      expect(burst.ms).toBeLessThan(8000);

      // Anonymous sign-in: the rate limiter's database count fails the request at once, not twice.
      const anonymous = await timed(() => app.client().login(world.users.instB, "whatever"));
      await expectUnavailable(anonymous.value);
      expect(anonymous.ms).toBeLessThan(5000);
    } finally {
      db.resume();
    }
    const again = await timed(() => inst.request(ME));
    expect(again.value.errors).toBeUndefined();
    expect(again.value.data.me.username).toBe(world.users.instA);
    expect(again.ms).toBeLessThan(3000);
    expect(await healthz(app)).toBe(200);
  }, 60_000);

  it("killed: requests fail fast with SERVICE_UNAVAILABLE (not a 500), the server stays up, and recovers after a restart", async () => {
    const inst = await signIn(app, world.users.instA);
    await db.kill();
    const health = await timed(() => healthz(app));
    expect(health.value).toBe(503);
    expect(health.ms).toBeLessThan(2600);
    for (const client of [inst, app.client()]) {
      const res = await timed(() => client.request(ME));
      await expectUnavailable(res.value);
      expect(res.ms).toBeLessThan(3000);
    }
    const login = await app.client().login(world.users.instB, "whatever");
    await expectUnavailable(login);

    await db.start();
    // The pool opens new connections on demand: the first request after the restart already works.
    const back = await inst.request(ME);
    expect(back.errors).toBeUndefined();
    expect(await healthz(app)).toBe(200);
  }, 60_000);
});

describe("statement and lock timeouts", () => {
  // Runs on the shared server: the locks are taken in this worker's own database only.
  const describeHere = onMysql ? describe : describe.skip;
  describeHere("on MySQL/MariaDB", () => {
    let app: TestApp;
    let world: World;
    beforeAll(async () => {
      app = await startTestApp({ databaseTimeouts: { ...TIMEOUTS, statementMs: 1500 } });
      world = await buildWorld(app.deps.ds);
    });
    afterAll(() => app.close());

    const holdLock = async (sql: string) => {
      const conn = await createConnection({ uri: app.config.databaseUrl! });
      await conn.query(sql);
      return conn;
    };

    it("gives every connection the server-side statement and lock timeouts", async () => {
      const [row] = await app.deps.ds.query("SELECT @@max_statement_time AS s, @@innodb_lock_wait_timeout AS l");
      expect(Number(row.s)).toBe(1.5);
      expect(Number(row.l)).toBe(1);
    });

    it("a statement stuck behind a table lock is stopped by max_statement_time: SERVICE_UNAVAILABLE, not a hang", async () => {
      const inst = await signIn(app, world.users.instA);
      const locker = await holdLock("LOCK TABLES `session` WRITE");
      try {
        const res = await timed(() => inst.request(ME));
        await expectUnavailable(res.value);
        // the server's timeout (1.5 s) fired, before the client's own (1.5 s + grace)
        expect(res.ms).toBeGreaterThanOrEqual(1400);
        expect(res.ms).toBeLessThan(2900);
      } finally {
        await locker.end();
      }
      expect((await inst.request(ME)).errors).toBeUndefined();
    });

    it("a row lock held too long answers SERVICE_UNAVAILABLE with a Chinese message and changes nothing", async () => {
      const inst = await signIn(app, world.users.instA);
      const { createDepartment } = await inst.ok(
        `mutation($input: DepartmentInput!) { createDepartment(input: $input) { id } }`,
        { input: { name: "锁等待科", subjectCodes: ["04.01"] } },
      );
      const rename = `mutation($id: Int!, $input: DepartmentInput!) { updateDepartment(id: $id, input: $input) { name } }`;
      const locker = await holdLock("SET autocommit = 0");
      await locker.query("SELECT id FROM department WHERE id = ? FOR UPDATE", [createDepartment.id]);
      try {
        const res = await inst.request(rename, {
          id: createDepartment.id,
          input: { name: "改名科", subjectCodes: ["04.01"] },
        });
        expect(res.errors?.[0]).toMatchObject({
          message: "数据正被其他操作占用，请稍后重试",
          extensions: { code: "SERVICE_UNAVAILABLE" },
        });
      } finally {
        await locker.query("ROLLBACK");
        await locker.end();
      }
      const [row] = await app.deps.ds.query("SELECT name FROM department WHERE id = ?", [createDepartment.id]);
      expect(row.name).toBe("锁等待科");
    });
  });
});

(testDbKind() === "sqlite" ? describe : describe.skip)("SQLite: a lock held by another connection", () => {
  let app: TestApp;
  let world: World;
  beforeAll(async () => {
    app = await startTestApp({ databaseTimeouts: { ...TIMEOUTS, lockMs: 500 } }, { sharedSqliteFile: true });
    world = await buildWorld(app.deps.ds);
  });
  afterAll(() => app.close());

  /** Another process (a backup tool, a maintenance script) holding the write lock of the database file. */
  async function holdWriteLock(file: string, forMs = 60_000) {
    const locker = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.argv[1]); db.exec("BEGIN EXCLUSIVE"); console.log("locked");
         setTimeout(() => db.exec("COMMIT"), Number(process.argv[2])); process.stdin.resume();`,
        file,
        String(forMs),
      ],
      { cwd: __dirname, stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => locker.stdout!.once("data", () => resolve()));
    return { release: () => new Promise<void>((resolve) => (locker.once("exit", () => resolve()), locker.kill())) };
  }

  it("runs in WAL mode with the configured busy timeout", async () => {
    expect(await app.deps.ds.query("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    expect(await app.deps.ds.query("PRAGMA busy_timeout")).toEqual([{ timeout: 500 }]);
  });

  it("a write that outwaits the busy timeout answers SERVICE_UNAVAILABLE and changes nothing; then works", async () => {
    const inst = await signIn(app, world.users.instA);
    const create = `mutation($input: DepartmentInput!) { createDepartment(input: $input) { id name } }`;
    const count = () => app.deps.ds.query("SELECT COUNT(*) AS n FROM department").then((r) => Number(r[0].n));
    const before = await count();
    const lock = await holdWriteLock(String(app.deps.ds.options.database));
    try {
      const res = await timed(() => inst.request(create, { input: { name: "忙碌科", subjectCodes: ["04.01"] } }));
      // it waited the busy timeout (a read-then-write transaction would fail at once without SqliteWriteLockFirst)
      expect(res.ms).toBeGreaterThanOrEqual(450);
      expect(res.value.errors?.[0]).toMatchObject({
        message: "数据正被其他操作占用，请稍后重试",
        extensions: { code: "SERVICE_UNAVAILABLE" },
      });
    } finally {
      await lock.release();
    }
    expect(await count()).toBe(before);
    const again = await inst.request(create, { input: { name: "忙碌科", subjectCodes: ["04.01"] } });
    expect(again.errors).toBeUndefined();
  });

  it("a lock released within the busy timeout is waited out: the write succeeds", async () => {
    const inst = await signIn(app, world.users.instA);
    const lock = await holdWriteLock(String(app.deps.ds.options.database), 200);
    try {
      const res = await inst.request(
        `mutation($input: DepartmentInput!) { createDepartment(input: $input) { name } }`,
        {
          input: { name: "稍候科", subjectCodes: ["04.01"] },
        },
      );
      expect(res.errors).toBeUndefined();
    } finally {
      await lock.release();
    }
  });
});
