import type { MaybeRefOrGetter } from "vue";
import { Printer } from "@element-plus/icons-vue";
import { formatDateTime } from "@/common/format";
import { PROCEDURE } from "@/common/labels";
import { columns, type RowAction } from "@/components/list/columns";
import { filter, type Option } from "@/components/list/filters";
import type { ApplicationStatus, Procedure, ProgressRowFragment } from "@/gql/graphql";

/** 医师考核进度 (manual 2.2.9 (1)) as a list: filters, columns, row actions. */

export const procedureOptions = Object.entries(PROCEDURE).map(([value, label]) => ({
  value: value as Procedure,
  label,
}));

export const progressFilters = (statuses: MaybeRefOrGetter<readonly Option<ApplicationStatus>[]>) =>
  [
    filter.name(),
    filter.idNumber(),
    filter.department({ width: 140 }),
    filter.enum("procedure", "考核程序", procedureOptions, { width: 110 }),
    // Also chosen by clicking a count above the list.
    filter.enum("status", "考核状态", statuses, { width: 220 }),
  ] as const;

const col = columns<ProgressRowFragment>();

export const progressColumns = [
  col.name((a) => a.physician.name),
  col.gender((a) => a.physician.gender),
  col.idNumber((a) => a.physician.idNumberMasked, { width: 168 }),
  col.department((a) => a.departmentName, { minWidth: 96 }),
  col.text("procedure", "考核程序", (a) => a.procedureLabel, { width: 86, align: "center" }),
  col.workflowStatus((a) => a, { minWidth: 250 }),
  col.text("lastAction", "最近办理", (a) => a.lastAction, {
    minWidth: 150,
    sub: (a) => formatDateTime(a.lastActionAt),
  }),
];

export function progressActions(h: {
  timeline: (a: ProgressRowFragment) => unknown;
  print: (a: ProgressRowFragment) => unknown;
}): RowAction<ProgressRowFragment>[] {
  return [
    { key: "timeline", label: "办理记录", onClick: h.timeline },
    {
      key: "print",
      label: "打印",
      type: "success",
      icon: Printer,
      visible: (a) => a.status === "QUALIFIED",
      onClick: h.print,
    },
  ];
}
