import { formatDateTime } from "@/common/format";
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

/**
 * What the request changes, one line per item that changes ("原 → 新"); an item left as it is is not
 * listed. One column instead of three keeps the table inside a 1024 px screen.
 */
export function changesOf(r: JurisdictionChangeRowFragment): { label: string; from: string; to: string }[] {
  const items = [
    { label: "所在地区", from: r.fromRegionName, to: r.toRegionName },
    { label: "上级部门", from: r.fromSuperiorName, to: r.toSuperiorName },
    { label: "考核机构", from: r.fromAssessmentInstitutionName, to: r.toAssessmentInstitutionName },
  ];
  return items
    .filter((c) => (c.from ?? "") !== (c.to ?? ""))
    .map((c) => ({ label: c.label, from: c.from || "—", to: c.to || "—" }));
}

export const jurisdictionColumns = [
  col.text("institutionName", "申请机构", (r) => r.institutionName, {
    minWidth: 130,
    strong: true,
    sub: (r) => `提交于 ${formatDateTime(r.submittedAt)}`,
  }),
  col.slot("changes", "变更内容", { minWidth: 180 }),
  // The reason and, once decided, the decision's: two lines each at most (the whole text on hover).
  col.slot("reasons", "申请理由 / 审批意见", { minWidth: 140 }),
  col.enum("status", "状态", (r) => STATUS[r.status], { width: 90, align: "center" }),
];
