import type { AccountKind, AssessmentInstitutionApplicationStatus, Role } from "@/gql/graphql";

type TagType = "primary" | "success" | "warning" | "danger" | "info";

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
