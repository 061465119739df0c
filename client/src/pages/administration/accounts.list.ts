import { ACCOUNT_KIND } from "@/common/labels";
import { columns, type RowAction } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { AccountKind, AdminAccountRowFragment } from "@/gql/graphql";

/** 账户管理 as a list: accounts of the administration's region, with reset and unlock. */

const kindOptions = Object.entries(ACCOUNT_KIND).map(([value, label]) => ({ value: value as AccountKind, label }));

export const adminAccountFilters = [
  filter.text("search", "登录名或名称", { placeholder: "登录名或名称", width: 180, maxLength: 50 }),
  filter.enum("kind", "账户类型", kindOptions, { width: 150 }),
] as const;

const col = columns<AdminAccountRowFragment>();

const stateOf = (a: AdminAccountRowFragment) =>
  !a.enabled
    ? { label: "已停用", tag: "info" as const }
    : a.locked
      ? { label: "已锁定", tag: "danger" as const }
      : a.mustChangePassword
        ? { label: "待修改初始密码", tag: "warning" as const }
        : { label: "正常", tag: "success" as const };

export const adminAccountColumns = [
  col.text("username", "登录名", (a) => a.username, { minWidth: 150, strong: true }),
  col.text("displayName", "名称", (a) => a.displayName, { minWidth: 180 }),
  col.text("kind", "账户类型", (a) => ACCOUNT_KIND[a.kind], { width: 120 }),
  col.enum("state", "状态", stateOf, { width: 130, align: "center" }),
  col.dateTime("lastLoginAt", "上次登录", (a) => a.lastLoginAt),
];

export function adminAccountActions(h: {
  reset: (a: AdminAccountRowFragment) => unknown;
  unlock: (a: AdminAccountRowFragment) => unknown;
  busy: (a: AdminAccountRowFragment) => boolean;
}): RowAction<AdminAccountRowFragment>[] {
  return [
    { key: "reset", label: "重置密码", type: "warning", loading: h.busy, onClick: h.reset },
    { key: "unlock", label: "解除锁定", type: "primary", visible: (a) => a.locked, onClick: h.unlock },
  ];
}
