import type { EntityManager } from "typeorm";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { Attachment } from "../attachments/attachment.entity";
import { receiveUpload, removeUnreferencedFile, saveAttachment } from "../attachments/attachments.service";
import { audit } from "../audit/audit";
import { canSeeInstitution } from "../common/access";
import { Role, requirePrincipal, type Principal } from "../common/auth";
import { badInput, invalidState, notFound, stateChanged } from "../common/errors";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Department } from "../departments/department.entity";
import { Institution } from "../institutions/institution.entity";
import { Physician } from "../physicians/physician.entity";
import { TestAttempt, AttemptStatus } from "../exams/test-attempt.entity";
import { OPEN_ATTEMPT_STATUSES, scheduleAttempts } from "../exams/scheduling";
import { Application } from "./application.entity";
import type { TransitionBatch } from "./transition-batch";
import {
  ETHICS,
  Rating,
  type ItemRating,
  WORK_PERFORMANCE,
  workQuantityItem,
  type InstitutionReview,
  type PhysicianSnapshot,
  type Submission,
} from "./application.types";
import type { ApplicationFormInput, ItemRatingInput } from "./application.inputs";
import { AssessmentCycle, todayInChina } from "./cycle.entity";
import { currentCycle } from "./cycle.service";
import { OtherInstitutionOpinion } from "./other-opinion.entity";
import {
  afterReReview,
  afterResult,
  exemptableTest,
  exemptionFits,
  failedKinds,
  overallRating,
  remainingTests,
  simpleProcedureRefusal,
} from "./outcome";
import { partyAllows } from "./parties";
import { phaseRefusal } from "./phases";
import { Procedure, PROCEDURE_LABEL, TEST_KIND_LABEL, TestKind } from "./procedure";
import { exemptionTransition, transition } from "./transition.service";
import {
  ApplicationStatus,
  EDITABLE_STATUSES,
  EXEMPTION_INFO,
  EXEMPTION_OPEN_STATUSES,
  EXEMPTION_TRANSITIONS,
  ExemptionAction,
  ExemptionStatus,
  TRANSITIONS,
  WorkflowAction,
  type ReturnSection,
  type Transition,
} from "./workflow";

export const APPLICATION_OWNER = "APPLICATION";
/** Attachment purposes of an application. */
export const PURPOSES = { MATERIAL: "MATERIAL", REPORT: "REPORT", EVIDENCE: "EVIDENCE" } as const;
export type Purpose = keyof typeof PURPOSES;

// ---------------------------------------------------------------- reading

/** May `p` read this application? Its physician, anyone who may see the institution. */
export async function visibleApplication(ctx: Context, id: number): Promise<Application> {
  const p = requirePrincipal(ctx);
  const app = await ctx.ds.getRepository(Application).findOneBy({ id });
  if (!app) throw notFound("考核申请");
  if (p.roles.has(Role.PHYSICIAN) && p.physicianId === app.physicianId) return app;
  const inst = app.institutionId ? await ctx.ds.getRepository(Institution).findOneBy({ id: app.institutionId }) : null;
  if (!inst || !canSeeInstitution(p, inst)) throw notFound("考核申请");
  return app;
}

/** The signed-in physician's application in his province's current cycle. */
export async function myApplication(ctx: Context, em: EntityManager = ctx.ds.manager): Promise<Application | null> {
  const p = requirePrincipal(ctx);
  const physician = await em.findOneBy(Physician, { id: p.physicianId! });
  if (!physician) return null;
  const inst = physician.institutionId ? await em.findOneBy(Institution, { id: physician.institutionId }) : null;
  const cycle = inst
    ? await currentCycle(em, inst.provinceCode)
    : await em.findOneBy(AssessmentCycle, { isCurrent: true });
  return cycle ? em.findOneBy(Application, { cycleId: cycle.id, physicianId: physician.id }) : null;
}

async function myApplicationOrFail(ctx: Context, em?: EntityManager): Promise<Application> {
  const app = await myApplication(ctx, em);
  if (!app) throw notFound("本周期的考核申请（请联系所在机构确认参加）");
  return app;
}

// ---------------------------------------------------------------- physician

const clean = (s: string | undefined | null) => (s ?? "").trim();

function formOf(input: ApplicationFormInput): Submission {
  return {
    procedure: input.procedure ?? null,
    departmentId: input.departmentId ?? null,
    practiceExperience: clean(input.practiceExperience),
    workPerformance: clean(input.workPerformance),
    ethics: clean(input.ethics),
    report: clean(input.report),
    hasGoodRecord: input.hasGoodRecord,
    hasBadRecord: input.hasBadRecord,
    workQuantities: input.workQuantities.map((q) => ({ code: q.code, value: q.value })),
  };
}

/** 保存: a draft the institution never sees; allowed while the physician may still edit. */
export async function saveDraft(ctx: Context, input: ApplicationFormInput): Promise<Application> {
  return inTransaction(ctx.ds, async (em) => {
    const app = await myApplicationOrFail(ctx, em);
    if (!EDITABLE_STATUSES.includes(app.status)) throw invalidState("当前状态不能修改报名信息");
    // A draft names only a department of the physician's own institution (another's id is not even confirmed).
    if (
      input.departmentId != null &&
      !(await em.existsBy(Department, { id: input.departmentId, institutionId: app.institutionId ?? -1 }))
    )
      throw badInput("所选科室不存在", "departmentId");
    const result = await em.update(
      Application,
      { id: app.id, version: app.version },
      { draft: formOf(input), version: app.version + 1, updatedAt: new Date() },
    );
    if (result.affected !== 1) throw stateChanged();
    return em.findOneByOrFail(Application, { id: app.id });
  });
}

export async function snapshotOf(
  em: EntityManager,
  physician: Physician,
  departmentName: string,
  /** The institution if the caller has it already (read again only if it is not the physician's). */
  known?: Institution,
): Promise<PhysicianSnapshot> {
  const inst = !physician.institutionId
    ? null
    : known?.id === physician.institutionId
      ? known
      : await em.findOneBy(Institution, { id: physician.institutionId });
  return {
    name: physician.name,
    gender: physician.gender === "MALE" ? "男" : "女",
    birthDate: physician.birthDate,
    idNumber: physician.idNumber,
    phone: physician.phone,
    level: physician.level === "PHYSICIAN" ? "执业医师" : "执业助理医师",
    title: physician.title,
    qualificationCertNo: physician.qualificationCertNo,
    practiceCertNo: physician.practiceCertNo,
    categoryCode: physician.categoryCode,
    scopeCodes: physician.scopeCodes,
    firstPracticeDate: physician.firstPracticeDate,
    institutionName: inst?.name ?? "",
    departmentName,
    otherPracticeSites: physician.otherPracticeSites,
  };
}

/** One item 提交报名 still lacks: the form field it concerns and the sentence shown beside it. */
export interface MissingItem {
  field: string;
  message: string;
}

/** The fields every submission needs, and those the procedure adds (simple: 述职报告 and 材料; general: 工作数量). */
const REQUIRED_ALWAYS = ["procedure", "departmentId", "practiceExperience", "workPerformance", "ethics"];
const REQUIRED_BY_PROCEDURE: Record<Procedure, string[]> = {
  [Procedure.SIMPLE]: ["report", "attachments"],
  [Procedure.GENERAL]: ["workQuantities"],
};

/**
 * What 提交报名 requires (workflow.md): procedure, an enabled department, the texts, and per procedure materials
 * or quantities. Every lacking item, in the order the form asks for them; the submission refuses with the first,
 * and the portal shows them all before it submits (the same code, so the two cannot disagree).
 */
export async function submissionRequirements(
  em: EntityManager,
  app: Application,
  form: Submission,
  cycle: AssessmentCycle,
): Promise<{ required: string[]; missing: MissingItem[]; physician: Physician; department: Department | null }> {
  const physician = await em.findOneByOrFail(Physician, { id: app.physicianId });
  const missing: MissingItem[] = [];
  const lack = (message: string, field: string) => missing.push({ field, message });
  if (!form.procedure) lack("请选择考核程序（简易程序或一般程序）", "procedure");
  else if (form.procedure === Procedure.SIMPLE) {
    const refusal = simpleProcedureRefusal(
      cycle.simpleProcedureRule,
      physician.firstPracticeDate,
      form.hasGoodRecord,
      form.hasBadRecord,
      todayInChina(),
    );
    if (refusal) lack(refusal, "procedure");
  }
  const department = form.departmentId
    ? await em.findOneBy(Department, { id: form.departmentId, institutionId: app.institutionId! })
    : null;
  if (!form.departmentId) lack("请选择科室", "departmentId");
  else if (!department) lack("所选科室不存在", "departmentId");
  else if (!department.enabled) lack(`科室“${department.name}”已停用，请选择其他科室`, "departmentId");
  if (!form.practiceExperience) lack("请填写执业经历", "practiceExperience");
  if (!form.workPerformance) lack("请填写工作成绩自评", "workPerformance");
  if (!form.ethics) lack("请填写职业道德自评", "ethics");
  if (form.procedure === Procedure.SIMPLE) {
    if (!form.report) lack("简易程序须填写个人述职报告", "report");
    const materials = await em.countBy(Attachment, {
      ownerType: APPLICATION_OWNER,
      ownerId: app.id,
      purpose: PURPOSES.MATERIAL,
    });
    if (!materials) lack("简易程序须上传申请材料", "attachments");
  } else if (form.procedure === Procedure.GENERAL) {
    const standards = new Map(cycle.workQuantityStandards.map((s) => [s.code, s]));
    const unknown = form.workQuantities.find((q) => !standards.has(q.code));
    if (!form.workQuantities.length) lack("一般程序须填写工作数量", "workQuantities");
    else if (unknown) lack(`工作数量项目“${unknown.code}”不在本周期标准中`, "workQuantities");
    else if (new Set(form.workQuantities.map((q) => q.code)).size !== form.workQuantities.length)
      lack("工作数量项目重复", "workQuantities");
  }
  const required = [...REQUIRED_ALWAYS, ...(form.procedure ? REQUIRED_BY_PROCEDURE[form.procedure] : [])];
  return { required, missing, physician, department };
}

/** 提交报名 refuses with the first lacking item, else the submission with the physician's snapshot. */
async function validatedSubmission(
  em: EntityManager,
  app: Application,
  form: Submission,
  cycle: AssessmentCycle,
  institution: Institution,
): Promise<{ submission: Submission; physician: Physician; department: Department }> {
  const { missing, physician, department } = await submissionRequirements(em, app, form, cycle);
  if (missing.length || !department) throw badInput(missing[0]!.message, missing[0]!.field);
  const snapshot = await snapshotOf(em, physician, department.name, institution);
  return {
    submission: { ...form, workQuantities: form.procedure === Procedure.GENERAL ? form.workQuantities : [], snapshot },
    physician,
    department,
  };
}

/** What the signed-in physician's submission of `input` would still lack now (the portal's 待完善 list). */
export async function myRequirements(ctx: Context, input: ApplicationFormInput) {
  const app = await myApplicationOrFail(ctx);
  const cycle = await ctx.ds.manager.findOneByOrFail(AssessmentCycle, { id: app.cycleId });
  const { required, missing } = await submissionRequirements(ctx.ds.manager, app, formOf(input), cycle);
  return { required, missing, complete: missing.length === 0 };
}

/** 提交报名 / 重新提交. */
export async function submit(
  ctx: Context,
  input: ApplicationFormInput,
  expectedVersion: number | null,
): Promise<Application> {
  const mine = await myApplicationOrFail(ctx);
  const form = formOf(input);
  return transition(ctx, {
    action: WorkflowAction.SUBMIT,
    applicationId: mine.id,
    expectedVersion,
    decide: async (app, em, institution, cycleOf) => {
      const cycle = await cycleOf();
      const { submission, physician, department } = await validatedSubmission(em, app, form, cycle, institution);
      if (physician.departmentId !== department.id)
        await em.update(Physician, { id: physician.id }, { departmentId: department.id, updatedAt: new Date() });
      // The exempted test follows from the procedure in force: a request that no longer fits is void.
      const voidsExemption =
        app.exemptionStatus !== ExemptionStatus.NONE &&
        app.exemptedTest !== null &&
        !exemptionFits(cycle, submission.procedure, app.exemptedTest);
      return {
        changes: {
          procedure: submission.procedure,
          departmentId: department.id,
          submission,
          draft: form,
          submittedAt: new Date(),
          institutionReview: null,
          assessmentReview: null,
        },
        closeExemption: voidsExemption
          ? `考核程序改为${PROCEDURE_LABEL[submission.procedure!]}，原免考申请（免${TEST_KIND_LABEL[app.exemptedTest!]}）不再适用，随之失效；如符合条件可重新申请`
          : undefined,
        detail: { procedure: submission.procedure },
      };
    },
  });
}

/** Attachments the physician may add: materials and report while editing, evidence while an exemption can be requested. */
export async function uploadAttachment(ctx: Context, purpose: Purpose, upload: Promise<FileUpload>) {
  const p = requirePrincipal(ctx);
  const mine = await myApplicationOrFail(ctx);
  const file = await receiveUpload(ctx, upload);
  try {
    return await inTransaction(ctx.ds, async (em) => {
      const app = await em.findOneByOrFail(Application, { id: mine.id });
      if (purpose === "EVIDENCE") {
        if (!EXEMPTION_OPEN_STATUSES.includes(app.status)) throw invalidState("当前状态不能上传免考证明材料");
      } else if (!EDITABLE_STATUSES.includes(app.status)) {
        throw invalidState("报名信息已提交，不能再修改材料；如需修改请等待驳回");
      }
      const count = await em.countBy(Attachment, { ownerType: APPLICATION_OWNER, ownerId: app.id });
      if (count >= 30) throw badInput("附件数量已达上限（30 个）", "file");
      const saved = await saveAttachment(em, file, {
        ownerType: APPLICATION_OWNER,
        ownerId: app.id,
        purpose,
        uploadedByAccountId: p.id,
      });
      await audit(em, ctx, {
        action: "application.attachment.add",
        targetType: "Application",
        targetId: app.id,
        detail: { purpose, sha256: file.sha256 },
      });
      return saved;
    });
  } catch (err) {
    await ctx.storage.remove(file.key);
    throw err;
  }
}

export async function removeAttachment(ctx: Context, attachmentId: number): Promise<void> {
  const mine = await myApplicationOrFail(ctx);
  const storageKey = await inTransaction(ctx.ds, async (em) => {
    const attachment = await em.findOneBy(Attachment, {
      id: attachmentId,
      ownerType: APPLICATION_OWNER,
      ownerId: mine.id,
    });
    if (!attachment) throw notFound("附件");
    const app = await em.findOneByOrFail(Application, { id: mine.id });
    const editable =
      attachment.purpose === PURPOSES.EVIDENCE
        ? app.exemptionStatus === ExemptionStatus.NONE || app.exemptionStatus === ExemptionStatus.REJECTED
        : EDITABLE_STATUSES.includes(app.status);
    if (!editable) throw invalidState("已提交审核的材料不能删除");
    await em.delete(Attachment, { id: attachmentId });
    await audit(em, ctx, {
      action: "application.attachment.remove",
      targetType: "Application",
      targetId: app.id,
      detail: { attachmentId },
    });
    return attachment.storageKey;
  });
  await removeUnreferencedFile(ctx, storageKey);
}

// ---------------------------------------------------------------- institution review

const ITEM_NAMES: Record<string, string> = { [WORK_PERFORMANCE]: "工作成绩", [ETHICS]: "职业道德" };
export const ratingItemName = (item: string, cycle?: Pick<AssessmentCycle, "workQuantityStandards"> | null) =>
  ITEM_NAMES[item] ?? cycle?.workQuantityStandards.find((s) => workQuantityItem(s.code) === item)?.name ?? item;

/**
 * One rating as recorded: for a work quantity also the declared figure and the standard, and whether the rating
 * contradicts them (不合格 at or above the standard, 合格 below it). The reviewer confirmed it; both are kept.
 */
export function ratedItem(
  item: string,
  itemName: string,
  rating: Rating,
  submission: Pick<Submission, "workQuantities"> | null,
  cycle: Pick<AssessmentCycle, "workQuantityStandards"> | null,
): ItemRating {
  const standard = cycle?.workQuantityStandards.find((s) => workQuantityItem(s.code) === item);
  const declared = submission?.workQuantities.find((q) => workQuantityItem(q.code) === item);
  if (!standard || !declared || standard.threshold === null) return { item, itemName, rating };
  const meets = declared.value >= standard.threshold;
  return {
    item,
    itemName,
    rating,
    declaredValue: declared.value,
    threshold: standard.threshold,
    contradictsStandard: meets === (rating === Rating.UNQUALIFIED),
  };
}

/** 提交（审核通过）: 工作成绩 and 职业道德 rated (and each reported work quantity for the general procedure). */
export async function approveByInstitution(
  ctx: Context,
  id: number,
  ratings: ItemRatingInput[],
  opinion: string,
  expectedVersion: number | null,
) {
  const p = requirePrincipal(ctx);
  return transition(ctx, {
    action: WorkflowAction.APPROVE,
    applicationId: id,
    expectedVersion,
    decide: async (app, em) => {
      const cycle = await em.findOneBy(AssessmentCycle, { id: app.cycleId });
      const required = [WORK_PERFORMANCE, ETHICS];
      if (app.procedure === Procedure.GENERAL)
        required.push(...(app.submission?.workQuantities ?? []).map((q) => workQuantityItem(q.code)));
      const given = new Map(ratings.map((r) => [r.item, r.rating]));
      const missing = required.filter((item) => !given.has(item));
      if (missing.length)
        throw badInput(`请评定：${missing.map((m) => ratingItemName(m, cycle)).join("、")}`, "ratings");
      const unknown = [...given.keys()].filter((item) => !required.includes(item));
      if (unknown.length) throw badInput(`无需评定的项目：${unknown.join("、")}`, "ratings");
      const itemRatings = required.map((item) =>
        ratedItem(item, ratingItemName(item, cycle), given.get(item)!, app.submission, cycle),
      );
      const outcome = overallRating(itemRatings);
      // A 不合格 ends the physician's cycle: it must say why.
      if (outcome === Rating.UNQUALIFIED && !opinion.trim())
        throw badInput("评定为不合格的，须填写评定意见（说明不合格的理由）", "opinion");
      const contradictions = itemRatings.filter((r) => r.contradictsStandard).map((r) => r.item);
      const review: InstitutionReview = {
        ratings: itemRatings,
        outcome,
        opinion: opinion.trim(),
        reviewerAccountId: p.id,
        reviewerName: p.name,
        at: new Date().toISOString(),
      };
      return {
        changes: { institutionReview: review, returnReason: null },
        detail: { outcome: review.outcome, ...(contradictions.length ? { contradictions } : {}) },
      };
    },
  });
}

export async function rejectByInstitution(
  ctx: Context,
  id: number,
  reason: string,
  expectedVersion: number | null,
  sections: ReturnSection[] | null = null,
) {
  return transition(ctx, {
    action: WorkflowAction.REJECT,
    applicationId: id,
    expectedVersion,
    reason,
    sections,
    decide: () => ({ changes: { returnReason: reason.trim() } }),
  });
}

/** 新增意见: another practice site's opinion, during the institution's review. */
export async function addOtherOpinion(
  ctx: Context,
  id: number,
  institutionName: string,
  opinion: string,
  expectedVersion: number | null,
) {
  const p = requirePrincipal(ctx);
  const name = institutionName.trim();
  const text = opinion.trim();
  if (!name) throw badInput("请填写其他执业机构名称", "institutionName");
  if (!text) throw badInput("请填写机构意见", "opinion");
  return transition(ctx, {
    action: WorkflowAction.ADD_OPINION,
    applicationId: id,
    expectedVersion,
    decide: async (app, em) => {
      await em.insert(OtherInstitutionOpinion, {
        applicationId: app.id,
        institutionName: name.slice(0, 128),
        opinion: text.slice(0, 1000),
        byAccountId: p.id,
        at: new Date(),
      });
      return { detail: { institutionName: name } };
    },
  });
}

/** 修改 / 删除 another practice site's opinion, while this institution still reviews; each change on the timeline. */
export async function changeOtherOpinion(
  ctx: Context,
  opinionId: number,
  change: { institutionName: string; opinion: string } | null,
  expectedVersion: number | null,
) {
  const existing = await ctx.ds.getRepository(OtherInstitutionOpinion).findOneBy({ id: opinionId });
  if (!existing) throw notFound("其他执业机构意见");
  const name = change?.institutionName.trim() ?? "";
  const text = change?.opinion.trim() ?? "";
  if (change && !name) throw badInput("请填写其他执业机构名称", "institutionName");
  if (change && !text) throw badInput("请填写机构意见", "opinion");
  return transition(ctx, {
    action: change ? WorkflowAction.UPDATE_OPINION : WorkflowAction.REMOVE_OPINION,
    applicationId: existing.applicationId,
    expectedVersion,
    decide: async (app, em) => {
      const before = { institutionName: existing.institutionName, opinion: existing.opinion };
      const result = change
        ? await em.update(
            OtherInstitutionOpinion,
            { id: opinionId, applicationId: app.id },
            { institutionName: name.slice(0, 128), opinion: text.slice(0, 1000), at: new Date() },
          )
        : await em.delete(OtherInstitutionOpinion, { id: opinionId, applicationId: app.id });
      if (result.affected !== 1) throw stateChanged();
      return {
        reason: `${before.institutionName}${change ? "（意见已修改）" : "（意见已删除）"}`,
        detail: { opinionId, before, ...(change ? { after: { institutionName: name, opinion: text } } : {}) },
      };
    },
  });
}

// ---------------------------------------------------------------- assessment institution, administrations

export async function reReview(
  ctx: Context,
  id: number,
  approve: boolean,
  opinion: string,
  reason: string | null,
  expectedVersion: number | null,
) {
  const p = requirePrincipal(ctx);
  const review = {
    approved: approve,
    opinion: (approve ? opinion : (reason ?? "")).trim(),
    reviewerAccountId: p.id,
    reviewerName: p.name,
    at: new Date().toISOString(),
  };
  if (!approve) {
    return transition(ctx, {
      action: WorkflowAction.REREVIEW_REJECT,
      applicationId: id,
      expectedVersion,
      reason,
      decide: () => ({ changes: { assessmentReview: review, returnReason: reason?.trim() ?? null } }),
    });
  }
  return transition(ctx, {
    action: WorkflowAction.REREVIEW_APPROVE,
    applicationId: id,
    expectedVersion,
    decide: async (app, em, _institution, cycleOf) => {
      const cycle = await cycleOf();
      const to = afterReReview(cycle, app, app.institutionReview?.outcome ?? Rating.QUALIFIED);
      if (to === ApplicationStatus.AWAITING_TEST) await scheduleAttempts(em, app, cycle, false);
      return { to, changes: { assessmentReview: review }, detail: { remainingTests: remainingTests(cycle, app) } };
    },
  });
}

/** An administration undoes an already-reviewed application: back to the physician, reviews cleared. */
export async function adminReturn(
  ctx: Context,
  id: number,
  reason: string,
  expectedVersion: number | null,
  sections: ReturnSection[] | null = null,
) {
  return transition(ctx, {
    action: WorkflowAction.ADMIN_RETURN,
    applicationId: id,
    expectedVersion,
    reason,
    sections,
    decide: (app) => ({
      changes: { institutionReview: null, assessmentReview: null, returnReason: reason.trim() },
      detail: { previousReviews: { institution: app.institutionReview, assessment: app.assessmentReview } },
    }),
  });
}

/** An administration cancels an enrolment the institution can no longer cancel: reviewed, no test result yet. */
export async function adminCancelEnrollment(ctx: Context, id: number, reason: string, expectedVersion: number | null) {
  return transition(ctx, {
    action: WorkflowAction.ADMIN_CANCEL_ENROLLMENT,
    applicationId: id,
    expectedVersion,
    reason,
    decide: async (app, em) => {
      const attempts = await em.findBy(TestAttempt, { applicationId: app.id });
      if (attempts.some((a) => a.passed !== null || a.voided))
        throw invalidState("该医师已有测评结果，不能取消报名；如需重新审核，可驳回至医师");
      return {
        changes: { institutionReview: null, assessmentReview: null, returnReason: reason.trim() },
        detail: {
          previousReviews: { institution: app.institutionReview, assessment: app.assessmentReview },
          withdrawn: withdrawnByCancel(app),
        },
      };
    },
  });
}

export async function decideMakeup(
  ctx: Context,
  id: number,
  allow: boolean,
  reason: string | null,
  expectedVersion: number | null,
) {
  return transition(ctx, {
    action: allow ? WorkflowAction.CONFIRM_MAKEUP : WorkflowAction.REFUSE_MAKEUP,
    applicationId: id,
    expectedVersion,
    reason,
    decide: async (app, em) => {
      if (allow) await scheduleAttempts(em, app, await em.findOneByOrFail(AssessmentCycle, { id: app.cycleId }), true);
      return {};
    },
  });
}

export interface ResultInput {
  applicationId: number;
  testKind: TestKind;
  score: number | null;
  passed: boolean;
  /** ABSENT (缺考) counts as failed. */
  status?: AttemptStatus.GRADED | AttemptStatus.ABSENT;
  paperId?: number | null;
  expectedVersion?: number | null;
  /** An attempt opened by the test system, to grade instead of creating a new record. */
  attemptId?: number | null;
}

/**
 * 录入测评结果 (first attempt) or 补考结果, by the assessment institution or the test system.
 * The result is stored as a graded attempt; the application moves by the outcome rules.
 */
export async function recordResult(ctx: Context, input: ResultInput, inside?: EntityManager, batch?: TransitionBatch) {
  const p = requirePrincipal(ctx);
  const current = await (inside ?? ctx.ds.manager).findOneBy(Application, { id: input.applicationId });
  const action =
    current?.status === ApplicationStatus.AWAITING_MAKEUP_TEST
      ? WorkflowAction.RECORD_MAKEUP_RESULT
      : WorkflowAction.RECORD_TEST_RESULT;
  return transition(ctx, {
    action,
    applicationId: input.applicationId,
    expectedVersion: input.expectedVersion,
    em: inside,
    batch,
    decide: async (app, em, _institution, cycleOf) => {
      const cycle = await cycleOf();
      const remaining = remainingTests(cycle, app);
      if (!remaining.includes(input.testKind))
        throw badInput("该医师无需参加此项测评（不在其考核程序要求内或已免考）", "testKind");
      const attempts = await em.findBy(TestAttempt, { applicationId: app.id });
      if (attempts.some((a) => a.testKind === input.testKind && a.passed === true && !a.voided))
        throw invalidState("该项测评已合格，无需再次录入");
      const now = new Date();
      const absent = input.status === AttemptStatus.ABSENT;
      const values = {
        status: input.status ?? AttemptStatus.GRADED,
        score: absent ? null : input.score,
        passed: absent ? false : input.passed,
        submittedAt: absent ? null : now,
        recordedByType: p.type,
        recordedById: p.id,
        updatedAt: now,
      };
      // The attempt being graded: the one named, else the open (未开始/进行中/已交卷) attempt of that test.
      const open = input.attemptId
        ? attempts.find((a) => a.id === input.attemptId)
        : attempts.find((a) => a.testKind === input.testKind && OPEN_ATTEMPT_STATUSES.includes(a.status));
      if (input.attemptId && (!open || open.testKind !== input.testKind)) throw notFound("测评记录");
      let attempt: TestAttempt;
      if (open) {
        if (!OPEN_ATTEMPT_STATUSES.includes(open.status)) throw invalidState("该次测评已有结果");
        const result = await em.update(
          TestAttempt,
          { id: open.id, version: open.version },
          { ...values, paperId: open.paperId ?? input.paperId ?? null, version: open.version + 1 },
        );
        if (result.affected !== 1) throw stateChanged();
        attempt = { ...open, ...values };
      } else {
        attempt = await em.save(
          em.create(TestAttempt, {
            applicationId: app.id,
            cycleId: app.cycleId,
            physicianId: app.physicianId,
            institutionId: app.institutionId!,
            paperId: input.paperId ?? null,
            testKind: input.testKind,
            isMakeup: app.status === ApplicationStatus.AWAITING_MAKEUP_TEST,
            startedAt: null,
            createdAt: now,
            ...values,
          }),
        );
      }
      const others = attempts.filter((a) => a.id !== attempt.id);
      const to = afterResult(cycle, app, [...others, attempt], input.passed);
      return {
        to,
        detail: { attemptId: attempt.id, testKind: input.testKind, score: values.score, passed: values.passed, absent },
      };
    },
  });
}

// ---------------------------------------------------------------- exemption flow

export async function exemptionStep(
  ctx: Context,
  action: ExemptionAction,
  applicationId: number | null,
  options: { reason?: string | null; note?: string | null; expectedVersion?: number | null } = {},
): Promise<Application> {
  const rule = EXEMPTION_TRANSITIONS[action];
  const id = applicationId ?? (await myApplicationOrFail(ctx)).id;
  return exemptionTransition(ctx, {
    action,
    applicationId: id,
    expectedVersion: options.expectedVersion,
    reason: options.reason,
    decide: async (app, em, _institution, cycleOf) => {
      const cycle = await cycleOf();
      const reason = options.reason?.trim() || null;
      const changes: Partial<Application> = {};
      if (action === ExemptionAction.REQUEST_EXEMPTION) {
        if (!app.procedure) throw invalidState("请先提交报名信息（选择考核程序）后再申请免考");
        const evidence = await em.countBy(Attachment, {
          ownerType: APPLICATION_OWNER,
          ownerId: app.id,
          purpose: PURPOSES.EVIDENCE,
        });
        if (!evidence) throw badInput("申请免考须上传证明材料", "attachments");
        Object.assign(changes, {
          exemptedTest: exemptableTest(cycle, app.procedure),
          exemptionReason: reason,
          exemptionNote: options.note?.trim() || null,
          exemptionRequestedAt: new Date(),
        });
      }
      if (rule.requiresReason) changes.exemptionNote = reason;
      // An exemption covers a test not yet failed: a failed (or voided) test is not exempted afterwards.
      const covers = changes.exemptedTest ?? app.exemptedTest;
      if (!rule.requiresReason && covers) {
        const attempts = await em.findBy(TestAttempt, { applicationId: app.id });
        if (failedKinds(attempts).has(covers))
          throw invalidState(
            `${TEST_KIND_LABEL[covers]}已参加且不合格，不能再免考；${action === ExemptionAction.REQUEST_EXEMPTION ? "请按补考流程办理" : "请驳回该免考申请"}`,
            { reason: "TEST_ALREADY_FAILED" },
          );
      }
      // Approving an exemption can leave nothing to test: the application is then 合格.
      let to = app.status;
      if (action === ExemptionAction.REREVIEW_EXEMPTION_APPROVE && app.status === ApplicationStatus.AWAITING_TEST) {
        const attempts = await em.findBy(TestAttempt, { applicationId: app.id });
        const after = { ...app, exemptionStatus: ExemptionStatus.APPROVED };
        if (afterResult(cycle, after, attempts, true) === ApplicationStatus.QUALIFIED) to = ApplicationStatus.QUALIFIED;
      }
      return { to, changes };
    },
  });
}

// ---------------------------------------------------------------- what the caller may do now

/** Actions that act on a part of the application (a test attempt, an opinion), not offered as its buttons. */
const ROW_ACTIONS = [WorkflowAction.VOID_FOR_CHEATING, WorkflowAction.UPDATE_OPINION, WorkflowAction.REMOVE_OPINION];

/**
 * What 取消报名 would withdraw (the console warns naming it, the timeline records it): a submission under
 * review, and an exemption request.
 */
export function withdrawnByCancel(
  app: Pick<Application, "status" | "procedure" | "submittedAt" | "exemptionStatus" | "exemptedTest">,
): string[] {
  const lost: string[] = [];
  if (
    app.submittedAt &&
    app.status !== ApplicationStatus.RETURNED_TO_PHYSICIAN &&
    app.status !== ApplicationStatus.AWAITING_REGISTRATION
  )
    lost.push(
      `医师已于 ${todayInChina(app.submittedAt)} 提交的报名信息${app.procedure ? `（${PROCEDURE_LABEL[app.procedure]}）` : ""}将被撤回，不再审核；重新确认参加后医师须再次提交`,
    );
  if (app.exemptionStatus !== ExemptionStatus.NONE)
    lost.push(`免考申请（${EXEMPTION_INFO[app.exemptionStatus].label}）将关闭；重新确认参加后须重新申请`);
  return lost;
}

/** The actions of the table the principal could take on this application now (the console's buttons). */
export function availableActions(
  p: Principal,
  app: Pick<Application, "status" | "exemptionStatus" | "procedure" | "physicianId" | "institutionId">,
  institution: Institution | null,
  cycle: Pick<AssessmentCycle, "phases"> | null = null,
  today = todayInChina(),
) {
  if (!institution) return { actions: [], exemptionActions: [] };
  const phaseAllows = (t: Transition) => {
    const gate = t.phases[app.status];
    return !gate?.length || !cycle || !phaseRefusal(cycle, gate, t.label, today);
  };
  const actions = Object.values(TRANSITIONS)
    // Cheating verdicts act on a test attempt (proctoring), not on the application page; opinions on their row.
    .filter(
      (t) =>
        !ROW_ACTIONS.includes(t.action) &&
        t.from.includes(app.status) &&
        phaseAllows(t) &&
        partyAllows(p, t.party, app, institution),
    )
    .map((t) => t.action);
  const exemptionActions = EXEMPTION_OPEN_STATUSES.includes(app.status)
    ? Object.values(EXEMPTION_TRANSITIONS)
        .filter((t) => t.from.includes(app.exemptionStatus) && partyAllows(p, t.party, app, institution))
        .filter((t) => t.action !== ExemptionAction.REQUEST_EXEMPTION || app.procedure)
        .map((t) => t.action)
    : [];
  return { actions, exemptionActions };
}
