import { AA_STATUS } from "@/common/labels";
import { columns, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { AaApplicationFieldsFragment, AssessmentInstitutionApplicationStatus } from "@/gql/graphql";

/** 考核机构申请审批 as a list: pending applications first (the default view), any status on demand. */

const statusOptions = Object.entries(AA_STATUS).map(([value, s]) => ({
  value: value as AssessmentInstitutionApplicationStatus,
  label: s.label,
}));

export const aaReviewFilters = [
  filter.enum("status", "审批状态", statusOptions, { initial: "PENDING", allOption: true, width: 140 }),
] as const;

const col = columns<AaApplicationFieldsFragment>();

export const aaReviewColumns = [
  col.text("institutionName", "申请机构", (a) => a.institutionName, { minWidth: 160, strong: true }),
  col.dateTime("submittedAt", "提交时间", (a) => a.submittedAt),
  col.text("statement", "申请说明", (a) => a.statement, { minWidth: 160, ellipsis: true }),
  col.text("bedCount", "床位数", (a) => a.bedCount, { width: 80, align: "center" }),
  col.text("physicianCount", "医师人数", (a) => a.physicianCount, { width: 90, align: "center" }),
  col.slot("attachments", "申请材料", { minWidth: 160 }),
  col.enum("status", "状态", (a) => AA_STATUS[a.status], { width: 90, align: "center" }),
  col.text("decisionReason", "审批意见", (a) => a.decisionReason, { minWidth: 120, ellipsis: true }),
  col.dateTime("decidedAt", "审批时间", (a) => a.decidedAt),
];

/** 同意 / 驳回 of a request still pending: the applications to become an assessment institution, jurisdiction changes. */
export function decisionActions<Row extends { status: string }>(h: {
  decide: (r: Row, approve: boolean) => unknown;
  busy: (r: Row) => boolean;
}): RowAction<Row>[] {
  const pending = (r: Row) => r.status === "PENDING";
  return [
    {
      key: "approve",
      label: "同意",
      type: "success",
      visible: pending,
      loading: h.busy,
      onClick: (r) => h.decide(r, true),
    },
    { key: "reject", label: "驳回", type: "danger", visible: pending, onClick: (r) => h.decide(r, false) },
  ];
}
