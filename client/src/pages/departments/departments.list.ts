import { columns, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { DepartmentFieldsFragment } from "@/gql/graphql";

/** 科室信息 (manual 2.2.3) as a list: 科室名称 and 状态 filters, the departments' columns and row actions. */
export const departmentFilters = [
  filter.text("name", "科室名称", { placeholder: "输入名称查询", width: 200, maxLength: 50 }),
  filter.enum(
    "enabled",
    "状态",
    [
      { value: "enabled", label: "启用" },
      { value: "disabled", label: "停用" },
    ] as const,
    { allOption: true, width: 120 },
  ),
] as const;

const col = columns<DepartmentFieldsFragment>();

export const departmentColumns = [
  col.text("name", "科室名称", (d) => d.name, { minWidth: 150 }),
  col.slot("subjects", "诊疗科目", { minWidth: 280 }),
  col.text("physicianCount", "医师人数", (d) => d.physicianCount, { width: 100, align: "center" }),
  col.enum("enabled", "状态", (d) => (d.enabled ? { label: "启用", tag: "success" } : { label: "停用", tag: "info" }), {
    width: 90,
    align: "center",
  }),
  col.dateTime("updatedAt", "更新时间", (d) => d.updatedAt),
];

/** A department with physicians cannot be deleted (the server refuses it too): say so on the button. */
export const deleteRefusal = (d: DepartmentFieldsFragment) =>
  d.physicianCount > 0 ? `该科室下有 ${d.physicianCount} 名医师，不能删除；可先停用，待医师调整科室后再删除` : "";

export function departmentActions(handlers: {
  edit: (d: DepartmentFieldsFragment) => unknown;
  toggle: (d: DepartmentFieldsFragment) => unknown;
  remove: (d: DepartmentFieldsFragment) => unknown;
  busy: (d: DepartmentFieldsFragment) => boolean;
}): RowAction<DepartmentFieldsFragment>[] {
  return [
    { key: "edit", label: "编辑", onClick: handlers.edit },
    {
      key: "toggle",
      label: (d) => (d.enabled ? "停用" : "启用"),
      type: (d) => (d.enabled ? "warning" : "success"),
      loading: handlers.busy,
      onClick: handlers.toggle,
    },
    { key: "delete", label: "删除", type: "danger", disabled: deleteRefusal, onClick: handlers.remove },
  ];
}
