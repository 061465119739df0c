import { listCost, pagedCost } from "../common/query-limits";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from "type-graphql";
import { attachmentsOf } from "../attachments/attachment.loaders";
import { AttachmentView } from "../attachments/attachment.view";
import { attachmentView } from "../attachments/attachments.service";
import { categoryByCode } from "../catalogs/catalog";
import { Role, requirePrincipal } from "../common/auth";
import { maskIdNumber, maskPhone } from "../common/id-number";
import { PageArgs, PageOf } from "../common/pagination";
import type { Context } from "../context";
import { departmentById } from "../departments/department.loaders";
import { ATTEMPT_STATUS_LABEL } from "../exams/test-attempt.entity";
import { institutionById } from "../institutions/institution.loaders";
import { PhysicianSummary } from "../physicians/physician.view";
import type { Application } from "./application.entity";
import { ApplicationFilter, ApplicationSort, listApplications } from "./application-list";
import {
  attemptsByApplication,
  cycleById,
  eventsByApplication,
  heavyPartsById,
  opinionsByApplication,
  physicianSummaryById,
} from "./application.loaders";
import {
  addOtherOpinion,
  adminReturn,
  APPLICATION_OWNER,
  approveByInstitution,
  availableActions,
  decideMakeup,
  exemptionStep,
  myApplication,
  recordResult,
  reReview,
  rejectByInstitution,
  removeAttachment,
  saveDraft,
  submit,
  uploadAttachment,
  visibleApplication,
  type Purpose,
} from "./application.service";
import type { InstitutionReview, Submission } from "./application.types";
import {
  ApplicationFormInput,
  ApplicationView,
  AssessmentReviewView,
  ExemptionRequestInput,
  InstitutionReviewView,
  type HeavyParts,
  InstitutionApprovalInput,
  OtherOpinionView,
  SubmissionView,
  TestAttemptView,
  TestResultInput,
  TimelineEventView,
  WorkflowView,
} from "./application.view";
import { remainingTests } from "./outcome";
import { PROCEDURE_LABEL, TEST_KIND_LABEL, TestKind } from "./procedure";
import {
  EVENT_LABEL,
  EXEMPTION_INFO,
  EXEMPTION_TRANSITIONS,
  ExemptionAction,
  ExemptionStatus,
  exemptionRolesFor,
  PARTY_ROLES,
  rolesFor,
  STATUS_INFO,
  TRANSITIONS,
  WorkflowAction,
  type ApplicationStatus,
} from "./workflow";

enum AttachmentPurpose {
  MATERIAL = "MATERIAL",
  REPORT = "REPORT",
  EVIDENCE = "EVIDENCE",
}
registerEnumType(AttachmentPurpose, {
  name: "AttachmentPurpose",
  description: "申请附件用途 (purpose of an application attachment)",
  valuesConfig: {
    MATERIAL: { description: "申请材料（简易程序必传） (application materials)" },
    REPORT: { description: "述职报告附件 (work report file)" },
    EVIDENCE: { description: "免考证明材料 (exemption evidence)" },
  },
});

const ApplicationPage = PageOf(ApplicationView, "ApplicationPage", "考核申请分页列表 (a page of applications)");

export function applicationView(app: Application, revealIdentifiers = false): ApplicationView {
  return {
    id: app.id,
    cycleId: app.cycleId,
    physicianId: app.physicianId,
    institutionId: app.institutionId,
    departmentId: app.departmentId,
    status: app.status,
    statusLabel: STATUS_INFO[app.status].label,
    procedure: app.procedure,
    procedureLabel: app.procedure ? PROCEDURE_LABEL[app.procedure] : null,
    exemptionStatus: app.exemptionStatus,
    exemptionStatusLabel: EXEMPTION_INFO[app.exemptionStatus].label,
    exemptedTest: app.exemptedTest,
    exemptionReason: app.exemptionReason,
    exemptionNote: app.exemptionNote,
    exemptionRequestedAt: app.exemptionRequestedAt,
    submittedAt: app.submittedAt,
    returnReason: app.returnReason,
    lastAction: app.lastAction,
    lastActionAt: app.lastActionAt,
    updatedAt: app.updatedAt,
    version: app.version,
    revealIdentifiers,
    // Rows read for lists come without the JSON columns (see application-list.ts).
    heavy:
      app.submission === undefined
        ? undefined
        : {
            submission: app.submission,
            draft: app.draft,
            institutionReview: app.institutionReview,
            assessmentReview: app.assessmentReview,
          },
  };
}

const v = (version: number | null | undefined) => version ?? null;

@Resolver(() => ApplicationView)
export class ApplicationResolver {
  @Query(() => WorkflowView, {
    description: "考核流程定义（状态标签、各动作的角色与前后状态），供界面显示标签与按钮 (the workflow table)",
  })
  workflow(): WorkflowView {
    return {
      statuses: Object.entries(STATUS_INFO).map(([value, info]) => ({ value: value as ApplicationStatus, ...info })),
      actions: Object.values(TRANSITIONS).map((t) => ({
        ...t,
        eventLabel: EVENT_LABEL[t.action],
        roles: PARTY_ROLES[t.party],
      })),
      exemptionStatuses: Object.entries(EXEMPTION_INFO).map(([value, info]) => ({
        value: value as ExemptionStatus,
        ...info,
      })),
      exemptionActions: Object.values(EXEMPTION_TRANSITIONS).map((t) => ({ ...t, roles: PARTY_ROLES[t.party] })),
    };
  }

  @Authorized()
  @Query(() => ApplicationView, {
    description:
      "考核申请详情（含完整身份证号） (an application, for its physician and those who may see its institution)",
  })
  async application(@Arg("id", () => Int) id: number, @Ctx() ctx: Context) {
    return applicationView(await visibleApplication(ctx, id), true);
  }

  @Authorized(Role.PHYSICIAN)
  @Query(() => ApplicationView, {
    nullable: true,
    description: "本人当前周期的考核申请 (the physician's own application)",
  })
  async myApplication(@Ctx() ctx: Context) {
    const app = await myApplication(ctx);
    return app ? applicationView(app, true) : null;
  }

  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => ApplicationPage, {
    complexity: pagedCost,
    description: "考核申请列表：审核队列、考核进度；只含调用者有权查看的机构 (applications the caller may see)",
  })
  async applications(
    @Arg("filter", () => ApplicationFilter, { nullable: true }) filter: ApplicationFilter | null,
    @Arg("sort", () => ApplicationSort, { nullable: true, defaultValue: ApplicationSort.ID }) sort: ApplicationSort,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const result = await listApplications(ctx, filter ?? {}, sort, page);
    return { ...result, items: result.items.map((a) => applicationView(a)) };
  }

  // ---------------------------------------------------------------- physician

  @Authorized(...rolesFor(WorkflowAction.SUBMIT))
  @Mutation(() => ApplicationView, { description: "保存报名信息草稿（机构不可见） (save a draft)" })
  async saveApplicationDraft(@Arg("input") input: ApplicationFormInput, @Ctx() ctx: Context) {
    return applicationView(await saveDraft(ctx, input), true);
  }

  @Authorized(...rolesFor(WorkflowAction.SUBMIT))
  @Mutation(() => ApplicationView, {
    description: "提交报名（被驳回后可重新提交） (submit, or resubmit after a return)",
  })
  async submitApplication(
    @Arg("input") input: ApplicationFormInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await submit(ctx, input, v(expectedVersion)), true);
  }

  @Authorized(Role.PHYSICIAN)
  @Mutation(() => AttachmentView, {
    description: "上传申请附件（PDF/JPEG/PNG，按内容识别） (upload an attachment to the own application)",
  })
  async uploadApplicationAttachment(
    @Arg("purpose", () => AttachmentPurpose) purpose: AttachmentPurpose,
    @Arg("file", () => GraphQLUpload) file: Promise<FileUpload>,
    @Ctx() ctx: Context,
  ) {
    return attachmentView(ctx, await uploadAttachment(ctx, purpose as Purpose, file));
  }

  @Authorized(Role.PHYSICIAN)
  @Mutation(() => Boolean, { description: "删除尚未提交审核的附件 (remove an attachment not yet under review)" })
  async removeApplicationAttachment(@Arg("attachmentId", () => Int) attachmentId: number, @Ctx() ctx: Context) {
    await removeAttachment(ctx, attachmentId);
    return true;
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.REQUEST_EXEMPTION))
  @Mutation(() => ApplicationView, {
    description: "申请免考（须先上传证明材料）：简易程序免医学人文测评，一般程序免业务水平测评 (request an exemption)",
  })
  async requestExemption(
    @Arg("input") input: ExemptionRequestInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(
      await exemptionStep(ctx, ExemptionAction.REQUEST_EXEMPTION, null, {
        reason: input.reason,
        note: input.note,
        expectedVersion,
      }),
      true,
    );
  }

  // ---------------------------------------------------------------- institution

  @Authorized(...rolesFor(WorkflowAction.APPROVE))
  @Mutation(() => ApplicationView, {
    description:
      "审核通过（提交至考核机构复核）：评定工作成绩、职业道德等，任一项不合格即不合格 (approve with ratings)",
  })
  async approveApplication(
    @Arg("id", () => Int) id: number,
    @Arg("input") input: InstitutionApprovalInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await approveByInstitution(ctx, id, input.ratings, input.opinion, v(expectedVersion)), true);
  }

  @Authorized(...rolesFor(WorkflowAction.REJECT))
  @Mutation(() => ApplicationView, { description: "驳回至医师，须填写理由 (return to the physician with a reason)" })
  async rejectApplication(
    @Arg("id", () => Int) id: number,
    @Arg("reason") reason: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await rejectByInstitution(ctx, id, reason, v(expectedVersion)), true);
  }

  @Authorized(...rolesFor(WorkflowAction.ADD_OPINION))
  @Mutation(() => ApplicationView, {
    description: "新增其他执业机构意见（多机构执业） (add another practice site's opinion)",
  })
  async addOtherInstitutionOpinion(
    @Arg("id", () => Int) id: number,
    @Arg("institutionName") institutionName: string,
    @Arg("opinion") opinion: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await addOtherOpinion(ctx, id, institutionName, opinion, v(expectedVersion)), true);
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.APPROVE_EXEMPTION))
  @Mutation(() => ApplicationView, { description: "免考审核通过（提交考核机构复核） (approve an exemption)" })
  async approveExemption(
    @Arg("id", () => Int) id: number,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await exemptionStep(ctx, ExemptionAction.APPROVE_EXEMPTION, id, { expectedVersion }), true);
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.REJECT_EXEMPTION))
  @Mutation(() => ApplicationView, { description: "免考审核驳回，须填写理由；医师可重新申请 (reject an exemption)" })
  async rejectExemption(
    @Arg("id", () => Int) id: number,
    @Arg("reason") reason: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(
      await exemptionStep(ctx, ExemptionAction.REJECT_EXEMPTION, id, { reason, expectedVersion }),
      true,
    );
  }

  // ---------------------------------------------------------------- assessment institution

  @Authorized(...rolesFor(WorkflowAction.REREVIEW_APPROVE))
  @Mutation(() => ApplicationView, {
    description:
      "考核机构复核：通过（进入测评，或无需测评时直接得出结果）或驳回至医疗卫生机构（须填写理由） (re-review)",
  })
  async reReviewApplication(
    @Arg("id", () => Int) id: number,
    @Arg("approve") approve: boolean,
    @Arg("opinion", { defaultValue: "" }) opinion: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await reReview(ctx, id, approve, opinion, reason, v(expectedVersion)), true);
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.REREVIEW_EXEMPTION_APPROVE))
  @Mutation(() => ApplicationView, { description: "考核机构免考复核：通过或驳回（须填写理由） (exemption re-review)" })
  async reReviewExemption(
    @Arg("id", () => Int) id: number,
    @Arg("approve") approve: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    const action = approve ? ExemptionAction.REREVIEW_EXEMPTION_APPROVE : ExemptionAction.REREVIEW_EXEMPTION_REJECT;
    return applicationView(await exemptionStep(ctx, action, id, { reason, expectedVersion }), true);
  }

  @Authorized(...rolesFor(WorkflowAction.RECORD_TEST_RESULT))
  @Mutation(() => ApplicationView, {
    description: "录入测评或补考结果（考核机构或测评系统） (record a test or make-up result)",
  })
  async recordTestResult(@Arg("input") input: TestResultInput, @Ctx() ctx: Context) {
    return applicationView(await recordResult(ctx, { ...input, score: input.score ?? null }), true);
  }

  // ---------------------------------------------------------------- health administration

  @Authorized(...rolesFor(WorkflowAction.ADMIN_RETURN))
  @Mutation(() => ApplicationView, {
    description:
      "卫生行政部门驳回已审核的申请至医师（撤销已审核的报名），须填写理由 (return an already reviewed application)",
  })
  async returnApplication(
    @Arg("id", () => Int) id: number,
    @Arg("reason") reason: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await adminReturn(ctx, id, reason, v(expectedVersion)), true);
  }

  @Authorized(...rolesFor(WorkflowAction.CONFIRM_MAKEUP))
  @Mutation(() => ApplicationView, {
    description: "省级卫生行政部门确认是否允许补考；不允许须填写理由，结果为不合格 (confirm or refuse a make-up test)",
  })
  async confirmMakeup(
    @Arg("id", () => Int) id: number,
    @Arg("allow") allow: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await decideMakeup(ctx, id, allow, reason, v(expectedVersion)), true);
  }

  // ---------------------------------------------------------------- fields

  @FieldResolver(() => PhysicianSummary, { description: "医师（身份证号、手机号脱敏） (the physician, masked)" })
  async physician(@Root() a: ApplicationView, @Ctx() ctx: Context): Promise<PhysicianSummary | null> {
    const p = await ctx.loaders.get(physicianSummaryById).load(a.physicianId);
    if (!p) return null;
    return {
      id: p.id,
      name: p.name,
      gender: p.gender,
      idNumberMasked: maskIdNumber(p.idNumber),
      phoneMasked: maskPhone(p.phone),
      categoryCode: p.categoryCode,
      categoryName: categoryByCode(p.categoryCode)?.name ?? p.categoryCode,
      level: p.level,
      title: p.title,
      departmentId: p.departmentId,
      institutionId: p.institutionId,
      practisingStatus: p.practisingStatus,
      currentApplication: null,
      updatedAt: p.updatedAt,
    };
  }

  @FieldResolver(() => String, { nullable: true, description: "机构名称 (institution name)" })
  async institutionName(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    return a.institutionId ? ((await ctx.loaders.get(institutionById).load(a.institutionId))?.name ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "科室名称 (department name)" })
  async departmentName(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    return a.departmentId ? ((await ctx.loaders.get(departmentById).load(a.departmentId))?.name ?? null) : null;
  }

  @FieldResolver(() => InstitutionReviewView, {
    nullable: true,
    description: "医疗卫生机构审核意见 (the institution's review)",
  })
  async institutionReview(@Root() a: ApplicationView, @Ctx() ctx: Context): Promise<InstitutionReviewView | null> {
    const review = (await heavyOf(ctx, a)).institutionReview as InstitutionReview | null;
    return review
      ? { ...review, ratings: review.ratings.map((r) => ({ ...r, itemName: r.itemName ?? r.item })) }
      : null;
  }

  @FieldResolver(() => AssessmentReviewView, {
    nullable: true,
    description: "考核机构复核意见 (the assessment institution's re-review)",
  })
  async assessmentReview(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    return ((await heavyOf(ctx, a)).assessmentReview as AssessmentReviewView | null) ?? null;
  }

  @FieldResolver(() => SubmissionView, { nullable: true, description: "医师提交的报名信息 (what was submitted)" })
  async submission(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    return submissionView(ctx, a, (await heavyOf(ctx, a)).submission as Submission | null);
  }

  @FieldResolver(() => SubmissionView, {
    nullable: true,
    description: "草稿：仅医师本人可见 (the draft; only its physician sees it)",
  })
  async draft(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const p = requirePrincipal(ctx);
    if (!(p.roles.has(Role.PHYSICIAN) && p.physicianId === a.physicianId)) return null;
    return submissionView(ctx, a, (await heavyOf(ctx, a)).draft as Submission | null);
  }

  @FieldResolver(() => [AttachmentView], {
    complexity: listCost(5),
    description: "附件（签名链接，10 分钟有效） (attachments with signed links)",
  })
  async attachments(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.get(attachmentsOf(APPLICATION_OWNER)).load(a.id);
    return rows.map((row) => attachmentView(ctx, row));
  }

  @FieldResolver(() => [OtherOpinionView], {
    complexity: listCost(3),
    description: "其他执业机构意见 (other institutions' opinions)",
  })
  otherOpinions(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    return ctx.loaders.get(opinionsByApplication).load(a.id);
  }

  @FieldResolver(() => [TestAttemptView], {
    complexity: listCost(4),
    description: "测评记录 (test attempts and results)",
  })
  async testAttempts(@Root() a: ApplicationView, @Ctx() ctx: Context): Promise<TestAttemptView[]> {
    const rows = await ctx.loaders.get(attemptsByApplication).load(a.id);
    return rows.map((t) => ({
      ...t,
      testKindLabel: TEST_KIND_LABEL[t.testKind],
      statusLabel: ATTEMPT_STATUS_LABEL[t.status],
    }));
  }

  @FieldResolver(() => [TestKind], { description: "尚需参加的测评（已扣除获批免考） (tests still required)" })
  async requiredTests(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const cycle = await ctx.loaders.get(cycleById).load(a.cycleId);
    return cycle ? remainingTests(cycle, a) : [];
  }

  @FieldResolver(() => [TimelineEventView], { complexity: listCost(20), description: "时间线 (timeline)" })
  async timeline(@Root() a: ApplicationView, @Ctx() ctx: Context): Promise<TimelineEventView[]> {
    const events = await ctx.loaders.get(eventsByApplication).load(a.id);
    return events.map((e) => ({
      ...e,
      actionLabel: EVENT_LABEL[e.action as keyof typeof EVENT_LABEL] ?? e.action,
      toStatusLabel: e.toStatus ? STATUS_INFO[e.toStatus].label : null,
    }));
  }

  @FieldResolver(() => [WorkflowAction], {
    description: "当前登录者此刻可执行的动作（据流程表计算），界面据此显示按钮 (actions the caller may take now)",
  })
  async availableActions(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const inst = a.institutionId ? await ctx.loaders.get(institutionById).load(a.institutionId) : null;
    return availableActions(requirePrincipal(ctx), a, inst).actions;
  }

  @FieldResolver(() => [ExemptionAction], {
    description: "当前登录者此刻可执行的免考动作 (exemption actions the caller may take now)",
  })
  async availableExemptionActions(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const inst = a.institutionId ? await ctx.loaders.get(institutionById).load(a.institutionId) : null;
    return availableActions(requirePrincipal(ctx), a, inst).exemptionActions;
  }
}

/** The JSON columns of an application: with the row when it was read whole, else one batched query per page. */
async function heavyOf(ctx: Context, a: ApplicationView): Promise<HeavyParts> {
  return (
    a.heavy ??
    (await ctx.loaders.get(heavyPartsById).load(a.id)) ?? {
      submission: null,
      draft: null,
      institutionReview: null,
      assessmentReview: null,
    }
  );
}

async function submissionView(ctx: Context, a: ApplicationView, s: Submission | null): Promise<SubmissionView | null> {
  if (!s) return null;
  const cycle = await ctx.loaders.get(cycleById).load(a.cycleId);
  const standards = new Map((cycle?.workQuantityStandards ?? []).map((x) => [x.code, x]));
  const snap = s.snapshot;
  const category = snap ? categoryByCode(snap.categoryCode) : null;
  return {
    ...s,
    workQuantities: s.workQuantities.map((q) => ({
      code: q.code,
      value: q.value,
      name: standards.get(q.code)?.name ?? q.code,
      threshold: standards.get(q.code)?.threshold ?? null,
      unit: standards.get(q.code)?.unit ?? "",
      appliesTo: standards.get(q.code)?.appliesTo ?? "",
      ratingItem: `WORK_QUANTITY:${q.code}`,
    })),
    snapshot: snap
      ? {
          ...snap,
          idNumber: a.revealIdentifiers ? snap.idNumber : maskIdNumber(snap.idNumber),
          phone: a.revealIdentifiers ? snap.phone : maskPhone(snap.phone),
          categoryName: category?.name ?? snap.categoryCode,
          scopeNames: snap.scopeCodes.map((c) => category?.scopes.find((x) => x.code === c)?.name ?? c),
          otherPracticeSites: snap.otherPracticeSites.map((o) => o.institutionName),
        }
      : null,
  };
}
