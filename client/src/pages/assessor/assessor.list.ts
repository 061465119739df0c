import { EXEMPTION_TAG } from "@/common/labels";
import { columns, type Column, type RowAction, type SelectableRule } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { AssessorRowFragment } from "@/gql/graphql";

/** 考核机构端 queues (复核, 免考复核, 录入成绩) as lists: across every institution assigned to it. */

export const PROCEDURE_OPTIONS = [
  { value: "SIMPLE", label: "简易程序" },
  { value: "GENERAL", label: "一般程序" },
] as const;

export const queueFilters = [
  filter.name({ width: 140 }),
  filter.idNumber({ width: 190 }),
  filter.enum("procedure", "考核程序", PROCEDURE_OPTIONS, { width: 130 }),
] as const;

const col = columns<AssessorRowFragment>();

export const queueColumns: Column<AssessorRowFragment>[] = [
  col.name((a) => a.physician.name, undefined, { minWidth: 90 }),
  col.idNumber((a) => a.physician.idNumberMasked, { width: 170 }),
  col.text("institution", "所在机构", (a) => a.institutionName, { minWidth: 160 }),
  col.department((a) => a.departmentName, { minWidth: 100 }),
  col.text("procedure", "考核程序", (a) => a.procedureLabel, { width: 90 }),
  col.workflowStatus((a) => a, { minWidth: 150 }),
  col.enum(
    "exemption",
    "免考申请",
    (a) =>
      a.exemptionStatus === "NONE" ? null : { label: a.exemptionStatusLabel, tag: EXEMPTION_TAG[a.exemptionStatus] },
    { minWidth: 130, plain: true },
  ),
  col.dateTime("submittedAt", "提交时间", (a) => a.submittedAt),
];

/** Batch 通过 only for rows without a 不合格 rating: those end 不合格 and deserve a look one by one. */
export const batchRefusal: SelectableRule<AssessorRowFragment> = (a) =>
  a.institutionReview?.outcome === "UNQUALIFIED" ? "机构评定含不合格项，请逐份复核" : null;

export const reReviewActions = (
  approve: (a: AssessorRowFragment) => unknown,
  reject: (a: AssessorRowFragment) => unknown,
): RowAction<AssessorRowFragment>[] => [
  { key: "approve", label: "通过", solid: true, onClick: approve },
  { key: "reject", label: "驳回", onClick: reject },
];

export const resultActions = (record: (a: AssessorRowFragment) => unknown): RowAction<AssessorRowFragment>[] => [
  { key: "record", label: "录入成绩", solid: true, onClick: record },
];
