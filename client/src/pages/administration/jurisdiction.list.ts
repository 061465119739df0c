import { AA_STATUS } from "@/common/labels";
import { columns } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { JurisdictionChangeRowFragment, JurisdictionChangeStatus } from "@/gql/graphql";

/** 隶属关系变更审批 as a list: pending requests first (the default view), any status on demand. */

// The same three states, worded the same, as the applications to become an assessment institution.
const STATUS: Record<JurisdictionChangeStatus, { label: string; tag: (typeof AA_STATUS)["PENDING"]["tag"] }> =
  AA_STATUS;
const statusOptions = Object.entries(STATUS).map(([value, s]) => ({
  value: value as JurisdictionChangeStatus,
  label: s.label,
}));

export const jurisdictionFilters = [
  filter.enum("status", "审批状态", statusOptions, { initial: "PENDING", allOption: true, width: 140 }),
] as const;

const col = columns<JurisdictionChangeRowFragment>();
/** "原 → 新", or the one value when the request leaves it as it is. */
const change = (from: string | null | undefined, to: string | null | undefined) =>
  (from ?? "") === (to ?? "") ? (to ?? "—") : `${from || "—"} → ${to || "—"}`;

export const jurisdictionColumns = [
  col.text("institutionName", "申请机构", (r) => r.institutionName, { minWidth: 160, strong: true }),
  col.text("region", "所在地区", (r) => change(r.fromRegionName, r.toRegionName), { minWidth: 170 }),
  col.text("superior", "上级卫生行政部门", (r) => change(r.fromSuperiorName, r.toSuperiorName), { minWidth: 200 }),
  col.text("assessor", "考核机构", (r) => change(r.fromAssessmentInstitutionName, r.toAssessmentInstitutionName), {
    minWidth: 180,
  }),
  col.text("reason", "申请理由", (r) => r.reason, { minWidth: 150, ellipsis: true }),
  col.dateTime("submittedAt", "提交时间", (r) => r.submittedAt),
  col.enum("status", "状态", (r) => STATUS[r.status], { width: 90, align: "center" }),
  col.text("decisionReason", "审批意见", (r) => r.decisionReason, { minWidth: 120, ellipsis: true }),
];
