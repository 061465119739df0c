import { LoginThrottle } from "../../accounts/login-throttle.entity";
import { AuditLog } from "../../audit/audit-log.entity";
import { Application } from "../../assessment/application.entity";
import { ApplicationEvent } from "../../assessment/application-event.entity";
import { cycleAround } from "../../assessment/cycle.defaults";
import { AssessmentCycle, todayInChina } from "../../assessment/cycle.entity";
import { TestKind } from "../../assessment/procedure";
import { ApplicationStatus } from "../../assessment/workflow";
import { AttemptStatus, CheatingVerdict, TestAttempt } from "../../exams/test-attempt.entity";
import type { GqlClient } from "../../testing/gql-client";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { placeApplication } from "../../testing/workflow";
import { buildWorld, signIn, type World } from "../../testing/world";

const DASHBOARD = `query($code: String, $cycleId: Int) { administrationDashboard(regionCode: $code, cycleId: $cycleId) {
  cycleId region { code name level } trail { code name }
  summary { total statusCounts { status count } completion { enrolled finished rate } }
  childLevel children { code name total statusCounts { status count } }
  waiting { makeupConfirmations suspectedAttempts aaApplications } } }`;
const INSTITUTION_SUMMARY = `query($id: Int) { progressSummary(institutionId: $id) { total statusCounts { status count } } }`;
const BATCH = `mutation($input: MakeupBatchInput!) { confirmMakeups(input: $input) { applicationId ok status statusLabel code message } }`;
const UNLOCK = `mutation($id: Int!) { unlockAccount(accountId: $id) }`;
const APP = `query($id: Int!) { application(id: $id) { status } }`;

let app: TestApp;
let world: World;
let province: GqlClient;
let nanning: GqlClient;
let qingxiu: GqlClient;
let liuzhou: GqlClient;
const makeups: number[] = [];
let liuzhouPhysicianId = "";

async function suspectAttempt(applicationId: number, institutionId: number, physicianId: number) {
  await app.deps.ds.getRepository(TestAttempt).insert({
    applicationId,
    cycleId: world.cycle.id,
    physicianId,
    institutionId,
    paperId: null,
    testKind: TestKind.HUMANITIES,
    isMakeup: false,
    status: AttemptStatus.SUBMITTED,
    snapshotCount: 0,
    suspected: true,
    suspectedAt: new Date(),
    verdict: CheatingVerdict.NONE,
    voided: false,
    recordedByType: "TEST",
    createdAt: new Date(),
    updatedAt: new Date(),
  });
}

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  // 甲医院 (南宁 兴宁区 450102): 3 waiting for tests, 2 make-up confirmations, 1 qualified;
  // 乙医院 (南宁 青秀区 450103): 2 qualified, 1 make-up confirmation; 丙医院 (柳州): 4 waiting, 1 suspected attempt.
  for (let i = 0; i < 3; i++) await placeApplication(app, world, ApplicationStatus.AWAITING_TEST);
  for (let i = 0; i < 2; i++) {
    const { application } = await placeApplication(app, world, ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION);
    makeups.push(application.id);
  }
  await placeApplication(app, world, ApplicationStatus.QUALIFIED);
  for (let i = 0; i < 2; i++)
    await placeApplication(app, world, ApplicationStatus.QUALIFIED, { institution: world.instB });
  const b = await placeApplication(app, world, ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION, {
    institution: world.instB,
  });
  makeups.push(b.application.id);
  for (let i = 0; i < 4; i++) {
    const c = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST, { institution: world.instC });
    if (i === 0) {
      await suspectAttempt(c.application.id, world.instC.id, c.physician.id);
      liuzhouPhysicianId = c.physician.idNumber;
    }
  }
  [province, nanning, qingxiu, liuzhou] = await Promise.all(
    [world.users.province, world.users.nanning, world.users.qingxiu, world.users.liuzhou].map((u) => signIn(app, u)),
  );
});
afterAll(() => app.close());

type Row = { code: string; name: string; total: number; statusCounts: { status: string; count: number }[] };
const countsOf = (row: { statusCounts: { status: string; count: number }[] }) =>
  Object.fromEntries(row.statusCounts.filter((c) => c.count > 0).map((c) => [c.status, c.count]));

describe("administration dashboard: drill-down province → city → county → institution", () => {
  it("the province sees its cities, totals equal to the sum of the rows, and what waits for it", async () => {
    const d = (await province.ok(DASHBOARD, {})).administrationDashboard;
    expect(d.region).toEqual({ code: "450000", name: "广西壮族自治区", level: "PROVINCE" });
    expect(d.trail.map((r: { code: string }) => r.code)).toEqual(["450000"]);
    expect(d.childLevel).toBe("CITY");
    expect(d.children.map((r: Row) => [r.code, r.name, r.total])).toEqual([
      ["450100", "南宁市", 9],
      ["450200", "柳州市", 4],
    ]);
    expect(d.summary.total).toBe(13);
    expect(d.waiting).toEqual({ makeupConfirmations: 3, suspectedAttempts: 1, aaApplications: 0 });
  });

  it("clicking down to an institution gives the institution's own 考核进度 counts", async () => {
    const city = (await province.ok(DASHBOARD, { code: "450100" })).administrationDashboard;
    expect(city.childLevel).toBe("COUNTY");
    expect(city.trail.map((r: { name: string }) => r.name)).toEqual(["广西壮族自治区", "南宁市"]);
    expect(city.children.map((r: Row) => [r.code, r.total])).toEqual([
      ["450102", 6],
      ["450103", 3],
    ]);
    expect(city.waiting).toEqual({ makeupConfirmations: 3, suspectedAttempts: 0, aaApplications: 0 });
    const county = (await province.ok(DASHBOARD, { code: "450102" })).administrationDashboard;
    expect(county.childLevel).toBe("INSTITUTION");
    expect(county.trail.map((r: { code: string }) => r.code)).toEqual(["450000", "450100", "450102"]);
    expect(county.children.map((r: Row) => r.name)).toEqual(["甲医院"]);
    const row = county.children[0];
    expect(row.code).toBe(String(world.instA.id));
    const own = (await signIn(app, world.users.instA)).ok(INSTITUTION_SUMMARY, {});
    const inst = (await own).progressSummary;
    expect(countsOf(row)).toEqual(countsOf(inst));
    expect(countsOf(row)).toEqual({ AWAITING_TEST: 3, AWAITING_MAKEUP_CONFIRMATION: 2, QUALIFIED: 1 });
    expect(county.summary.total).toBe(inst.total);
  });

  it("a city starts at its own city and drills into its counties, never into another city", async () => {
    const d = (await nanning.ok(DASHBOARD, {})).administrationDashboard;
    expect(d.region.code).toBe("450100");
    expect(d.trail.map((r: { code: string }) => r.code)).toEqual(["450100"]);
    expect(d.summary.total).toBe(9);
    const down = (await nanning.ok(DASHBOARD, { code: "450103" })).administrationDashboard;
    expect(down.trail.map((r: { code: string }) => r.code)).toEqual(["450100", "450103"]);
    expect(down.children.map((r: Row) => r.name)).toEqual(["乙医院"]);
    for (const code of ["450200", "450202", "450000", "999999", "abc"]) {
      const err = await nanning.fails(DASHBOARD, { code });
      expect({ code, ext: err.extensions?.code, message: err.message }).toEqual({
        code,
        ext: "FORBIDDEN",
        message: "只能查看本辖区内的地区",
      });
    }
    const other = (await liuzhou.ok(DASHBOARD, {})).administrationDashboard;
    expect(other.children.map((r: Row) => r.name)).toEqual(["城中区"]);
    expect(other.waiting.suspectedAttempts).toBe(1);
  });

  it("a cycle named by the caller must be of its province: another province's or a missing one is NOT_FOUND", async () => {
    const em = app.deps.ds.manager;
    const beijing = await em.save(
      em.create(AssessmentCycle, { ...cycleAround(todayInChina(), "110000"), name: "北京市周期", isCurrent: false }),
    );
    for (const cycleId of [beijing.id, 987654]) {
      const err = await province.fails(DASHBOARD, { cycleId });
      expect({ cycleId, ext: err.extensions?.code, message: err.message }).toEqual({
        cycleId,
        ext: "NOT_FOUND",
        message: "考核周期不存在或无权查看",
      });
      const list = await nanning.fails(`query($c: Int) { applications(filter: { cycleId: $c }) { total } }`, {
        c: cycleId,
      });
      expect(list.extensions?.code).toBe("NOT_FOUND");
    }
    // Its own cycle named explicitly still answers as the default does.
    const own = (await province.ok(DASHBOARD, { cycleId: world.cycle.id })).administrationDashboard;
    expect(own.cycleId).toBe(world.cycle.id);
  });

  it("a county sees its institutions only, and cannot look up to its city", async () => {
    const d = (await qingxiu.ok(DASHBOARD, {})).administrationDashboard;
    expect(d.region.code).toBe("450103");
    expect(d.childLevel).toBe("INSTITUTION");
    expect(d.children.map((r: Row) => [r.name, r.total])).toEqual([["乙医院", 3]]);
    expect(d.waiting.makeupConfirmations).toBe(1);
    expect((await qingxiu.fails(DASHBOARD, { code: "450100" })).extensions?.code).toBe("FORBIDDEN");
    expect((await qingxiu.fails(DASHBOARD, { code: "450102" })).extensions?.code).toBe("FORBIDDEN");
  });

  it("institutions and assessment institutions have no dashboard", async () => {
    for (const u of [world.users.instA, world.users.aiA]) {
      expect((await (await signIn(app, u)).fails(DASHBOARD, {})).extensions?.code).toBe("FORBIDDEN");
    }
  });
});

const TREND = `query($code: String) { administrationDashboard(regionCode: $code) { trend { day submissions results } } }`;
type Point = { day: string; submissions: number; results: number };

describe("administration dashboard: trend of submissions and results over the cycle", () => {
  const DAY = 24 * 3600_000;
  beforeAll(async () => {
    const events = app.deps.ds.getRepository(ApplicationEvent);
    const apps = app.deps.ds.getRepository(Application);
    const a = await apps.findOneByOrFail({ institutionId: world.instA.id, cycleId: world.cycle.id });
    const c = await apps.findOneByOrFail({ institutionId: world.instC.id, cycleId: world.cycle.id });
    const now = Date.now();
    const event = (applicationId: number, action: string, at: number) => ({
      applicationId,
      at: new Date(at),
      actorType: "TEST",
      action,
      fromStatus: null,
      toStatus: null,
    });
    await events.insert([
      event(a.id, "SUBMIT", now),
      event(a.id, "SUBMIT", now - 1000),
      event(a.id, "RECORD_TEST_RESULT", now),
      event(a.id, "APPROVE", now), // neither a submission nor a result
      event(a.id, "SUBMIT", now - 2 * DAY),
      event(a.id, "SUBMIT", Date.parse(`${world.cycle.startDate}T00:00:00Z`) - 9 * 3600_000), // before the cycle
      event(c.id, "SUBMIT", now),
      event(c.id, "RECORD_MAKEUP_RESULT", now),
    ]);
  });
  const trendOf = async (client: GqlClient, code?: string) =>
    (await client.ok(TREND, { code })).administrationDashboard.trend as Point[];
  const today = () => todayInChina();
  const twoDaysAgo = () => todayInChina(new Date(Date.now() - 2 * DAY));

  it("has every day from the cycle's first to today, counted in the region shown", async () => {
    const p = await trendOf(province);
    expect(p[0].day).toBe(world.cycle.startDate);
    expect(p[p.length - 1]).toEqual({ day: today(), submissions: 3, results: 2 });
    expect(new Set(p.map((x) => x.day)).size).toBe(p.length);
    expect(p.reduce((n, x) => n + x.submissions, 0)).toBe(world.cycle.startDate <= twoDaysAgo() ? 4 : 3);
    const city = await trendOf(nanning);
    expect(city[city.length - 1]).toEqual({ day: today(), submissions: 2, results: 1 });
    expect(city.find((x) => x.day === twoDaysAgo())?.submissions ?? 1).toBe(1);
    const county = await trendOf(province, "450102");
    expect(county[county.length - 1]).toEqual({ day: today(), submissions: 2, results: 1 });
    const other = await trendOf(liuzhou);
    expect(other[other.length - 1]).toEqual({ day: today(), submissions: 1, results: 1 });
  });

  it("a county with no activity has a flat line, and cannot ask for its neighbour's", async () => {
    const q = await trendOf(qingxiu);
    expect(q.length).toBeGreaterThan(0);
    expect(q.every((x) => x.submissions === 0 && x.results === 0)).toBe(true);
    expect((await qingxiu.fails(TREND, { code: "450102" })).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("批量补考确认 (province)", () => {
  it("a city or county cannot confirm make-ups", async () => {
    const input = { decisions: [{ applicationId: makeups[0], allow: true }] };
    expect((await nanning.fails(BATCH, { input })).extensions?.code).toBe("FORBIDDEN");
    expect((await qingxiu.fails(BATCH, { input })).extensions?.code).toBe("FORBIDDEN");
    expect((await province.ok(APP, { id: makeups[0] })).application.status).toBe("AWAITING_MAKEUP_CONFIRMATION");
  });

  it("applies each row on its own and says per row what happened", async () => {
    const [allow, refuse, noReason] = makeups;
    const out = (
      await province.ok(BATCH, {
        input: {
          decisions: [
            { applicationId: allow, allow: true },
            { applicationId: refuse, allow: false, reason: "首次测评缺考且无正当理由" },
            { applicationId: noReason, allow: false, reason: " " },
            { applicationId: allow, allow: true },
            { applicationId: 999999, allow: true },
          ],
        },
      })
    ).confirmMakeups;
    expect(
      out.map((o: { applicationId: number; ok: boolean; status: string | null; code: string | null }) => [
        o.applicationId,
        o.ok,
        o.status,
        o.code,
      ]),
    ).toEqual([
      [allow, true, "AWAITING_MAKEUP_TEST", null],
      [refuse, true, "UNQUALIFIED", null],
      [noReason, false, null, "BAD_USER_INPUT"],
      [allow, false, null, "BAD_USER_INPUT"],
      [999999, false, null, "NOT_FOUND"],
    ]);
    expect(out[1].statusLabel).toBe("不合格");
    expect(out[2].message).toMatch(/理由/);
    expect((await province.ok(APP, { id: noReason })).application.status).toBe("AWAITING_MAKEUP_CONFIRMATION");
    // a second batch on an already decided row is refused for that row only
    const again = (
      await province.ok(BATCH, {
        input: {
          decisions: [
            { applicationId: allow, allow: true },
            { applicationId: noReason, allow: true },
          ],
        },
      })
    ).confirmMakeups;
    expect(again.map((o: { ok: boolean; code: string | null }) => [o.ok, o.code])).toEqual([
      [false, "INVALID_STATE"],
      [true, null],
    ]);
    const d = (await province.ok(DASHBOARD, {})).administrationDashboard;
    expect(d.waiting.makeupConfirmations).toBe(0);
  });

  it("an empty batch is refused with a Chinese message", async () => {
    const err = await province.fails(BATCH, { input: { decisions: [] } });
    expect(err.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("解除锁定 (unlock), inside the region only", () => {
  const lock = (username: string) =>
    app.deps.ds
      .getRepository(LoginThrottle)
      .save({ username, failedCount: 0, lockedUntil: new Date(Date.now() + 10 * 60_000), updatedAt: new Date() });

  it("another city's administration cannot see the account; the own city unlocks it, audited", async () => {
    const target = world.accounts.instC;
    await lock(target.username);
    expect((await nanning.fails(UNLOCK, { id: target.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await qingxiu.fails(UNLOCK, { id: target.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await (await signIn(app, world.users.instA)).fails(UNLOCK, { id: target.id })).extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await liuzhou.ok(UNLOCK, { id: target.id })).unlockAccount).toBe(true);
    const after = await app.deps.ds.getRepository(LoginThrottle).findOneByOrFail({ username: target.username });
    expect(after.lockedUntil).toBeNull();
    const row = await app.deps.ds
      .getRepository(AuditLog)
      .findOneBy({ action: "auth.account.unlock", targetId: target.id });
    expect(row?.actorName).toBe("柳州市卫健委");
    expect((await liuzhou.fails(UNLOCK, { id: target.id })).message).toBe("该账户未被锁定");
    await signIn(app, world.users.instC);
  });
});

describe("账户 lists mask physicians' ID numbers", () => {
  it("a physician's account (its user name is the ID number) is found by the full number and shown masked", async () => {
    const LIST = `query($f: AccountFilter) { administeredAccounts(filter: $f) { total items { username kind } } }`;
    const found = (await liuzhou.ok(LIST, { f: { kind: "PHYSICIAN", search: liuzhouPhysicianId } }))
      .administeredAccounts;
    expect(found.total).toBe(1);
    expect(found.items[0].username).toBe(
      `${liuzhouPhysicianId.slice(0, 4)}${"*".repeat(liuzhouPhysicianId.length - 8)}${liuzhouPhysicianId.slice(-4)}`,
    );
    const all = (await liuzhou.ok(LIST, { f: { kind: "PHYSICIAN" } })).administeredAccounts.items;
    expect(all.every((a: { username: string }) => a.username.includes("*"))).toBe(true);
    expect((await nanning.ok(LIST, { f: { search: liuzhouPhysicianId } })).administeredAccounts.total).toBe(0);
  });
});
