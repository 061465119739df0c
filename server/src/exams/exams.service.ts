import { LIKE_ESCAPE, likeContains } from "../common/like";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import type { EntityManager, SelectQueryBuilder } from "typeorm";
import { Application } from "../assessment/application.entity";
import { recordResult } from "../assessment/application.service";
import { AssessmentCycle } from "../assessment/cycle.entity";
import { remainingTests, afterVoid } from "../assessment/outcome";
import { partyAllows } from "../assessment/parties";
import type { Procedure, TestKind } from "../assessment/procedure";
import { applicationForParty, writeTransition } from "../assessment/transition.service";
import { ApplicationStatus, Party, TRANSITIONS, WorkflowAction } from "../assessment/workflow";
import { receiveUpload, saveAttachment } from "../attachments/attachments.service";
import { audit } from "../audit/audit";
import { regionCovers, scopeToVisibleInstitutions } from "../common/access";
import { ApiPermission, permissionRole, Role, requirePrincipal, type Principal } from "../common/auth";
import { badInput, conflict, invalidState, notFound, stateChanged } from "../common/errors";
import { normalizeIdNumber } from "../common/id-number";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Institution } from "../institutions/institution.entity";
import { lockInstitution } from "../institutions/institution-lock";
import { Physician } from "../physicians/physician.entity";
import { resolveCycleId } from "../assessment/application-list";
import { ProctoringSnapshot } from "./snapshot.entity";
import { AttemptStatus, CheatingVerdict, TestAttempt } from "./test-attempt.entity";
import { TestPaper } from "./test-paper.entity";

export const SNAPSHOT_OWNER = "SNAPSHOT";

// ---------------------------------------------------------------- papers

export interface PaperInput {
  name: string;
  kind: TestKind;
  windowStart: Date;
  windowEnd: Date;
  passMark: number;
  fullMarks: number;
  cycleId?: number | null;
}

export async function createPaper(ctx: Context, input: PaperInput): Promise<TestPaper> {
  const p = requirePrincipal(ctx);
  const cycleId = await resolveCycleId(ctx, input.cycleId);
  if (!cycleId) throw invalidState("当前没有进行中的考核周期");
  if (input.windowEnd <= input.windowStart) throw badInput("截止时间须晚于开考时间", "windowEnd");
  if (input.passMark > input.fullMarks) throw badInput("合格分数线不能高于满分", "passMark");
  return inTransaction(ctx.ds, async (em) => {
    const paper = await em.save(
      em.create(TestPaper, {
        ...input,
        name: input.name.trim(),
        cycleId,
        createdByInstitutionId: p.roles.has(Role.ASSESSMENT_INSTITUTION) ? p.institutionId : null,
        createdAt: new Date(),
      }),
    );
    await audit(em, ctx, {
      action: "exam.paper.create",
      targetType: "TestPaper",
      targetId: paper.id,
      detail: { name: paper.name },
    });
    return paper;
  });
}

// ---------------------------------------------------------------- the test system

/** The test system acting on an attempt: the assigned assessor, or an API client with `permission` in its region. */
async function attemptForTestSystem(em: EntityManager, p: Principal, attemptId: number, permission: ApiPermission) {
  const attempt = await em.findOneBy(TestAttempt, { id: attemptId });
  const institution = attempt ? await em.findOneBy(Institution, { id: attempt.institutionId }) : null;
  const assessor =
    institution &&
    partyAllows(
      p,
      Party.ASSESSOR,
      { physicianId: attempt!.physicianId, institutionId: attempt!.institutionId },
      institution,
    );
  const client = institution && p.roles.has(permissionRole(permission)) && regionCovers(p, institution);
  if (!attempt || !institution || !(assessor || client)) throw notFound("测评记录");
  return { attempt, institution };
}

/** 开考: the physician starts a test on a paper, inside its window, while the application awaits a test. */
export async function openAttempt(ctx: Context, applicationId: number, paperId: number): Promise<TestAttempt> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const { app } = await applicationForParty(em, p, applicationId, Party.TEST_SYSTEM);
    if (app.status !== ApplicationStatus.AWAITING_TEST && app.status !== ApplicationStatus.AWAITING_MAKEUP_TEST) {
      throw invalidState("该医师当前不在待参加考核或待参加补考状态");
    }
    const paper = await em.findOneBy(TestPaper, { id: paperId, cycleId: app.cycleId });
    if (!paper) throw notFound("试卷");
    const now = new Date();
    if (now < paper.windowStart || now > paper.windowEnd) throw invalidState("不在该试卷的考试时间内");
    const cycle = await em.findOneByOrFail(AssessmentCycle, { id: app.cycleId });
    if (!remainingTests(cycle, app).includes(paper.kind)) throw badInput("该医师无需参加此项测评", "paperId");
    const attempts = await em.findBy(TestAttempt, { applicationId: app.id, testKind: paper.kind });
    if (attempts.some((a) => a.status === AttemptStatus.IN_PROGRESS)) throw conflict("该医师已有进行中的同类测评");
    if (attempts.some((a) => a.passed && !a.voided)) throw invalidState("该项测评已合格");
    const scheduled = attempts.find((a) => a.status === AttemptStatus.NOT_STARTED);
    const makeup = app.status === ApplicationStatus.AWAITING_MAKEUP_TEST;
    let id: number;
    if (scheduled) {
      const r = await em.update(
        TestAttempt,
        { id: scheduled.id, version: scheduled.version },
        { status: AttemptStatus.IN_PROGRESS, paperId, startedAt: now, updatedAt: now, version: scheduled.version + 1 },
      );
      if (r.affected !== 1) throw stateChanged();
      id = scheduled.id;
    } else {
      const created = await em.save(
        em.create(TestAttempt, {
          applicationId: app.id,
          cycleId: app.cycleId,
          physicianId: app.physicianId,
          institutionId: app.institutionId!,
          paperId,
          testKind: paper.kind,
          isMakeup: makeup,
          status: AttemptStatus.IN_PROGRESS,
          startedAt: now,
          submittedAt: null,
          score: null,
          passed: null,
          recordedByType: p.type,
          recordedById: p.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      id = created.id;
    }
    await audit(em, ctx, {
      action: "exam.attempt.open",
      targetType: "TestAttempt",
      targetId: id,
      detail: { applicationId, paperId },
    });
    return em.findOneByOrFail(TestAttempt, { id });
  });
}

/** 交卷. */
export async function submitAttempt(ctx: Context, attemptId: number): Promise<TestAttempt> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const { attempt } = await attemptForTestSystem(em, p, attemptId, ApiPermission.RECORD_TEST_RESULTS);
    if (attempt.status !== AttemptStatus.IN_PROGRESS) throw invalidState("只有进行中的测评可以交卷");
    const now = new Date();
    const r = await em.update(
      TestAttempt,
      { id: attemptId, version: attempt.version },
      { status: AttemptStatus.SUBMITTED, submittedAt: now, updatedAt: now, version: attempt.version + 1 },
    );
    if (r.affected !== 1) throw stateChanged();
    await audit(em, ctx, { action: "exam.attempt.submit", targetType: "TestAttempt", targetId: attemptId });
    return em.findOneByOrFail(TestAttempt, { id: attemptId });
  });
}

/** 评分: the score against the paper's pass mark decides; the workflow moves as for any recorded result. */
export async function gradeAttempt(ctx: Context, attemptId: number, score: number): Promise<Application> {
  const p = requirePrincipal(ctx);
  const { attempt } = await attemptForTestSystem(ctx.ds.manager, p, attemptId, ApiPermission.RECORD_TEST_RESULTS);
  if (attempt.status !== AttemptStatus.SUBMITTED && attempt.status !== AttemptStatus.IN_PROGRESS)
    throw invalidState("该次测评尚未开考或已评分");
  const paper = attempt.paperId ? await ctx.ds.getRepository(TestPaper).findOneBy({ id: attempt.paperId }) : null;
  if (!paper) throw invalidState("该次测评没有试卷，无法按分数线评定");
  if (score < 0 || score > paper.fullMarks) throw badInput(`分数应在 0 到 ${paper.fullMarks} 之间`, "score");
  return recordResult(ctx, {
    applicationId: attempt.applicationId,
    testKind: attempt.testKind,
    score,
    passed: score >= paper.passMark,
    attemptId,
  });
}

/** 缺考: counts as failing the test. */
export async function recordAbsence(ctx: Context, applicationId: number, testKind: TestKind): Promise<Application> {
  return recordResult(ctx, { applicationId, testKind, score: null, passed: false, status: AttemptStatus.ABSENT });
}

// ---------------------------------------------------------------- proctoring

export async function addSnapshot(
  ctx: Context,
  attemptId: number,
  capturedAt: Date,
  similarity: number,
  image: Promise<FileUpload>,
): Promise<ProctoringSnapshot> {
  const p = requirePrincipal(ctx);
  if (!(similarity >= 0 && similarity <= 100)) throw badInput("相似度应在 0 到 100 之间", "similarity");
  await attemptForTestSystem(ctx.ds.manager, p, attemptId, ApiPermission.RECORD_SNAPSHOTS);
  const file = await receiveUpload(ctx, image, ["JPEG", "PNG"]);
  try {
    return await inTransaction(ctx.ds, async (em) => {
      const { attempt } = await attemptForTestSystem(em, p, attemptId, ApiPermission.RECORD_SNAPSHOTS);
      const attachment = await saveAttachment(em, file, {
        ownerType: SNAPSHOT_OWNER,
        ownerId: attempt.id,
        purpose: "SNAPSHOT",
        uploadedByAccountId: p.type === "ACCOUNT" ? p.id : null,
      });
      const snapshot = await em.save(
        em.create(ProctoringSnapshot, {
          attemptId: attempt.id,
          institutionId: attempt.institutionId,
          attachmentId: attachment.id,
          capturedAt,
          similarity,
          viewedAt: null,
          viewedByAccountId: null,
          createdAt: new Date(),
        }),
      );
      // Denormalised for the 监考管理 filter: the lowest similarity and how many pictures.
      await em
        .createQueryBuilder()
        .update(TestAttempt)
        .set({
          minSimilarity: () =>
            `CASE WHEN min_similarity IS NULL OR min_similarity > :s THEN :s ELSE min_similarity END`,
          snapshotCount: () => "snapshot_count + 1",
        })
        .setParameter("s", similarity)
        .where("id = :id", { id: attempt.id })
        .execute();
      return snapshot;
    });
  } catch (err) {
    await ctx.storage.remove(file.key);
    throw err;
  }
}

async function visibleAttempt(em: EntityManager, p: Principal, attemptId: number) {
  const attempt = await em.findOneBy(TestAttempt, { id: attemptId });
  const institution = attempt ? await em.findOneBy(Institution, { id: attempt.institutionId }) : null;
  const visible =
    institution &&
    ((p.roles.has(Role.INSTITUTION) && p.institutionId === institution.id) ||
      partyAllows(
        p,
        Party.ASSESSOR,
        { physicianId: attempt!.physicianId, institutionId: institution.id },
        institution,
      ) ||
      ((p.roles.has(Role.HEALTH_ADMIN) || p.roles.has(Role.API_CLIENT)) && regionCovers(p, institution)));
  if (!attempt || !institution || !visible) throw notFound("测评记录");
  return { attempt, institution };
}

/** Opening an attempt's pictures: the institution's own look marks them viewed (查看状态). */
export async function viewSnapshots(ctx: Context, attemptId: number): Promise<ProctoringSnapshot[]> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const { attempt, institution } = await visibleAttempt(em, p, attemptId);
    if (p.roles.has(Role.INSTITUTION) && p.institutionId === institution.id) {
      const now = new Date();
      await em
        .createQueryBuilder()
        .update(ProctoringSnapshot)
        .set({ viewedAt: now, viewedByAccountId: p.id })
        .where("attempt_id = :id AND viewed_at IS NULL", { id: attempt.id })
        .execute();
      if (!attempt.viewedAt) await em.update(TestAttempt, { id: attempt.id }, { viewedAt: now });
    }
    return em.find(ProctoringSnapshot, { where: { attemptId: attempt.id }, order: { capturedAt: "ASC", id: "ASC" } });
  });
}

/** 标记疑似: an institution marks its own physician's attempt; it can never take the mark back. */
export async function markSuspected(ctx: Context, attemptId: number, note: string | null): Promise<TestAttempt> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const attempt = await em.findOneBy(TestAttempt, { id: attemptId });
    if (!attempt || attempt.institutionId !== p.institutionId) throw notFound("测评记录");
    if (attempt.suspected) throw invalidState("该测评已标记为疑似作弊");
    if (attempt.verdict !== CheatingVerdict.NONE) throw invalidState("省级卫生行政部门已对该测评作出认定");
    const now = new Date();
    const r = await em.update(
      TestAttempt,
      { id: attempt.id, version: attempt.version, suspected: false },
      {
        suspected: true,
        suspectedAt: now,
        suspectedByAccountId: p.id,
        viewedAt: attempt.viewedAt ?? now,
        updatedAt: now,
        version: attempt.version + 1,
      },
    );
    if (r.affected !== 1) throw stateChanged();
    await audit(em, ctx, {
      action: "proctoring.mark",
      targetType: "TestAttempt",
      targetId: attempt.id,
      detail: { note },
    });
    return em.findOneByOrFail(TestAttempt, { id: attempt.id });
  });
}

/**
 * The province's verdict on a marked attempt: CLEARED removes the mark; CONFIRMED voids the attempt,
 * which the workflow treats as a failed test (VOID_FOR_CHEATING). Both are audited.
 */
export async function judgeSuspected(
  ctx: Context,
  attemptId: number,
  verdict: CheatingVerdict,
  reason: string,
): Promise<TestAttempt> {
  const p = requirePrincipal(ctx);
  const why = reason.trim();
  if (!why) throw badInput("请填写认定理由", "reason");
  if (verdict === CheatingVerdict.NONE) throw badInput("请选择认定结果", "verdict");
  return inTransaction(ctx.ds, async (em) => {
    const attempt = await em.findOneBy(TestAttempt, { id: attemptId });
    const institution = attempt ? await lockInstitution(em, attempt.institutionId) : null;
    if (
      !attempt ||
      !institution ||
      !partyAllows(p, Party.PROVINCE, { physicianId: attempt.physicianId, institutionId: institution.id }, institution)
    )
      throw notFound("测评记录");
    if (!attempt.suspected) throw invalidState("该测评未被标记为疑似作弊");
    const now = new Date();
    const confirmed = verdict === CheatingVerdict.CONFIRMED;
    const r = await em.update(
      TestAttempt,
      { id: attempt.id, version: attempt.version },
      {
        suspected: false,
        verdict,
        verdictReason: why,
        voided: confirmed,
        ...(confirmed ? { passed: false } : {}),
        updatedAt: now,
        version: attempt.version + 1,
      },
    );
    if (r.affected !== 1) throw stateChanged();
    if (confirmed) {
      const app = await em.findOneByOrFail(Application, { id: attempt.applicationId });
      if (TRANSITIONS[WorkflowAction.VOID_FOR_CHEATING].from.includes(app.status)) {
        await writeTransition(
          em,
          { principal: p, ip: ctx.ip },
          {
            app,
            institution,
            action: WorkflowAction.VOID_FOR_CHEATING,
            party: Party.PROVINCE,
            to: afterVoid(app.status, attempt.isMakeup),
            reason: why,
            detail: { attemptId: attempt.id },
          },
        );
      }
    }
    await audit(em, ctx, {
      action: confirmed ? "proctoring.verdict.confirm" : "proctoring.verdict.clear",
      targetType: "TestAttempt",
      targetId: attempt.id,
      detail: { reason: why },
    });
    return em.findOneByOrFail(TestAttempt, { id: attempt.id });
  });
}

// ---------------------------------------------------------------- lists (测评进度, 监考管理)

export enum ViewStatus {
  UNVIEWED = "UNVIEWED",
  VIEWED = "VIEWED",
  MARKED = "MARKED",
}

export interface AttemptFilter {
  procedure?: Procedure | null;
  paperId?: number | null;
  statuses?: AttemptStatus[] | null;
  maxSimilarity?: number | null;
  viewStatus?: ViewStatus | null;
  withSnapshots?: boolean | null;
  name?: string | null;
  idNumber?: string | null;
  institutionId?: number | null;
  cycleId?: number | null;
}

async function attemptQuery(ctx: Context, filter: AttemptFilter): Promise<SelectQueryBuilder<TestAttempt> | null> {
  const p = requirePrincipal(ctx);
  const cycleId = await resolveCycleId(ctx, filter.cycleId);
  if (!cycleId) return null;
  const qb = ctx.ds.getRepository(TestAttempt).createQueryBuilder("t").where("t.cycleId = :cycleId", { cycleId });
  if (p.roles.has(Role.INSTITUTION) && p.institutionId && !p.roles.has(Role.ASSESSMENT_INSTITUTION)) {
    qb.andWhere("t.institutionId = :own", { own: p.institutionId });
  } else {
    qb.innerJoin(Institution, "i", "i.id = t.institutionId");
    scopeToVisibleInstitutions(qb, p, "i");
  }
  if (filter.institutionId) qb.andWhere("t.institutionId = :fi", { fi: filter.institutionId });
  if (filter.paperId) qb.andWhere("t.paperId = :paper", { paper: filter.paperId });
  if (filter.statuses?.length) qb.andWhere("t.status IN (:...st)", { st: filter.statuses });
  if (filter.maxSimilarity !== undefined && filter.maxSimilarity !== null)
    qb.andWhere("t.minSimilarity < :ms", { ms: filter.maxSimilarity });
  if (filter.withSnapshots) qb.andWhere("t.snapshotCount > 0");
  if (filter.viewStatus === ViewStatus.MARKED) qb.andWhere("t.suspected = :yes", { yes: true });
  if (filter.viewStatus === ViewStatus.VIEWED)
    qb.andWhere("t.suspected = :no AND t.viewedAt IS NOT NULL", { no: false });
  if (filter.viewStatus === ViewStatus.UNVIEWED) qb.andWhere("t.suspected = :no AND t.viewedAt IS NULL", { no: false });
  if (filter.procedure)
    qb.innerJoin(Application, "a", "a.id = t.applicationId").andWhere("a.procedure = :proc", {
      proc: filter.procedure,
    });
  if (filter.name?.trim() || filter.idNumber?.trim()) {
    qb.innerJoin(Physician, "p", "p.id = t.physicianId");
    if (filter.name?.trim()) qb.andWhere(`p.name LIKE :pn ${LIKE_ESCAPE}`, { pn: likeContains(filter.name.trim()) });
    if (filter.idNumber?.trim()) {
      const id = normalizeIdNumber(filter.idNumber);
      if (!id.ok) throw badInput(id.reason, "idNumber");
      qb.andWhere("p.idNumber = :pid", { pid: id.value });
    }
  }
  return qb;
}

export async function listAttempts(ctx: Context, filter: AttemptFilter, page: PageArgs): Promise<Page<TestAttempt>> {
  const qb = await attemptQuery(ctx, filter);
  if (!qb) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
  const total = await qb.clone().getCount();
  const order = filter.maxSimilarity !== undefined && filter.maxSimilarity !== null ? "t.minSimilarity" : "t.id";
  const items = await qb
    .orderBy(order, "ASC")
    .addOrderBy("t.id", "ASC")
    .offset(offsetOf(page))
    .limit(page.pageSize)
    .getMany();
  return { items, total, page: page.page, pageSize: page.pageSize };
}
