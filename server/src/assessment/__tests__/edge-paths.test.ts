import { Application } from "../application.entity";
import { AssessmentCycle, todayInChina, type CyclePhase } from "../cycle.entity";
import { Procedure, TestKind } from "../procedure";
import { ApplicationStatus, EXEMPTION_TRANSITIONS, ExemptionStatus, FINAL_STATUSES, TRANSITIONS } from "../workflow";
import { AttemptStatus, TestAttempt } from "../../exams/test-attempt.entity";
import { samplePdf } from "../../testing/files";
import { forceState, physicianClient, placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";
import type { Department } from "../../departments/department.entity";

/**
 * Issue 11: the paths around the transition table where a physician got a wrong result or was stranded,
 * each through GraphQL over HTTP.
 */
const FIELDS = `id status version procedure exemptionStatus exemptedTest requiredTests availableActions availableExemptionActions
  withdrawnOnCancel testAttempts { testKind status } timeline { action reason toStatus }`;
const Q = {
  app: `query($id: Int!) { application(id: $id) { ${FIELDS} } }`,
  submit: `mutation($input: ApplicationFormInput!) { submitApplication(input: $input) { ${FIELDS} } }`,
  draft: `mutation($input: ApplicationFormInput!) { saveApplicationDraft(input: $input) { id } }`,
  approve: `mutation($id: Int!, $input: InstitutionApprovalInput!) { approveApplication(id: $id, input: $input) {
    ${FIELDS} institutionReview { outcome opinion ratings { item rating declaredValue threshold contradictsStandard } } } }`,
  cancel: `mutation($id: Int!) { cancelEnrollment(physicianId: $id) { id } }`,
  enroll: `mutation($id: Int!) { enrollPhysician(physicianId: $id) { id } }`,
  roster: `query($id: Int!) { physician(id: $id) { currentApplication { status withdrawnOnCancel } } }`,
  adminReturn: `mutation($id: Int!) { returnApplication(id: $id, reason: "材料有误，退回重填") { ${FIELDS} } }`,
  adminCancel: `mutation($id: Int!) { cancelEnrollmentByAdministration(id: $id, reason: "医师已离岗") { ${FIELDS} } }`,
  result: `mutation($id: Int!, $kind: TestKind!, $passed: Boolean!) {
    recordTestResult(input: { applicationId: $id, testKind: $kind, passed: $passed, score: 80 }) { ${FIELDS} } }`,
  upload: `mutation($file: Upload!) { uploadApplicationAttachment(purpose: EVIDENCE, file: $file) { id } }`,
  requestExemption: `mutation { requestExemption(input: { reason: "获得省级以上表彰" }) { ${FIELDS} } }`,
  reReviewExemption: `mutation($id: Int!) { reReviewExemption(id: $id, approve: true) { ${FIELDS} } }`,
  extend: `mutation($id: Int!, $phase: String!, $end: String!) {
    extendCyclePhase(id: $id, phase: $phase, endDate: $end, reason: "疫情影响，延长审核时间") { phases { key endDate } } }`,
  home: `{ institutionHome { pendingTasks { exemptionReviews } } }`,
  addOpinion: `mutation($id: Int!) { addOtherInstitutionOpinion(id: $id, institutionName: "南宁市第二人民医院", opinion: "同意") {
    otherOpinions { id institutionName opinion } } }`,
  updateOpinion: `mutation($id: Int!) { updateOtherInstitutionOpinion(opinionId: $id, institutionName: "南宁市第二人民医院", opinion: "同意，表现优秀") {
    otherOpinions { id opinion } timeline { action reason } } }`,
  removeOpinion: `mutation($id: Int!) { removeOtherInstitutionOpinion(opinionId: $id) { otherOpinions { id } timeline { action reason } } }`,
  workflow: `{ workflow { actions { action label eventLabel party roles from to refusal refusals { status message } phases { from phases } } } }`,
};

let app: TestApp;
let world: World;
let inst: GqlClient;
let assessor: GqlClient;
let city: GqlClient;
let province: GqlClient;
let department: Department;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  [inst, assessor, city, province] = await Promise.all([
    signIn(app, world.users.instA),
    signIn(app, world.users.aiA),
    signIn(app, world.users.nanning),
    signIn(app, world.users.province),
  ]);
  department = await createDepartment(app.deps.ds, world.instA.id, "普通外科");
});
afterAll(() => app.close());

const today = todayInChina();
const day = (offset: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** Runs `body` with some phases of the world's cycle moved, and puts them back afterwards. */
async function withPhases(changes: Record<string, Partial<CyclePhase>>, body: () => Promise<void>) {
  const repo = app.deps.ds.getRepository(AssessmentCycle);
  const before = (await repo.findOneByOrFail({ id: world.cycle.id })).phases;
  await repo.update(
    { id: world.cycle.id },
    { phases: before.map((p) => (changes[p.key] ? { ...p, ...changes[p.key] } : p)) },
  );
  try {
    await body();
  } finally {
    await repo.update({ id: world.cycle.id }, { phases: before });
  }
}

const ended = { startDate: day(-60), endDate: day(-1) };

const generalForm = (quantities = [{ code: "OPERATIONS", value: 1650 }]) => ({
  procedure: "GENERAL",
  departmentId: department.id,
  practiceExperience: "2010 年起在普通外科执业",
  workPerformance: "完成手术 1650 例",
  ethics: "无投诉",
  report: "",
  hasGoodRecord: false,
  hasBadRecord: false,
  workQuantities: quantities,
});
const simpleForm = () => ({ ...generalForm([]), procedure: "SIMPLE", report: "述职报告", hasGoodRecord: true });

async function placed(
  status: ApplicationStatus,
  options: { procedure?: Procedure; exemptionStatus?: ExemptionStatus; exemptedTest?: TestKind | null } = {},
) {
  const { physician, application } = await placeApplication(app, world, status, options);
  if (options.exemptedTest !== undefined)
    await forceState(app.deps.ds, application.id, { exemptedTest: options.exemptedTest });
  return { physician, id: application.id };
}

async function addAttempt(applicationId: number, testKind: TestKind, status: AttemptStatus, passed: boolean | null) {
  const a = await app.deps.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
  const now = new Date();
  await app.deps.ds.getRepository(TestAttempt).insert({
    applicationId,
    cycleId: a.cycleId,
    physicianId: a.physicianId,
    institutionId: a.institutionId!,
    paperId: null,
    testKind,
    isMakeup: false,
    status,
    startedAt: null,
    submittedAt: passed === null ? null : now,
    score: passed === null ? null : passed ? 80 : 40,
    passed,
    recordedByType: "",
    recordedById: null,
    createdAt: now,
    updatedAt: now,
  });
}

describe("1. the exempted test follows from the procedure in force", () => {
  it("resubmitting under the general procedure voids a 医学人文 exemption: both tests are required again", async () => {
    const { physician } = await placed(ApplicationStatus.RETURNED_TO_PHYSICIAN, {
      procedure: Procedure.SIMPLE,
      exemptionStatus: ExemptionStatus.APPROVED,
      exemptedTest: TestKind.HUMANITIES,
    });
    const me = await physicianClient(app, physician);
    const { submitApplication } = await me.ok(Q.submit, { input: generalForm() });
    expect(submitApplication).toMatchObject({ procedure: "GENERAL", exemptionStatus: "NONE", exemptedTest: null });
    expect([...submitApplication.requiredTests].sort()).toEqual(["HUMANITIES", "PROFESSIONAL"]);
    const closed = submitApplication.timeline.find((e: { action: string }) => e.action === "CLOSE_EXEMPTION");
    expect(closed.reason).toContain("原免考申请（免医学人文测评）不再适用");
    // The physician may request again (for the general procedure's 业务水平).
    expect(submitApplication.availableExemptionActions).toEqual(["REQUEST_EXEMPTION"]);
  });

  it("an approved exemption that does not fit the procedure removes no test", async () => {
    const { id } = await placed(ApplicationStatus.AWAITING_TEST, {
      procedure: Procedure.GENERAL,
      exemptionStatus: ExemptionStatus.APPROVED,
      exemptedTest: TestKind.HUMANITIES,
    });
    const { application } = await inst.ok(Q.app, { id });
    expect([...application.requiredTests].sort()).toEqual(["HUMANITIES", "PROFESSIONAL"]);
  });
});

describe("2. a 不合格 rating needs a reason, a contradicting one is recorded as such", () => {
  const ratings = (operations: string) => [
    { item: "WORK_PERFORMANCE", rating: "QUALIFIED" },
    { item: "ETHICS", rating: "QUALIFIED" },
    { item: "WORK_QUANTITY:OPERATIONS", rating: operations },
  ];

  it("refuses 不合格 without an opinion, records the contradiction with the declared 1 650 against 1 500", async () => {
    const { physician, id } = await placed(ApplicationStatus.AWAITING_REGISTRATION);
    const me = await physicianClient(app, physician);
    await me.ok(Q.submit, { input: generalForm() });
    const err = await inst.fails(Q.approve, { id, input: { ratings: ratings("UNQUALIFIED"), opinion: " " } });
    expect(err).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "opinion" } });
    expect(err.message).toContain("须填写评定意见");
    expect((await inst.ok(Q.app, { id })).application.status).toBe("AWAITING_INSTITUTION_REVIEW");

    const { approveApplication } = await inst.ok(Q.approve, {
      id,
      input: { ratings: ratings("UNQUALIFIED"), opinion: "手术并发症率过高，经科室评议不合格" },
    });
    expect(approveApplication.institutionReview.outcome).toBe("UNQUALIFIED");
    expect(approveApplication.institutionReview.ratings).toContainEqual({
      item: "WORK_QUANTITY:OPERATIONS",
      rating: "UNQUALIFIED",
      declaredValue: 1650,
      threshold: 1500,
      contradictsStandard: true,
    });
  });
});

describe("3. an exemption covers a test not yet failed; every non-final state has a way forward", () => {
  it("refuses an exemption request for 医学人文 after it was failed (待确认补考)", async () => {
    const { physician, id } = await placed(ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION, {
      procedure: Procedure.SIMPLE,
    });
    await addAttempt(id, TestKind.HUMANITIES, AttemptStatus.GRADED, false);
    const me = await physicianClient(app, physician);
    await me.upload(Q.upload, { file: null }, { file: { name: "表彰.pdf", content: samplePdf() } });
    const err = await me.fails(Q.requestExemption);
    expect(err).toMatchObject({ extensions: { code: "INVALID_STATE", reason: "TEST_ALREADY_FAILED" } });
    expect(err.message).toBe("医学人文测评已参加且不合格，不能再免考；请按补考流程办理");
    expect((await inst.ok(Q.app, { id })).application.exemptionStatus).toBe("NONE");
  });

  it("refuses to approve, after the failure, an exemption requested before it", async () => {
    const { id } = await placed(ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION, {
      procedure: Procedure.SIMPLE,
      exemptionStatus: ExemptionStatus.AWAITING_ASSESSMENT_INSTITUTION,
      exemptedTest: TestKind.HUMANITIES,
    });
    await addAttempt(id, TestKind.HUMANITIES, AttemptStatus.GRADED, false);
    const err = await assessor.fails(Q.reReviewExemption, { id });
    expect(err.message).toBe("医学人文测评已参加且不合格，不能再免考；请驳回该免考申请");
    // The way forward it names exists.
    expect((await assessor.ok(Q.app, { id })).application.availableExemptionActions).toContain(
      "REREVIEW_EXEMPTION_REJECT",
    );
  });

  it("walks every status with every exemption state: some role has an allowed action unless the status is final", async () => {
    const target = await placed(ApplicationStatus.AWAITING_REGISTRATION);
    const me = await physicianClient(app, target.physician);
    const everyone = [inst, me, assessor, city, province];
    const ACTIONS = `query($id: Int!) { application(id: $id) { availableActions availableExemptionActions } }`;
    const stranded: string[] = [];
    for (const procedure of [Procedure.SIMPLE, Procedure.GENERAL])
      for (const status of Object.values(ApplicationStatus).filter((x) => !FINAL_STATUSES.includes(x)))
        for (const exemptionStatus of Object.values(ExemptionStatus)) {
          await forceState(app.deps.ds, target.id, { status, procedure, exemptionStatus });
          const answers = await Promise.all(everyone.map((c) => c.ok(ACTIONS, { id: target.id })));
          const any = answers.some(
            ({ application: a }) => a.availableActions.length || a.availableExemptionActions.length,
          );
          if (!any) stranded.push(`${procedure}/${status}/${exemptionStatus}`);
        }
    expect(stranded).toEqual([]);
  }, 180_000);
});

describe("4. phases gate the actions the table names; the province extends them", () => {
  it("a returned physician resubmits after 医师报名 closed while 机构审核 runs, and not after both closed until extended", async () => {
    const { physician, id } = await placed(ApplicationStatus.RETURNED_TO_PHYSICIAN, { procedure: Procedure.GENERAL });
    const me = await physicianClient(app, physician);
    await withPhases({ REGISTRATION: ended }, async () => {
      const { submitApplication } = await me.ok(Q.submit, { input: generalForm() });
      expect(submitApplication.status).toBe("AWAITING_INSTITUTION_REVIEW");
    });
    // Back to the physician by the administration's return path, then both phases closed.
    await forceState(app.deps.ds, id, { status: ApplicationStatus.RETURNED_TO_PHYSICIAN });
    await withPhases({ REGISTRATION: ended, INSTITUTION_REVIEW: ended }, async () => {
      const err = await me.fails(Q.submit, { input: generalForm() });
      expect(err).toMatchObject({
        extensions: { code: "INVALID_STATE", reason: "PHASE_CLOSED", phase: "REGISTRATION" },
      });
      expect(err.message).toContain("如需延长，请联系省级卫生行政部门");
      expect((await me.ok(Q.app, { id })).application.availableActions).toEqual([]);
      const { extendCyclePhase } = await province.ok(Q.extend, {
        id: world.cycle.id,
        phase: "INSTITUTION_REVIEW",
        end: day(10),
      });
      expect(extendCyclePhase.phases).toContainEqual({ key: "INSTITUTION_REVIEW", endDate: day(10) });
      expect((await me.ok(Q.submit, { input: generalForm() })).submitApplication.status).toBe(
        "AWAITING_INSTITUTION_REVIEW",
      );
    });
  });

  it("机构审核 gates approval, 考核机构复核 re-review, 测评 results; only the province extends, only later", async () => {
    const review = await placed(ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
    const reReview = await placed(ApplicationStatus.AWAITING_ASSESSMENT_REVIEW);
    const testing = await placed(ApplicationStatus.AWAITING_TEST);
    await withPhases({ INSTITUTION_REVIEW: ended, ASSESSMENT_REVIEW: ended, TEST: ended }, async () => {
      const ratings = [
        { item: "WORK_PERFORMANCE", rating: "QUALIFIED" },
        { item: "ETHICS", rating: "QUALIFIED" },
      ];
      expect(
        (await inst.fails(Q.approve, { id: review.id, input: { ratings, opinion: "" } })).extensions,
      ).toMatchObject({ reason: "PHASE_CLOSED", phase: "INSTITUTION_REVIEW" });
      expect((await inst.ok(Q.app, { id: review.id })).application.availableActions).toEqual(["CANCEL_ENROLLMENT"]);
      const rr = await assessor.fails(`mutation($id: Int!) { reReviewApplication(id: $id, approve: true) { id } }`, {
        id: reReview.id,
      });
      expect(rr.extensions).toMatchObject({ reason: "PHASE_CLOSED", phase: "ASSESSMENT_REVIEW" });
      const res = await assessor.fails(Q.result, { id: testing.id, kind: "HUMANITIES", passed: true });
      expect(res.extensions).toMatchObject({ reason: "PHASE_CLOSED", phase: "TEST" });
      expect((await city.fails(Q.extend, { id: world.cycle.id, phase: "TEST", end: day(5) })).extensions?.code).toBe(
        "FORBIDDEN",
      );
      const earlier = await province.fails(Q.extend, { id: world.cycle.id, phase: "TEST", end: day(-2) });
      expect(earlier.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "endDate" });
      await province.ok(Q.extend, { id: world.cycle.id, phase: "TEST", end: day(5) });
      expect(
        (await assessor.ok(Q.result, { id: testing.id, kind: "HUMANITIES", passed: true })).recordTestResult.status,
      ).toBe("QUALIFIED");
    });
  });
});

describe("5. cancelling or finishing closes a pending exemption request", () => {
  it("取消报名 closes it: the home count clears, the timeline says so, re-enrolling does not revive it", async () => {
    const before = (await inst.ok(Q.home)).institutionHome.pendingTasks.exemptionReviews;
    const { physician, id } = await placed(ApplicationStatus.AWAITING_INSTITUTION_REVIEW, {
      exemptionStatus: ExemptionStatus.AWAITING_INSTITUTION,
      exemptedTest: TestKind.HUMANITIES,
    });
    expect((await inst.ok(Q.home)).institutionHome.pendingTasks.exemptionReviews).toBe(before + 1);
    await inst.ok(Q.cancel, { id: physician.id });
    expect((await inst.ok(Q.home)).institutionHome.pendingTasks.exemptionReviews).toBe(before);
    const { application } = await inst.ok(Q.app, { id });
    expect(application).toMatchObject({ status: "NOT_ENROLLED", exemptionStatus: "NONE", exemptedTest: null });
    expect(application.timeline).toContainEqual(
      expect.objectContaining({
        action: "CLOSE_EXEMPTION",
        reason: "取消报名，免考申请（待医疗卫生机构审核）随之关闭",
      }),
    );
    await inst.ok(Q.enroll, { id: physician.id });
    expect((await inst.ok(Q.app, { id })).application).toMatchObject({
      status: "AWAITING_REGISTRATION",
      exemptionStatus: "NONE",
    });
  });

  it("a final result closes a request still waiting", async () => {
    const { id } = await placed(ApplicationStatus.AWAITING_TEST, {
      procedure: Procedure.SIMPLE,
      exemptionStatus: ExemptionStatus.AWAITING_INSTITUTION,
      exemptedTest: TestKind.HUMANITIES,
    });
    const { recordTestResult } = await assessor.ok(Q.result, { id, kind: "HUMANITIES", passed: true });
    expect(recordTestResult).toMatchObject({
      status: "QUALIFIED",
      exemptionStatus: "NONE",
      availableExemptionActions: [],
    });
    expect(recordTestResult.timeline.map((e: { action: string }) => e.action)).toContain("CLOSE_EXEMPTION");
  });
});

describe("6. a return from 待参加考核 cancels the attempts not yet started", () => {
  it("leaves no 未开始 attempt behind (测评进度 no longer lists the physician)", async () => {
    const { id } = await placed(ApplicationStatus.AWAITING_TEST, { procedure: Procedure.GENERAL });
    await addAttempt(id, TestKind.HUMANITIES, AttemptStatus.GRADED, true);
    await addAttempt(id, TestKind.PROFESSIONAL, AttemptStatus.NOT_STARTED, null);
    const { returnApplication } = await city.ok(Q.adminReturn, { id });
    expect(returnApplication.status).toBe("RETURNED_TO_PHYSICIAN");
    expect(returnApplication.testAttempts).toEqual([{ testKind: "HUMANITIES", status: "GRADED" }]);
  });
});

describe("7. every refusal says what is really possible, and the administration's way out exists", () => {
  it("取消报名 in 未确认参加 says there is nothing to cancel, not that it was reviewed", async () => {
    const { physician } = await placed(ApplicationStatus.NOT_ENROLLED);
    expect((await inst.fails(Q.cancel, { id: physician.id })).message).toBe(
      "该医师尚未确认参加本周期考核，无需取消报名",
    );
  });

  it.each([
    ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION,
    ApplicationStatus.AWAITING_MAKEUP_TEST,
    ApplicationStatus.QUALIFIED,
    ApplicationStatus.UNQUALIFIED,
  ])("in %s the institution is not sent to an administration that cannot act", async (status) => {
    const { physician, id } = await placed(status);
    const message = (await inst.fails(Q.cancel, { id: physician.id })).message;
    expect(message).not.toContain("联系上级卫生行政部门");
    // and the administration indeed has neither a return nor a cancel there
    expect((await city.fails(Q.adminReturn, { id })).extensions?.code).toBe("INVALID_STATE");
    expect((await city.fails(Q.adminCancel, { id })).extensions?.code).toBe("INVALID_STATE");
  });

  it.each([
    ApplicationStatus.RETURNED_TO_INSTITUTION,
    ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
    ApplicationStatus.AWAITING_TEST,
  ])("in %s the institution is sent to the administration, which can cancel the enrolment", async (status) => {
    const { physician, id } = await placed(status);
    expect((await inst.fails(Q.cancel, { id: physician.id })).message).toContain("联系上级卫生行政部门");
    expect((await city.ok(Q.app, { id })).application.availableActions).toEqual(
      expect.arrayContaining(["ADMIN_RETURN", "ADMIN_CANCEL_ENROLLMENT"]),
    );
    const { cancelEnrollmentByAdministration } = await city.ok(Q.adminCancel, { id });
    expect(cancelEnrollmentByAdministration.status).toBe("NOT_ENROLLED");
    expect(cancelEnrollmentByAdministration.timeline.at(-1)).toMatchObject({
      action: "ADMIN_CANCEL_ENROLLMENT",
      reason: "医师已离岗",
    });
  });

  it("the administration cannot cancel an enrolment that already has a test result", async () => {
    const { id } = await placed(ApplicationStatus.AWAITING_TEST, { procedure: Procedure.GENERAL });
    await addAttempt(id, TestKind.HUMANITIES, AttemptStatus.GRADED, true);
    expect((await city.fails(Q.adminCancel, { id })).message).toBe(
      "该医师已有测评结果，不能取消报名；如需重新审核，可驳回至医师",
    );
  });
});

describe("8. 取消报名 of a submitted application says what it withdraws and records it", () => {
  it("names the submission and the exemption request, then writes the withdrawal on the timeline", async () => {
    const { physician, id } = await placed(ApplicationStatus.AWAITING_REGISTRATION);
    const me = await physicianClient(app, physician);
    expect((await inst.ok(Q.roster, { id: physician.id })).physician.currentApplication.withdrawnOnCancel).toEqual([]);
    await me.ok(Q.submit, { input: generalForm() });
    const warned = (await inst.ok(Q.roster, { id: physician.id })).physician.currentApplication.withdrawnOnCancel;
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^医师已于 \d{4}-\d{2}-\d{2} 提交的报名信息（一般程序）将被撤回/);
    await inst.ok(Q.cancel, { id: physician.id });
    const { application } = await inst.ok(Q.app, { id });
    expect(application.timeline.at(-1)).toMatchObject({ action: "CANCEL_ENROLLMENT", reason: warned[0] });
  });
});

describe("the workflow query publishes the complete table", () => {
  it("every action with its labels, parties, refusals and gating phases, 认定作弊 included", async () => {
    const { workflow } = await app.client().ok(Q.workflow);
    expect(workflow.actions.map((a: { action: string }) => a.action).sort()).toEqual(Object.keys(TRANSITIONS).sort());
    expect(workflow.actions.find((a: { action: string }) => a.action === "VOID_FOR_CHEATING")).toMatchObject({
      label: "认定作弊",
      eventLabel: "认定作弊",
      party: "PROVINCE",
      roles: ["PROVINCIAL_ADMIN"],
    });
    expect(workflow.actions.find((a: { action: string }) => a.action === "SUBMIT").phases).toEqual([
      { from: "AWAITING_REGISTRATION", phases: ["REGISTRATION"] },
      { from: "RETURNED_TO_PHYSICIAN", phases: ["REGISTRATION", "INSTITUTION_REVIEW"] },
    ]);
    expect(workflow.actions.find((a: { action: string }) => a.action === "CANCEL_ENROLLMENT").refusals).toContainEqual({
      status: "NOT_ENROLLED",
      message: "该医师尚未确认参加本周期考核，无需取消报名",
    });
    expect(Object.keys(EXEMPTION_TRANSITIONS)).toHaveLength(5);
  });
});

describe("其他执业机构意见 (issue 16 item 8): edited and removed during this institution's review", () => {
  it("changes and removes an opinion, each on the timeline; refused once the review is over", async () => {
    const { id } = await placed(ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
    const { addOtherInstitutionOpinion } = await inst.ok(Q.addOpinion, { id });
    const opinionId = addOtherInstitutionOpinion.otherOpinions[0].id;
    const { updateOtherInstitutionOpinion } = await inst.ok(Q.updateOpinion, { id: opinionId });
    expect(updateOtherInstitutionOpinion.otherOpinions).toEqual([{ id: opinionId, opinion: "同意，表现优秀" }]);
    expect(updateOtherInstitutionOpinion.timeline.at(-1)).toEqual({
      action: "UPDATE_OPINION",
      reason: "南宁市第二人民医院（意见已修改）",
    });
    const other = await signIn(app, world.users.instB);
    expect((await other.fails(Q.removeOpinion, { id: opinionId })).extensions?.code).toBe("NOT_FOUND");
    await forceState(app.deps.ds, id, { status: ApplicationStatus.AWAITING_ASSESSMENT_REVIEW });
    expect((await inst.fails(Q.removeOpinion, { id: opinionId })).message).toBe(
      "只能在本机构审核环节删除其他执业机构意见",
    );
    await forceState(app.deps.ds, id, { status: ApplicationStatus.RETURNED_TO_INSTITUTION });
    const { removeOtherInstitutionOpinion } = await inst.ok(Q.removeOpinion, { id: opinionId });
    expect(removeOtherInstitutionOpinion.otherOpinions).toEqual([]);
    expect(removeOtherInstitutionOpinion.timeline.at(-1).action).toBe("REMOVE_OPINION");
  });
});

describe("saveApplicationDraft (issue 18 item 21)", () => {
  it("refuses a department that does not exist or belongs to another institution", async () => {
    const { physician } = await placed(ApplicationStatus.AWAITING_REGISTRATION);
    const me = await physicianClient(app, physician);
    const elsewhere = await createDepartment(app.deps.ds, world.instB.id, "别院科室");
    for (const departmentId of [elsewhere.id, 987654]) {
      const err = await me.fails(Q.draft, { input: { ...simpleForm(), departmentId } });
      expect(err).toMatchObject({
        message: "所选科室不存在",
        extensions: { code: "BAD_USER_INPUT", field: "departmentId" },
      });
    }
    await me.ok(Q.draft, { input: { ...simpleForm(), departmentId: department.id } });
  });
});
