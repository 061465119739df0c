import type { MaybeRefOrGetter } from "vue";
import { Flag, Picture } from "@element-plus/icons-vue";
import { ATTEMPT_STATUS, SNAPSHOT_VIEW_STATUS } from "@/common/labels";
import { columns, type Column, type RowAction } from "@/components/list/columns";
import { filter, type ChoiceSource, type Option } from "@/components/list/filters";
import type { AttemptRowFragment, AttemptStatus, ProctoringRowFragment, SnapshotViewStatus } from "@/gql/graphql";
import { procedureOptions } from "@/pages/progress/progress.list";
import { formatDateTime } from "@/common/format";
import { canMark, LOW_SIMILARITY, SIMILARITY_CHOICES } from "./proctoring.rules";

/** 测评进度 and 监考管理 (manual 2.2.9 (2), (3)) as lists. */

const attemptStatuses = Object.entries(ATTEMPT_STATUS).map(([value, s]) => ({
  value: value as AttemptStatus,
  label: s.label,
}));

export const testProgressFilters = (papers: MaybeRefOrGetter<readonly Option<number>[]>) =>
  [
    filter.name(),
    filter.idNumber(),
    filter.enum("procedure", "考核程序", procedureOptions, { width: 110 }),
    filter.numberEnum("paperId", "试卷名称", papers, { width: 290 }),
    filter.enum("status", "测评状态", attemptStatuses, { width: 110 }),
  ] as const;

const attempt = columns<AttemptRowFragment>();

/** Columns both lists share: who took the test. */
const attemptIdentity: Column<AttemptRowFragment>[] = [
  attempt.name((a) => a.physicianName),
  attempt.idNumber((a) => a.idNumberMasked, { width: 168 }),
];

const testProgressRest: Column<AttemptRowFragment>[] = [
  attempt.text("procedure", "考核程序", (a) => a.procedureLabel, { width: 86, align: "center" }),
  attempt.slot("test", "测评 / 试卷名称", { minWidth: 290 }),
  attempt.enum("status", "测评状态", (a) => ({ label: a.statusLabel, tag: ATTEMPT_STATUS[a.status].tag }), {
    width: 110,
    align: "center",
  }),
  attempt.slot("times", "答题时间", { width: 176 }),
  attempt.slot("score", "成绩", { width: 120, align: "center" }),
];

export const testProgressColumns = [...attemptIdentity, ...testProgressRest];

/** The assessment institution's 测评: the same rows across its institutions, each naming its own. */
export const testProgressAcrossColumns = [
  ...attemptIdentity,
  attempt.text("institution", "所在机构", (a) => a.institutionName, { minWidth: 150 }),
  ...testProgressRest,
];

export const testProgressAcrossFilters = (
  papers: MaybeRefOrGetter<readonly Option<number>[]>,
  institutions: ChoiceSource,
) => [...testProgressFilters(papers), filter.institution(institutions)] as const;

const viewStatuses = Object.entries(SNAPSHOT_VIEW_STATUS).map(([value, s]) => ({
  value: value as SnapshotViewStatus,
  label: s.label,
}));
const similarityOptions = SIMILARITY_CHOICES.map((v) => ({
  value: v,
  label: v === LOW_SIMILARITY ? `低于 ${v}%（建议）` : `低于 ${v}%`,
}));

export const proctoringFilters = (papers: MaybeRefOrGetter<readonly Option<number>[]>) =>
  [
    filter.name({ width: 120 }),
    filter.idNumber({ width: 170 }),
    filter.numberEnum("paperId", "试卷名称", papers, { width: 250 }),
    // The manual's hint is the default view: below 40%.
    filter.numberEnum("maxSimilarity", "相似度", similarityOptions, { width: 178, initial: LOW_SIMILARITY }),
    filter.enum("viewStatus", "查看状态", viewStatuses, { width: 130 }),
  ] as const;

/** 监考 for the assessment institution: the same list across its institutions, by 所在机构 too. */
export const proctoringAcrossFilters = (
  papers: MaybeRefOrGetter<readonly Option<number>[]>,
  institutions: ChoiceSource,
) => [...proctoringFilters(papers), filter.institution(institutions)] as const;

const proctored = columns<ProctoringRowFragment>();

export const proctoringColumns: Column<ProctoringRowFragment>[] = [...attemptIdentity, ...proctoringRest()];

export const proctoringAcrossColumns: Column<ProctoringRowFragment>[] = [
  ...attemptIdentity,
  proctored.text("institution", "所在机构", (a) => a.institutionName, { minWidth: 150 }),
  ...proctoringRest(),
];

function proctoringRest(): Column<ProctoringRowFragment>[] {
  return [
    proctored.slot("test", "测评 / 试卷", { minWidth: 224 }),
    proctored.enum("status", "测评状态", (a) => ({ label: a.statusLabel, tag: ATTEMPT_STATUS[a.status].tag }), {
      width: 90,
      align: "center",
    }),
    proctored.text("snapshots", "监考照片", (a) => `${a.snapshotCount} 张`, { width: 84, align: "center" }),
    proctored.slot("similarity", "最低相似度", { width: 96, align: "center" }),
    proctored.slot("viewStatus", "查看状态", { minWidth: 116 }),
  ];
}

export function proctoringActions(h: {
  view: (a: ProctoringRowFragment) => unknown;
  mark: (a: ProctoringRowFragment) => unknown;
  marking: () => boolean;
  /** The assessment institution: 查看照片 and the marks, never 标记疑似 (the institution marks). */
  readOnly?: boolean;
}): RowAction<ProctoringRowFragment>[] {
  return [
    { key: "view-snapshots", label: "查看照片", icon: Picture, onClick: h.view },
    {
      key: "mark",
      label: "标记疑似",
      type: "danger",
      icon: Flag,
      visible: (a) => !h.readOnly && canMark(a),
      disabled: () => (h.marking() ? "正在标记，请稍候" : ""),
      onClick: h.mark,
    },
    {
      // Marked: only the province can take the mark back; the button says whom to contact.
      key: "marked",
      label: "已标记",
      type: "danger",
      visible: (a) => a.suspected && (!!h.readOnly || !canMark(a)),
      disabled: (a) =>
        a.suspectedAt
          ? `标记于 ${formatDateTime(a.suspectedAt)}；若需取消作弊标记，联系主管卫生行政`
          : "若需取消作弊标记，联系主管卫生行政",
      onClick: () => undefined,
    },
  ];
}
