import type { MaybeRefOrGetter } from "vue";
import { formatDateTime } from "@/common/format";
import { columns, type RowAction } from "@/components/list/columns";
import { filter, type Option } from "@/components/list/filters";
import type { ApplicationStatus, RegionApplicationRowFragment } from "@/gql/graphql";
import { procedureOptions } from "@/pages/progress/progress.list";

/** 辖区考核申请 as a list: the filters of 考核进度 plus the institution a dashboard row opened. */

export const regionApplicationFilters = (statuses: MaybeRefOrGetter<readonly Option<ApplicationStatus>[]>) =>
  [
    filter.name(),
    filter.idNumber(),
    filter.enum("procedure", "考核程序", procedureOptions, { width: 110 }),
    filter.enum("status", "考核状态", statuses, { width: 220 }),
    // Set by the dashboard's institution rows (?institution=12); shown as a tag the page can clear.
    filter.numberEnum("institution", "机构", [] as Option<number>[], { hidden: true }),
  ] as const;

const col = columns<RegionApplicationRowFragment>();

export const regionApplicationColumns = [
  col.name((a) => a.physician.name),
  col.gender((a) => a.physician.gender),
  col.idNumber((a) => a.physician.idNumberMasked, { width: 168 }),
  col.text("institution", "所在机构", (a) => a.institutionName ?? "", { minWidth: 160 }),
  col.text("procedure", "考核程序", (a) => a.procedureLabel, { width: 86, align: "center" }),
  col.workflowStatus((a) => a, { minWidth: 230 }),
  col.text("lastAction", "最近办理", (a) => a.lastAction, {
    minWidth: 150,
    sub: (a) => formatDateTime(a.lastActionAt),
  }),
];

export function regionApplicationActions(h: {
  timeline: (a: RegionApplicationRowFragment) => unknown;
  reveal: (a: RegionApplicationRowFragment) => unknown;
  giveBack: (a: RegionApplicationRowFragment) => unknown;
  busy: (a: RegionApplicationRowFragment) => boolean;
}): RowAction<RegionApplicationRowFragment>[] {
  return [
    { key: "timeline", label: "办理记录", onClick: h.timeline },
    { key: "reveal", label: "查看证件号", onClick: h.reveal },
    {
      key: "return",
      label: "驳回",
      type: "danger",
      visible: (a) => a.availableActions.includes("ADMIN_RETURN"),
      loading: h.busy,
      onClick: h.giveBack,
    },
  ];
}
