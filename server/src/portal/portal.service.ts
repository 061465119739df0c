import { In, type EntityManager } from "typeorm";
import { Application } from "../assessment/application.entity";
import { ApplicationEvent } from "../assessment/application-event.entity";
import { availableActions } from "../assessment/application.service";
import { AssessmentCycle, todayInChina } from "../assessment/cycle.entity";
import { currentCycle } from "../assessment/cycle.service";
import { simpleProcedureRefusal, yearsBetween } from "../assessment/outcome";
import { phaseRefusal } from "../assessment/phases";
import { ApplicationStatus, sectionsOfEvent, STATUS_INFO, TRANSITIONS, WorkflowAction } from "../assessment/workflow";
import { audit } from "../audit/audit";
import { requirePrincipal, type Principal } from "../common/auth";
import { badInput, notFound, stateChanged } from "../common/errors";
import { offsetOf, type PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Department } from "../departments/department.entity";
import { Institution } from "../institutions/institution.entity";
import { PHONE_PATTERN } from "../institutions/institution.inputs";
import { Physician } from "../physicians/physician.entity";
import { PortalMessageRead } from "./message-read.entity";
import {
  PortalStep,
  type MyProfileInput,
  type PortalMessage,
  type PortalNextStep,
  type PortalReturnNote,
  type SimpleProcedureEligibility,
} from "./portal.views";

// ---------------------------------------------------------------- the physician and his cycle

interface Mine {
  physician: Physician;
  institution: Institution | null;
  cycle: AssessmentCycle | null;
  application: Application | null;
}

async function mine(ctx: Context, em: EntityManager = ctx.ds.manager): Promise<Mine> {
  const p = requirePrincipal(ctx);
  const physician = p.physicianId ? await em.findOneBy(Physician, { id: p.physicianId }) : null;
  if (!physician) throw notFound("医师信息");
  const institution = physician.institutionId ? await em.findOneBy(Institution, { id: physician.institutionId }) : null;
  const cycle = institution
    ? await currentCycle(em, institution.provinceCode)
    : await em.findOneBy(AssessmentCycle, { isCurrent: true });
  const application = cycle ? await em.findOneBy(Application, { cycleId: cycle.id, physicianId: physician.id }) : null;
  return { physician, institution, cycle, application };
}

// ---------------------------------------------------------------- 我的考核 home

const step = (s: PortalStep, title: string, description: string, actionLabel: string | null): PortalNextStep => ({
  step: s,
  title,
  description,
  actionLabel,
});

/** The one thing the physician should do now, from his status and the actions the workflow table gives him. */
export function nextStepOf(p: Principal, m: Mine, today: string): PortalNextStep {
  const { cycle, application: app, institution } = m;
  if (!cycle)
    return step(PortalStep.NO_CYCLE, "当前没有进行中的考核周期", "考核周期开始后，这里会显示您需要办理的事项。", null);
  if (!app || app.status === ApplicationStatus.NOT_ENROLLED)
    return step(
      PortalStep.NOT_ENROLLED,
      "所在机构尚未确认您参加本周期考核",
      "机构确认您参加后即可报名。如需参加，请联系所在机构。",
      null,
    );
  const { actions } = availableActions(p, app, institution);
  const meaning = STATUS_INFO[app.status].meaning;
  if (actions.includes(WorkflowAction.SUBMIT)) {
    // 报名 (or a resubmission) is next but the phases that admit it have ended: the way out, not a refused button.
    const submit = TRANSITIONS[WorkflowAction.SUBMIT];
    const gate = submit.phases[app.status];
    const closed = gate ? phaseRefusal(cycle, gate, submit.label, today) : null;
    if (closed) return step(PortalStep.REGISTRATION_CLOSED, "当前不在报名时间内", `${closed.message}。`, null);
    if (app.status === ApplicationStatus.RETURNED_TO_PHYSICIAN)
      return step(
        PortalStep.RESUBMIT,
        "报名被驳回，请修改后重新提交",
        "请按驳回理由修改报名信息，然后重新提交。",
        "修改并重新提交",
      );
    return step(
      PortalStep.REGISTER,
      "请填写并提交报名信息",
      "所在机构已确认您参加本周期考核。请选择考核程序，填写报名信息并上传申请材料，可随时保存草稿。",
      "去报名",
    );
  }
  switch (app.status) {
    case ApplicationStatus.AWAITING_TEST:
      return step(
        PortalStep.TAKE_TEST,
        "请参加在线测评",
        "报名已审核通过。请在测评时间内登录在线测评系统参加测评（测评不在本系统进行），结果录入后会通知您。",
        "查看测评安排",
      );
    case ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION:
      return step(PortalStep.WAIT_MAKEUP_DECISION, "等待确认补考", meaning, "查看测评结果");
    case ApplicationStatus.AWAITING_MAKEUP_TEST:
      return step(
        PortalStep.TAKE_MAKEUP,
        "请参加补考",
        "卫生行政部门已确认您参加补考。请在补考时间内登录在线测评系统参加补考。",
        "查看测评安排",
      );
    case ApplicationStatus.QUALIFIED:
      return step(PortalStep.CERTIFICATE, "考核合格", "您本周期考核合格，可查看、打印和下载合格证明。", "查看合格证明");
    case ApplicationStatus.UNQUALIFIED:
      return step(PortalStep.UNQUALIFIED, "考核不合格", "如有疑问，请联系所在机构。", "查看考核记录");
    default:
      return step(
        PortalStep.WAIT_REVIEW,
        "报名已提交，请等待审核",
        `${meaning}。审核结果会通过消息通知您。`,
        "查看报名信息",
      );
  }
}

/** Who returns an application to whom, in the words the physician reads. */
const RETURN_PARTY: Record<string, string> = {
  [WorkflowAction.REJECT]: "医疗卫生机构",
  [WorkflowAction.REREVIEW_REJECT]: "考核机构",
  [WorkflowAction.ADMIN_RETURN]: "卫生行政部门",
};
const RETURNED_STATUSES = [ApplicationStatus.RETURNED_TO_PHYSICIAN, ApplicationStatus.RETURNED_TO_INSTITUTION];

async function latestReturnOf(em: EntityManager, app: Application | null): Promise<PortalReturnNote | null> {
  if (!app || !RETURNED_STATUSES.includes(app.status)) return null;
  const event = await em
    .getRepository(ApplicationEvent)
    .createQueryBuilder("e")
    .where("e.applicationId = :id", { id: app.id })
    .andWhere("e.action IN (:...actions)", { actions: Object.keys(RETURN_PARTY) })
    .orderBy("e.id", "DESC")
    .limit(1)
    .getOne();
  if (!event)
    return app.returnReason
      ? { reason: app.returnReason, byLabel: "", at: app.lastActionAt, ...sectionsOfEvent(null) }
      : null;
  const party = RETURN_PARTY[event.action];
  return {
    reason: event.reason ?? app.returnReason ?? "",
    byLabel: event.actorName ? `${party}（${event.actorName}）` : party,
    at: event.at,
    ...sectionsOfEvent(event.sections),
  };
}

export async function portalHome(ctx: Context) {
  const p = requirePrincipal(ctx);
  const m = await mine(ctx);
  const today = todayInChina();
  const inst = m.institution;
  return {
    cycle: m.cycle,
    openPhases: m.cycle ? m.cycle.phases.filter((ph) => ph.startDate <= today && today <= ph.endDate) : [],
    today,
    application: m.application,
    nextStep: nextStepOf(p, m, today),
    institution: inst
      ? { name: inst.name, contactPerson: inst.contactPerson, contactPhone: inst.contactPhone, address: inst.address }
      : null,
    latestReturn: await latestReturnOf(ctx.ds.manager, m.application),
    unreadMessages: await unreadCount(ctx.ds.manager, m.physician.id),
  };
}

// ---------------------------------------------------------------- 消息

type EventText = (e: ApplicationEvent) => { title: string; body: string };
const because = (e: ApplicationEvent) => (e.reason ? `理由：${e.reason}。` : "");
/** A return's reason with the 报名 sections it names. */
const returned = (e: ApplicationEvent) => {
  const { sectionLabels } = sectionsOfEvent(e.sections);
  return `${because(e)}${sectionLabels.length ? `需修改：${sectionLabels.join("、")}。` : ""}请修改报名信息后重新提交。`;
};
const result = (e: ApplicationEvent) => (e.toStatus ? STATUS_INFO[e.toStatus].label : "");

/** The timeline events that ask the physician to act or tell him a decision, and how they read to him. */
export const MESSAGE_TEXT: Record<string, EventText> = {
  [WorkflowAction.ENROLL]: () => ({
    title: "所在机构已确认您参加本周期考核",
    body: "请在报名时间内填写并提交报名信息。",
  }),
  [WorkflowAction.CANCEL_ENROLLMENT]: (e) => ({
    title: "所在机构取消了您的报名",
    body: `${because(e)}如有疑问，请联系所在机构。`,
  }),
  [WorkflowAction.REJECT]: (e) => ({
    title: "报名被医疗卫生机构驳回",
    body: returned(e),
  }),
  [WorkflowAction.ADMIN_RETURN]: (e) => ({
    title: "报名被卫生行政部门驳回",
    body: returned(e),
  }),
  [WorkflowAction.REREVIEW_APPROVE]: (e) => ({
    title: "报名已通过考核机构复核",
    body:
      e.toStatus === ApplicationStatus.AWAITING_TEST
        ? "请在测评时间内登录在线测评系统参加测评。"
        : `考核结果：${result(e)}。`,
  }),
  [WorkflowAction.RECORD_TEST_RESULT]: (e) => ({
    title: "测评结果已录入",
    body:
      e.toStatus === ApplicationStatus.QUALIFIED ? "测评通过，考核合格，可查看合格证明。" : `当前状态：${result(e)}。`,
  }),
  [WorkflowAction.CONFIRM_MAKEUP]: () => ({
    title: "已确认您参加补考",
    body: "请在补考时间内登录在线测评系统参加补考。",
  }),
  [WorkflowAction.REFUSE_MAKEUP]: (e) => ({ title: "不予补考", body: `${because(e)}考核结果：不合格。` }),
  [WorkflowAction.RECORD_MAKEUP_RESULT]: (e) => ({
    title: "补考结果已录入",
    body: `考核结果：${result(e)}。`,
  }),
  [WorkflowAction.VOID_FOR_CHEATING]: (e) => ({
    title: "测评被认定作弊",
    body: `${because(e)}该次测评按不合格处理。`,
  }),
  REJECT_EXEMPTION: (e) => ({ title: "免考申请被医疗卫生机构驳回", body: `${because(e)}可补充材料后重新申请。` }),
  REREVIEW_EXEMPTION_APPROVE: () => ({ title: "免考申请已通过", body: "相应测评免考。" }),
  REREVIEW_EXEMPTION_REJECT: (e) => ({ title: "免考申请被考核机构驳回", body: `${because(e)}可补充材料后重新申请。` }),
};
const MESSAGE_ACTIONS = Object.keys(MESSAGE_TEXT);

function messageEvents(em: EntityManager, physicianId: number) {
  return em
    .getRepository(ApplicationEvent)
    .createQueryBuilder("e")
    .innerJoin(Application, "a", "a.id = e.applicationId")
    .where("a.physicianId = :physicianId", { physicianId })
    .andWhere("e.action IN (:...actions)", { actions: MESSAGE_ACTIONS });
}

const unreadFilter =
  "NOT EXISTS (SELECT 1 FROM portal_message_read r WHERE r.event_id = e.id AND r.physician_id = a.physician_id)";

function unreadCount(em: EntityManager, physicianId: number): Promise<number> {
  return messageEvents(em, physicianId).andWhere(unreadFilter).getCount();
}

/** 消息: newest first, with read marks; four statements whatever the page size. */
export async function myMessages(ctx: Context, page: PageArgs, unreadOnly: boolean) {
  const physicianId = requirePrincipal(ctx).physicianId;
  if (!physicianId) throw notFound("医师信息");
  const em = ctx.ds.manager;
  const base = () =>
    unreadOnly ? messageEvents(em, physicianId).andWhere(unreadFilter) : messageEvents(em, physicianId);
  const [total, unread] = await Promise.all([base().getCount(), unreadCount(em, physicianId)]);
  const rows = await base()
    .leftJoin(PortalMessageRead, "r", "r.eventId = e.id AND r.physicianId = :physicianId", { physicianId })
    .select(["e.id AS id", "r.id AS readId"])
    .orderBy("e.id", "DESC")
    .offset(offsetOf(page))
    .limit(page.pageSize)
    .getRawMany<{ id: number; readId: number | null }>();
  const events = rows.length ? await em.findBy(ApplicationEvent, { id: In(rows.map((r) => Number(r.id))) }) : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const items: PortalMessage[] = rows.map((r) => {
    const e = byId.get(Number(r.id))!;
    return {
      id: e.id,
      applicationId: e.applicationId,
      at: e.at,
      ...MESSAGE_TEXT[e.action](e),
      read: r.readId !== null,
    };
  });
  return { items, total, unread, page: page.page, pageSize: page.pageSize };
}

/** Marks messages read (the given ones, or all); refuses ids that are not the physician's messages. */
export async function markMessagesRead(ctx: Context, ids: number[] | null): Promise<number> {
  const physicianId = requirePrincipal(ctx).physicianId;
  if (!physicianId) throw notFound("医师信息");
  return inTransaction(ctx.ds, async (em) => {
    let q = messageEvents(em, physicianId).select("e.id", "id");
    if (ids) {
      if (!ids.length) return unreadCount(em, physicianId);
      q = q.andWhere("e.id IN (:...ids)", { ids });
    }
    const found = (await q.getRawMany<{ id: number }>()).map((r) => Number(r.id));
    if (ids && new Set(found).size !== new Set(ids).size) throw notFound("消息");
    if (found.length) {
      const now = new Date();
      await em
        .createQueryBuilder()
        .insert()
        .into(PortalMessageRead)
        .values(found.map((eventId) => ({ physicianId, eventId, readAt: now })))
        .orIgnore()
        .execute();
    }
    return unreadCount(em, physicianId);
  });
}

// ---------------------------------------------------------------- 个人信息

/** The fields the physician maintains himself: his phone and his department (an enabled one of his institution). */
export async function updateMyProfile(ctx: Context, input: MyProfileInput, expectedVersion: number | null) {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const physician = p.physicianId ? await em.findOneBy(Physician, { id: p.physicianId }) : null;
    if (!physician) throw notFound("医师信息");
    if (expectedVersion !== null && expectedVersion !== physician.version) throw stateChanged();
    const phone = input.phone.trim();
    if (!PHONE_PATTERN.test(phone)) throw badInput("手机号码格式不正确（11 位手机号或带区号的固定电话）", "phone");
    const departmentId = input.departmentId ?? null;
    if (departmentId !== null && departmentId !== physician.departmentId) {
      const department = physician.institutionId
        ? await em.findOneBy(Department, { id: departmentId, institutionId: physician.institutionId })
        : null;
      if (!department) throw badInput("所选科室不存在", "departmentId");
      if (!department.enabled) throw badInput(`科室“${department.name}”已停用，请选择其他科室`, "departmentId");
    }
    const result = await em.update(
      Physician,
      { id: physician.id, version: physician.version },
      { phone, departmentId, version: physician.version + 1, updatedAt: new Date() },
    );
    if (result.affected !== 1) throw stateChanged();
    await audit(em, ctx, {
      action: "physician.profile.self",
      targetType: "Physician",
      targetId: physician.id,
      detail: { departmentId, phoneChanged: phone !== physician.phone },
    });
    return physician.id;
  });
}

// ---------------------------------------------------------------- 简易程序适用条件

export async function simpleProcedureEligibility(
  ctx: Context,
  hasGoodRecord: boolean,
  hasBadRecord: boolean,
): Promise<SimpleProcedureEligibility> {
  const { physician, cycle } = await mine(ctx);
  if (!cycle) throw notFound("当前考核周期");
  const rule = cycle.simpleProcedureRule;
  const today = todayInChina();
  const reason = simpleProcedureRefusal(rule, physician.firstPracticeDate, hasGoodRecord, hasBadRecord, today);
  return {
    eligible: reason === null,
    reason,
    yearsOfPractice: physician.firstPracticeDate ? yearsBetween(physician.firstPracticeDate, today) : null,
    firstPracticeDate: physician.firstPracticeDate,
    rule,
    ruleText: `执业满 ${rule.minYearsWithGoodRecord} 年且本周期有良好行为记录，或执业满 ${rule.minYearsWithoutBadRecord} 年且本周期无不良行为记录，可选择简易程序；否则须选择一般程序。`,
  };
}
