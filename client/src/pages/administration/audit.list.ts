import { columns } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { AuditRowFragment } from "@/gql/graphql";

/** 审计记录 as a list: what was done (action prefix), by whom, where (a sub-region), when, failures only. */

export const AUDIT_ACTIONS = [
  { value: "auth.", label: "登录与账户" },
  { value: "auth.password.reset", label: "重置密码" },
  { value: "auth.account.unlock", label: "解除锁定" },
  { value: "workflow.", label: "考核流程" },
  { value: "physician.identity.reveal", label: "查看完整证件号" },
  { value: "physician.", label: "医师名单" },
  { value: "proctoring.", label: "监考与作弊认定" },
  { value: "aa-application.", label: "考核机构申请" },
  { value: "institution.", label: "机构信息与隶属变更" },
  { value: "cycle.", label: "考核周期" },
  { value: "api", label: "接口客户端与调用" },
];

const ACTOR_TYPE: Record<string, string> = {
  ACCOUNT: "账户",
  API_CLIENT: "接口客户端",
  ANONYMOUS: "未登录",
  SYSTEM: "系统",
};

export const auditFilters = [
  filter.enum("action", "动作", AUDIT_ACTIONS, { width: 160 }),
  filter.text("actor", "操作者", { placeholder: "操作者名称", width: 160, maxLength: 50 }),
  filter.region("region", "地区", { own: true }),
  filter.dateRange("at", "时间"),
  filter.enum("result", "结果", [{ value: "FAILED", label: "只看失败" }], { width: 120 }),
] as const;

const col = columns<AuditRowFragment>();

export const auditColumns = [
  col.dateTime("at", "时间", (l) => l.at),
  col.text("actor", "操作者", (l) => l.actorName || "—", {
    minWidth: 170,
    sub: (l) => ACTOR_TYPE[l.actorType] ?? l.actorType,
  }),
  col.text("action", "动作", (l) => l.action, { minWidth: 170 }),
  col.text("target", "对象", (l) => (l.targetType ? `${l.targetType} #${l.targetId ?? ""}` : "—"), { minWidth: 130 }),
  col.enum(
    "success",
    "结果",
    (l) => (l.success ? { label: "成功", tag: "success" } : { label: "失败", tag: "danger" }),
    {
      width: 80,
      align: "center",
    },
  ),
  col.text("ip", "来源地址", (l) => l.ip, { width: 130 }),
  col.text("detail", "详情", (l) => l.detail ?? "", { minWidth: 200, ellipsis: true }),
];
