import { columns, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { RegionInstitutionRowFragment } from "@/gql/graphql";

/** 辖区机构 as a list: name, region and kind filters; the 申请考核机构 permission as a row action. */

export const regionInstitutionFilters = [
  filter.text("name", "机构名称", { placeholder: "机构名称", width: 180, maxLength: 50 }),
  filter.region("region", "所在地区", { own: true }),
  filter.enum(
    "kind",
    "机构类别",
    [
      { value: "ASSESSMENT", label: "考核机构" },
      { value: "ORDINARY", label: "医疗卫生机构" },
    ],
    { width: 140 },
  ),
] as const;

const col = columns<RegionInstitutionRowFragment>();

export const regionInstitutionColumns = [
  col.text("name", "机构名称", (i) => i.name, { minWidth: 190, strong: true }),
  col.text("region", "所在地区", (i) => i.regionName, { minWidth: 180 }),
  col.text("type", "类型 / 级别", (i) => i.type, { minWidth: 110, sub: (i) => i.levelName }),
  col.text("superior", "主管卫生行政部门", (i) => i.superiorAdministration?.name ?? "—", { minWidth: 170 }),
  col.text(
    "assessor",
    "考核机构",
    (i) => (i.isAssessmentInstitution ? "（本机构为考核机构）" : (i.assessmentInstitution?.name ?? "未指定")),
    {
      minWidth: 160,
    },
  ),
  col.enum(
    "allowed",
    "申请考核机构权限",
    (i) =>
      i.isAssessmentInstitution
        ? { label: "已是考核机构", tag: "success" }
        : i.assessmentApplicationAllowed
          ? { label: "已开通", tag: "primary" }
          : { label: "未开通", tag: "info" },
    { width: 140, align: "center" },
  ),
];

export function regionInstitutionActions(h: {
  profile: (i: RegionInstitutionRowFragment) => unknown;
  toggle: (i: RegionInstitutionRowFragment) => unknown;
  busy: (i: RegionInstitutionRowFragment) => boolean;
}): RowAction<RegionInstitutionRowFragment>[] {
  return [
    { key: "profile", label: "详情", onClick: h.profile },
    {
      key: "toggle",
      label: (i) => (i.assessmentApplicationAllowed ? "关闭申请权限" : "开通申请权限"),
      type: (i) => (i.assessmentApplicationAllowed ? "warning" : "primary"),
      visible: (i) => !i.isAssessmentInstitution,
      loading: h.busy,
      onClick: h.toggle,
    },
  ];
}
