import { formatDateTime } from "@/common/format";
import { columns } from "@/components/list/columns";
import type { AdminApiClientFragment, ApiPermission } from "@/gql/graphql";

/** 接口客户端 as a list (newest first): what each may read and do, its last use; this minute's count in a slot. */

export const PERMISSION: Record<ApiPermission, string> = {
  RECORD_SNAPSHOTS: "上传监考照片",
  RECORD_TEST_RESULTS: "开考、交卷、录入测评成绩",
};

const col = columns<AdminApiClientFragment>();

export const apiClientColumns = [
  col.text("name", "名称", (c) => c.name, { minWidth: 170, strong: true, sub: (c) => `令牌前缀 ${c.tokenPrefix}` }),
  col.text("regionCode", "数据范围", (c) => c.regionCode, { width: 100 }),
  col.text("permissions", "权限", (c) => c.permissions.map((p) => PERMISSION[p]).join("、") || "只读（查询与同步）", {
    minWidth: 160,
  }),
  col.text("lastUsedAt", "最近使用", (c) => (c.lastUsedAt ? formatDateTime(c.lastUsedAt) : "从未使用"), {
    width: 150,
  }),
  col.slot("rate", "本分钟请求", { width: 130, align: "center" }),
  col.text("expiresAt", "有效期至", (c) => (c.expiresAt ? formatDateTime(c.expiresAt) : "长期"), { width: 150 }),
  col.enum(
    "status",
    "状态",
    (c) => (c.revokedAt ? { label: "已吊销", tag: "info" } : { label: "有效", tag: "success" }),
    { width: 90, align: "center" },
  ),
];
