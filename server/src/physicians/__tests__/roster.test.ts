import { Account } from "../../accounts/account.entity";
import { Application } from "../../assessment/application.entity";
import { AssessmentCycle } from "../../assessment/cycle.entity";
import { adjustCounters, moveCounter } from "../../assessment/counters";
import { Institution } from "../../institutions/institution.entity";
import { ApplicationStatus } from "../../assessment/workflow";
import { AuditLog } from "../../audit/audit-log.entity";
import { Physician, PhysicianTransfer, PractisingStatus } from "../physician.entity";
import { addPhysicians, makeIdNumber } from "../../testing/physicians";
import { counterTables } from "../../testing/counters";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const LIST = `query($filter: PhysicianFilter, $sort: PhysicianSort, $page: Int, $pageSize: Int, $institutionId: Int) {
  physicians(filter: $filter, sort: $sort, page: $page, pageSize: $pageSize, institutionId: $institutionId) {
    total items { id name idNumberMasked phoneMasked categoryName department { name } currentApplication { id status statusLabel version } }
  }
}`;
const DETAIL = `query($id: Int!) { physician(id: $id) { id name idNumber phone birthDate gender scopes { code name } institutionName transfers { direction reason institutionName } currentApplication { status statusLabel } } }`;
const ENROLL = `mutation($id: Int!, $v: Int) { enrollPhysician(physicianId: $id, expectedVersion: $v) { currentApplication { status version } } }`;
const BATCH = `mutation($ids: [Int!]!) { enrollPhysicians(physicianIds: $ids) { succeeded failed outcomes { physicianId ok code message } } }`;
const CANCEL = `mutation($id: Int!) { cancelEnrollment(physicianId: $id) { currentApplication { status } } }`;
const RESET = `mutation($id: Int!) { resetPhysicianPassword(physicianId: $id) }`;
const OUT = `mutation($input: TransferOutInput!) { transferPhysicianOut(input: $input) }`;
const CANDIDATE = `query($n: String!) { transferCandidate(idNumber: $n) { id canTransferIn message name idNumberMasked } }`;
const IN = `mutation($n: String!) { transferPhysicianIn(idNumber: $n) { id institutionName currentApplication { status } } }`;
const STATUS = `mutation($id: Int!, $s: PractisingStatus!) { setPhysicianPractisingStatus(physicianId: $id, status: $s) { practisingStatus } }`;
const DELETE = `mutation($id: Int!) { deletePhysician(physicianId: $id) }`;

let app: TestApp;
let world: World;
let instA: GqlClient;
let instB: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  instA = await signIn(app, world.users.instA);
  instB = await signIn(app, world.users.instB);
});
afterAll(() => app.close());

const appOf = (physicianId: number) =>
  app.deps.ds.getRepository(Application).findOneByOrFail({ physicianId, cycleId: world.cycle.id });
/** Puts an application into a status directly (test set-up), keeping the counters true. */
async function setStatus(physicianId: number, status: ApplicationStatus) {
  const application = await appOf(physicianId);
  const institution = await app.deps.ds.getRepository(Institution).findOneByOrFail({ id: application.institutionId! });
  await app.deps.ds.getRepository(Application).update({ id: application.id }, { status });
  await adjustCounters(app.deps.ds.manager, moveCounter(application.cycleId, institution, application.status, status));
}

/** The maintained counters (per institution and per county) must always equal a live count of the rows. */
async function expectCountersMatchRows() {
  const t = await counterTables(app.deps.ds);
  expect(t.institutionKept).toEqual(t.institutionLive);
  expect(t.countyKept).toEqual(t.countyLive);
}

describe("医师列表 (manual 2.2.5)", () => {
  let physicians: Physician[];
  beforeAll(async () => {
    const dep = await createDepartment(app.deps.ds, world.instA.id, "心内科");
    physicians = await addPhysicians(app.deps.ds, world.instA, 12, { departmentId: dep.id });
    await addPhysicians(app.deps.ds, world.instA, 3, { categoryCode: "2", scopeCodes: ["31"] });
    await addPhysicians(app.deps.ds, world.instB, 2);
  });

  it("lists only the institution's own physicians, masking ID numbers and phones", async () => {
    const { physicians: page } = await instA.ok(LIST, { pageSize: 100 });
    expect(page.total).toBe(15);
    const first = page.items[0];
    expect(first.idNumberMasked).toMatch(/^4501\*{10}[0-9X]{4}$/);
    expect(first.phoneMasked).toBe("138****8000");
    expect(first.currentApplication).toMatchObject({ status: "NOT_ENROLLED", statusLabel: "未确认参加" });
    expect(JSON.stringify(page)).not.toContain(physicians[0].idNumber);
  });

  it("filters by name, department, category, ID number in either form, tab and practising status", async () => {
    const count = async (filter: object) => (await instA.ok(LIST, { filter })).physicians.total;
    expect(await count({ name: "医师00" })).toBe(12);
    expect(await count({ categoryCode: "2" })).toBe(3);
    const target = physicians[0];
    expect(await count({ idNumber: target.idNumber })).toBe(1);
    expect(await count({ idNumber: target.idNumber.toLowerCase() })).toBe(1);
    const fifteen = target.idNumber.slice(0, 6) + target.idNumber.slice(8, 17);
    expect(await count({ idNumber: fifteen })).toBe(1);
    expect(await count({ tab: "NOT_ENROLLED" })).toBe(15);
    expect(await count({ tab: "ENROLLED" })).toBe(0);
    expect(await count({ practisingStatus: "PRACTISING" })).toBe(15);
    const err = await instA.fails(LIST, { filter: { idNumber: "450102198001011230" } });
    expect(err.message).toBe("身份证号码校验位错误");
  });

  it("counts both tabs under the same filter, and says which actions each row allows", async () => {
    const counts = await instA.ok(`query($f: PhysicianFilter) { rosterCounts(filter: $f) { notEnrolled enrolled } }`, {
      f: { categoryCode: "2" },
    });
    expect(counts.rosterCounts).toEqual({ notEnrolled: 3, enrolled: 0 });
    const row = (
      await instA.ok(
        `{ physicians(pageSize: 1) { items { practisingStatusLabel currentApplication { availableActions } } } }`,
      )
    ).physicians.items[0];
    expect(row).toEqual({ practisingStatusLabel: "执业中", currentApplication: { availableActions: ["ENROLL"] } });
  });

  it("sorts and pages", async () => {
    const desc = await instA.ok(LIST, { sort: { field: "NAME", direction: "DESC" }, pageSize: 5, page: 1 });
    expect(desc.physicians.items.map((i: { name: string }) => i.name)).toEqual([
      "医师012",
      "医师011",
      "医师010",
      "医师009",
      "医师008",
    ]);
    const page3 = await instA.ok(LIST, { pageSize: 5, page: 3 });
    expect(page3.physicians.items).toHaveLength(5);
  });

  it("shows full identifiers only in the detail view, and only to those who may see the institution", async () => {
    const target = physicians[1];
    const { physician } = await instA.ok(DETAIL, { id: target.id });
    expect(physician.idNumber).toBe(target.idNumber);
    expect(physician.phone).toBe("13800138000");
    expect(physician.scopes).toEqual([{ code: "11", name: "内科专业" }]);
    expect((await instB.fails(DETAIL, { id: target.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await instB.fails(LIST, { institutionId: world.instA.id })).extensions?.code).toBe("NOT_FOUND");
    const city = await signIn(app, world.users.nanning);
    expect((await city.ok(LIST, { institutionId: world.instA.id })).physicians.total).toBe(15);
    const liuzhou = await signIn(app, world.users.liuzhou);
    expect((await liuzhou.fails(LIST, { institutionId: world.instA.id })).extensions?.code).toBe("NOT_FOUND");
  });

  it("costs the same number of SQL statements for a page of 10 as for 100", async () => {
    await addPhysicians(app.deps.ds, world.instB, 110);
    const depB = await createDepartment(app.deps.ds, world.instB.id, "外科");
    await app.deps.ds.getRepository(Physician).update({ institutionId: world.instB.id }, { departmentId: depB.id });
    const measure = async (pageSize: number) => {
      app.queries.reset();
      const res = await instB.ok(
        `query($n: Int) { physicians(pageSize: $n) { items { id department { name } institutionName currentApplication { status } } } }`,
        { n: pageSize },
      );
      expect(res.physicians.items).toHaveLength(pageSize);
      return app.queries.count;
    };
    await measure(10); // warm the session's touch
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(7);
  });
});

describe("参加、批量参加、取消报名", () => {
  let mine: Physician[];
  let theirs: Physician[];
  beforeAll(async () => {
    mine = await addPhysicians(app.deps.ds, world.instA, 6);
    theirs = await addPhysicians(app.deps.ds, world.instC, 1);
  });

  it("enrolls one physician and refuses to enroll him twice", async () => {
    const { enrollPhysician } = await instA.ok(ENROLL, { id: mine[0].id });
    expect(enrollPhysician.currentApplication.status).toBe("AWAITING_REGISTRATION");
    const err = await instA.fails(ENROLL, { id: mine[0].id });
    expect(err.extensions?.code).toBe("INVALID_STATE");
    expect(err.message).toBe("该医师已确认参加本周期考核");
  });

  it("refuses a stale version with CONFLICT", async () => {
    const before = await appOf(mine[5].id);
    const err = await instA.fails(ENROLL, { id: mine[5].id, v: before.version + 7 });
    expect(err.extensions?.code).toBe("CONFLICT");
    expect((await appOf(mine[5].id)).status).toBe("NOT_ENROLLED");
  });

  it("batch: every physician gets its own outcome and failures do not undo the rest", async () => {
    await app.deps.ds
      .getRepository(Physician)
      .update({ id: mine[4].id }, { practisingStatus: PractisingStatus.SUSPENDED });
    const ids = [mine[1].id, mine[0].id, theirs[0].id, 999999, mine[2].id, mine[4].id, mine[3].id];
    const { enrollPhysicians: r } = await instA.ok(BATCH, { ids });
    expect(r.succeeded).toBe(3);
    expect(r.failed).toBe(4);
    expect(
      r.outcomes.map((o: { physicianId: number; ok: boolean; code: string | null }) => [o.physicianId, o.ok, o.code]),
    ).toEqual([
      [mine[1].id, true, null],
      [mine[0].id, false, "INVALID_STATE"],
      [theirs[0].id, false, "NOT_FOUND"],
      [999999, false, "NOT_FOUND"],
      [mine[2].id, true, null],
      [mine[4].id, false, "INVALID_STATE"],
      [mine[3].id, true, null],
    ]);
    expect((await appOf(theirs[0].id)).status).toBe("NOT_ENROLLED");
    expect((await app.deps.ds.getRepository(Application).findOneByOrFail({ physicianId: mine[3].id })).lastAction).toBe(
      "确认参加",
    );
    await expectCountersMatchRows();
  });

  it("refuses enrolment outside the registration window", async () => {
    const cycle = await app.deps.ds.getRepository(AssessmentCycle).findOneByOrFail({ id: world.cycle.id });
    const phases = cycle.phases.map((p) =>
      p.key === "REGISTRATION" ? { ...p, startDate: "2000-01-01", endDate: "2000-02-01" } : p,
    );
    await app.deps.ds.getRepository(AssessmentCycle).update({ id: cycle.id }, { phases });
    try {
      const err = await instA.fails(ENROLL, { id: mine[5].id });
      expect(err.message).toBe("不在本周期报名时间内，不能确认参加");
      expect((await instA.fails(BATCH, { ids: [mine[5].id] })).extensions?.code).toBe("INVALID_STATE");
    } finally {
      await app.deps.ds.getRepository(AssessmentCycle).update({ id: cycle.id }, { phases: cycle.phases });
    }
  });

  it("cancels an enrolment not yet reviewed, and refuses once reviewed with the manual's advice", async () => {
    expect((await instA.ok(CANCEL, { id: mine[1].id })).cancelEnrollment.currentApplication.status).toBe(
      "NOT_ENROLLED",
    );
    await setStatus(mine[2].id, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
    expect((await instA.ok(CANCEL, { id: mine[2].id })).cancelEnrollment.currentApplication.status).toBe(
      "NOT_ENROLLED",
    );
    await setStatus(mine[3].id, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW);
    const err = await instA.fails(CANCEL, { id: mine[3].id });
    expect(err.extensions?.code).toBe("INVALID_STATE");
    expect(err.message).toBe(
      "该申请已通过本机构审核，不能由本机构取消报名；如需取消，请联系上级卫生行政部门办理（取消报名或驳回）",
    );
    expect((await appOf(mine[3].id)).status).toBe("AWAITING_ASSESSMENT_REVIEW");
    await setStatus(mine[3].id, ApplicationStatus.AWAITING_REGISTRATION);
  });

  it("another institution can neither enroll, cancel, reset, transfer nor delete my physicians", async () => {
    const target = mine[3];
    const before = await appOf(target.id);
    for (const [query, vars] of [
      [ENROLL, { id: target.id }],
      [BATCH, { ids: [target.id] }],
      [CANCEL, { id: target.id }],
      [RESET, { id: target.id }],
      [OUT, { input: { physicianId: target.id, reason: "离职" } }],
      [STATUS, { id: target.id, s: "NOT_PRACTISING" }],
      [DELETE, { id: target.id }],
    ] as const) {
      const res = await instB.request(query, vars);
      const outcome = res.data?.enrollPhysicians?.outcomes?.[0];
      expect(outcome ? outcome.code : res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    }
    expect(await appOf(target.id)).toEqual(before);
    expect((await app.deps.ds.getRepository(Physician).findOneByOrFail({ id: target.id })).institutionId).toBe(
      world.instA.id,
    );
  });
});

describe("重置密码、调离、调入、删除", () => {
  let p1: Physician;
  let p2: Physician;
  beforeAll(async () => {
    [p1, p2] = await addPhysicians(app.deps.ds, world.instA, 2);
  });

  it("the physician signs in with his ID number in either form; a reset forces a new password", async () => {
    const physician = app.client();
    const fifteen = p1.idNumber.slice(0, 6) + p1.idNumber.slice(8, 17);
    expect((await physician.login(fifteen, "666666")).data.login.mustChangePassword).toBe(true);
    await physician.ok(
      `mutation { changePassword(input: { oldPassword: "666666", newPassword: "Doc#2026ok" }) { id } }`,
    );
    expect((await instA.ok(RESET, { id: p1.id })).resetPhysicianPassword).toBe(true);
    expect((await app.client().login(p1.idNumber, "Doc#2026ok")).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await app.client().login(p1.idNumber, "666666")).data.login.mustChangePassword).toBe(true);
  });

  it("transfer out is refused while under review, otherwise detaches and keeps the history", async () => {
    await setStatus(p1.id, ApplicationStatus.AWAITING_TEST);
    const refused = await instA.fails(OUT, { input: { physicianId: p1.id, reason: "离职" } });
    expect(refused.extensions?.code).toBe("INVALID_STATE");
    await setStatus(p1.id, ApplicationStatus.NOT_ENROLLED);
    const badReason = await instA.fails(OUT, { input: { physicianId: p1.id, reason: "不想干了" } });
    expect(badReason.extensions?.code).toBe("BAD_USER_INPUT");

    await instA.ok(ENROLL, { id: p1.id });
    expect(
      (await instA.ok(OUT, { input: { physicianId: p1.id, reason: "离职", note: "去外省" } })).transferPhysicianOut,
    ).toBe(true);
    const physician = await app.deps.ds.getRepository(Physician).findOneByOrFail({ id: p1.id });
    expect(physician.institutionId).toBeNull();
    expect((await instA.ok(LIST, { filter: { idNumber: p1.idNumber } })).physicians.total).toBe(0);
    const application = await appOf(p1.id);
    expect(application).toMatchObject({ status: "NOT_ENROLLED", institutionId: null });
    await expectCountersMatchRows();
  });

  it("transfer in finds the physician by the 15-digit form and takes him in", async () => {
    const fifteen = p1.idNumber.slice(0, 6) + p1.idNumber.slice(8, 17);
    const candidate = (await instB.ok(CANDIDATE, { n: fifteen })).transferCandidate;
    expect(candidate).toMatchObject({ id: p1.id, canTransferIn: true });
    const attached = (await instB.ok(CANDIDATE, { n: p2.idNumber })).transferCandidate;
    expect(attached).toMatchObject({
      id: null,
      canTransferIn: false,
      name: null,
      message: "该医师当前在其他机构执业，需原机构先调离后才能调入",
    });
    expect((await instB.fails(IN, { n: p2.idNumber })).extensions?.code).toBe("INVALID_STATE");

    const { transferPhysicianIn: moved } = await instB.ok(IN, { n: fifteen });
    expect(moved).toMatchObject({ institutionName: "乙医院", currentApplication: { status: "NOT_ENROLLED" } });
    const { physician } = await instB.ok(DETAIL, { id: p1.id });
    expect(physician.transfers).toEqual([
      { direction: "OUT", reason: "离职：去外省", institutionName: "甲医院" },
      { direction: "IN", reason: "调入", institutionName: "乙医院" },
    ]);
    expect((await instB.fails(IN, { n: fifteen })).extensions?.code).toBe("CONFLICT");
    expect(
      await app.deps.ds.getRepository(AuditLog).countBy({ action: "physician.transfer.in", targetId: p1.id }),
    ).toBe(1);
    await expectCountersMatchRows();
  });

  it("deletes only a physician confirmed as not practising who never enrolled", async () => {
    const notYet = await instA.fails(DELETE, { id: p2.id });
    expect(notYet.message).toContain("已确认不执业");
    await instA.ok(STATUS, { id: p2.id, s: "NOT_PRACTISING" });
    await setStatus(p2.id, ApplicationStatus.AWAITING_REGISTRATION);
    expect((await instA.fails(DELETE, { id: p2.id })).message).toBe("该医师已有报名或考核记录，不能删除");
    await setStatus(p2.id, ApplicationStatus.NOT_ENROLLED);

    expect((await instA.ok(DELETE, { id: p2.id })).deletePhysician).toBe(true);
    expect(await app.deps.ds.getRepository(Physician).findOneBy({ id: p2.id })).toBeNull();
    expect(
      await app.deps.ds.getRepository(Physician).findOne({ where: { id: p2.id }, withDeleted: true }),
    ).not.toBeNull();
    expect((await app.deps.ds.getRepository(Account).findOneByOrFail({ physicianId: p2.id })).enabled).toBe(false);
    expect(await app.deps.ds.getRepository(AuditLog).countBy({ action: "physician.delete", targetId: p2.id })).toBe(1);
    expect((await instA.fails(DETAIL, { id: p2.id })).extensions?.code).toBe("NOT_FOUND");
    await expectCountersMatchRows();
    expect(await app.deps.ds.getRepository(PhysicianTransfer).countBy({ physicianId: p2.id })).toBe(0);
  });
});

describe("新增与编辑医师", () => {
  const CREATE = `mutation($input: PhysicianInput!) { createPhysician(input: $input) { id idNumber legacyIdNumber gender birthDate currentApplication { status } } }`;
  const base = () => ({
    name: "韦医生",
    idNumber: makeIdNumber(),
    categoryCode: "1",
    scopeCodes: ["12"],
    level: "PHYSICIAN",
    title: "主治医师",
  });

  it("creates a physician from a 15-digit number, normalised to 18, with account and application", async () => {
    const eighteen = makeIdNumber();
    const fifteen = eighteen.slice(0, 6) + eighteen.slice(8, 17);
    const { createPhysician } = await instA.ok(CREATE, { input: { ...base(), idNumber: fifteen } });
    expect(createPhysician).toMatchObject({
      idNumber: eighteen,
      legacyIdNumber: fifteen,
      currentApplication: { status: "NOT_ENROLLED" },
    });
    expect(await app.deps.ds.getRepository(Account).countBy({ username: eighteen })).toBe(1);
    const dup = await instA.fails(CREATE, { input: { ...base(), idNumber: eighteen } });
    expect(dup.extensions?.code).toBe("CONFLICT");
  });

  it.each([
    [{ idNumber: "450102198001011230" }, "身份证号码校验位错误"],
    [{ categoryCode: "9" }, "执业类别“9”不存在"],
    [{ scopeCodes: ["31"] }, "执业范围“31”不属于临床类别"],
    [{ title: "院士" }, "职称“院士”不在目录中"],
    [{ name: "" }, "请填写姓名"],
  ])("refuses %j", async (patch, message) => {
    const before = await app.deps.ds.getRepository(Physician).count();
    const err = await instA.fails(CREATE, { input: { ...base(), ...patch } });
    expect(err.extensions?.code).toBe("BAD_USER_INPUT");
    expect(err.message).toContain(message);
    expect(await app.deps.ds.getRepository(Physician).count()).toBe(before);
  });

  it("refuses a disabled department", async () => {
    const dep = await createDepartment(app.deps.ds, world.instA.id, "停用科", false);
    const err = await instA.fails(CREATE, { input: { ...base(), departmentId: dep.id } });
    expect(err.message).toBe("科室“停用科”已停用，不能选择");
  });
});
