import type { MaybeRefOrGetter } from "vue";
import { View } from "@element-plus/icons-vue";
import { EXEMPTION_TAG } from "@/common/labels";
import { columns, type Column, type RowAction, type SelectableRule } from "@/components/list/columns";
import { filter, type ChoiceSource, type DateRange, type Option } from "@/components/list/filters";
import type { ApplicationStatus, AssessorRowFragment } from "@/gql/graphql";

/** 考核机构端 queues (复核, 免考复核, 录入成绩) as lists: across every institution assigned to it. */

export const PROCEDURE_OPTIONS = [
  { value: "SIMPLE", label: "简易程序" },
  { value: "GENERAL", label: "一般程序" },
] as const;

/** Every queue: who, where (its institutions, a department by name), which procedure, submitted when. */
export const queueFilters = (institutions: ChoiceSource) =>
  [
    filter.name({ width: 140 }),
    filter.idNumber({ width: 190 }),
    filter.institution(institutions),
    filter.text("departmentName", "科室", { placeholder: "科室名称", width: 130, maxLength: 50 }),
    filter.enum("procedure", "考核程序", PROCEDURE_OPTIONS, { width: 130 }),
    filter.dateRange("submitted", "提交日期"),
  ] as const;

/**
 * 复核's 考核状态: the queue by default (待考核机构复核); the others show what became of the applications it
 * re-reviewed (驳回 back to the institution, in testing, finished).
 */
export const REVIEW_STATUSES: ApplicationStatus[] = [
  "AWAITING_ASSESSMENT_REVIEW",
  "RETURNED_TO_INSTITUTION",
  "AWAITING_TEST",
  "AWAITING_MAKEUP_CONFIRMATION",
  "AWAITING_MAKEUP_TEST",
  "QUALIFIED",
  "UNQUALIFIED",
];
export const reviewStatusFilter = (options: MaybeRefOrGetter<readonly Option<ApplicationStatus>[]>) =>
  filter.enum("status", "考核状态", options, { width: 230, initial: "AWAITING_ASSESSMENT_REVIEW", allOption: true });

/** 提交日期 as instants: China days, the last one included. */
export function submittedBetween(range: DateRange | null) {
  if (!range) return {};
  const from = new Date(`${range[0]}T00:00:00+08:00`);
  const before = new Date(new Date(`${range[1]}T00:00:00+08:00`).getTime() + 24 * 3600_000);
  return { submittedFrom: from.toISOString(), submittedBefore: before.toISOString() };
}

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
  a.status !== "AWAITING_ASSESSMENT_REVIEW"
    ? "该申请不在考核机构复核环节"
    : a.institutionReview?.outcome === "UNQUALIFIED"
      ? "机构评定含不合格项，请逐份复核"
      : null;

/**
 * 通过 / 驳回 on a row; with `open` (the 复核 list) also 查看 the application in full, and the decisions only on
 * rows still awaiting it (its other 考核状态 choices show history).
 */
export const reReviewActions = (
  approve: (a: AssessorRowFragment) => unknown,
  reject: (a: AssessorRowFragment) => unknown,
  open?: (a: AssessorRowFragment) => unknown,
): RowAction<AssessorRowFragment>[] => {
  const visible = open ? (a: AssessorRowFragment) => a.status === "AWAITING_ASSESSMENT_REVIEW" : undefined;
  return [
    ...(open ? [{ key: "open", label: "查看", icon: View, onClick: open }] : []),
    { key: "approve", label: "通过", solid: true, visible, onClick: approve },
    { key: "reject", label: "驳回", visible, onClick: reject },
  ];
};

export const resultActions = (record: (a: AssessorRowFragment) => unknown): RowAction<AssessorRowFragment>[] => [
  { key: "record", label: "录入成绩", solid: true, onClick: record },
];
