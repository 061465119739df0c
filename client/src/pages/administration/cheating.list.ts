import { columns, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { SuspectedAttemptRowFragment } from "@/gql/graphql";

/** 疑似作弊 as a list: attempts marked by their institution and not judged yet (a verdict takes them off). */

export const cheatingFilters = [filter.name(), filter.idNumber()] as const;

const col = columns<SuspectedAttemptRowFragment>();
const percent = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${v}%`);

export const cheatingColumns = [
  col.name((a) => a.physicianName),
  col.idNumber((a) => a.idNumberMasked, { width: 168 }),
  col.text("institution", "所在机构", (a) => a.institutionName ?? "", { minWidth: 160 }),
  col.text("test", "测评", (a) => a.testKindLabel, { minWidth: 110, sub: (a) => (a.isMakeup ? "补考" : "首次") }),
  col.text("similarity", "最低相似度", (a) => percent(a.minSimilarity), { width: 100, align: "center" }),
  col.slot("photos", "监考照片", { width: 110 }),
  col.dateTime("suspectedAt", "标记时间", (a) => a.suspectedAt),
];

export function cheatingActions(h: {
  judge: (a: SuspectedAttemptRowFragment, confirm: boolean) => unknown;
  busy: (a: SuspectedAttemptRowFragment) => boolean;
}): RowAction<SuspectedAttemptRowFragment>[] {
  const open = (a: SuspectedAttemptRowFragment) => a.verdict === "NONE";
  return [
    {
      key: "confirm",
      label: "认定作弊",
      type: "danger",
      visible: open,
      loading: h.busy,
      onClick: (a) => h.judge(a, true),
    },
    { key: "clear", label: "撤销标记", type: "primary", visible: open, onClick: (a) => h.judge(a, false) },
  ];
}
