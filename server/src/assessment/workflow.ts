import { registerEnumType } from "type-graphql";
import { permissionRole, ApiPermission, Role } from "../common/auth";
import type { PhaseKey } from "./cycle.entity";

/**
 * The assessment workflow as data (../shared/domain/workflow.md). Resolvers take their roles from
 * here, the service checks from-statuses and parties here, tests generate their cases from here,
 * and the console reads labels and buttons from the `workflow` query that publishes it.
 */
export enum ApplicationStatus {
  NOT_ENROLLED = "NOT_ENROLLED",
  AWAITING_REGISTRATION = "AWAITING_REGISTRATION",
  RETURNED_TO_PHYSICIAN = "RETURNED_TO_PHYSICIAN",
  AWAITING_INSTITUTION_REVIEW = "AWAITING_INSTITUTION_REVIEW",
  RETURNED_TO_INSTITUTION = "RETURNED_TO_INSTITUTION",
  AWAITING_ASSESSMENT_REVIEW = "AWAITING_ASSESSMENT_REVIEW",
  AWAITING_TEST = "AWAITING_TEST",
  AWAITING_MAKEUP_CONFIRMATION = "AWAITING_MAKEUP_CONFIRMATION",
  AWAITING_MAKEUP_TEST = "AWAITING_MAKEUP_TEST",
  QUALIFIED = "QUALIFIED",
  UNQUALIFIED = "UNQUALIFIED",
}

export interface StatusInfo {
  label: string;
  meaning: string;
  final: boolean;
}

export const STATUS_INFO: Record<ApplicationStatus, StatusInfo> = {
  NOT_ENROLLED: { label: "未确认参加", meaning: "在本机构医师名单中，尚未确认参加本周期考核", final: false },
  AWAITING_REGISTRATION: { label: "待报名", meaning: "本单位已经允许医师报名，医师个人端未提交报名信息", final: false },
  RETURNED_TO_PHYSICIAN: {
    label: "待报名（被机构驳回）",
    meaning: "医师提交的报名信息被驳回，可再次编辑后提交",
    final: false,
  },
  AWAITING_INSTITUTION_REVIEW: {
    label: "待医疗卫生机构审核",
    meaning: "医师已提交报名信息，待本单位审核",
    final: false,
  },
  RETURNED_TO_INSTITUTION: {
    label: "待医疗卫生机构审核（被考核机构驳回）",
    meaning: "已通过本单位审核，但被考核机构复核驳回，需本单位重新审核",
    final: false,
  },
  AWAITING_ASSESSMENT_REVIEW: {
    label: "待考核机构复核",
    meaning: "已通过本单位初审，正在由考核机构复核",
    final: false,
  },
  AWAITING_TEST: { label: "待参加考核", meaning: "报名已审核通过，等待参加医学人文或业务水平测评", final: false },
  AWAITING_MAKEUP_CONFIRMATION: {
    label: "待确认补考",
    meaning: "首次测评不合格，等待省级卫生行政部门确认是否允许补考",
    final: false,
  },
  AWAITING_MAKEUP_TEST: { label: "待参加补考", meaning: "卫生行政部门已确认医师参加补考", final: false },
  QUALIFIED: { label: "合格", meaning: "考核合格，可打印合格证明", final: true },
  UNQUALIFIED: { label: "不合格", meaning: "考核不合格", final: true },
};

registerEnumType(ApplicationStatus, {
  name: "ApplicationStatus",
  description:
    "考核申请状态 (status of a physician's application in a cycle); labels are published by the `workflow` query",
  valuesConfig: Object.fromEntries(
    Object.entries(STATUS_INFO).map(([k, v]) => [k, { description: `${v.label}：${v.meaning}` }]),
  ) as Record<ApplicationStatus, { description: string }>,
});

/** Statuses whose application is under review or testing: no transfer out while in them. */
export const IN_PROGRESS_STATUSES: ApplicationStatus[] = [
  ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
  ApplicationStatus.RETURNED_TO_INSTITUTION,
  ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
  ApplicationStatus.AWAITING_TEST,
  ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION,
  ApplicationStatus.AWAITING_MAKEUP_TEST,
];
export const FINAL_STATUSES = [ApplicationStatus.QUALIFIED, ApplicationStatus.UNQUALIFIED];
/** Statuses in which the physician is to be tested; leaving them drops the attempts not yet started. */
export const TESTING_STATUSES = [
  ApplicationStatus.AWAITING_TEST,
  ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION,
  ApplicationStatus.AWAITING_MAKEUP_TEST,
];
/** Statuses in which the physician may edit and submit. */
export const EDITABLE_STATUSES = [ApplicationStatus.AWAITING_REGISTRATION, ApplicationStatus.RETURNED_TO_PHYSICIAN];
/** Statuses in which the institution reviews. */
export const INSTITUTION_REVIEW_STATUSES = [
  ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
  ApplicationStatus.RETURNED_TO_INSTITUTION,
];

export enum WorkflowAction {
  ENROLL = "ENROLL",
  CANCEL_ENROLLMENT = "CANCEL_ENROLLMENT",
  SUBMIT = "SUBMIT",
  APPROVE = "APPROVE",
  REJECT = "REJECT",
  ADD_OPINION = "ADD_OPINION",
  REREVIEW_APPROVE = "REREVIEW_APPROVE",
  REREVIEW_REJECT = "REREVIEW_REJECT",
  ADMIN_RETURN = "ADMIN_RETURN",
  RECORD_TEST_RESULT = "RECORD_TEST_RESULT",
  CONFIRM_MAKEUP = "CONFIRM_MAKEUP",
  REFUSE_MAKEUP = "REFUSE_MAKEUP",
  RECORD_MAKEUP_RESULT = "RECORD_MAKEUP_RESULT",
  VOID_FOR_CHEATING = "VOID_FOR_CHEATING",
  UPDATE_OPINION = "UPDATE_OPINION",
  REMOVE_OPINION = "REMOVE_OPINION",
  ADMIN_CANCEL_ENROLLMENT = "ADMIN_CANCEL_ENROLLMENT",
}

/**
 * Whose application an actor may touch for an action:
 * OWN_INSTITUTION the physician's institution; PHYSICIAN_SELF the physician; ASSESSOR the assessment
 * institution the institution is assigned to; ADMINISTRATION a health administration whose region
 * contains the institution; PROVINCE the provincial one; TEST_SYSTEM the assessor or an API client
 * with the RECORD_TEST_RESULTS permission for that region.
 */
export enum Party {
  OWN_INSTITUTION = "OWN_INSTITUTION",
  PHYSICIAN_SELF = "PHYSICIAN_SELF",
  ASSESSOR = "ASSESSOR",
  ADMINISTRATION = "ADMINISTRATION",
  PROVINCE = "PROVINCE",
  TEST_SYSTEM = "TEST_SYSTEM",
}

export const PARTY_ROLES: Record<Party, string[]> = {
  OWN_INSTITUTION: [Role.INSTITUTION],
  PHYSICIAN_SELF: [Role.PHYSICIAN],
  ASSESSOR: [Role.ASSESSMENT_INSTITUTION],
  ADMINISTRATION: [Role.HEALTH_ADMIN],
  PROVINCE: [Role.PROVINCIAL_ADMIN],
  TEST_SYSTEM: [Role.ASSESSMENT_INSTITUTION, permissionRole(ApiPermission.RECORD_TEST_RESULTS)],
};

export interface Transition {
  action: WorkflowAction;
  /** The button or menu text in the console. */
  label: string;
  party: Party;
  from: ApplicationStatus[];
  /** Every status the action can lead to; the service picks one by the outcome rules. */
  to: ApplicationStatus[];
  requiresReason: boolean;
  /** Message when tried from a status outside `from` (manual 2.2.5 note for cancelling). */
  refusal: string;
  /** A more precise message for some statuses outside `from`: what is really possible from there. */
  refusals: Partial<Record<ApplicationStatus, string>>;
  /**
   * The cycle phases that gate the action, per from-status: it is allowed while any of them is open.
   * A status not listed is not gated (enrolment, the administrations' corrections, exemptions).
   */
  phases: Partial<Record<ApplicationStatus, PhaseKey[]>>;
}

/** The refusal for trying `rule` from `status`. */
export const refusalFor = (rule: Pick<Transition, "refusal" | "refusals">, status: ApplicationStatus) =>
  rule.refusals[status] ?? rule.refusal;

const S = ApplicationStatus;
/** One mutation records first and make-up results, so both actions refuse with the same words. */
const RESULT_REFUSAL = "该医师当前不在待参加考核或待参加补考状态，不能录入测评结果";
interface TransitionOptions {
  requiresReason?: boolean;
  refusals?: Partial<Record<ApplicationStatus, string>>;
  phases?: Partial<Record<ApplicationStatus, PhaseKey[]>>;
}
const t = (
  action: WorkflowAction,
  label: string,
  party: Party,
  from: ApplicationStatus[],
  to: ApplicationStatus[],
  refusal: string,
  { requiresReason = false, refusals = {}, phases = {} }: TransitionOptions = {},
): Transition => ({ action, label, party, from, to, refusal, requiresReason, refusals, phases });
/** The same phases for every from-status. */
const during = (from: ApplicationStatus[], ...phases: PhaseKey[]) =>
  Object.fromEntries(from.map((s) => [s, phases])) as Partial<Record<ApplicationStatus, PhaseKey[]>>;
const each = (statuses: ApplicationStatus[], message: string) =>
  Object.fromEntries(statuses.map((s) => [s, message])) as Partial<Record<ApplicationStatus, string>>;

const REVIEWING = [S.AWAITING_INSTITUTION_REVIEW, S.RETURNED_TO_INSTITUTION];
/** Reviewed by the institution, no test result yet: an administration may return or cancel from here. */
const REVIEWED_UNTESTED = [S.RETURNED_TO_INSTITUTION, S.AWAITING_ASSESSMENT_REVIEW, S.AWAITING_TEST];
const REVIEW_PHASES = { ...during([S.AWAITING_INSTITUTION_REVIEW], "INSTITUTION_REVIEW") };
// After the assessor's return the institution reviews again in the assessor's phase too.
REVIEW_PHASES[S.RETURNED_TO_INSTITUTION] = ["INSTITUTION_REVIEW", "ASSESSMENT_REVIEW"];
const MAKEUP_STATUSES = [S.AWAITING_MAKEUP_CONFIRMATION, S.AWAITING_MAKEUP_TEST];
const RESULT_HELD = "该医师已有测评结果（首次测评不合格），不能撤销；是否补考由省级卫生行政部门确认";
const FINISHED = "该医师本周期考核已有结果，不能撤销；如发现测评作弊，由省级卫生行政部门认定作弊";
const NOT_REVIEWED = "该申请尚未通过医疗卫生机构审核，由医疗卫生机构审核、驳回或取消报名";

export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  ENROLL: t(
    WorkflowAction.ENROLL,
    "参加",
    Party.OWN_INSTITUTION,
    [S.NOT_ENROLLED],
    [S.AWAITING_REGISTRATION],
    "该医师已确认参加本周期考核",
  ),
  CANCEL_ENROLLMENT: t(
    WorkflowAction.CANCEL_ENROLLMENT,
    "取消报名",
    Party.OWN_INSTITUTION,
    [S.AWAITING_REGISTRATION, S.RETURNED_TO_PHYSICIAN, S.AWAITING_INSTITUTION_REVIEW],
    [S.NOT_ENROLLED],
    "该申请已通过本机构审核，不能由本机构取消报名；如需取消，请联系上级卫生行政部门办理（取消报名或驳回）",
    {
      refusals: {
        [S.NOT_ENROLLED]: "该医师尚未确认参加本周期考核，无需取消报名",
        ...each(
          MAKEUP_STATUSES,
          "该医师已有测评结果（首次测评不合格），报名不能再取消；是否补考由省级卫生行政部门确认",
        ),
        ...each(FINAL_STATUSES, "该医师本周期考核已有结果，报名不能再取消"),
      },
    },
  ),
  SUBMIT: t(
    WorkflowAction.SUBMIT,
    "提交报名",
    Party.PHYSICIAN_SELF,
    [S.AWAITING_REGISTRATION, S.RETURNED_TO_PHYSICIAN],
    [S.AWAITING_INSTITUTION_REVIEW],
    "当前状态不能提交报名信息",
    {
      phases: {
        [S.AWAITING_REGISTRATION]: ["REGISTRATION"],
        // A returned application may be resubmitted while its reviewer (the institution) still reviews.
        [S.RETURNED_TO_PHYSICIAN]: ["REGISTRATION", "INSTITUTION_REVIEW"],
      },
    },
  ),
  APPROVE: t(
    WorkflowAction.APPROVE,
    "提交",
    Party.OWN_INSTITUTION,
    REVIEWING,
    [S.AWAITING_ASSESSMENT_REVIEW],
    "该申请当前不在本机构审核环节",
    { phases: REVIEW_PHASES },
  ),
  REJECT: t(
    WorkflowAction.REJECT,
    "驳回",
    Party.OWN_INSTITUTION,
    REVIEWING,
    [S.RETURNED_TO_PHYSICIAN],
    "该申请当前不在本机构审核环节",
    { requiresReason: true, phases: REVIEW_PHASES },
  ),
  ADD_OPINION: t(
    WorkflowAction.ADD_OPINION,
    "新增意见",
    Party.OWN_INSTITUTION,
    REVIEWING,
    [],
    "只能在本机构审核环节新增其他执业机构意见",
    { phases: REVIEW_PHASES },
  ),
  UPDATE_OPINION: t(
    WorkflowAction.UPDATE_OPINION,
    "修改意见",
    Party.OWN_INSTITUTION,
    REVIEWING,
    [],
    "只能在本机构审核环节修改其他执业机构意见",
    { phases: REVIEW_PHASES },
  ),
  REMOVE_OPINION: t(
    WorkflowAction.REMOVE_OPINION,
    "删除意见",
    Party.OWN_INSTITUTION,
    REVIEWING,
    [],
    "只能在本机构审核环节删除其他执业机构意见",
    { phases: REVIEW_PHASES },
  ),
  REREVIEW_APPROVE: t(
    WorkflowAction.REREVIEW_APPROVE,
    "复核通过",
    Party.ASSESSOR,
    [S.AWAITING_ASSESSMENT_REVIEW],
    [S.AWAITING_TEST, S.QUALIFIED, S.UNQUALIFIED],
    "该申请当前不在考核机构复核环节",
    { phases: during([S.AWAITING_ASSESSMENT_REVIEW], "ASSESSMENT_REVIEW") },
  ),
  REREVIEW_REJECT: t(
    WorkflowAction.REREVIEW_REJECT,
    "复核驳回",
    Party.ASSESSOR,
    [S.AWAITING_ASSESSMENT_REVIEW],
    [S.RETURNED_TO_INSTITUTION],
    "该申请当前不在考核机构复核环节",
    { requiresReason: true, phases: during([S.AWAITING_ASSESSMENT_REVIEW], "ASSESSMENT_REVIEW") },
  ),
  ADMIN_RETURN: t(
    WorkflowAction.ADMIN_RETURN,
    "驳回",
    Party.ADMINISTRATION,
    REVIEWED_UNTESTED,
    [S.RETURNED_TO_PHYSICIAN],
    "只能驳回已通过医疗卫生机构审核、尚未测评完成的申请",
    {
      requiresReason: true,
      refusals: {
        ...each(
          [S.NOT_ENROLLED, S.AWAITING_REGISTRATION, S.RETURNED_TO_PHYSICIAN, S.AWAITING_INSTITUTION_REVIEW],
          NOT_REVIEWED,
        ),
        ...each(MAKEUP_STATUSES, RESULT_HELD),
        ...each(FINAL_STATUSES, FINISHED),
      },
    },
  ),
  ADMIN_CANCEL_ENROLLMENT: t(
    WorkflowAction.ADMIN_CANCEL_ENROLLMENT,
    "取消报名",
    Party.ADMINISTRATION,
    REVIEWED_UNTESTED,
    [S.NOT_ENROLLED],
    "只能取消已通过医疗卫生机构审核、尚无测评结果的报名",
    {
      requiresReason: true,
      refusals: {
        ...each([S.AWAITING_REGISTRATION, S.RETURNED_TO_PHYSICIAN, S.AWAITING_INSTITUTION_REVIEW], NOT_REVIEWED),
        [S.NOT_ENROLLED]: "该医师尚未确认参加本周期考核，无需取消报名",
        ...each(MAKEUP_STATUSES, RESULT_HELD),
        ...each(FINAL_STATUSES, FINISHED),
      },
    },
  ),
  RECORD_TEST_RESULT: t(
    WorkflowAction.RECORD_TEST_RESULT,
    "录入测评结果",
    Party.TEST_SYSTEM,
    [S.AWAITING_TEST],
    [S.AWAITING_TEST, S.QUALIFIED, S.AWAITING_MAKEUP_CONFIRMATION],
    RESULT_REFUSAL,
    { phases: during([S.AWAITING_TEST], "TEST") },
  ),
  CONFIRM_MAKEUP: t(
    WorkflowAction.CONFIRM_MAKEUP,
    "确认补考",
    Party.PROVINCE,
    [S.AWAITING_MAKEUP_CONFIRMATION],
    [S.AWAITING_MAKEUP_TEST],
    "该医师当前不在待确认补考状态",
  ),
  REFUSE_MAKEUP: t(
    WorkflowAction.REFUSE_MAKEUP,
    "不予补考",
    Party.PROVINCE,
    [S.AWAITING_MAKEUP_CONFIRMATION],
    [S.UNQUALIFIED],
    "该医师当前不在待确认补考状态",
    { requiresReason: true },
  ),
  RECORD_MAKEUP_RESULT: t(
    WorkflowAction.RECORD_MAKEUP_RESULT,
    "录入补考结果",
    Party.TEST_SYSTEM,
    [S.AWAITING_MAKEUP_TEST],
    [S.AWAITING_MAKEUP_TEST, S.QUALIFIED, S.UNQUALIFIED],
    RESULT_REFUSAL,
    { phases: during([S.AWAITING_MAKEUP_TEST], "MAKEUP") },
  ),
  VOID_FOR_CHEATING: t(
    WorkflowAction.VOID_FOR_CHEATING,
    "认定作弊",
    Party.PROVINCE,
    [S.AWAITING_TEST, S.AWAITING_MAKEUP_CONFIRMATION, S.AWAITING_MAKEUP_TEST, S.QUALIFIED],
    [S.AWAITING_MAKEUP_CONFIRMATION, S.UNQUALIFIED],
    "该测评记录不能再认定作弊",
    { requiresReason: true },
  ),
};

/**
 * The parts of the 报名 form a return to the physician may name (the portal's steps and fields, in form order):
 * the physician sees the reason beside each one named. Labels are published with the enum and the `workflow` query.
 */
export enum ReturnSection {
  RECORDS = "RECORDS",
  PROCEDURE = "PROCEDURE",
  EXPERIENCE = "EXPERIENCE",
  WORK_ACHIEVEMENT = "WORK_ACHIEVEMENT",
  ETHICS = "ETHICS",
  WORK_QUANTITY = "WORK_QUANTITY",
  REPORT = "REPORT",
  MATERIALS = "MATERIALS",
}

export const RETURN_SECTION_LABEL: Record<ReturnSection, string> = {
  RECORDS: "良好/不良行为记录",
  PROCEDURE: "考核程序与科室",
  EXPERIENCE: "执业经历",
  WORK_ACHIEVEMENT: "工作成绩自评",
  ETHICS: "职业道德自评",
  WORK_QUANTITY: "工作数量",
  REPORT: "个人述职报告",
  MATERIALS: "申请材料",
};

registerEnumType(ReturnSection, {
  name: "ReturnSection",
  description: "驳回所涉的报名内容（医师个人端报名表的步骤与字段） (a part of the application a return names)",
  valuesConfig: Object.fromEntries(
    Object.entries(RETURN_SECTION_LABEL).map(([k, label]) => [k, { description: label }]),
  ) as Record<ReturnSection, { description: string }>,
});

/** The actions that send an application back to the physician with a reason: they may name sections. */
export const RETURNS_TO_PHYSICIAN = Object.values(TRANSITIONS)
  .filter((t) => t.requiresReason && t.to.includes(ApplicationStatus.RETURNED_TO_PHYSICIAN))
  .map((t) => t.action);

/** Sections as stored on the timeline event ("REPORT,MATERIALS"): known values only, in form order. */
export const sectionsToColumn = (sections: readonly ReturnSection[] | null | undefined) =>
  sections?.length
    ? Object.values(ReturnSection)
        .filter((s) => sections.includes(s))
        .join(",")
    : null;
export const sectionsFromColumn = (column: string | null | undefined): ReturnSection[] =>
  column ? Object.values(ReturnSection).filter((s) => column.split(",").includes(s)) : [];
/** The stored sections as the API publishes them on an event or a return note: values and labels, same order. */
export const sectionsOfEvent = (column: string | null | undefined) => {
  const sections = sectionsFromColumn(column);
  return { sections, sectionLabels: sections.map((s) => RETURN_SECTION_LABEL[s]) };
};
export const returnSectionViews = (sections: ReturnSection[]) =>
  sections.map((value) => ({ value, label: RETURN_SECTION_LABEL[value] }));

/** Events outside the transition tables that still move an application (roster operations). */
export const TRANSFER_OUT_EVENT = "TRANSFER_OUT";

/** The exemption request closed by the workflow itself (enrolment cancelled, a result, the procedure changed). */
export const CLOSE_EXEMPTION_EVENT = "CLOSE_EXEMPTION";

/** How the timeline and the progress list name an action once it happened. */
export const EVENT_LABEL: Record<
  WorkflowAction | ExemptionActionName | typeof TRANSFER_OUT_EVENT | typeof CLOSE_EXEMPTION_EVENT,
  string
> = {
  TRANSFER_OUT: "调离",
  ENROLL: "确认参加",
  CANCEL_ENROLLMENT: "取消报名",
  SUBMIT: "提交报名",
  APPROVE: "机构审核通过",
  REJECT: "机构驳回",
  ADD_OPINION: "新增其他机构意见",
  REREVIEW_APPROVE: "考核机构复核通过",
  REREVIEW_REJECT: "考核机构复核驳回",
  ADMIN_RETURN: "卫生行政部门驳回",
  RECORD_TEST_RESULT: "录入测评结果",
  CONFIRM_MAKEUP: "确认补考",
  REFUSE_MAKEUP: "不予补考",
  RECORD_MAKEUP_RESULT: "录入补考结果",
  VOID_FOR_CHEATING: "认定作弊",
  UPDATE_OPINION: "修改其他机构意见",
  REMOVE_OPINION: "删除其他机构意见",
  ADMIN_CANCEL_ENROLLMENT: "卫生行政部门取消报名",
  CLOSE_EXEMPTION: "免考申请关闭",
  REQUEST_EXEMPTION: "申请免考",
  APPROVE_EXEMPTION: "机构通过免考",
  REJECT_EXEMPTION: "机构驳回免考",
  REREVIEW_EXEMPTION_APPROVE: "考核机构通过免考",
  REREVIEW_EXEMPTION_REJECT: "考核机构驳回免考",
};
type ExemptionActionName =
  | "REQUEST_EXEMPTION"
  | "APPROVE_EXEMPTION"
  | "REJECT_EXEMPTION"
  | "REREVIEW_EXEMPTION_APPROVE"
  | "REREVIEW_EXEMPTION_REJECT";

registerEnumType(WorkflowAction, {
  name: "WorkflowAction",
  description: "考核流程动作；标签、角色与前后状态见 workflow 查询 (workflow action; see the workflow query)",
  valuesConfig: Object.fromEntries(
    Object.values(WorkflowAction).map((a) => [a, { description: `${TRANSITIONS[a].label}（${EVENT_LABEL[a]}）` }]),
  ) as Record<WorkflowAction, { description: string }>,
});

/** Roles for @Authorized on the resolver of an action. */
export const rolesFor = (action: WorkflowAction) => PARTY_ROLES[TRANSITIONS[action].party];

/** The exemption request's own small flow (manual 2.2.8). */
export enum ExemptionStatus {
  NONE = "NONE",
  AWAITING_INSTITUTION = "AWAITING_INSTITUTION",
  AWAITING_ASSESSMENT_INSTITUTION = "AWAITING_ASSESSMENT_INSTITUTION",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}

export const EXEMPTION_INFO: Record<ExemptionStatus, { label: string; meaning: string }> = {
  NONE: { label: "未申请", meaning: "未申请免考" },
  AWAITING_INSTITUTION: { label: "待医疗卫生机构审核", meaning: "医师已申请免考，待本单位审核" },
  AWAITING_ASSESSMENT_INSTITUTION: { label: "待考核机构复核", meaning: "本单位已同意免考，待考核机构复核" },
  APPROVED: { label: "免考通过", meaning: "免考已通过复核，相应测评免考" },
  REJECTED: { label: "免考被驳回", meaning: "免考申请被驳回，可重新申请" },
};

registerEnumType(ExemptionStatus, {
  name: "ExemptionStatus",
  description: "免考申请状态 (status of the exemption request inside an application)",
  valuesConfig: Object.fromEntries(
    Object.entries(EXEMPTION_INFO).map(([k, v]) => [k, { description: `${v.label}：${v.meaning}` }]),
  ) as Record<ExemptionStatus, { description: string }>,
});

export enum ExemptionAction {
  REQUEST_EXEMPTION = "REQUEST_EXEMPTION",
  APPROVE_EXEMPTION = "APPROVE_EXEMPTION",
  REJECT_EXEMPTION = "REJECT_EXEMPTION",
  REREVIEW_EXEMPTION_APPROVE = "REREVIEW_EXEMPTION_APPROVE",
  REREVIEW_EXEMPTION_REJECT = "REREVIEW_EXEMPTION_REJECT",
}

export interface ExemptionTransition {
  action: ExemptionAction;
  label: string;
  party: Party;
  from: ExemptionStatus[];
  to: ExemptionStatus;
  requiresReason: boolean;
  refusal: string;
}

const E = ExemptionStatus;
const e = (
  action: ExemptionAction,
  label: string,
  party: Party,
  from: ExemptionStatus[],
  to: ExemptionStatus,
  refusal: string,
  requiresReason = false,
): ExemptionTransition => ({
  action,
  label,
  party,
  from,
  to,
  refusal,
  requiresReason,
});

export const EXEMPTION_TRANSITIONS: Record<ExemptionAction, ExemptionTransition> = {
  REQUEST_EXEMPTION: e(
    ExemptionAction.REQUEST_EXEMPTION,
    "申请免考",
    Party.PHYSICIAN_SELF,
    [E.NONE, E.REJECTED],
    E.AWAITING_INSTITUTION,
    "已申请免考，请等待审核",
  ),
  APPROVE_EXEMPTION: e(
    ExemptionAction.APPROVE_EXEMPTION,
    "通过",
    Party.OWN_INSTITUTION,
    [E.AWAITING_INSTITUTION],
    E.AWAITING_ASSESSMENT_INSTITUTION,
    "该免考申请当前不在本机构审核环节",
  ),
  REJECT_EXEMPTION: e(
    ExemptionAction.REJECT_EXEMPTION,
    "驳回",
    Party.OWN_INSTITUTION,
    [E.AWAITING_INSTITUTION],
    E.REJECTED,
    "该免考申请当前不在本机构审核环节",
    true,
  ),
  REREVIEW_EXEMPTION_APPROVE: e(
    ExemptionAction.REREVIEW_EXEMPTION_APPROVE,
    "复核通过",
    Party.ASSESSOR,
    [E.AWAITING_ASSESSMENT_INSTITUTION],
    E.APPROVED,
    "该免考申请当前不在考核机构复核环节",
  ),
  REREVIEW_EXEMPTION_REJECT: e(
    ExemptionAction.REREVIEW_EXEMPTION_REJECT,
    "复核驳回",
    Party.ASSESSOR,
    [E.AWAITING_ASSESSMENT_INSTITUTION],
    E.REJECTED,
    "该免考申请当前不在考核机构复核环节",
    true,
  ),
};

registerEnumType(ExemptionAction, {
  name: "ExemptionAction",
  description: "免考流程动作 (exemption action)",
  valuesConfig: Object.fromEntries(
    Object.values(ExemptionAction).map((a) => [a, { description: EVENT_LABEL[a] }]),
  ) as Record<ExemptionAction, { description: string }>,
});

export const exemptionRolesFor = (action: ExemptionAction) => PARTY_ROLES[EXEMPTION_TRANSITIONS[action].party];

/** An exemption can be requested and decided only while the application is past enrolment and not final. */
export const EXEMPTION_OPEN_STATUSES: ApplicationStatus[] = Object.values(ApplicationStatus).filter(
  (s) => s !== ApplicationStatus.NOT_ENROLLED && !FINAL_STATUSES.includes(s),
);

const EXEMPTION_LIVE = [E.AWAITING_INSTITUTION, E.AWAITING_ASSESSMENT_INSTITUTION];
/**
 * Exemption requests a move to a status closes (back to 未申请, with a CLOSE_EXEMPTION event on the timeline):
 * cancelling the enrolment closes whatever was requested, decided or not (a re-enrolment starts afresh);
 * a final result closes the requests still waiting (an approved exemption stays: the result relied on it).
 */
export const EXEMPTION_CLOSED_BY: Partial<Record<ApplicationStatus, ExemptionStatus[]>> = {
  NOT_ENROLLED: [...EXEMPTION_LIVE, E.APPROVED, E.REJECTED],
  QUALIFIED: EXEMPTION_LIVE,
  UNQUALIFIED: EXEMPTION_LIVE,
};
