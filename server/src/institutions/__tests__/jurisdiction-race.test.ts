import type { QueryRunner } from "typeorm";
import { counterTables } from "../../testing/counters";
import type { GqlClient } from "../../testing/gql-client";
import { addPhysicians } from "../../testing/physicians";
import { testDbKind } from "../../testing/test-db";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

/**
 * A workflow step and an approved jurisdiction change on the same institution serialize (issue 18.7): the step
 * reads the institution under its row lock, so it never moves counters in the county the institution has just left.
 *
 * On MariaDB the test makes the bad interleaving happen: another connection holds the application's row, so the
 * step (参加) stops right after reading the institution and before writing; the approval is sent then. Without the
 * lock the approval commits in that gap and the step then counts its move in the old county; with it, the approval
 * waits for the step. SQLite runs write transactions one at a time: both simply run concurrently there.
 */
const REQUEST = `mutation($input: JurisdictionChangeInput!) { requestJurisdictionChange(input: $input) { id } }`;
const DECIDE = `mutation($id: Int!) { decideJurisdictionChange(id: $id, approve: true) { status } }`;
const ENROLL = `mutation($id: Int!) { enrollPhysician(physicianId: $id) { currentApplication { status } } }`;

let app: TestApp;
let world: World;
let instA: GqlClient;
let nanning: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  [instA, nanning] = await Promise.all([world.users.instA, world.users.nanning].map((u) => signIn(app, u)));
});
afterAll(() => app.close());

/**
 * The statements of this test's database still running on the server, other than this query (the shared server
 * runs others' tests too): one seen on two polls in a row is waiting for a lock, the others take milliseconds.
 */
async function running(): Promise<string[]> {
  const rows: { INFO: string }[] = await app.deps.ds.query(
    `SELECT INFO FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO IS NOT NULL`,
  );
  return rows.map((r) => r.INFO);
}

async function until(done: () => Promise<boolean> | boolean, what: string) {
  const deadline = Date.now() + 4000; // under the server's lock wait timeout (5 s)
  for (let seen = 0; seen < 2; seen = (await done()) ? seen + 1 : 0) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const waiting = async (statement: RegExp) => (await running()).some((sql) => statement.test(sql));

it("参加 while the superior approves a move to another city: both succeed and every counter matches a recount", async () => {
  const [physician] = await addPhysicians(app.deps.ds, world.instA, 1);
  const [{ id: applicationId }] = await app.deps.ds.query("SELECT id FROM application WHERE physician_id = ?", [
    physician.id,
  ]);
  const { requestJurisdictionChange } = await instA.ok(REQUEST, {
    input: { countyCode: "450202", reason: "机构整体搬迁至柳州市城中区" },
  });

  let holder: QueryRunner | null = null;
  if (testDbKind() === "mysql") {
    holder = app.deps.ds.createQueryRunner();
    await holder.startTransaction();
    await holder.query("SELECT id FROM application WHERE id = ? FOR UPDATE", [applicationId]);
  }
  try {
    const enroll = instA.request(ENROLL, { id: physician.id });
    if (holder) await until(() => waiting(/^UPDATE `application`/), "参加 to wait for the application row");
    let decided = false;
    const decide = nanning.request(DECIDE, { id: requestJurisdictionChange.id }).finally(() => (decided = true));
    // Either the approval went through the gap (the defect) or it waits for the step's institution lock.
    if (holder)
      await until(async () => decided || waiting(/FROM `institution`.*FOR UPDATE/s), "the approval to end or wait");
    await holder?.rollbackTransaction();
    const [enrolled, approved] = await Promise.all([enroll, decide]);
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.data.enrollPhysician.currentApplication.status).toBe("AWAITING_REGISTRATION");
    expect(approved.errors).toBeUndefined();
    expect(approved.data.decideJurisdictionChange.status).toBe("APPROVED");
  } finally {
    if (holder?.isTransactionActive) await holder.rollbackTransaction();
    await holder?.release();
  }

  const t = await counterTables(app.deps.ds);
  expect(t.institutionKept).toEqual(t.institutionLive);
  expect(t.countyKept).toEqual(t.countyLive);
  // The enrolment is counted where the institution now is, and nothing is left in the county it left.
  expect(t.countyKept.filter((k) => k.includes(":450102:"))).toEqual([]);
  expect(t.countyKept).toContain(`${world.cycle.id}:450202:AWAITING_REGISTRATION|1`);
});
