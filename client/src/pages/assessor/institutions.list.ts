import { columns } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { AssignedInstitutionRowFragment } from "@/gql/graphql";

/** 所负责机构 as a list: read-only, found by name. */

export const assignedInstitutionFilters = [
  filter.text("name", "机构名称", { placeholder: "机构名称", width: 200, maxLength: 50 }),
] as const;

const col = columns<AssignedInstitutionRowFragment>();

export const assignedInstitutionColumns = [
  col.text("name", "机构名称", (i) => i.name, { minWidth: 200, strong: true }),
  col.text("region", "所在地区", (i) => i.regionName, { minWidth: 200 }),
  col.text("type", "类型 / 级别", (i) => i.type, { minWidth: 120, sub: (i) => i.levelName }),
  col.text("superior", "主管卫生行政部门", (i) => i.superiorAdministration?.name ?? "—", { minWidth: 160 }),
  col.text("contact", "联系人", (i) => i.contactPerson || "—", { width: 110 }),
  col.text("phone", "联系电话", (i) => i.contactPhone || "—", { width: 140 }),
];
