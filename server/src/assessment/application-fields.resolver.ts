import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { attachmentsOf } from "../attachments/attachment.loaders";
import { AttachmentView } from "../attachments/attachment.view";
import { attachmentView } from "../attachments/attachments.service";
import { categoryByCode } from "../catalogs/catalog";
import { Role, requirePrincipal } from "../common/auth";
import { maskIdNumber, maskPhone } from "../common/id-number";
import { listCost } from "../common/query-limits";
import type { Context } from "../context";
import { departmentNameById } from "../departments/department.loaders";
import { ATTEMPT_STATUS_LABEL } from "../exams/test-attempt.entity";
import { institutionById } from "../institutions/institution.loaders";
import { PhysicianSummary, physicianSummaryOf } from "../physicians/physician.view";
import {
  attemptsByApplication,
  cycleById,
  eventsByApplication,
  heavyPartsById,
  opinionsByApplication,
  physicianSummaryById,
} from "./application.loaders";
import { APPLICATION_OWNER, availableActions, withdrawnByCancel } from "./application.service";
import type { InstitutionReview, Submission } from "./application.types";
import {
  ApplicationView,
  AssessmentReviewView,
  InstitutionReviewView,
  OtherOpinionView,
  SubmissionView,
  TestAttemptView,
  TimelineEventView,
  type HeavyParts,
} from "./application.view";
import { remainingTests } from "./outcome";
import { TEST_KIND_LABEL, TestKind } from "./procedure";
import { EVENT_LABEL, ExemptionAction, sectionsOfEvent, STATUS_INFO, WorkflowAction } from "./workflow";

/** The application's fields that resolve through loaders (relations, JSON parts, what the caller may do). */
@Resolver(() => ApplicationView)
export class ApplicationFieldsResolver {
  @FieldResolver(() => PhysicianSummary, { description: "医师（身份证号、手机号脱敏） (the physician, masked)" })
  physician(
    @Root() a: ApplicationView,
    @Ctx() ctx: Context,
  ): PhysicianSummary | null | Promise<PhysicianSummary | null> {
    return ctx.loaders.through(physicianSummaryById, a.physicianId, (p) => (p ? physicianSummaryOf(p) : null));
  }

  @FieldResolver(() => String, { nullable: true, description: "机构名称 (institution name)" })
  async institutionName(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    return a.institutionId ? ((await ctx.loaders.get(institutionById).load(a.institutionId))?.name ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "科室名称 (department name)" })
  departmentName(@Root() a: ApplicationView, @Ctx() ctx: Context): string | null | Promise<string | null> {
    return a.departmentId ? ctx.loaders.through(departmentNameById, a.departmentId, (name) => name) : null;
  }

  @FieldResolver(() => InstitutionReviewView, {
    nullable: true,
    description: "医疗卫生机构审核意见 (the institution's review)",
  })
  async institutionReview(@Root() a: ApplicationView, @Ctx() ctx: Context): Promise<InstitutionReviewView | null> {
    const review = (await heavyOf(ctx, a)).institutionReview as InstitutionReview | null;
    return review
      ? {
          ...review,
          ratings: review.ratings.map((r) => ({
            ...r,
            itemName: r.itemName ?? r.item,
            declaredValue: r.declaredValue ?? null,
            threshold: r.threshold ?? null,
            contradictsStandard: r.contradictsStandard ?? false,
          })),
        }
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
      ...sectionsOfEvent(e.sections),
    }));
  }

  @FieldResolver(() => [WorkflowAction], {
    description: "当前登录者此刻可执行的动作（据流程表计算），界面据此显示按钮 (actions the caller may take now)",
  })
  async availableActions(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const inst = a.institutionId ? await ctx.loaders.get(institutionById).load(a.institutionId) : null;
    const cycle = await ctx.loaders.get(cycleById).load(a.cycleId);
    return availableActions(requirePrincipal(ctx), a, inst, cycle).actions;
  }

  @FieldResolver(() => [String], {
    description:
      "取消报名将撤回的内容（已提交的报名信息、免考申请），界面据此提示 (what cancelling the enrolment would withdraw)",
  })
  withdrawnOnCancel(@Root() a: ApplicationView): string[] {
    return withdrawnByCancel(a);
  }

  @FieldResolver(() => [ExemptionAction], {
    description: "当前登录者此刻可执行的免考动作 (exemption actions the caller may take now)",
  })
  async availableExemptionActions(@Root() a: ApplicationView, @Ctx() ctx: Context) {
    const inst = a.institutionId ? await ctx.loaders.get(institutionById).load(a.institutionId) : null;
    const cycle = await ctx.loaders.get(cycleById).load(a.cycleId);
    return availableActions(requirePrincipal(ctx), a, inst, cycle).exemptionActions;
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
