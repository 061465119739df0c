import type { Component } from "vue";
import { markRaw } from "vue";
import { Checked, DataAnalysis, House, OfficeBuilding, User } from "@element-plus/icons-vue";
import type { MeFieldsFragment, Role } from "@/gql/graphql";
import { ADMINISTRATION_MENU } from "@/pages/administration/menu";
import { assessorMenu } from "@/pages/assessor/menu";
import { RouteName, type RouteNameValue } from "@/router/names";

export interface MenuLeaf {
  title: string;
  route: RouteNameValue;
  roles: Role[];
}

export interface MenuGroup {
  title: string;
  icon: Component;
  /** A group with a route is a single entry (首页); otherwise it opens its children. */
  route?: RouteNameValue;
  roles: Role[];
  children?: MenuLeaf[];
}

const INSTITUTION: Role[] = ["INSTITUTION"];

/**
 * The left navigation as the manual lays it out. Entries whose page is not built yet are listed with their
 * reserved route names and stay hidden until that route is registered, so no entry ever leads nowhere.
 */
export const MENU: MenuGroup[] = [
  { title: "首页", icon: markRaw(House), route: RouteName.home, roles: INSTITUTION },
  {
    title: "机构信息",
    icon: markRaw(OfficeBuilding),
    roles: INSTITUTION,
    children: [
      { title: "本机构信息", route: RouteName.institutionProfile, roles: INSTITUTION },
      { title: "科室信息", route: RouteName.departments, roles: INSTITUTION },
      { title: "申请考核机构", route: RouteName.assessmentInstitutionApply, roles: INSTITUTION },
    ],
  },
  {
    title: "医师管理",
    icon: markRaw(User),
    roles: INSTITUTION,
    children: [
      { title: "医师列表", route: RouteName.physicians, roles: INSTITUTION },
      { title: "调入医师", route: RouteName.physicianTransferIn, roles: INSTITUTION },
      { title: "名册导入", route: RouteName.physicianImport, roles: INSTITUTION },
    ],
  },
  {
    title: "审核管理",
    icon: markRaw(Checked),
    roles: INSTITUTION,
    children: [
      { title: "简易程序审核", route: RouteName.reviewsSimple, roles: INSTITUTION },
      { title: "一般程序审核", route: RouteName.reviewsGeneral, roles: INSTITUTION },
      { title: "免考审核", route: RouteName.reviewsExemptions, roles: INSTITUTION },
    ],
  },
  {
    title: "考核管理",
    icon: markRaw(DataAnalysis),
    roles: INSTITUTION,
    children: [
      { title: "考核进度", route: RouteName.progress, roles: INSTITUTION },
      { title: "测评进度", route: RouteName.testProgress, roles: INSTITUTION },
      { title: "监考管理", route: RouteName.proctoring, roles: INSTITUTION },
    ],
  },
  ...ADMINISTRATION_MENU,
  assessorMenu,
];

const allowed = (roles: Role[], me: MeFieldsFragment) => roles.some((r) => me.roles.includes(r));

/**
 * The menu for this account, keeping only entries whose page exists. `workspace` (an account with two consoles,
 * see workspace.ts) keeps the groups of the console in use.
 */
export function menuFor(
  me: MeFieldsFragment | null,
  routeExists: (name: string) => boolean,
  workspace: Role | null = null,
): MenuGroup[] {
  if (!me) return [];
  const groups: MenuGroup[] = [];
  for (const g of MENU) {
    if (!allowed(g.roles, me)) continue;
    if (workspace && !g.roles.includes(workspace)) continue;
    if (g.route) {
      if (routeExists(g.route)) groups.push(g);
      continue;
    }
    const children = (g.children ?? []).filter((c) => allowed(c.roles, me) && routeExists(c.route));
    if (children.length) groups.push({ ...g, children });
  }
  return groups;
}

/** Where an account lands after signing in: its first workspace, or the account overview. */
export function landingRouteFor(me: MeFieldsFragment | null): RouteNameValue {
  if (!me) return RouteName.home;
  if (me.roles.includes("INSTITUTION")) return RouteName.home;
  if (me.roles.includes("HEALTH_ADMIN")) return RouteName.adminDashboard;
  if (me.roles.includes("ASSESSMENT_INSTITUTION")) return RouteName.assessorHome;
  if (me.roles.includes("PHYSICIAN")) return RouteName.portalHome;
  return RouteName.welcome;
}
