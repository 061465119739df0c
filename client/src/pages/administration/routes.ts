import type { RouteRecordRaw } from "vue-router";
import { RouteName } from "@/router/names";

/** 卫生行政端: the health administrations' pages (county, city, province); province-only pages say so in `roles`. */
export const administrationRoutes: RouteRecordRaw[] = [
  {
    path: "administration/dashboard",
    name: RouteName.adminDashboard,
    component: () => import("./DashboardPage.vue"),
    meta: { title: "辖区考核概况", trail: ["辖区监管"], roles: ["HEALTH_ADMIN"] },
  },
  {
    path: "administration/applications",
    name: RouteName.adminApplications,
    component: () => import("./ApplicationsPage.vue"),
    meta: { title: "辖区考核申请", trail: ["辖区监管"], roles: ["HEALTH_ADMIN"] },
  },
  {
    path: "administration/accounts",
    name: RouteName.adminAccounts,
    component: () => import("./AccountsPage.vue"),
    meta: { title: "账户管理", trail: ["辖区监管"], roles: ["HEALTH_ADMIN"] },
  },
  {
    path: "administration/institutions",
    name: RouteName.adminInstitutions,
    component: () => import("./InstitutionsPage.vue"),
    meta: { title: "辖区机构", trail: ["机构管理"], roles: ["HEALTH_ADMIN"] },
  },
  {
    path: "administration/jurisdiction-changes",
    name: RouteName.adminJurisdictionChanges,
    component: () => import("./JurisdictionChangesPage.vue"),
    meta: { title: "隶属关系变更审批", trail: ["机构管理"], roles: ["HEALTH_ADMIN"] },
  },
  {
    path: "administration/cheating",
    name: RouteName.adminCheating,
    component: () => import("./CheatingPage.vue"),
    meta: { title: "疑似作弊认定", trail: ["省级审批"], roles: ["PROVINCIAL_ADMIN"] },
  },
  {
    path: "administration/cycles",
    name: RouteName.adminCycles,
    component: () => import("./CyclesPage.vue"),
    meta: { title: "考核周期", trail: ["省级审批"], roles: ["PROVINCIAL_ADMIN"] },
  },
  {
    path: "administration/api-clients",
    name: RouteName.adminApiClients,
    component: () => import("./ApiClientsPage.vue"),
    meta: { title: "接口客户端", trail: ["省级审批"], roles: ["PROVINCIAL_ADMIN"] },
  },
  {
    path: "administration/audit",
    name: RouteName.adminAudit,
    component: () => import("./AuditPage.vue"),
    meta: { title: "审计记录", trail: ["辖区监管"], roles: ["HEALTH_ADMIN"] },
  },
  {
    path: "administration/makeups",
    name: RouteName.adminMakeups,
    component: () => import("./MakeupPage.vue"),
    meta: { title: "补考确认", trail: ["省级审批"], roles: ["PROVINCIAL_ADMIN"] },
  },
];
