import { markRaw } from "vue";
import { DataAnalysis, Stamp } from "@element-plus/icons-vue";
import type { Role } from "@/gql/graphql";
import type { MenuGroup } from "@/layout/menu";
import { RouteName } from "@/router/names";

const ADMIN: Role[] = ["HEALTH_ADMIN"];
const PROVINCE: Role[] = ["PROVINCIAL_ADMIN"];

/** The administrations' menu: every level supervises its region; the province also decides make-ups. */
export const ADMINISTRATION_MENU: MenuGroup[] = [
  {
    title: "辖区监管",
    icon: markRaw(DataAnalysis),
    roles: ADMIN,
    children: [
      { title: "辖区考核概况", route: RouteName.adminDashboard, roles: ADMIN },
      { title: "辖区考核申请", route: RouteName.adminApplications, roles: ADMIN },
      { title: "账户管理", route: RouteName.adminAccounts, roles: ADMIN },
      { title: "审计记录", route: RouteName.adminAudit, roles: ADMIN },
    ],
  },
  {
    title: "机构管理",
    icon: markRaw(Stamp),
    roles: ADMIN,
    children: [
      { title: "辖区机构", route: RouteName.adminInstitutions, roles: ADMIN },
      { title: "考核机构申请审批", route: RouteName.aaApplicationReview, roles: ADMIN },
      { title: "隶属关系变更审批", route: RouteName.adminJurisdictionChanges, roles: ADMIN },
    ],
  },
  {
    title: "省级审批",
    icon: markRaw(Stamp),
    roles: PROVINCE,
    children: [
      { title: "补考确认", route: RouteName.adminMakeups, roles: PROVINCE },
      { title: "疑似作弊认定", route: RouteName.adminCheating, roles: PROVINCE },
      { title: "考核周期", route: RouteName.adminCycles, roles: PROVINCE },
      { title: "接口客户端", route: RouteName.adminApiClients, roles: PROVINCE },
    ],
  },
];
