import { counterTables } from "../../testing/counters";
import { samplePdf, samplePng } from "../../testing/files";
import { physicianClient } from "../../testing/workflow";
import { addPhysicians } from "../../testing/physicians";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";
import type { Department } from "../../departments/department.entity";
import type { Physician } from "../../physicians/physician.entity";

const APP_FIELDS = `id status statusLabel version procedure exemptionStatus requiredTests returnReason availableActions availableExemptionActions
  institutionReview { outcome ratings { item itemName rating } } testAttempts { testKind isMakeup passed score }`;
const Q = {
  enroll: `mutation($id: Int!) { enrollPhysician(physicianId: $id) { currentApplication { id status } } }`,
  my: `{ myApplication { ${APP_FIELDS} draft { procedure report } } }`,
  draft: `mutation($input: ApplicationFormInput!) { saveApplicationDraft(input: $input) { id version draft { report } } }`,
  upload: `mutation($purpose: AttachmentPurpose!, $file: Upload!) { uploadApplicationAttachment(purpose: $purpose, file: $file) { id mimeType purpose } }`,
  submit: `mutation($input: ApplicationFormInput!, $v: Int) { submitApplication(input: $input, expectedVersion: $v) { ${APP_FIELDS} } }`,
  detail: `query($id: Int!) { application(id: $id) { ${APP_FIELDS} physician { name idNumberMasked } departmentName
    submission { procedure report workQuantities { code name value threshold ratingItem } snapshot { name idNumber departmentName categoryName scopeNames } }
    attachments { fileName mimeType url } otherOpinions { institutionName opinion }
    timeline { action actionLabel fromStatus toStatus toStatusLabel reason actorRole } } }`,
  queue: `query($queue: ReviewQueue!) { applications(filter: { queue: $queue }) { total items { id physician { name } statusLabel } } }`,
  opinion: `mutation($id: Int!) { addOtherInstitutionOpinion(id: $id, institutionName: "南宁市第二人民医院", opinion: "同意，工作表现良好") { otherOpinions { institutionName } } }`,
  approve: `mutation($id: Int!, $input: InstitutionApprovalInput!, $v: Int) { approveApplication(id: $id, input: $input, expectedVersion: $v) { ${APP_FIELDS} } }`,
  reject: `mutation($id: Int!, $reason: String!) { rejectApplication(id: $id, reason: $reason) { ${APP_FIELDS} } }`,
  reReview: `mutation($id: Int!, $approve: Boolean!, $reason: String) { reReviewApplication(id: $id, approve: $approve, reason: $reason) { ${APP_FIELDS} } }`,
  result: `mutation($input: TestResultInput!) { recordTestResult(input: $input) { ${APP_FIELDS} } }`,
  makeup: `mutation($id: Int!, $allow: Boolean!, $reason: String) { confirmMakeup(id: $id, allow: $allow, reason: $reason) { ${APP_FIELDS} } }`,
  adminReturn: `mutation($id: Int!, $reason: String!) { returnApplication(id: $id, reason: $reason) { ${APP_FIELDS} } }`,
  requestExemption: `mutation($input: ExemptionRequestInput!) { requestExemption(input: $input) { ${APP_FIELDS} exemptedTest } }`,
  approveExemption: `mutation($id: Int!) { approveExemption(id: $id) { ${APP_FIELDS} } }`,
  reReviewExemption: `mutation($id: Int!, $approve: Boolean!, $reason: String) { reReviewExemption(id: $id, approve: $approve, reason: $reason) { ${APP_FIELDS} } }`,
  home: `{ institutionHome { pendingTasks { simpleReviews generalReviews exemptionReviews } completion { enrolled finished qualified unqualified rate } } }`,
};

let app: TestApp;
let world: World;
let inst: GqlClient;
let assessor: GqlClient;
let province: GqlClient;
let city: GqlClient;
let department: Department;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  assessor = await signIn(app, world.users.aiA);
  province = await signIn(app, world.users.province);
  city = await signIn(app, world.users.nanning);
  department = await createDepartment(app.deps.ds, world.instA.id, "心血管内科");
});
afterAll(() => app.close());

const simpleForm = () => ({
  procedure: "SIMPLE",
  departmentId: department.id,
  practiceExperience: "2008 年起在心血管内科执业",
  workPerformance: "年门诊 6000 人次",
  ethics: "无投诉",
  report: "本周期述职报告……",
  hasGoodRecord: true,
  hasBadRecord: false,
});
const generalForm = () => ({
  ...simpleForm(),
  procedure: "GENERAL",
  report: "",
  workQuantities: [
    { code: "PATIENTS", value: 2600 },
    { code: "OPERATIONS", value: 300 },
  ],
});
const allQualified = (general: boolean) => ({
  ratings: [
    { item: "WORK_PERFORMANCE", rating: "QUALIFIED" },
    { item: "ETHICS", rating: "QUALIFIED" },
    ...(general
      ? [
          { item: "WORK_QUANTITY:PATIENTS", rating: "QUALIFIED" },
          { item: "WORK_QUANTITY:OPERATIONS", rating: "QUALIFIED" },
        ]
      : []),
  ],
  opinion: "同意",
});

/** Enrolled, signed-in physician with his application id. */
async function enrolledPhysician(overrides: Partial<Physician> = {}) {
  const [physician] = await addPhysicians(app.deps.ds, world.instA, 1, {
    firstPracticeDate: "2008-07-01",
    ...overrides,
  } as never);
  const { enrollPhysician } = await inst.ok(Q.enroll, { id: physician.id });
  const client = await physicianClient(app, physician);
  return { physician, client, id: enrollPhysician.currentApplication.id as number };
}

async function submitted(form: object, withMaterial = true) {
  const p = await enrolledPhysician();
  if (withMaterial)
    await p.client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
  const { submitApplication } = await p.client.ok(Q.submit, { input: form });
  expect(submitApplication.status).toBe("AWAITING_INSTITUTION_REVIEW");
  return p;
}

describe("简易程序 (manual 2.2.6) from 未确认参加 to 合格", () => {
  it("walks the whole path with the four roles and records it on the timeline", async () => {
    const { client, id } = await enrolledPhysician();
    expect((await client.ok(Q.my)).myApplication).toMatchObject({
      status: "AWAITING_REGISTRATION",
      availableActions: ["SUBMIT"],
    });

    // draft is private to the physician
    await client.ok(Q.draft, { input: { ...simpleForm(), report: "草稿" } });
    expect((await client.ok(Q.my)).myApplication.draft.report).toBe("草稿");

    const notYet = await client.fails(Q.submit, { input: simpleForm() });
    expect(notYet.message).toBe("简易程序须上传申请材料");
    const upload = await client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "执业证书.png", content: samplePng() } },
    );
    expect(upload.data.uploadApplicationAttachment).toMatchObject({ mimeType: "image/png", purpose: "MATERIAL" });
    await client.ok(Q.submit, { input: simpleForm() });

    const queue = await inst.ok(Q.queue, { queue: "SIMPLE_REVIEW" });
    expect(queue.applications.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await inst.ok(Q.home)).institutionHome.pendingTasks.simpleReviews).toBe(1);

    const { application: seen } = await inst.ok(Q.detail, { id });
    expect(seen.submission.snapshot).toMatchObject({
      departmentName: "心血管内科",
      categoryName: "临床",
      scopeNames: ["内科专业"],
    });
    expect(seen.submission.snapshot.idNumber).toMatch(/^\d{17}[\dX]$/); // the detail view shows it whole
    expect(seen.attachments[0]).toMatchObject({ fileName: "执业证书.png", mimeType: "image/png" });
    expect(seen.availableActions).toEqual(["CANCEL_ENROLLMENT", "APPROVE", "REJECT", "ADD_OPINION"]);
    // The link works for the reviewer it was issued to, not for a caller without a session.
    expect((await inst.get(seen.attachments[0].url)).status).toBe(200);
    expect((await app.client().get(seen.attachments[0].url)).status).toBe(401);

    await inst.ok(Q.opinion, { id });
    const missing = await inst.fails(Q.approve, {
      id,
      input: { ratings: [{ item: "WORK_PERFORMANCE", rating: "QUALIFIED" }], opinion: "" },
    });
    expect(missing.message).toBe("请评定：职业道德");
    const approved = (await inst.ok(Q.approve, { id, input: allQualified(false) })).approveApplication;
    expect(approved).toMatchObject({
      status: "AWAITING_ASSESSMENT_REVIEW",
      institutionReview: { outcome: "QUALIFIED" },
    });
    expect(approved.institutionReview.ratings.map((r: { itemName: string }) => r.itemName)).toEqual([
      "工作成绩",
      "职业道德",
    ]);

    const rereviewed = (await assessor.ok(Q.reReview, { id, approve: true })).reReviewApplication;
    expect(rereviewed).toMatchObject({ status: "AWAITING_TEST", requiredTests: ["HUMANITIES"] });
    const notRequired = await assessor.fails(Q.result, {
      input: { applicationId: id, testKind: "PROFESSIONAL", passed: true },
    });
    expect(notRequired.extensions?.code).toBe("BAD_USER_INPUT");
    const done = (
      await assessor.ok(Q.result, { input: { applicationId: id, testKind: "HUMANITIES", score: 86, passed: true } })
    ).recordTestResult;
    expect(done).toMatchObject({
      status: "QUALIFIED",
      statusLabel: "合格",
      testAttempts: [{ testKind: "HUMANITIES", passed: true, score: 86, isMakeup: false }],
    });

    const { application: final } = await client.ok(Q.detail, { id });
    expect(final.timeline.map((e: { action: string; toStatus: string }) => [e.action, e.toStatus])).toEqual([
      ["ENROLL", "AWAITING_REGISTRATION"],
      ["SUBMIT", "AWAITING_INSTITUTION_REVIEW"],
      ["ADD_OPINION", "AWAITING_INSTITUTION_REVIEW"],
      ["APPROVE", "AWAITING_ASSESSMENT_REVIEW"],
      ["REREVIEW_APPROVE", "AWAITING_TEST"],
      ["RECORD_TEST_RESULT", "QUALIFIED"],
    ]);
    expect(final.timeline.map((e: { actorRole: string }) => e.actorRole)).toEqual([
      "INSTITUTION",
      "PHYSICIAN",
      "INSTITUTION",
      "INSTITUTION",
      "ASSESSMENT_INSTITUTION",
      "ASSESSMENT_INSTITUTION",
    ]);
    const home = (await inst.ok(Q.home)).institutionHome;
    expect(home.pendingTasks.simpleReviews).toBe(0);
    expect(home.completion).toMatchObject({ enrolled: 1, finished: 1, qualified: 1, rate: 1 });
  });

  it("with an approved exemption from 医学人文测评 nothing is left to test: 复核通过 gives 合格", async () => {
    const { client, id } = await submitted(simpleForm());
    const noEvidence = await client.fails(Q.requestExemption, { input: { reason: "获得省级以上表彰" } });
    expect(noEvidence.message).toBe("申请免考须上传证明材料");
    await client.upload(
      Q.upload,
      { purpose: "EVIDENCE", file: null },
      { file: { name: "表彰.pdf", content: samplePdf() } },
    );
    const requested = (
      await client.ok(Q.requestExemption, { input: { reason: "获得省级以上表彰", note: "2025 年自治区优秀医师" } })
    ).requestExemption;
    expect(requested).toMatchObject({ exemptionStatus: "AWAITING_INSTITUTION", exemptedTest: "HUMANITIES" });
    expect((await inst.ok(Q.home)).institutionHome.pendingTasks.exemptionReviews).toBe(1);
    expect((await inst.ok(Q.queue, { queue: "EXEMPTION_REVIEW" })).applications.total).toBe(1);

    expect((await inst.ok(Q.approveExemption, { id })).approveExemption.exemptionStatus).toBe(
      "AWAITING_ASSESSMENT_INSTITUTION",
    );
    expect((await assessor.ok(Q.reReviewExemption, { id, approve: true })).reReviewExemption.exemptionStatus).toBe(
      "APPROVED",
    );
    await inst.ok(Q.approve, { id, input: allQualified(false) });
    const result = (await assessor.ok(Q.reReview, { id, approve: true })).reReviewApplication;
    expect(result).toMatchObject({ status: "QUALIFIED", requiredTests: [] });
  });

  it("refuses the simple procedure to a physician with too few years and says why", async () => {
    const [young] = await addPhysicians(app.deps.ds, world.instA, 1, { firstPracticeDate: "2023-07-01" } as never);
    await inst.ok(Q.enroll, { id: young.id });
    const client = await physicianClient(app, young);
    await client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
    const err = await client.fails(Q.submit, { input: simpleForm() });
    expect(err.extensions?.code).toBe("BAD_USER_INPUT");
    expect(err.message).toContain("不符合简易程序条件");
    expect(err.message).toContain("当前执业 3 年");
    expect((await client.ok(Q.my)).myApplication.status).toBe("AWAITING_REGISTRATION");
  });
});

describe("一般程序 (manual 2.2.7)", () => {
  it("any 不合格 rating makes the result 不合格", async () => {
    const { id } = await submitted(generalForm(), false);
    const { application } = await inst.ok(Q.detail, { id });
    expect(application.submission.workQuantities).toEqual([
      { code: "PATIENTS", name: "接诊病人数", value: 2600, threshold: 2000, ratingItem: "WORK_QUANTITY:PATIENTS" },
      { code: "OPERATIONS", name: "手术量", value: 300, threshold: 1500, ratingItem: "WORK_QUANTITY:OPERATIONS" },
    ]);
    const missingQuantity = await inst.fails(Q.approve, { id, input: allQualified(false) });
    expect(missingQuantity.message).toBe("请评定：接诊病人数、手术量");
    const input = allQualified(true);
    input.ratings[3].rating = "UNQUALIFIED";
    expect((await inst.ok(Q.approve, { id, input })).approveApplication.institutionReview.outcome).toBe("UNQUALIFIED");
    expect((await assessor.ok(Q.reReview, { id, approve: true })).reReviewApplication.status).toBe("UNQUALIFIED");
  });

  it("a failed first test goes to the province; make-up allowed and passed gives 合格", async () => {
    const { id } = await submitted(generalForm(), false);
    await inst.ok(Q.approve, { id, input: allQualified(true) });
    expect((await assessor.ok(Q.reReview, { id, approve: true })).reReviewApplication.requiredTests).toEqual([
      "PROFESSIONAL",
      "HUMANITIES",
    ]);
    const failed = (
      await assessor.ok(Q.result, { input: { applicationId: id, testKind: "PROFESSIONAL", score: 41, passed: false } })
    ).recordTestResult;
    expect(failed.status).toBe("AWAITING_MAKEUP_CONFIRMATION");
    expect(
      (await province.ok(`{ applications(filter: { queue: MAKEUP_CONFIRMATION }) { total } }`)).applications.total,
    ).toBeGreaterThanOrEqual(1);
    const notProvince = await city.fails(Q.makeup, { id, allow: true });
    expect(notProvince.extensions?.code).toBe("FORBIDDEN");
    expect((await province.ok(Q.makeup, { id, allow: true })).confirmMakeup.status).toBe("AWAITING_MAKEUP_TEST");
    const makeup = (
      await assessor.ok(Q.result, { input: { applicationId: id, testKind: "PROFESSIONAL", score: 72, passed: true } })
    ).recordTestResult;
    expect(makeup.status).toBe("AWAITING_MAKEUP_TEST"); // 医学人文 still to take
    const done = (
      await assessor.ok(Q.result, { input: { applicationId: id, testKind: "HUMANITIES", score: 80, passed: true } })
    ).recordTestResult;
    expect(done.status).toBe("QUALIFIED");
    expect(
      done.testAttempts.map((a: { testKind: string; isMakeup: boolean; passed: boolean }) => [
        a.testKind,
        a.isMakeup,
        a.passed,
      ]),
    ).toEqual([
      ["PROFESSIONAL", false, false],
      ["HUMANITIES", false, true], // scheduled at 复核通过, taken during the make-up phase: still a first attempt
      ["PROFESSIONAL", true, true], // the make-up attempt scheduled by 确认补考
    ]);
  });

  it("a refused make-up, or a failed one, gives 不合格", async () => {
    const first = await submitted(generalForm(), false);
    await inst.ok(Q.approve, { id: first.id, input: allQualified(true) });
    await assessor.ok(Q.reReview, { id: first.id, approve: true });
    await assessor.ok(Q.result, { input: { applicationId: first.id, testKind: "HUMANITIES", passed: false } });
    expect((await province.fails(Q.makeup, { id: first.id, allow: false })).message).toBe("请填写不予补考理由");
    expect(
      (await province.ok(Q.makeup, { id: first.id, allow: false, reason: "补考期已过" })).confirmMakeup.status,
    ).toBe("UNQUALIFIED");

    const second = await submitted(generalForm(), false);
    await inst.ok(Q.approve, { id: second.id, input: allQualified(true) });
    await assessor.ok(Q.reReview, { id: second.id, approve: true });
    await assessor.ok(Q.result, { input: { applicationId: second.id, testKind: "HUMANITIES", passed: false } });
    await province.ok(Q.makeup, { id: second.id, allow: true });
    expect(
      (await assessor.ok(Q.result, { input: { applicationId: second.id, testKind: "HUMANITIES", passed: false } }))
        .recordTestResult.status,
    ).toBe("UNQUALIFIED");
  });

  it("with an exemption from 业务水平测评 only 医学人文测评 remains", async () => {
    const { client, id } = await submitted(generalForm(), false);
    await client.upload(
      Q.upload,
      { purpose: "EVIDENCE", file: null },
      { file: { name: "规培.pdf", content: samplePdf() } },
    );
    expect(
      (await client.ok(Q.requestExemption, { input: { reason: "完成住院医师规范化培训" } })).requestExemption
        .exemptedTest,
    ).toBe("PROFESSIONAL");
    await inst.ok(Q.approveExemption, { id });
    await assessor.ok(Q.reReviewExemption, { id, approve: true });
    await inst.ok(Q.approve, { id, input: allQualified(true) });
    expect((await assessor.ok(Q.reReview, { id, approve: true })).reReviewApplication.requiredTests).toEqual([
      "HUMANITIES",
    ]);
    expect(
      (await assessor.ok(Q.result, { input: { applicationId: id, testKind: "HUMANITIES", passed: true } }))
        .recordTestResult.status,
    ).toBe("QUALIFIED");
  });
});

describe("returns and re-submission", () => {
  it("institution rejects, physician resubmits, assessor returns to the institution, administration undoes a reviewed one", async () => {
    const { client, id } = await submitted(simpleForm());
    expect((await inst.fails(Q.reject, { id, reason: "  " })).message).toBe("请填写驳回理由");
    const rejected = (await inst.ok(Q.reject, { id, reason: "述职报告过于简略" })).rejectApplication;
    expect(rejected).toMatchObject({ status: "RETURNED_TO_PHYSICIAN", returnReason: "述职报告过于简略" });
    expect((await client.ok(Q.my)).myApplication.availableActions).toEqual(["SUBMIT"]);
    await client.ok(Q.submit, { input: { ...simpleForm(), report: "补充后的述职报告" } });
    await inst.ok(Q.approve, { id, input: allQualified(false) });
    const back = (await assessor.ok(Q.reReview, { id, approve: false, reason: "评定意见与材料不符" }))
      .reReviewApplication;
    expect(back).toMatchObject({
      status: "RETURNED_TO_INSTITUTION",
      statusLabel: "待医疗卫生机构审核（被考核机构驳回）",
    });
    await inst.ok(Q.approve, { id, input: allQualified(false) });
    await assessor.ok(Q.reReview, { id, approve: true });
    const undone = (await city.ok(Q.adminReturn, { id, reason: "该医师报名信息有误，退回重填" })).returnApplication;
    expect(undone).toMatchObject({ status: "RETURNED_TO_PHYSICIAN", institutionReview: null });
    const { application } = await client.ok(Q.detail, { id });
    expect(application.timeline.slice(-1)[0]).toMatchObject({
      action: "ADMIN_RETURN",
      actorRole: "HEALTH_ADMIN",
      reason: "该医师报名信息有误，退回重填",
    });
  });
});

describe("application attachments", () => {
  it("accepts PDF/JPEG/PNG by content only, caps the size, and freezes them once submitted", async () => {
    const { client, id } = await enrolledPhysician();
    const fake = await client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "证明.pdf", content: "MZ\x90\x00 not a pdf", type: "application/pdf" } },
    );
    expect(fake.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(fake.errors?.[0].message).toContain("仅支持 PDF、JPEG 图片、PNG 图片");
    const big = Buffer.concat([samplePdf(), Buffer.alloc(app.config.uploadMaxBytes, 32)]);
    const tooBig = await client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "大文件.pdf", content: big } },
    );
    expect(tooBig.errors?.[0].message).toContain("大小上限");
    const ok = await client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
    const attachmentId = ok.data.uploadApplicationAttachment.id;
    const other = (await enrolledPhysician()).client;
    expect(
      (
        await other.fails(`mutation($id: Int!) { removeApplicationAttachment(attachmentId: $id) }`, {
          id: attachmentId,
        })
      ).extensions?.code,
    ).toBe("NOT_FOUND");
    await client.ok(Q.submit, { input: simpleForm() });
    const late = await client.upload(
      Q.upload,
      { purpose: "MATERIAL", file: null },
      { file: { name: "补充.pdf", content: samplePdf() } },
    );
    expect(late.errors?.[0].extensions?.code).toBe("INVALID_STATE");
    const frozen = await client.fails(`mutation($id: Int!) { removeApplicationAttachment(attachmentId: $id) }`, {
      id: attachmentId,
    });
    expect(frozen.message).toBe("已提交审核的材料不能删除");
    const { application } = await inst.ok(Q.detail, { id });
    expect(application.attachments).toHaveLength(1);
  });
});

describe("counters", () => {
  it("agree with the rows after all these journeys, per institution and per county", async () => {
    const t = await counterTables(app.deps.ds);
    expect(t.institutionKept).toEqual(t.institutionLive);
    expect(t.countyKept).toEqual(t.countyLive);
  });
});
