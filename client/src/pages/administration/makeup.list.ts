import { formatDateTime } from "@/common/format";
import { columns, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { MakeupRowFragment } from "@/gql/graphql";

/** 补考确认 as a list: who waits, where, and the failed result that brought them here. */

export const makeupFilters = [filter.name(), filter.idNumber()] as const;

const col = columns<MakeupRowFragment>();

/** The failed first attempts, as "医学人文测评 52 分（不合格）". */
export const failedResults = (a: MakeupRowFragment) =>
  a.testAttempts
    .filter((t) => !t.isMakeup && t.passed === false)
    .map(
      (t) =>
        `${t.testKindLabel} ${t.score ?? "—"} 分（${t.voided ? "作废" : t.statusLabel === "缺考" ? "缺考" : "不合格"}）`,
    )
    .join("；") || "—";

export const makeupColumns = [
  col.name((a) => a.physician.name),
  col.idNumber((a) => a.physician.idNumberMasked, { width: 168 }),
  col.text("institution", "所在机构", (a) => a.institutionName ?? "", { minWidth: 160 }),
  col.text("procedure", "考核程序", (a) => a.procedureLabel, { width: 86, align: "center" }),
  col.text("result", "首次测评结果", failedResults, { minWidth: 200 }),
  col.text("since", "待确认自", (a) => formatDateTime(a.lastActionAt), { width: 150 }),
];

export function makeupActions(h: {
  decide: (rows: MakeupRowFragment[], allow: boolean) => unknown;
  busy: (a: MakeupRowFragment) => boolean;
}): RowAction<MakeupRowFragment>[] {
  return [
    { key: "allow", label: "允许补考", type: "success", loading: h.busy, onClick: (a) => h.decide([a], true) },
    { key: "refuse", label: "不允许", type: "danger", onClick: (a) => h.decide([a], false) },
  ];
}
