import { Account } from "../../accounts/account.entity";
import { todayInChina } from "../../assessment/cycle.entity";
import { ApplicationStatus } from "../../assessment/workflow";
import { AuditLog } from "../../audit/audit-log.entity";
import type { Department } from "../../departments/department.entity";
import type { GqlClient } from "../../testing/gql-client";
import { addPhysicians } from "../../testing/physicians";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { physicianClient, placeApplication } from "../../testing/workflow";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";

const HOME = `{ portalHome { today cycle { name } openPhases { key name } unreadMessages
  nextStep { step title description actionLabel }
  institution { name contactPerson contactPhone }
  latestReturn { reason byLabel }
  application { id status statusLabel availableActions timeline { actionLabel } } } }`;
const MESSAGES = `query($page: Int, $pageSize: Int, $unreadOnly: Boolean) {
  myMessages(page: $page, pageSize: $pageSize, unreadOnly: $unreadOnly) { total unread items { id title body read } } }`;
const MARK = `mutation($ids: [Int!]) { markMessagesRead(ids: $ids) }`;
const ENROLL = `mutation($id: Int!) { enrollPhysician(physicianId: $id) { id } }`;
const SUBMIT = `mutation($input: ApplicationFormInput!) { submitApplication(input: $input) { status } }`;
const REJECT = `mutation($id: Int!, $reason: String!) { rejectApplication(id: $id, reason: $reason) { status } }`;
const PROFILE = `{ myProfile { id name idNumber phone departmentId department { name } } }`;
const UPDATE = `mutation($input: MyProfileInput!) { updateMyProfile(input: $input) { phone departmentId department { name } } }`;
const ELIGIBILITY = `query($good: Boolean!, $bad: Boolean!) { simpleProcedureEligibility(hasGoodRecord: $good, hasBadRecord: $bad) {
  eligible reason yearsOfPractice ruleText rule { minYearsWithGoodRecord minYearsWithoutBadRecord } } }`;

let app: TestApp;
let world: World;
let inst: GqlClient;
let department: Department;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  department = await createDepartment(app.deps.ds, world.instA.id, "心血管内科");
});
afterAll(() => app.close());

const simpleForm = () => ({
  procedure: "GENERAL",
  departmentId: department.id,
  practiceExperience: "2008 年起在心血管内科执业",
  workPerformance: "年门诊 6000 人次",
  ethics: "无投诉",
  workQuantities: [{ code: "PATIENTS", value: 2600 }],
});

describe("我的考核 home and messages", () => {
  test("enrolled, returned with a reason, messages read one by one and all at once", async () => {
    const [physician] = await addPhysicians(app.deps.ds, world.instA, 1);
    const doctor = await physicianClient(app, physician);

    let home = (await doctor.ok(HOME)).portalHome;
    expect(home.nextStep).toMatchObject({ step: "NOT_ENROLLED", actionLabel: null });
    expect(home.institution).toMatchObject({ name: world.instA.name, contactPerson: "测试联系人" });
    expect(home.unreadMessages).toBe(0);

    await inst.ok(ENROLL, { id: physician.id });
    home = (await doctor.ok(HOME)).portalHome;
    expect(home.nextStep).toMatchObject({ step: "REGISTER", actionLabel: "去报名" });
    expect(home.application.statusLabel).toBe("待报名");
    expect(home.application.availableActions).toContain("SUBMIT");
    expect(home.openPhases.map((p: { key: string }) => p.key)).toContain("REGISTRATION");
    expect(home.unreadMessages).toBe(1);

    await doctor.ok(SUBMIT, { input: simpleForm() });
    expect((await doctor.ok(HOME)).portalHome.nextStep.step).toBe("WAIT_REVIEW");
    await inst.ok(REJECT, { id: home.application.id, reason: "执业经历缺少 2015 年以后的记录" });

    home = (await doctor.ok(HOME)).portalHome;
    expect(home.nextStep).toMatchObject({ step: "RESUBMIT", actionLabel: "修改并重新提交" });
    expect(home.latestReturn.reason).toBe("执业经历缺少 2015 年以后的记录");
    expect(home.latestReturn.byLabel).toContain("医疗卫生机构");
    expect(home.application.timeline.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(
      expect.arrayContaining(["确认参加", "提交报名", "机构驳回"]),
    );
    expect(home.unreadMessages).toBe(2);

    const messages = (await doctor.ok(MESSAGES)).myMessages;
    expect(messages.total).toBe(2); // the physician's own submission is no message
    expect(messages.items[0]).toMatchObject({ title: "报名被医疗卫生机构驳回", read: false });
    expect(messages.items[0].body).toContain("执业经历缺少 2015 年以后的记录");

    // Someone else's physician cannot mark this message.
    const [other] = await addPhysicians(app.deps.ds, world.instA, 1);
    const otherDoctor = await physicianClient(app, other);
    const refused = await otherDoctor.request(MARK, { ids: [messages.items[0].id] });
    expect(refused.errors?.[0].extensions?.code).toBe("NOT_FOUND");

    expect((await doctor.ok(MARK, { ids: [messages.items[0].id] })).markMessagesRead).toBe(1);
    expect((await doctor.ok(MARK, { ids: [messages.items[0].id] })).markMessagesRead).toBe(1); // twice is fine
    const unread = (await doctor.ok(MESSAGES, { unreadOnly: true })).myMessages;
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    expect(unread.items[0].title).toBe("所在机构已确认您参加本周期考核");
    expect((await doctor.ok(MARK, {})).markMessagesRead).toBe(0);
    expect((await doctor.ok(HOME)).portalHome.unreadMessages).toBe(0);
  });

  test("returned after 医师报名 and 机构审核 ended: the way out instead of 重新提交; extended, it is offered again", async () => {
    const [physician] = await addPhysicians(app.deps.ds, world.instA, 1);
    const doctor = await physicianClient(app, physician);
    await inst.ok(ENROLL, { id: physician.id });
    await doctor.ok(SUBMIT, { input: simpleForm() });
    const id = (await doctor.ok(HOME)).portalHome.application.id;
    await inst.ok(REJECT, { id, reason: "请补充执业经历" });

    const province = await signIn(app, world.users.province);
    const { currentCycle } = await province.ok(`{ currentCycle { id phases { key name startDate endDate } } }`);
    type Phase = { key: string; name: string; startDate: string; endDate: string };
    const phases: Phase[] = currentCycle.phases;
    const yesterday = new Date(Date.parse(`${todayInChina()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const UPDATE_CYCLE = `mutation($id: Int!, $input: CycleInput!) { updateAssessmentCycle(id: $id, input: $input) { id } }`;
    const ended = phases.map((ph) =>
      ["REGISTRATION", "INSTITUTION_REVIEW"].includes(ph.key) ? { ...ph, endDate: yesterday } : ph,
    );
    await province.ok(UPDATE_CYCLE, { id: currentCycle.id, input: { phases: ended } });
    try {
      const home = (await doctor.ok(HOME)).portalHome;
      expect(home.nextStep).toMatchObject({ step: "REGISTRATION_CLOSED", actionLabel: null });
      expect(home.nextStep.description).toContain(`该阶段已于 ${yesterday} 结束`);
      expect(home.nextStep.description).toContain("如需延长，请联系省级卫生行政部门");
      const refused = await doctor.fails(SUBMIT, { input: simpleForm() });
      expect(refused.extensions).toMatchObject({ code: "INVALID_STATE", reason: "PHASE_CLOSED" });

      await province.ok(
        `mutation($id: Int!, $end: String!) { extendCyclePhase(id: $id, phase: "REGISTRATION", endDate: $end, reason: "延长一周") { id } }`,
        { id: currentCycle.id, end: todayInChina() },
      );
      expect((await doctor.ok(HOME)).portalHome.nextStep.step).toBe("RESUBMIT");
      expect((await doctor.ok(SUBMIT, { input: simpleForm() })).submitApplication.status).toBe(
        "AWAITING_INSTITUTION_REVIEW",
      );
    } finally {
      await province.ok(UPDATE_CYCLE, { id: currentCycle.id, input: { phases } });
    }
  });

  test("a page of messages costs the same statements for 1 or 10 rows", async () => {
    const [physician] = await addPhysicians(app.deps.ds, world.instA, 1);
    const doctor = await physicianClient(app, physician);
    await inst.ok(ENROLL, { id: physician.id });
    const count = async (pageSize: number) => {
      app.queries.reset();
      await doctor.ok(MESSAGES, { pageSize });
      return app.queries.count;
    };
    const small = await count(1);
    expect(await count(10)).toBe(small);
  });

  test("each later status has its one next step", async () => {
    const cases: [ApplicationStatus, string][] = [
      [ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, "WAIT_REVIEW"],
      [ApplicationStatus.AWAITING_TEST, "TAKE_TEST"],
      [ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION, "WAIT_MAKEUP_DECISION"],
      [ApplicationStatus.AWAITING_MAKEUP_TEST, "TAKE_MAKEUP"],
      [ApplicationStatus.QUALIFIED, "CERTIFICATE"],
      [ApplicationStatus.UNQUALIFIED, "UNQUALIFIED"],
    ];
    for (const [status, expected] of cases) {
      const { physician } = await placeApplication(app, world, status);
      const doctor = await physicianClient(app, physician);
      const home = (await doctor.ok(HOME)).portalHome;
      expect([status, home.nextStep.step]).toEqual([status, expected]);
      expect(home.nextStep.title).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  test("only physicians have a portal", async () => {
    for (const q of [HOME, MESSAGES, PROFILE]) {
      const res = await inst.request(q);
      expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const anonymous = await app.client().request(HOME);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("个人信息", () => {
  test("the physician keeps his phone and chooses an enabled department of his institution", async () => {
    const [physician] = await addPhysicians(app.deps.ds, world.instA, 1);
    const doctor = await physicianClient(app, physician);
    const profile = (await doctor.ok(PROFILE)).myProfile;
    expect(profile).toMatchObject({ id: physician.id, idNumber: physician.idNumber });

    const badPhone = await doctor.request(UPDATE, { input: { phone: "12345", departmentId: department.id } });
    expect(badPhone.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "phone" });

    const closed = await createDepartment(app.deps.ds, world.instA.id, "已停用科室", false);
    const disabled = await doctor.request(UPDATE, { input: { phone: "13907710001", departmentId: closed.id } });
    expect(disabled.errors?.[0]).toMatchObject({
      message: expect.stringContaining("已停用"),
      extensions: { code: "BAD_USER_INPUT", field: "departmentId" },
    });
    const foreign = await createDepartment(app.deps.ds, world.instB.id, "外院科室");
    const elsewhere = await doctor.request(UPDATE, { input: { phone: "13907710001", departmentId: foreign.id } });
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "departmentId" });

    const updated = (await doctor.ok(UPDATE, { input: { phone: "13907710001", departmentId: department.id } }))
      .updateMyProfile;
    expect(updated).toMatchObject({
      phone: "13907710001",
      departmentId: department.id,
      department: { name: "心血管内科" },
    });
    const log = await app.deps.ds
      .getRepository(AuditLog)
      .findOneBy({ action: "physician.profile.self", targetId: physician.id });
    expect(log).not.toBeNull();
    const account = await app.deps.ds.getRepository(Account).findOneByOrFail({ physicianId: physician.id });
    expect(log!.actorId).toBe(account.id);
  });
});

describe("简易程序适用条件", () => {
  test("the cycle's rule is applied to the physician's years of practice and records", async () => {
    const [senior] = await addPhysicians(app.deps.ds, world.instA, 1, { firstPracticeDate: "2008-07-01" });
    const [junior] = await addPhysicians(app.deps.ds, world.instA, 1, { firstPracticeDate: "2024-07-01" });
    const seniorDoctor = await physicianClient(app, senior);
    const juniorDoctor = await physicianClient(app, junior);

    const ok = (await seniorDoctor.ok(ELIGIBILITY, { good: false, bad: false })).simpleProcedureEligibility;
    expect(ok).toMatchObject({ eligible: true, reason: null, rule: { minYearsWithGoodRecord: 5 } });
    expect(ok.yearsOfPractice).toBeGreaterThanOrEqual(12);
    expect(ok.ruleText).toContain("简易程序");

    const badRecord = (await seniorDoctor.ok(ELIGIBILITY, { good: false, bad: true })).simpleProcedureEligibility;
    expect(badRecord.eligible).toBe(false);
    expect(badRecord.reason).toContain("请选择一般程序");

    const young = (await juniorDoctor.ok(ELIGIBILITY, { good: true, bad: false })).simpleProcedureEligibility;
    expect(young).toMatchObject({ eligible: false });
  });
});
