import type {
  AccountKind,
  ApplicationStatus,
  AssessmentInstitutionApplicationStatus,
  AttemptStatus,
  CertificateStatus,
  CheatingVerdict,
  ExemptionStatus,
  Gender,
  ImportOutcome,
  PractisingStatus,
  Procedure,
  Rating,
  Role,
  SnapshotViewStatus,
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

/** 考核程序, for filters (rows carry `procedureLabel`). */
export const PROCEDURE: Record<Procedure, string> = { SIMPLE: "简易程序", GENERAL: "一般程序" };

/** 测评状态: the API names them in its enum descriptions only (rows carry `statusLabel`). */
export const ATTEMPT_STATUS: Record<AttemptStatus, { label: string; tag: TagType }> = {
  NOT_STARTED: { label: "未开始", tag: "info" },
  IN_PROGRESS: { label: "进行中", tag: "primary" },
  SUBMITTED: { label: "已交卷", tag: "warning" },
  GRADED: { label: "已评分", tag: "success" },
  ABSENT: { label: "缺考", tag: "danger" },
};

/** 监考管理 查看状态 (manual 2.2.9 (3)). */
export const SNAPSHOT_VIEW_STATUS: Record<SnapshotViewStatus, { label: string; tag: TagType }> = {
  UNVIEWED: { label: "未查看", tag: "info" },
  VIEWED: { label: "已查看", tag: "success" },
  MARKED: { label: "已标记疑似", tag: "danger" },
};

/** The province's verdict on an attempt marked as suspected cheating. */
export const CHEATING_VERDICT: Record<CheatingVerdict, { label: string; tag: TagType }> = {
  NONE: { label: "待省级认定", tag: "warning" },
  CONFIRMED: { label: "认定作弊", tag: "danger" },
  CLEARED: { label: "已撤销标记", tag: "success" },
};

/** 证书核验 result (the API also sends its own sentence in `message`). */
export const CERTIFICATE_STATUS: Record<CertificateStatus, { label: string; tag: TagType }> = {
  GENUINE: { label: "真实有效", tag: "success" },
  REVOKED: { label: "已作废", tag: "danger" },
  NOT_FOUND: { label: "查无此证", tag: "info" },
};
