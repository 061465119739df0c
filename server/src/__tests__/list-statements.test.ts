import { In } from "typeorm";
import { Application } from "../assessment/application.entity";
import { ApplicationEvent } from "../assessment/application-event.entity";
import { Procedure, TestKind } from "../assessment/procedure";
import { ApplicationStatus, ExemptionStatus, WorkflowAction } from "../assessment/workflow";
import { AuditLog } from "../audit/audit-log.entity";
import { AttemptStatus, TestAttempt } from "../exams/test-attempt.entity";
import { TestPaper } from "../exams/test-paper.entity";
import {
  AaApplicationStatus,
  AssessmentInstitutionApplication,
} from "../institutions/assessment-institution-application.entity";
import { ImportJob, ImportOutcome, ImportRowResult } from "../physicians/import/import-job.entity";
import { clientDocuments } from "../testing/client-documents";
import type { GqlClient } from "../testing/gql-client";
import { createTestApiClient } from "../testing/api-clients";
import { addPhysicians } from "../testing/physicians";
import { startTestApp, type TestApp } from "../testing/test-app";
import { minimalSubmission, physicianClient } from "../testing/workflow";
import { buildWorld, createDepartment, createInstitution, signIn, type World } from "../testing/world";

/**
 * Issue 15: the SQL statements a console's list costs do not grow with the page. Every paged list the consoles
 * show is run here with the client's own GraphQL document (client/src/**\/*.graphql, fragments and all), as the
 * role that sees it, at page size 10 and 50 over enough rows to fill both: the same number of statements. A list
 * that loads something per row (an N+1) costs 40 more at 50.
 */
const ROWS = 55;
let app: TestApp;
let world: World;
/** The application whose timeline 我的消息 and 考核记录 show. */
let timelineOf: Application;
/** A roster import with a report of many rows. */
let importJob: ImportJob;
const who: Record<string, GqlClient> = {};

/** Applications of instA moved to one state (set-up only: the list reads them, no counter reads them here). */
async function applicationsIn(values: Partial<Application>): Promise<Application[]> {
  const physicians = await addPhysicians(app.deps.ds, world.instA, ROWS);
  const repo = app.deps.ds.getRepository(Application);
  const apps = await repo.findBy({ physicianId: In(physicians.map((p) => p.id)) });
  await repo.update({ id: In(apps.map((a) => a.id)) }, { lastActionAt: new Date(), ...values });
  return apps;
}

async function addEvents(application: Application, n: number) {
  await app.deps.ds.getRepository(ApplicationEvent).insert(
    Array.from({ length: n }, () => ({
      applicationId: application.id,
      at: new Date(),
      actorType: "ACCOUNT",
      actorId: world.accounts.instA.id,
      actorName: "甲医院",
      actorRole: "INSTITUTION",
      action: WorkflowAction.ENROLL,
      fromStatus: ApplicationStatus.NOT_ENROLLED,
      toStatus: ApplicationStatus.AWAITING_REGISTRATION,
      reason: null,
      detail: null,
      ip: "127.0.0.1",
    })),
  );
}

async function addPapers(n: number) {
  const now = Date.now();
  await app.deps.ds.getRepository(TestPaper).insert(
    Array.from({ length: n }, (_, i) => ({
      cycleId: world.cycle.id,
      name: `试卷${i}`,
      kind: TestKind.PROFESSIONAL,
      windowStart: new Date(now - 86_400_000),
      windowEnd: new Date(now + 86_400_000),
      passMark: 60,
      fullMarks: 100,
      createdByInstitutionId: world.aiA.id,
      createdAt: new Date(now),
    })),
  );
}

async function addApiClients(n: number) {
  for (let i = 0; i < n; i++) await createTestApiClient(app.deps.ds, "450000", [], world.accounts.province.id);
}

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  const ds = app.deps.ds;
  const submitted = { submittedAt: new Date() };
  await addApiClients(50);
  await applicationsIn({}); // 未确认参加
  await applicationsIn({
    status: ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
    procedure: Procedure.SIMPLE,
    submission: minimalSubmission(Procedure.SIMPLE),
    ...submitted,
  });
  await applicationsIn({
    status: ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
    procedure: Procedure.GENERAL,
    submission: minimalSubmission(Procedure.GENERAL),
    ...submitted,
  });
  await applicationsIn({
    status: ApplicationStatus.AWAITING_TEST,
    exemptionStatus: ExemptionStatus.AWAITING_INSTITUTION,
  });
  await applicationsIn({
    status: ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
    procedure: Procedure.SIMPLE,
    submission: minimalSubmission(Procedure.SIMPLE),
    ...submitted,
  });
  await applicationsIn({ status: ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION, procedure: Procedure.SIMPLE });
  const testing = await applicationsIn({
    status: ApplicationStatus.AWAITING_TEST,
    procedure: Procedure.SIMPLE,
    exemptionStatus: ExemptionStatus.AWAITING_ASSESSMENT_INSTITUTION,
  });

  // 测评进度, 监考管理 (attempts with snapshots), 作弊 (marked suspected).
  const now = new Date();
  const paper = await ds.getRepository(TestPaper).save({
    cycleId: world.cycle.id,
    name: "医学人文测评",
    kind: TestKind.HUMANITIES,
    windowStart: new Date(now.getTime() - 86_400_000),
    windowEnd: new Date(now.getTime() + 86_400_000),
    passMark: 60,
    fullMarks: 100,
    createdByInstitutionId: world.aiA.id,
    createdAt: now,
  } as Partial<TestPaper>);
  await ds.getRepository(TestAttempt).insert(
    testing.map((a) => ({
      applicationId: a.id,
      cycleId: a.cycleId,
      physicianId: a.physicianId,
      institutionId: world.instA.id,
      paperId: paper.id,
      testKind: paper.kind,
      isMakeup: false,
      status: AttemptStatus.SUBMITTED,
      startedAt: now,
      submittedAt: now,
      score: 80,
      passed: true,
      minSimilarity: 0.3,
      snapshotCount: 1,
      suspected: true,
      suspectedAt: now,
      recordedByType: "ACCOUNT",
      recordedById: null,
      createdAt: now,
      updatedAt: now,
    })),
  );

  // 科室, 机构 (the city's, and those assigned to 考核机构甲), 申请考核机构, 审计日志.
  for (let i = 0; i < ROWS; i++) await createDepartment(ds, world.instA.id, `科室${i}`);
  for (let i = 0; i < ROWS; i++) {
    const inst = await createInstitution(ds.manager, {
      name: `列表医院${i}`,
      cityCode: "450100",
      countyCode: "450102",
      superiorAdminId: world.admins.nanning.id,
      assessmentInstitutionId: world.aiA.id,
    });
    await ds.getRepository(AssessmentInstitutionApplication).insert({
      institutionId: inst.id,
      status: AaApplicationStatus.PENDING,
      statement: "申请成为考核机构",
      bedCount: 100,
      physicianCount: 50,
      submittedAt: now,
      submittedByAccountId: world.accounts.instA.id,
    } as Partial<AssessmentInstitutionApplication>);
  }
  await ds.getRepository(AuditLog).insert(
    Array.from({ length: ROWS }, (_, i) => ({
      at: now,
      actorType: "ACCOUNT",
      actorId: world.accounts.instA.id,
      actorName: "甲医院",
      action: "physician.update",
      targetType: "Physician",
      targetId: i + 1,
      success: true,
      ip: "127.0.0.1",
      regionCode: "450102",
      detail: null,
    })),
  );

  // 我的消息: one physician with a message per workflow event.
  const [reader] = await addPhysicians(ds, world.instA, 1);
  const own = await ds.getRepository(Application).findOneByOrFail({ physicianId: reader.id });
  timelineOf = own;
  await addEvents(own, ROWS);

  importJob = await ds.getRepository(ImportJob).save({
    byAccountId: world.accounts.instA.id,
    institutionId: world.instA.id,
    regionCode: "450102",
    fileName: "名册.csv",
    totalRows: ROWS,
    created: ROWS,
    updated: 0,
    refused: 0,
    startedAt: now,
    finishedAt: now,
    failureReason: null,
    heartbeatAt: null,
  } as Partial<ImportJob>);
  await ds.getRepository(ImportRowResult).insert(
    Array.from({ length: ROWS }, (_, i) => ({
      jobId: importJob.id,
      rowNumber: i + 2,
      outcome: ImportOutcome.CREATED,
      name: `医师${i}`,
      idNumberMasked: "450103********1234",
      messages: [],
    })),
  );

  for (const key of ["instA", "aiA", "nanning", "province"] as const) who[key] = await signIn(app, world.users[key]);
  who.physician = await physicianClient(app, reader);
}, 120_000);
afterAll(() => app.close());

/** [console, list, operation, role, variables, the page in the answer (a path)]. */
type Variables = Record<string, unknown> | (() => Record<string, unknown>);
const LISTS: [string, string, string, string, Variables, string][] = [
  ["机构", "医师列表（未确认参加）", "Roster", "instA", { filter: { tab: "NOT_ENROLLED" }, counts: {} }, "physicians"],
  ["机构", "医师列表（已确认参加）", "Roster", "instA", { filter: { tab: "ENROLLED" }, counts: {} }, "physicians"],
  ["机构", "考核进度", "ProgressList", "instA", { filter: {} }, "applications"],
  ["机构", "简易程序待审核", "ReviewQueue", "instA", { filter: { queue: "SIMPLE_REVIEW" } }, "applications"],
  ["机构", "一般程序待审核", "ReviewQueue", "instA", { filter: { queue: "GENERAL_REVIEW" } }, "applications"],
  ["机构", "免考待审核", "ReviewQueue", "instA", { filter: { queue: "EXEMPTION_REVIEW" }, sort: "ID" }, "applications"],
  ["机构", "测评进度", "TestAttempts", "instA", { filter: {} }, "testAttempts"],
  ["机构", "监考管理", "ProctoringAttempts", "instA", { filter: { withSnapshots: true } }, "testAttempts"],
  ["机构", "科室管理", "Departments", "instA", {}, "departments"],
  ["机构", "名册导入报告", "PhysicianImportReport", "instA", () => ({ id: importJob.id }), "physicianImport.rows"],
  ["考核机构", "待复核", "AssessorQueue", "aiA", { filter: { queue: "ASSESSMENT_REVIEW" } }, "applications"],
  ["考核机构", "免考待复核", "AssessorQueue", "aiA", { filter: { queue: "EXEMPTION_REREVIEW" } }, "applications"],
  ["考核机构", "负责的机构", "AssessorAssignedInstitutions", "aiA", { filter: { assignedToMe: true } }, "institutions"],
  [
    "考核机构",
    "所在机构（按名称查找）",
    "AssessorAssignedInstitutions",
    "aiA",
    { filter: { assignedToMe: true, name: "列表医院" } },
    "institutions",
  ],
  ["考核机构", "测评记录", "TestAttempts", "aiA", { filter: {} }, "testAttempts"],
  ["卫生行政部门", "考核申请", "RegionApplications", "nanning", { filter: {} }, "applications"],
  ["卫生行政部门", "账户管理", "AdministeredAccounts", "nanning", {}, "administeredAccounts"],
  ["卫生行政部门", "机构管理", "RegionInstitutions", "nanning", {}, "institutions"],
  ["卫生行政部门", "申请考核机构审批", "AaApplicationsForReview", "nanning", {}, "assessmentInstitutionApplications"],
  ["卫生行政部门", "审计日志", "AuditLogs", "nanning", {}, "auditLogs"],
  [
    "省级卫生行政部门",
    "待确认补考",
    "MakeupQueue",
    "province",
    { filter: { queue: "MAKEUP_CONFIRMATION" } },
    "applications",
  ],
  [
    "省级卫生行政部门",
    "疑似作弊",
    "SuspectedAttempts",
    "province",
    { filter: { viewStatus: "MARKED" } },
    "testAttempts",
  ],
  ["医师", "我的消息", "PortalMessages", "physician", { unreadOnly: false }, "myMessages"],
  ["省级卫生行政部门", "接口客户端", "AdminApiClientPage", "province", {}, "apiClientPage"],
];

describe.each(LISTS)("%s · %s (%s)", (_console, _list, operation, role, variables, field) => {
  it("costs the same SQL statements for a page of 10 as for a page of 50", async () => {
    const document = clientDocuments().get(operation)?.document;
    expect(document).toBeDefined();
    const measure = async (pageSize: number) => {
      app.queries.reset();
      const given = typeof variables === "function" ? variables() : variables;
      const data = await who[role].ok(document!, { ...given, page: 1, pageSize });
      const count = app.queries.count;
      const page = field.split(".").reduce((at, key) => at[key], data);
      expect(page.items).toHaveLength(pageSize);
      return { count, statements: app.queries.statements };
    };
    await measure(10); // warm the session's touch and the caches
    const ten = await measure(10);
    const fifty = await measure(50);
    // On failure: the statements the bigger page ran beyond the smaller one's count.
    expect({ count: fifty.count, beyond: fifty.statements.slice(ten.count) }).toEqual({ count: ten.count, beyond: [] });
  });
});

/** [console, list, operation, role, variables, the rows in the answer, adds rows]: lists the consoles show whole. */
const WHOLE: [
  string,
  string,
  string,
  string,
  () => Record<string, unknown>,
  (data: any) => unknown[],
  (n: number) => Promise<void>,
][] = [
  ["机构", "试卷", "TestPapers", "instA", () => ({}), (d) => d.testPapers, addPapers],
  ["考核机构", "试卷管理", "AssessorPapers", "aiA", () => ({}), (d) => d.testPapers, addPapers],
  [
    "机构",
    "考核记录（时间线）",
    "ApplicationTimeline",
    "instA",
    () => ({ id: timelineOf.id }),
    (d) => d.application.timeline,
    (n) => addEvents(timelineOf, n),
  ],
];

describe.each(WHOLE)("%s · %s (%s)", (_console, _list, operation, role, variables, rows, add) => {
  it("costs the same SQL statements with 40 more rows", async () => {
    const document = clientDocuments().get(operation)?.document;
    expect(document).toBeDefined();
    const measure = async () => {
      app.queries.reset();
      const data = await who[role].ok(document!, variables());
      return { count: app.queries.count, statements: app.queries.statements, rows: rows(data).length };
    };
    await add(10);
    await measure(); // warm the session's touch and the caches
    const before = await measure();
    expect(before.rows).toBeGreaterThanOrEqual(10);
    await add(40);
    const after = await measure();
    expect(after.rows).toBe(before.rows + 40);
    expect({ count: after.count, beyond: after.statements.slice(before.count) }).toEqual({
      count: before.count,
      beyond: [],
    });
  });
});
