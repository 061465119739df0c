import type {
  AccountKind,
  ApplicationStatus,
  AssessmentInstitutionApplicationStatus,
  ExemptionStatus,
  Gender,
  ImportOutcome,
  PractisingStatus,
  Rating,
  Role,
} from "@/gql/graphql";

export type TagType = "primary" | "success" | "warning" | "danger" | "info";

/** One place for workflow labels, shared by tables, filters and tags. */
export const AA_STATUS: Record<AssessmentInstitutionApplicationStatus, { label: string; tag: TagType }> = {
  PENDING: { label: "待审批", tag: "warning" },
  APPROVED: { label: "已同意", tag: "success" },
  REJECTED: { label: "已驳回", tag: "danger" },
};

export const ACCOUNT_KIND: Record<AccountKind, string> = {
  INSTITUTION: "医疗卫生机构",
  ASSESSMENT_INSTITUTION: "考核机构",
  HEALTH_ADMIN: "卫生行政部门",
  PHYSICIAN: "医师",
};

export const ROLE: Record<Role, string> = {
  INSTITUTION: "医疗卫生机构",
  ASSESSMENT_INSTITUTION: "考核机构",
  HEALTH_ADMIN: "卫生行政部门",
  PROVINCIAL_ADMIN: "省级卫生行政部门",
  PHYSICIAN: "医师",
  API_CLIENT: "接口客户端",
};

/**
 * Tag colours per workflow status. The labels themselves come from the API (`statusLabel`, `workflow`);
 * only the colour is the console's choice.
 */
export const STATUS_TAG: Record<ApplicationStatus, TagType> = {
  NOT_ENROLLED: "info",
  AWAITING_REGISTRATION: "primary",
  RETURNED_TO_PHYSICIAN: "danger",
  AWAITING_INSTITUTION_REVIEW: "warning",
  RETURNED_TO_INSTITUTION: "danger",
  AWAITING_ASSESSMENT_REVIEW: "primary",
  AWAITING_TEST: "primary",
  AWAITING_MAKEUP_CONFIRMATION: "warning",
  AWAITING_MAKEUP_TEST: "warning",
  QUALIFIED: "success",
  UNQUALIFIED: "danger",
};

export const EXEMPTION_TAG: Record<ExemptionStatus, TagType> = {
  NONE: "info",
  AWAITING_INSTITUTION: "warning",
  AWAITING_ASSESSMENT_INSTITUTION: "primary",
  APPROVED: "success",
  REJECTED: "danger",
};

/** 执业状态: the API has the enum only (its descriptions name them), so the names live here, once. */
export const PRACTISING_STATUS: Record<PractisingStatus, { label: string; tag: TagType }> = {
  PRACTISING: { label: "执业中", tag: "success" },
  SUSPENDED: { label: "暂停执业", tag: "warning" },
  NOT_PRACTISING: { label: "已确认不执业", tag: "info" },
};

export const GENDER: Record<Gender, string> = { MALE: "男", FEMALE: "女" };

/** 名册导入 row outcomes. */
export const IMPORT_OUTCOME: Record<ImportOutcome, { label: string; tag: TagType }> = {
  CREATED: { label: "新增", tag: "success" },
  UPDATED: { label: "更新", tag: "primary" },
  REFUSED: { label: "拒绝", tag: "danger" },
};

export const RATING: Record<Rating, string> = { QUALIFIED: "合格", UNQUALIFIED: "不合格" };

/** The two items every institution review rates (manual 2.2.6/2.2.7); work-quantity items carry their own names. */
export const RATING_ITEM: Record<string, string> = { WORK_PERFORMANCE: "工作成绩", ETHICS: "职业道德" };

/** Attachment purposes of an application (AttachmentView.purpose). */
export const ATTACHMENT_PURPOSE: Record<string, string> = { MATERIAL: "申请材料", REPORT: "述职报告", EVIDENCE: "免考证明材料" };
