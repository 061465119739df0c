import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

const HOME = `{ institutionHome {
  cycle { id name startDate endDate phases { key name startDate endDate } notice }
  noticeConfirmed
  pendingTasks { simpleReviews generalReviews exemptionReviews }
  completion { enrolled finished rate }
  assessmentInstitution { name contactPerson contactPhone }
  superiorAdministration { name contactPhone }
} }`;

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

describe("机构首页 (manual 2.2.2)", () => {
  it("shows the cycle schedule, contacts and zero counts for a new institution", async () => {
    const inst = await signIn(app, world.users.instA);
    const { institutionHome: home } = await inst.ok(HOME);
    expect(home.cycle.name).toMatch(/年度医师定期考核/);
    expect(home.cycle.phases.map((p: { key: string }) => p.key)).toEqual([
      "REGISTRATION",
      "INSTITUTION_REVIEW",
      "ASSESSMENT_REVIEW",
      "TEST",
      "MAKEUP",
    ]);
    expect(home.noticeConfirmed).toBe(false);
    expect(home.pendingTasks).toEqual({ simpleReviews: 0, generalReviews: 0, exemptionReviews: 0 });
    expect(home.completion).toEqual({ enrolled: 0, finished: 0, rate: 0 });
    expect(home.assessmentInstitution.name).toBe("考核机构甲");
    expect(home.superiorAdministration.name).toBe("南宁市卫健委");
  });

  it("the cycle notice is confirmed once per cycle and per account", async () => {
    const inst = await signIn(app, world.users.instA);
    const cycleId = (await inst.ok(HOME)).institutionHome.cycle.id;
    await inst.ok(`mutation($id: Int!) { confirmCycleNotice(cycleId: $id) }`, { id: cycleId });
    await inst.ok(`mutation($id: Int!) { confirmCycleNotice(cycleId: $id) }`, { id: cycleId });
    expect((await inst.ok(HOME)).institutionHome.noticeConfirmed).toBe(true);
    const other = await signIn(app, world.users.instB);
    expect((await other.ok(HOME)).institutionHome.noticeConfirmed).toBe(false);
    const err = await inst.fails(`mutation { confirmCycleNotice(cycleId: 99999) }`);
    expect(err.extensions?.code).toBe("NOT_FOUND");
  });

  it("is for institutions only", async () => {
    const admin = await signIn(app, world.users.province);
    expect((await admin.fails(HOME)).extensions?.code).toBe("FORBIDDEN");
  });
});
