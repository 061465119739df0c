import path from "node:path";
import { In } from "typeorm";
import { Application } from "../assessment/application.entity";
import { ApplicationEvent } from "../assessment/application-event.entity";
import { ApplicationStatus } from "../assessment/workflow";
import { AuditLog } from "../audit/audit-log.entity";
import { counterTables } from "../testing/counters";
import { addPhysicians } from "../testing/physicians";
import { ImportJob, ImportRowResult } from "../physicians/import/import-job.entity";
import { INTERRUPTED_REASON } from "../physicians/import/interrupted-imports";
import { Physician } from "../physicians/physician.entity";
import { GqlClient } from "../testing/gql-client";
import { goodRosterRow, ROSTER_IMPORT, rosterCsv, rosterRow } from "../testing/roster-files";
import { useProcessTestbed } from "../testing/process-testbed";
import { type ServerProcess } from "../testing/server-process";
import { testDbKind } from "../testing/test-db";
import { TEST_PASSWORD } from "../testing/world";

/**
 * Faults that only a real operating-system process can have: the server killed (SIGKILL) in the middle of a roster
 * import, and (SQLite) a second server process started on the same database file.
 */
const onSqlite = testDbKind() === "sqlite";
const bed = useProcessTestbed({ name: "process" });

async function signedIn(server: ServerProcess) {
  const client = new GqlClient(server.url);
  const res = await client.login(bed.world.users.instA, TEST_PASSWORD);
  expect(res.errors).toBeUndefined();
  return client;
}

describe("a server killed in the middle of a roster import", () => {
  it("marks the interrupted import failed at the next start, with the rows actually created", async () => {
    const first = await bed.start();
    const inst = await signedIn(first);
    const before = await bed.ds.getRepository(Physician).countBy({ institutionId: bed.world.instA.id });
    const file = rosterCsv(Array.from({ length: 12_000 }, () => rosterRow(goodRosterRow())));
    const importing = inst
      .upload(ROSTER_IMPORT, { file: null }, { file: { name: "大名册.csv", content: file } })
      .catch(() => null);

    // Kill it once two chunks (1 000 rows) are committed, long before the end.
    const rows = bed.ds.getRepository(ImportRowResult);
    for (let i = 0; i < 600 && (await rows.count()) < 1000; i++) await new Promise((r) => setTimeout(r, 50));
    await first.kill();
    await importing;

    const job = await bed.ds.getRepository(ImportJob).findOneOrFail({ where: {}, order: { id: "DESC" } });
    expect(job.finishedAt).toBeNull();
    const created = (await bed.ds.getRepository(Physician).countBy({ institutionId: bed.world.instA.id })) - before;
    expect(created).toBeGreaterThanOrEqual(1000);
    expect(created).toBeLessThan(12_000);
    // On MySQL other processes may be importing: a job counts as interrupted once its heartbeat is stale.
    // The kill is real; here the clock is moved on instead of waiting for it.
    if (!onSqlite) await bed.ds.query("UPDATE import_job SET heartbeat_at = ? WHERE id = ?", [new Date(0), job.id]);

    const second = await bed.start();
    const report = await (
      await signedIn(second)
    ).ok(
      `query($id: Int!) { physicianImport(id: $id) { finishedAt failureReason totalRows created updated refused } }`,
      { id: job.id },
    );
    expect(report.physicianImport).toMatchObject({
      failureReason: INTERRUPTED_REASON,
      created,
      totalRows: created,
      updated: 0,
      refused: 0,
    });
    expect(report.physicianImport.finishedAt).not.toBeNull();
    await second.stop();
  }, 90_000);
});

describe("a server killed in the middle of 批量参加", () => {
  const BATCH = `mutation($ids: [Int!]!) { enrollPhysicians(physicianIds: $ids) { succeeded failed outcomes { physicianId ok code } } }`;
  const FAULT = "roster.enroll.batch.before-commit";
  let ids: number[];
  const enrolled = async () =>
    bed.ds
      .getRepository(Application)
      .countBy({ physicianId: In(ids), status: ApplicationStatus.AWAITING_REGISTRATION });
  const batchAudits = () =>
    bed.ds.getRepository(AuditLog).findBy({ action: "roster.enroll.batch", targetId: bed.world.instA.id });
  const expectCountersMatchRows = async () => {
    const t = await counterTables(bed.ds);
    expect(t.institutionKept).toEqual(t.institutionLive);
    expect(t.countyKept).toEqual(t.countyLive);
  };

  beforeAll(async () => {
    ids = (await addPhysicians(bed.ds, bed.world.instA, 6005)).map((p) => p.id);
  }, 120_000);

  it("enrolls nobody when killed before the commit; the next run enrolls all 6 005 with one audit record", async () => {
    const first = await bed.start({ FAULT_PAUSE_AT: FAULT });
    const inst = await signedIn(first);
    const batch = inst.request(BATCH, { ids }).catch(() => null);
    // Kill it inside the batch: at its last step before the commit (or, were it committing in chunks, as soon as
    // any part of it is visible to another connection).
    for (let i = 0; i < 1200 && !first.output().includes(`fault point reached: ${FAULT}`); i++) {
      if ((await enrolled()) > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await first.kill();
    await batch;
    expect(await enrolled()).toBe(0);
    expect(first.output()).toContain(`fault point reached: ${FAULT}`);
    expect(await batchAudits()).toEqual([]);
    expect(await bed.ds.getRepository(ApplicationEvent).countBy({ action: "ENROLL" })).toBe(0);
    await expectCountersMatchRows();

    const second = await bed.start();
    const res = await (await signedIn(second)).request(BATCH, { ids: [...ids, 999_999] });
    expect(res.errors).toBeUndefined();
    expect(res.data.enrollPhysicians).toMatchObject({ succeeded: 6005, failed: 1 });
    expect(res.data.enrollPhysicians.outcomes.at(-1)).toEqual({ physicianId: 999_999, ok: false, code: "NOT_FOUND" });
    expect(await enrolled()).toBe(6005);
    expect(await bed.ds.getRepository(ApplicationEvent).countBy({ action: "ENROLL" })).toBe(6005);
    const audits = await batchAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0].success).toBe(true);
    expect(JSON.parse(audits[0].detail!)).toMatchObject({
      requested: 6006,
      succeeded: 6005,
      failed: 1,
      refusedByCode: { NOT_FOUND: 1 },
      refused: [[999_999, "NOT_FOUND"]],
    });
    await expectCountersMatchRows();
    await second.stop();
  }, 120_000);
});

(onSqlite ? describe : describe.skip)("SQLite: one server process per database file", () => {
  const MESSAGE =
    /Another server process is already using the SQLite database .*\.sqlite.*use MySQL\/MariaDB \(DATABASE_URL\)/s;

  it("refuses a second server process on the same file at start, with a clear message; the first keeps serving", async () => {
    const first = await bed.start();
    const refused = await bed.start().catch((err: { code?: number; output?: string }) => err);
    expect(refused).toMatchObject({ code: 1, output: expect.stringMatching(MESSAGE) });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.stop();
    // The lock goes with the process: the next start works.
    const next = await bed.start();
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
    await next.kill();
  }, 60_000);

  it("of two processes starting at once on a new file, one runs and the other stops with the message", async () => {
    const fresh = { SQLITE_PATH: path.join(bed.dir, "new.sqlite") };
    const results = await Promise.allSettled([bed.start(fresh), bed.start(fresh)]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(String(failed[0].reason.output)).toMatch(MESSAGE);
    const server = (ok[0] as PromiseFulfilledResult<ServerProcess>).value;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.stop();
  }, 60_000);
});

describe("the address printed in certificates' QR codes", () => {
  it("warns at start when PUBLIC_URL is unset, and not when it is set", async () => {
    const own: Record<string, string> = onSqlite ? { SQLITE_PATH: path.join(bed.dir, "public-url.sqlite") } : {};
    const unset = await bed.start({ ...own, PUBLIC_URL: "" });
    expect(unset.output()).toMatch(
      /Warning: PUBLIC_URL is not set: certificates' QR codes point at http:\/\/localhost/,
    );
    await unset.stop();
    const set = await bed.start({ ...own, PUBLIC_URL: "https://dqkh.example.gov.cn" });
    expect(set.output()).not.toMatch(/PUBLIC_URL/);
    await set.stop();
  }, 60_000);
});
