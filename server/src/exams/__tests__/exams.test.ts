import { AuditLog } from "../../audit/audit-log.entity";
import { Application } from "../../assessment/application.entity";
import { ApplicationStatus } from "../../assessment/workflow";
import { ApiPermission } from "../../common/auth";
import { TestAttempt } from "../test-attempt.entity";
import { createTestApiClient } from "../../testing/api-clients";
import { samplePdf, samplePng } from "../../testing/files";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";
import { Procedure } from "../../assessment/procedure";

const PAPER = `mutation($input: TestPaperInput!) { createTestPaper(input: $input) { id name kind passMark } }`;
const REREVIEW = `mutation($id: Int!) { reReviewApplication(id: $id, approve: true) { status } }`;
const OPEN = `mutation($a: Int!, $p: Int!) { openTestAttempt(applicationId: $a, paperId: $p) { id status statusLabel isMakeup } }`;
const SUBMIT = `mutation($id: Int!) { submitTestAttempt(attemptId: $id) { id status } }`;
const GRADE = `mutation($id: Int!, $score: Float!) { gradeTestAttempt(attemptId: $id, score: $score) { status testAttempts { status score passed } } }`;
const ABSENT = `mutation($a: Int!) { recordTestAbsence(applicationId: $a, testKind: HUMANITIES) { status } }`;
const LIST = `query($filter: AttemptFilterInput) { testAttempts(filter: $filter, pageSize: 100) { total items { id status statusLabel physicianName idNumberMasked procedureLabel paper { name } testKindLabel minSimilarity snapshotCount viewed suspected verdict voided } } }`;
const SNAPSHOT = `mutation($id: Int!, $at: DateTimeISO!, $s: Float!, $img: Upload!) { uploadProctoringSnapshot(attemptId: $id, capturedAt: $at, similarity: $s, image: $img) { id similarity viewed url } }`;
const VIEW = `mutation($id: Int!) { viewAttemptSnapshots(attemptId: $id) { id similarity viewed url } }`;
const MARK = `mutation($id: Int!) { markAttemptSuspected(attemptId: $id, note: "照片与本人不符") { id suspected } }`;
const JUDGE = `mutation($id: Int!, $v: CheatingVerdict!, $r: String!) { judgeSuspectedAttempt(attemptId: $id, verdict: $v, reason: $r) { id suspected verdict voided } }`;

let app: TestApp;
let world: World;
let province: GqlClient;
let assessor: GqlClient;
let inst: GqlClient;
let testSystem: GqlClient;
let humanitiesPaper: number;

const hour = 3600_000;
beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  province = await signIn(app, world.users.province);
  assessor = await signIn(app, world.users.aiA);
  inst = await signIn(app, world.users.instA);
  const writer = await createTestApiClient(app.deps.ds, "450000", [
    ApiPermission.RECORD_TEST_RESULTS,
    ApiPermission.RECORD_SNAPSHOTS,
  ]);
  testSystem = app.client();
  testSystem.bearer = writer.token;
  const paper = await province.ok(PAPER, {
    input: {
      name: "2026 年医学人文测评（第一场）",
      kind: "HUMANITIES",
      windowStart: new Date(Date.now() - hour).toISOString(),
      windowEnd: new Date(Date.now() + hour).toISOString(),
      passMark: 60,
    },
  });
  humanitiesPaper = paper.createTestPaper.id;
});
afterAll(() => app.close());

/** An application that has just been re-reviewed into 待参加考核 (which schedules its 未开始 attempts). */
async function awaitingTest(procedure = Procedure.SIMPLE) {
  const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, { procedure });
  await assessor.ok(REREVIEW, { id: placed.application.id });
  return placed;
}

describe("测评 (test papers and attempts, driven by the test system)", () => {
  it("re-review schedules 未开始 attempts; the test system opens, submits and grades; the pass mark decides", async () => {
    const { application, physician } = await awaitingTest();
    const scheduled = await inst.ok(LIST, { filter: { name: physician.name, statuses: ["NOT_STARTED"] } });
    expect(
      scheduled.testAttempts.items.map((i: { physicianName: string; statusLabel: string; paper: { name: string } }) => [
        i.statusLabel,
        i.paper.name,
      ]),
    ).toContainEqual(["未开始", "2026 年医学人文测评（第一场）"]);

    const opened = (await testSystem.ok(OPEN, { a: application.id, p: humanitiesPaper })).openTestAttempt;
    expect(opened).toMatchObject({ status: "IN_PROGRESS", statusLabel: "进行中", isMakeup: false });
    expect((await testSystem.fails(OPEN, { a: application.id, p: humanitiesPaper })).extensions?.code).toBe("CONFLICT");
    await testSystem.ok(SUBMIT, { id: opened.id });
    const graded = (await testSystem.ok(GRADE, { id: opened.id, score: 59.5 })).gradeTestAttempt;
    expect(graded.status).toBe("AWAITING_MAKEUP_CONFIRMATION");
    expect(graded.testAttempts).toEqual([{ status: "GRADED", score: 59.5, passed: false }]);
  });

  it("a second paper and a make-up: confirm, open, grade 75 gives 合格", async () => {
    const { application } = await awaitingTest();
    const first = (await testSystem.ok(OPEN, { a: application.id, p: humanitiesPaper })).openTestAttempt;
    await testSystem.ok(GRADE, { id: first.id, score: 20 });
    await province.ok(`mutation($id: Int!) { confirmMakeup(id: $id, allow: true) { status } }`, { id: application.id });
    const makeup = (await testSystem.ok(OPEN, { a: application.id, p: humanitiesPaper })).openTestAttempt;
    expect(makeup.isMakeup).toBe(true);
    expect((await testSystem.ok(GRADE, { id: makeup.id, score: 75 })).gradeTestAttempt.status).toBe("QUALIFIED");
  });

  it("缺考 counts as failed", async () => {
    const { application } = await awaitingTest();
    expect((await assessor.ok(ABSENT, { a: application.id })).recordTestAbsence.status).toBe(
      "AWAITING_MAKEUP_CONFIRMATION",
    );
    const attempts = await app.deps.ds.getRepository(TestAttempt).findBy({ applicationId: application.id });
    expect(attempts.map((a) => [a.status, a.passed])).toEqual([["ABSENT", false]]);
  });

  it("refuses outside the paper's window, read-only clients, other regions and other roles", async () => {
    const { application } = await awaitingTest();
    const closed = await province.ok(PAPER, {
      input: {
        name: "已结束的试卷",
        kind: "HUMANITIES",
        windowStart: new Date(Date.now() - 3 * hour).toISOString(),
        windowEnd: new Date(Date.now() - 2 * hour).toISOString(),
        passMark: 60,
      },
    });
    expect((await testSystem.fails(OPEN, { a: application.id, p: closed.createTestPaper.id })).message).toBe(
      "不在该试卷的考试时间内",
    );
    const reader = app.client();
    reader.bearer = (await createTestApiClient(app.deps.ds, "450000")).token;
    expect((await reader.fails(OPEN, { a: application.id, p: humanitiesPaper })).extensions?.code).toBe("FORBIDDEN");
    const far = app.client();
    far.bearer = (await createTestApiClient(app.deps.ds, "450200", [ApiPermission.RECORD_TEST_RESULTS])).token;
    expect((await far.fails(OPEN, { a: application.id, p: humanitiesPaper })).extensions?.code).toBe("NOT_FOUND");
    expect((await inst.fails(OPEN, { a: application.id, p: humanitiesPaper })).extensions?.code).toBe("FORBIDDEN");
    const badPaper = await inst.fails(PAPER, {
      input: {
        name: "x",
        kind: "HUMANITIES",
        windowStart: new Date().toISOString(),
        windowEnd: new Date().toISOString(),
        passMark: 60,
      },
    });
    expect(badPaper.extensions?.code).toBe("FORBIDDEN");
    const reversed = await province.fails(PAPER, {
      input: {
        name: "x",
        kind: "HUMANITIES",
        windowStart: new Date(Date.now() + hour).toISOString(),
        windowEnd: new Date().toISOString(),
        passMark: 60,
      },
    });
    expect(reversed.message).toBe("截止时间须晚于开考时间");
  });

  it("测评进度 filters by procedure, paper and status, only for the institution's own physicians", async () => {
    await awaitingTest(Procedure.GENERAL);
    const general = await inst.ok(LIST, { filter: { procedure: "GENERAL" } });
    expect(general.testAttempts.items.length).toBeGreaterThanOrEqual(2); // 业务水平 and 医学人文 scheduled
    expect(general.testAttempts.items.every((i: { procedureLabel: string }) => i.procedureLabel === "一般程序")).toBe(
      true,
    );
    const byPaper = await inst.ok(LIST, { filter: { paperId: humanitiesPaper, statuses: ["GRADED"] } });
    expect(byPaper.testAttempts.items.every((i: { status: string }) => i.status === "GRADED")).toBe(true);
    expect(byPaper.testAttempts.total).toBeGreaterThanOrEqual(2);
    const other = await signIn(app, world.users.instB);
    expect((await other.ok(LIST, {})).testAttempts.total).toBe(0);
  });
});

describe("监考管理 (proctoring)", () => {
  let attemptId: number;
  let applicationId: number;

  beforeAll(async () => {
    const { application } = await awaitingTest();
    applicationId = application.id;
    attemptId = (await testSystem.ok(OPEN, { a: application.id, p: humanitiesPaper })).openTestAttempt.id;
    for (const [s, i] of [
      [92.5, 0],
      [35, 1],
      [88, 2],
    ] as const) {
      const res = await testSystem.upload(
        SNAPSHOT,
        { id: attemptId, at: new Date(Date.now() + i * 60000).toISOString(), s, img: null },
        { img: { name: `snap${i}.png`, content: samplePng(8, 6) } },
      );
      expect(res.errors).toBeUndefined();
    }
  });

  it("accepts JPEG/PNG snapshots only, with a similarity between 0 and 100", async () => {
    const pdf = await testSystem.upload(
      SNAPSHOT,
      { id: attemptId, at: new Date().toISOString(), s: 50, img: null },
      { img: { name: "x.png", content: samplePdf() } },
    );
    expect(pdf.errors?.[0].message).toContain("仅支持 JPEG 图片、PNG 图片");
    const range = await testSystem.upload(
      SNAPSHOT,
      { id: attemptId, at: new Date().toISOString(), s: 130, img: null },
      { img: { name: "x.png", content: samplePng() } },
    );
    expect(range.errors?.[0].message).toBe("相似度应在 0 到 100 之间");
    const inst2 = await signIn(app, world.users.instA);
    const refused = await inst2.upload(
      SNAPSHOT,
      { id: attemptId, at: new Date().toISOString(), s: 50, img: null },
      { img: { name: "x.png", content: samplePng() } },
    );
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("filters below a similarity threshold and by view status; viewing marks viewed", async () => {
    const below40 = await inst.ok(LIST, { filter: { maxSimilarity: 40 } });
    expect(below40.testAttempts.items.map((i: { id: number }) => i.id)).toContain(attemptId);
    const item = below40.testAttempts.items.find((i: { id: number }) => i.id === attemptId);
    expect(item).toMatchObject({ minSimilarity: 35, snapshotCount: 3, viewed: false });
    expect(
      (await inst.ok(LIST, { filter: { maxSimilarity: 30 } })).testAttempts.items.map((i: { id: number }) => i.id),
    ).not.toContain(attemptId);
    expect(
      (await inst.ok(LIST, { filter: { viewStatus: "UNVIEWED", withSnapshots: true } })).testAttempts.items.map(
        (i: { id: number }) => i.id,
      ),
    ).toContain(attemptId);

    // an administration looking does not count as the institution having viewed
    const city = await signIn(app, world.users.nanning);
    expect((await city.ok(VIEW, { id: attemptId })).viewAttemptSnapshots[0].viewed).toBe(false);
    const pictures = (await inst.ok(VIEW, { id: attemptId })).viewAttemptSnapshots;
    expect(pictures.map((p: { similarity: number }) => p.similarity)).toEqual([92.5, 35, 88]);
    const image = await inst.get(pictures[1].url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(
      (await inst.ok(LIST, { filter: { viewStatus: "VIEWED" } })).testAttempts.items.map((i: { id: number }) => i.id),
    ).toContain(attemptId);
    const other = await signIn(app, world.users.instB);
    expect((await other.fails(VIEW, { id: attemptId })).extensions?.code).toBe("NOT_FOUND");
  });

  it("标记疑似 is one-way for the institution; another institution cannot mark", async () => {
    const other = await signIn(app, world.users.instB);
    expect((await other.fails(MARK, { id: attemptId })).extensions?.code).toBe("NOT_FOUND");
    expect((await inst.ok(MARK, { id: attemptId })).markAttemptSuspected.suspected).toBe(true);
    expect((await inst.fails(MARK, { id: attemptId })).extensions?.code).toBe("INVALID_STATE");
    expect((await inst.fails(JUDGE, { id: attemptId, v: "CLEARED", r: "误标" })).extensions?.code).toBe("FORBIDDEN");
    const city = await signIn(app, world.users.nanning);
    expect((await city.fails(JUDGE, { id: attemptId, v: "CLEARED", r: "误标" })).extensions?.code).toBe("FORBIDDEN");
    expect(
      (await inst.ok(LIST, { filter: { viewStatus: "MARKED" } })).testAttempts.items.map((i: { id: number }) => i.id),
    ).toEqual([attemptId]);
  });

  it("the province unmarks, or confirms cheating which voids the attempt and fails the test — both audited", async () => {
    expect((await province.fails(JUDGE, { id: attemptId, v: "CLEARED", r: " " })).message).toBe("请填写认定理由");
    expect(
      (await province.ok(JUDGE, { id: attemptId, v: "CLEARED", r: "经核实为光线原因" })).judgeSuspectedAttempt,
    ).toMatchObject({ suspected: false, verdict: "CLEARED", voided: false });
    expect((await province.fails(JUDGE, { id: attemptId, v: "CONFIRMED", r: "x" })).message).toBe(
      "该测评未被标记为疑似作弊",
    );

    const second = await awaitingTest();
    const attempt = (await testSystem.ok(OPEN, { a: second.application.id, p: humanitiesPaper })).openTestAttempt;
    await testSystem.ok(GRADE, { id: attempt.id, score: 95 });
    expect((await app.deps.ds.getRepository(Application).findOneByOrFail({ id: second.application.id })).status).toBe(
      "QUALIFIED",
    );
    await inst.ok(MARK, { id: attempt.id });
    const judged = (await province.ok(JUDGE, { id: attempt.id, v: "CONFIRMED", r: "替考" })).judgeSuspectedAttempt;
    expect(judged).toMatchObject({ verdict: "CONFIRMED", voided: true });
    const after = await app.deps.ds.getRepository(Application).findOneByOrFail({ id: second.application.id });
    expect(after.status).toBe("AWAITING_MAKEUP_CONFIRMATION"); // a voided first attempt counts as a failed one
    const audits = await app.deps.ds.getRepository(AuditLog).findBy({ targetType: "TestAttempt" });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["proctoring.mark", "proctoring.verdict.clear", "proctoring.verdict.confirm"]),
    );
    expect(applicationId).toBeGreaterThan(0);
  });
});
