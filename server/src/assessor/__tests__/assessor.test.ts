import ExcelJS from "exceljs";
import { Application } from "../../assessment/application.entity";
import { ApplicationEvent } from "../../assessment/application-event.entity";
import { Rating } from "../../assessment/application.types";
import { Procedure } from "../../assessment/procedure";
import { ApplicationStatus } from "../../assessment/workflow";
import { RESULT_COLUMNS } from "../../exams/results-template";
import { TestAttempt } from "../../exams/test-attempt.entity";
import type { GqlClient } from "../../testing/gql-client";
import { forceState, placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

const QUEUE = `query($queue: ReviewQueue, $page: Int, $size: Int, $inst: Int) {
  applications(filter: { queue: $queue, institutionId: $inst }, page: $page, pageSize: $size) { total items { id institutionName } } }`;
const BATCH = `mutation($ids: [Int!]!) { reReviewApplications(ids: $ids, opinion: "材料齐全，同意") {
  succeeded failed outcomes { applicationId ok code message statusLabel } } }`;
const CREATE = `mutation($input: TestPaperInput!) { createTestPaper(input: $input) { id name createdByInstitutionId } }`;
const UPDATE = `mutation($id: Int!, $input: TestPaperEditInput!) { updateTestPaper(id: $id, input: $input) { id name passMark } }`;
const DELETE = `mutation($id: Int!) { deleteTestPaper(id: $id) }`;
const SCORE = `mutation($input: TestScoreInput!) { recordTestScore(input: $input) { status statusLabel testAttempts { score passed status } } }`;
const IMPORT = `mutation($file: Upload!) { importTestResults(file: $file) {
  fileName written totalRows accepted refused rows { rowNumber name idNumberMasked paperName ok message statusLabel } } }`;

let app: TestApp;
let world: World;
let aiA: GqlClient;
let aiB: GqlClient;
const hour = 3600_000;
const paperInput = (name: string, kind = "HUMANITIES") => ({
  name,
  kind,
  windowStart: new Date(Date.now() - hour).toISOString(),
  windowEnd: new Date(Date.now() + hour).toISOString(),
  passMark: 60,
});
let humanities: { id: number; name: string };
let professional: { id: number; name: string };

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  aiA = await signIn(app, world.users.aiA);
  aiB = await signIn(app, world.users.aiB);
  humanities = (await aiA.ok(CREATE, { input: paperInput("考核机构测评·医学人文") })).createTestPaper;
  professional = (await aiA.ok(CREATE, { input: paperInput("考核机构测评·业务水平", "PROFESSIONAL") })).createTestPaper;
});
afterAll(() => app.close());

const statusOf = async (id: number) => (await app.deps.ds.getRepository(Application).findOneByOrFail({ id })).status;

/** An application re-reviewed into 待参加考核 by aiA. */
async function awaitingTest(procedure = Procedure.SIMPLE, institution = world.instA) {
  const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, {
    procedure,
    institution,
  });
  await forceState(app.deps.ds, placed.application.id, { status: ApplicationStatus.AWAITING_TEST });
  return placed;
}

describe("考核机构 queues", () => {
  it("shows the re-review queue across its assigned institutions, paged, and never another assessor's rows", async () => {
    const mine = [];
    for (const institution of [world.instA, world.instB, world.instA])
      mine.push(
        (await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, { institution })).application
          .id,
      );
    const theirs = (
      await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, { institution: world.instC })
    ).application.id;

    const all = (await aiA.ok(QUEUE, { queue: "ASSESSMENT_REVIEW", page: 1, size: 100 })).applications;
    const ids = all.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(mine));
    expect(ids).not.toContain(theirs);
    expect(new Set(all.items.map((i: { institutionName: string }) => i.institutionName))).toEqual(
      new Set([world.instA.name, world.instB.name]),
    );
    const page2 = (await aiA.ok(QUEUE, { queue: "ASSESSMENT_REVIEW", page: 2, size: 2 })).applications;
    expect(page2.total).toBe(all.total);
    expect(page2.items.map((i: { id: number }) => i.id)).toEqual(ids.slice(2, 4));

    // The other assessor sees its own row only, and filtering by a foreign institution gives nothing.
    const b = (await aiB.ok(QUEUE, { queue: "ASSESSMENT_REVIEW", page: 1, size: 100 })).applications;
    expect(b.items.map((i: { id: number }) => i.id)).toContain(theirs);
    expect(b.items.map((i: { id: number }) => i.id)).not.toEqual(expect.arrayContaining([mine[0]]));
    expect(
      (await aiB.ok(QUEUE, { queue: "ASSESSMENT_REVIEW", page: 1, size: 100, inst: world.instA.id })).applications
        .total,
    ).toBe(0);
  });
});

describe("批量复核通过", () => {
  it("approves each row through the workflow and reports the refusals row by row", async () => {
    const good = (await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW)).application;
    const bad = (await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW)).application;
    await forceState(app.deps.ds, bad.id, {
      institutionReview: {
        ratings: [{ item: "ETHICS", itemName: "职业道德", rating: Rating.UNQUALIFIED }],
        outcome: Rating.UNQUALIFIED,
        opinion: "有效投诉",
        reviewerAccountId: 1,
        reviewerName: "机构",
        at: new Date().toISOString(),
      },
    } as never);
    const done = (await placeApplication(app, world, ApplicationStatus.AWAITING_TEST)).application;
    const foreign = (
      await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, { institution: world.instC })
    ).application;

    const result = (await aiA.ok(BATCH, { ids: [good.id, bad.id, done.id, foreign.id] })).reReviewApplications;
    expect(result).toMatchObject({ succeeded: 1, failed: 3 });
    expect(result.outcomes).toEqual([
      { applicationId: good.id, ok: true, code: null, message: null, statusLabel: "待参加考核" },
      expect.objectContaining({ applicationId: bad.id, ok: false, code: "INVALID_STATE" }),
      expect.objectContaining({ applicationId: done.id, ok: false, code: "INVALID_STATE" }),
      expect.objectContaining({ applicationId: foreign.id, ok: false, code: "NOT_FOUND" }),
    ]);
    expect(result.outcomes[1].message).toContain("不合格");
    expect(await statusOf(good.id)).toBe(ApplicationStatus.AWAITING_TEST);
    expect(await statusOf(bad.id)).toBe(ApplicationStatus.AWAITING_ASSESSMENT_REVIEW);
    expect(await statusOf(foreign.id)).toBe(ApplicationStatus.AWAITING_ASSESSMENT_REVIEW);
    const events = await app.deps.ds.getRepository(ApplicationEvent).findBy({ applicationId: good.id });
    expect(events.map((e) => e.action)).toContain("REREVIEW_APPROVE");
    // Scheduled attempts for the test that remains.
    expect(await app.deps.ds.getRepository(TestAttempt).countBy({ applicationId: good.id })).toBe(1);
  });

  it("is refused to an institution, and refuses an empty selection", async () => {
    const inst = await signIn(app, world.users.instA);
    expect((await inst.fails(BATCH, { ids: [1] })).extensions?.code).toBe("FORBIDDEN");
    expect((await aiA.fails(BATCH, { ids: [] })).extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("试卷维护", () => {
  it("edits and deletes its own paper while no attempt exists; another assessor's paper is missing", async () => {
    const paper = (await aiA.ok(CREATE, { input: paperInput("待修改试卷") })).createTestPaper;
    expect(paper.createdByInstitutionId).toBe(world.aiA.id);
    const edited = (await aiA.ok(UPDATE, { id: paper.id, input: { ...paperInput("已修改试卷"), passMark: 70 } }))
      .updateTestPaper;
    expect(edited).toMatchObject({ name: "已修改试卷", passMark: 70 });
    expect((await aiB.fails(UPDATE, { id: paper.id, input: paperInput("越权") })).extensions?.code).toBe("NOT_FOUND");
    expect((await aiB.fails(DELETE, { id: paper.id })).extensions?.code).toBe("NOT_FOUND");
    const bad = await aiA.fails(UPDATE, { id: paper.id, input: { ...paperInput("x"), passMark: 120 } });
    expect(bad.extensions?.code).toBe("BAD_USER_INPUT");

    // Once a result refers to it, it is frozen.
    const { application } = await awaitingTest();
    await aiA.ok(SCORE, { input: { applicationId: application.id, paperId: paper.id, score: 80 } });
    const frozen = await aiA.fails(UPDATE, { id: paper.id, input: paperInput("再改") });
    expect(frozen.extensions?.code).toBe("INVALID_STATE");
    expect(frozen.message).toContain("已有测评记录");
    expect((await aiA.fails(DELETE, { id: paper.id })).extensions?.code).toBe("INVALID_STATE");

    const spare = (await aiA.ok(CREATE, { input: paperInput("可删除试卷") })).createTestPaper;
    expect((await aiA.ok(DELETE, { id: spare.id })).deleteTestPaper).toBe(true);
    expect((await aiA.fails(DELETE, { id: spare.id })).extensions?.code).toBe("NOT_FOUND");
  });
});

describe("录入成绩", () => {
  it("scores against the paper's pass mark: a pass is 合格, a fail or 缺考 asks for a make-up", async () => {
    const pass = (await awaitingTest()).application;
    const r1 = (await aiA.ok(SCORE, { input: { applicationId: pass.id, paperId: humanities.id, score: 75 } }))
      .recordTestScore;
    expect(r1).toMatchObject({ status: "QUALIFIED" });
    expect(r1.testAttempts).toContainEqual(expect.objectContaining({ score: 75, passed: true, status: "GRADED" }));

    const fail = (await awaitingTest()).application;
    const r2 = (await aiA.ok(SCORE, { input: { applicationId: fail.id, paperId: humanities.id, score: 59.5 } }))
      .recordTestScore;
    expect(r2).toMatchObject({ status: "AWAITING_MAKEUP_CONFIRMATION", statusLabel: "待确认补考" });

    const absent = (await awaitingTest()).application;
    const r3 = (await aiA.ok(SCORE, { input: { applicationId: absent.id, paperId: humanities.id, absent: true } }))
      .recordTestScore;
    expect(r3.status).toBe("AWAITING_MAKEUP_CONFIRMATION");
    expect(r3.testAttempts).toContainEqual(expect.objectContaining({ status: "ABSENT", passed: false }));

    const over = await aiA.fails(SCORE, { input: { applicationId: pass.id, paperId: humanities.id, score: 101 } });
    expect(over.extensions?.code).toBe("BAD_USER_INPUT");
    const wrongKind = (await awaitingTest()).application;
    const k = await aiA.fails(SCORE, { input: { applicationId: wrongKind.id, paperId: professional.id, score: 90 } });
    expect(k.extensions?.code).toBe("BAD_USER_INPUT");
    const foreign = (await awaitingTest(Procedure.SIMPLE, world.instC)).application;
    const f = await aiA.fails(SCORE, { input: { applicationId: foreign.id, paperId: humanities.id, score: 90 } });
    expect(f.extensions?.code).toBe("NOT_FOUND");
    expect(await statusOf(foreign.id)).toBe(ApplicationStatus.AWAITING_TEST);
  });
});

async function resultsXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("测评成绩");
  sheet.addRow(RESULT_COLUMNS.map((c) => c.header));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const resultsCsv = (rows: string[][]) =>
  "\uFEFF" + [RESULT_COLUMNS.map((c) => c.header), ...rows].map((r) => r.join(",")).join("\r\n");

describe("成绩批量导入", () => {
  const upload = (client: GqlClient, name: string, content: Buffer | string) =>
    client.upload(IMPORT, { file: null }, { file: { name, content } });

  it("writes a clean file whole, each row through the workflow", async () => {
    const a = await awaitingTest();
    const g = await awaitingTest(Procedure.GENERAL);
    const file = await resultsXlsx([
      [a.physician.idNumber, a.physician.name, humanities.name, "88"],
      [g.physician.idNumber, "", professional.name, "91"],
      [g.physician.idNumber, g.physician.name, humanities.name, "缺考"],
    ]);
    const res = await upload(aiA, "成绩.xlsx", file);
    expect(res.errors).toBeUndefined();
    const report = res.data.importTestResults;
    expect(report).toMatchObject({ fileName: "成绩.xlsx", written: true, totalRows: 3, accepted: 3, refused: 0 });
    expect(report.rows.map((r: { statusLabel: string }) => r.statusLabel)).toEqual([
      "合格",
      "待参加考核",
      "待确认补考",
    ]);
    expect(await statusOf(a.application.id)).toBe(ApplicationStatus.QUALIFIED);
    expect(await statusOf(g.application.id)).toBe(ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION);
  });

  it("lists every bad row and writes nothing when one row is refused (another assessor's physician included)", async () => {
    const a = await awaitingTest();
    const foreign = await awaitingTest(Procedure.SIMPLE, world.instC);
    const file = resultsCsv([
      [a.physician.idNumber, a.physician.name, humanities.name, "70"],
      ["450102199001011234", "", humanities.name, "70"],
      [a.physician.idNumber, "", "不存在的试卷", "70"],
      [a.physician.idNumber, "", humanities.name, "优秀"],
      [foreign.physician.idNumber, "", humanities.name, "80"],
    ]);
    const res = await upload(aiA, "成绩.csv", file);
    expect(res.errors).toBeUndefined();
    const report = res.data.importTestResults;
    expect(report).toMatchObject({ written: false, totalRows: 5 });
    const byRow = Object.fromEntries(
      report.rows.map((r: { rowNumber: number; message: string | null }) => [r.rowNumber, r.message]),
    );
    expect(byRow[2]).toBeNull();
    expect(byRow[3]).toBeTruthy();
    expect(byRow[4]).toContain("不存在的试卷");
    expect(byRow[5]).toContain("应为分数或“缺考”");
    expect(report.refused).toBeGreaterThanOrEqual(3);
    expect(await statusOf(a.application.id)).toBe(ApplicationStatus.AWAITING_TEST);
    expect(await statusOf(foreign.application.id)).toBe(ApplicationStatus.AWAITING_TEST);
  });

  it("rolls back the rows already recorded when the workflow refuses a later row", async () => {
    const a = await awaitingTest();
    const b = await awaitingTest();
    const foreign = await awaitingTest(Procedure.SIMPLE, world.instC);
    const file = await resultsXlsx([
      [a.physician.idNumber, "", humanities.name, "90"],
      [b.physician.idNumber, "", humanities.name, "95"],
      [foreign.physician.idNumber, "", humanities.name, "80"],
    ]);
    const report = (await upload(aiA, "成绩.xlsx", file)).data.importTestResults;
    expect(report.written).toBe(false);
    expect(report.rows[2].message).toContain("不存在或无权查看");
    expect(report.rows[0]).toMatchObject({ ok: true, statusLabel: null });
    expect(await statusOf(a.application.id)).toBe(ApplicationStatus.AWAITING_TEST);
    expect(await statusOf(b.application.id)).toBe(ApplicationStatus.AWAITING_TEST);
    expect(await app.deps.ds.getRepository(TestAttempt).countBy({ applicationId: a.application.id, score: 90 })).toBe(
      0,
    );
  });

  it("refuses broken and empty files cleanly, and files without the template's columns", async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const broken = await upload(aiA, "坏文件.xlsx", zip);
    expect(broken.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(broken.errors?.[0].message).toContain("未导入任何成绩");
    const quote = await upload(aiA, "坏.csv", `${RESULT_COLUMNS.map((c) => c.header).join(",")}\r\n"4501,张三`);
    expect(quote.errors?.[0].message).toMatch(/第 \d+ 行附近格式有误/);
    const headersOnly = await upload(aiA, "空.csv", RESULT_COLUMNS.map((c) => c.header).join(","));
    expect(headersOnly.errors?.[0].message).toContain("没有成绩数据");
    const wrong = await upload(aiA, "名册.csv", "姓名,身份证号码\r\n张三,450102198001011237");
    expect(wrong.errors?.[0].message).toContain("表头缺少列");
    const inst = await signIn(app, world.users.instA);
    expect((await upload(inst, "成绩.csv", resultsCsv([]))).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("serves the template as .xlsx and .csv", async () => {
    const xlsx = await aiA.get("/templates/test-results.xlsx");
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(RESULT_COLUMNS.map((c) => c.header));
    const csv = await aiA.get("/templates/test-results.csv");
    expect((await csv.text()).replace("\uFEFF", "").split("\r\n")[0]).toBe(
      RESULT_COLUMNS.map((c) => c.header).join(","),
    );
  });
});
