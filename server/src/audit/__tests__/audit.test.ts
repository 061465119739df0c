import { ApplicationStatus } from "../../assessment/workflow";
import { appWithWorld } from "../../testing/app-with-world";
import { signIn } from "../../testing/world";
import { placeApplication } from "../../testing/workflow";
import { addPhysicians } from "../../testing/physicians";

const LOGS = `query($filter: AuditFilter) { auditLogs(filter: $filter, pageSize: 100) { total items { action actorName actorType targetType targetId success ip at regionCode detail } } }`;
type Row = {
  action: string;
  actorName: string;
  targetType: string;
  targetId: number;
  ip: string;
  detail: string | null;
};

const t = appWithWorld();

const logs = async (user: string, filter: Record<string, unknown> = {}): Promise<Row[]> =>
  (await (await signIn(t.app, user)).ok(LOGS, { filter })).auditLogs.items;

describe("the audit log has every transition, with who, when and from where", () => {
  it("an institution's 驳回 is recorded as a workflow action on the application", async () => {
    const { application } = await placeApplication(t.app, t.world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
    const inst = await signIn(t.app, t.world.users.instA);
    await inst.ok(`mutation($id: Int!) { rejectApplication(id: $id, reason: "材料不全") { status } }`, {
      id: application.id,
    });
    const rows = (await logs(t.world.users.province, { action: "workflow." })).filter(
      (r) => r.targetId === application.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      targetType: "Application",
      actorName: "甲医院",
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(JSON.parse(rows[0].detail!)).toMatchObject({
      from: ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
      to: ApplicationStatus.RETURNED_TO_PHYSICIAN,
      reason: "材料不全",
    });
  });
});

describe("each administration reads its own region's records", () => {
  it("the city sees its institutions' sign-ins and transitions; another city and a county outside them do not", async () => {
    await signIn(t.app, t.world.users.instA); // 甲医院, county 450102 in Nanning
    const nanning = await logs(t.world.users.nanning);
    expect(nanning.some((r) => r.action === "auth.login" && r.actorName === t.world.users.instA)).toBe(true);
    expect(nanning.some((r) => r.action.startsWith("workflow.") && r.actorName === "甲医院")).toBe(true);
    const liuzhou = await logs(t.world.users.liuzhou);
    expect(liuzhou.some((r) => r.actorName === t.world.users.instA || r.actorName === "甲医院")).toBe(false);
    const qingxiu = await logs(t.world.users.qingxiu); // 450103: not 甲医院's county
    expect(qingxiu.some((r) => r.actorName === t.world.users.instA || r.actorName === "甲医院")).toBe(false);
    // the county sees its own institution (乙医院)
    await signIn(t.app, t.world.users.instB);
    expect((await logs(t.world.users.qingxiu)).some((r) => r.actorName === t.world.users.instB)).toBe(true);
  });

  it("an administration's password reset is seen by that administration, with the target", async () => {
    const nanning = await signIn(t.app, t.world.users.nanning);
    await nanning.ok(`mutation($id: Int!) { resetAccountPassword(accountId: $id) }`, { id: t.world.accounts.instB.id });
    const rows = await logs(t.world.users.qingxiu, { action: "auth.password.reset" });
    expect(rows.map((r) => r.targetId)).toContain(t.world.accounts.instB.id);
  });
});

describe("an administration narrows its records to a sub-region and a time window, never beyond its own", () => {
  it("a city narrows to one county; another city's county is refused with FORBIDDEN; a window excludes earlier rows", async () => {
    await signIn(t.app, t.world.users.instA); // 450102
    // 乙医院 (450103) signed in above, before its password was reset.
    const county = await logs(t.world.users.nanning, { regionCode: "450103", action: "auth.login" });
    expect(county.some((r) => r.actorName === t.world.users.instB)).toBe(true);
    expect(county.some((r) => r.actorName === t.world.users.instA)).toBe(false);
    const city = await logs(t.world.users.province, { regionCode: "450100", action: "auth.login" });
    expect(city.some((r) => r.actorName === t.world.users.instA)).toBe(true);
    expect(city.some((r) => r.actorName === t.world.users.instB)).toBe(true);
    for (const [user, regionCode] of [
      [t.world.users.nanning, "450202"],
      [t.world.users.nanning, "450000"],
      [t.world.users.qingxiu, "450102"],
      [t.world.users.qingxiu, "450100"],
      [t.world.users.liuzhou, "abc"],
    ]) {
      const err = await (await signIn(t.app, user)).fails(LOGS, { filter: { regionCode } });
      expect({ regionCode, code: err.extensions?.code, message: err.message }).toEqual({
        regionCode,
        code: "FORBIDDEN",
        message: "只能查看本辖区内的审计记录",
      });
    }
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await logs(t.world.users.nanning, { since: future })).toEqual([]);
    const before = await logs(t.world.users.nanning, { until: new Date(Date.now() - 3600_000).toISOString() });
    expect(before).toEqual([]);
    expect((await logs(t.world.users.nanning, { until: future })).length).toBeGreaterThan(0);
  });
});

describe("roster changes are in the audit log of the institution's region", () => {
  it("an institution's removal of a physician is seen by its city, not by another city", async () => {
    const [physician] = await addPhysicians(t.app.deps.ds, t.world.instA, 1);
    const inst = await signIn(t.app, t.world.users.instA);
    await inst.ok(
      `mutation($id: Int!) { setPhysicianPractisingStatus(physicianId: $id, status: NOT_PRACTISING) { id } }`,
      { id: physician.id },
    );
    await inst.ok(`mutation($id: Int!) { deletePhysician(physicianId: $id) }`, { id: physician.id });
    const mine = (rows: Row[]) => rows.filter((r) => r.action === "physician.delete" && r.targetId === physician.id);
    expect(mine(await logs(t.world.users.nanning))).toHaveLength(1);
    expect(mine(await logs(t.world.users.liuzhou))).toHaveLength(0);
  });
});

describe("personal numbers are masked in the audit view", () => {
  it("an attempted ID number and a phone number inside the records are masked", async () => {
    const idNumber = "450103198001011234";
    await t.app.client().login(idNumber, "wrong");
    const rows = await logs(t.world.users.province, { action: "auth.login", failedOnly: true });
    const names = rows.map((r) => r.actorName);
    expect(names).toContain("4501**********1234");
    expect(names).not.toContain(idNumber);
    expect(JSON.stringify(rows)).not.toContain(idNumber);
  });
});
