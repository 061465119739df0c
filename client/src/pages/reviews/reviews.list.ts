import { EXEMPTION_TAG } from "@/common/labels";
import { columns, type Column, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { ReviewRowFragment, TestKind } from "@/gql/graphql";

/** 简易程序审核, 一般程序审核 and 免考审核 (manual 2.2.6–2.2.8) as lists. */

export const reviewFilters = [
  filter.name({ width: 150 }),
  filter.idNumber({ width: 200 }),
  filter.department({ width: 160 }),
] as const;

const col = columns<ReviewRowFragment>();

const applicant = (open?: (a: ReviewRowFragment) => unknown): Column<ReviewRowFragment>[] => [
  col.name((a) => a.physician.name, open, { minWidth: 90 }),
  col.gender((a) => a.physician.gender),
  col.idNumber((a) => a.physician.idNumberMasked, { width: 170 }),
  col.department((a) => a.departmentName, { minWidth: 110 }),
];

export const reviewColumns = (open: (a: ReviewRowFragment) => unknown): Column<ReviewRowFragment>[] => [
  ...applicant(open),
  col.text("category", "执业类别", (a) => a.physician.categoryName, { width: 86, align: "center" }),
  col.text("level", "医师级别", (a) => a.physician.levelName, { minWidth: 112 }),
  col.workflowStatus((a) => a, { label: "审核状态", minWidth: 200 }),
  col.enum(
    "exemption",
    "免考申请",
    (a) =>
      a.exemptionStatus === "NONE" ? null : { label: a.exemptionStatusLabel, tag: EXEMPTION_TAG[a.exemptionStatus] },
    { minWidth: 150, plain: true },
  ),
  col.dateTime("submittedAt", "提交时间", (a) => a.submittedAt),
];

export const reviewActions = (open: (a: ReviewRowFragment) => unknown): RowAction<ReviewRowFragment>[] => [
  { key: "review", label: "审核", solid: true, onClick: open },
];

export const exemptionColumns = (
  testName: (kind: TestKind | null | undefined) => string,
): Column<ReviewRowFragment>[] => [
  ...applicant(),
  col.text("procedure", "考核程序", (a) => a.procedureLabel, { width: 84 }),
  col.text("exemptedTest", "申请免考", (a) => testName(a.exemptedTest), { width: 110 }),
  col.text("exemptionReason", "免考理由", (a) => a.exemptionReason, { minWidth: 100, ellipsis: true }),
  col.dateTime("exemptionRequestedAt", "申请时间", (a) => a.exemptionRequestedAt, { width: 140 }),
  col.enum(
    "exemptionStatus",
    "免考状态",
    (a) => ({ label: a.exemptionStatusLabel, tag: EXEMPTION_TAG[a.exemptionStatus] }),
    {
      minWidth: 152,
    },
  ),
];

export const exemptionActions = (open: (a: ReviewRowFragment) => unknown): RowAction<ReviewRowFragment>[] => [
  { key: "exemption-review", label: "审核", solid: true, onClick: open },
];
