import type { MaybeRefOrGetter } from "vue";
import { columns, type Column, type RowAction } from "@/components/list/columns";
import { filter, type Option } from "@/components/list/filters";
import { PRACTISING_STATUS } from "@/common/labels";
import type { ApplicationStatus, EnrollmentTab, PractisingStatus, RosterRowFragment } from "@/gql/graphql";

/** 医师列表 (manual 2.2.5) as a list: its two tabs, filters, columns and row actions. */

const TABS: Option<EnrollmentTab>[] = [
  { value: "NOT_ENROLLED", label: "未确认参加" },
  { value: "ENROLLED", label: "已确认参加" },
];

export const practisingOptions = Object.entries(PRACTISING_STATUS).map(([value, s]) => ({
  value: value as PractisingStatus,
  label: s.label,
}));

export function rosterFilters(choices: {
  categories: MaybeRefOrGetter<readonly Option<string>[]>;
  statuses: MaybeRefOrGetter<readonly Option<ApplicationStatus>[]>;
}) {
  return [
    filter.enum("tab", "名单", TABS, { hidden: true, initial: "NOT_ENROLLED" }),
    filter.name({ width: 140 }),
    filter.idNumber({ width: 190 }),
    filter.department(),
    filter.enum("categoryCode", "执业类别", choices.categories, { width: 120 }),
    // 考核状态 belongs to the 已确认参加 tab.
    filter.enum("status", "考核状态", choices.statuses, { width: 230, hidden: (f) => f.tab !== "ENROLLED" }),
    filter.enum("practisingStatus", "执业状态", practisingOptions, { width: 130 }),
  ] as const;
}

/** Why a physician cannot 参加 (the server refuses the same): only practising physicians take part. */
export const enrollRefusal = (p: RosterRowFragment) =>
  p.practisingStatus === "PRACTISING" ? "" : "该医师不在执业状态，不能参加考核";

const col = columns<RosterRowFragment>();

export function rosterColumns(tab: EnrollmentTab, openDetail: (p: RosterRowFragment) => unknown) {
  const enrolled = tab === "ENROLLED";
  const list: (Column<RosterRowFragment> | false)[] = [
    col.name((p) => p.name, openDetail, { minWidth: 80 }),
    col.gender((p) => p.gender),
    col.idNumber((p) => p.idNumberMasked),
    !enrolled && col.text("phone", "手机号码", (p) => p.phoneMasked, { width: 120 }),
    col.department((p) => p.department?.name),
    col.text("category", "执业类别 / 级别", (p) => `${p.categoryName} · ${p.levelName}`, { minWidth: 150 }),
    !enrolled && col.text("title", "职称", (p) => p.title, { minWidth: 96 }),
    col.enum(
      "practisingStatus",
      "执业状态",
      (p) => ({ label: p.practisingStatusLabel, tag: PRACTISING_STATUS[p.practisingStatus].tag }),
      { width: 100, align: "center" },
    ),
    enrolled && col.workflowStatus((p) => p.currentApplication, { minWidth: 230 }),
  ];
  return list.filter((c): c is Column<RosterRowFragment> => !!c);
}

export interface RosterHandlers {
  detail: (p: RosterRowFragment) => unknown;
  enroll: (p: RosterRowFragment) => unknown;
  cancel: (p: RosterRowFragment) => unknown;
  edit: (p: RosterRowFragment) => unknown;
  resetPassword: (p: RosterRowFragment) => unknown;
  transferOut: (p: RosterRowFragment) => unknown;
  setPractising: (p: RosterRowFragment, status: PractisingStatus) => unknown;
  remove: (p: RosterRowFragment) => unknown;
  busy: (p: RosterRowFragment) => boolean;
  /** The workflow's names and rules for 参加 / 取消报名 (from the API). */
  enrollLabel: () => string;
  cancelLabel: () => string;
  showEnroll: (p: RosterRowFragment) => boolean;
  showCancel: (p: RosterRowFragment) => boolean;
  cancelRefusal: (p: RosterRowFragment) => string;
}

export function rosterActions(tab: EnrollmentTab, h: RosterHandlers): RowAction<RosterRowFragment>[] {
  const enrolled = tab === "ENROLLED";
  return [
    { key: "detail", label: "详情", onClick: h.detail },
    {
      key: "enroll",
      label: h.enrollLabel,
      type: "success",
      visible: (p) => !enrolled && h.showEnroll(p),
      disabled: enrollRefusal,
      loading: h.busy,
      onClick: h.enroll,
    },
    {
      key: "cancel",
      label: h.cancelLabel,
      type: "warning",
      visible: (p) => enrolled && h.showCancel(p),
      disabled: h.cancelRefusal,
      loading: h.busy,
      onClick: h.cancel,
    },
    { key: "edit", label: "编辑", menu: true, onClick: h.edit },
    { key: "reset", label: "重置密码", menu: true, onClick: h.resetPassword },
    { key: "transfer", label: "调离", menu: true, onClick: h.transferOut },
    ...practisingOptions
      .filter((o) => o.value !== "NOT_PRACTISING")
      .map((o): RowAction<RosterRowFragment> => ({
        key: `status-${o.value}`,
        label: `设为${o.label}`,
        menu: true,
        visible: (p) => p.practisingStatus !== o.value,
        onClick: (p) => h.setPractising(p, o.value),
      })),
    {
      key: "delete",
      label: "删除",
      type: "danger",
      menu: true,
      divided: true,
      visible: () => !enrolled,
      onClick: h.remove,
    },
  ];
}
