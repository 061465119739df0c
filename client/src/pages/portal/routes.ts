import type { RouteRecordRaw } from "vue-router";
import { RouteName } from "@/router/names";

/** 医师个人端 route names (the home one is shared: it is where a physician lands). */
export const PortalRoute = {
  home: RouteName.portalHome,
  apply: "portal-apply",
  exemption: "portal-exemption",
  tests: "portal-tests",
  certificate: "portal-certificate",
  messages: "portal-messages",
  profile: "portal-profile",
  password: "portal-password",
} as const;

const PHYSICIAN = ["PHYSICIAN" as const];

/** The physician's pages: their own layout (phone first), each page loaded on its own. */
export const portalRoutes: RouteRecordRaw = {
  path: "/portal",
  component: () => import("./PortalLayout.vue"),
  meta: { roles: PHYSICIAN },
  children: [
    {
      path: "",
      name: PortalRoute.home,
      component: () => import("./PortalHomePage.vue"),
      meta: { title: "我的考核", roles: PHYSICIAN },
    },
    {
      path: "apply",
      name: PortalRoute.apply,
      component: () => import("./ApplyPage.vue"),
      meta: { title: "报名", roles: PHYSICIAN },
    },
    {
      path: "exemption",
      name: PortalRoute.exemption,
      component: () => import("./ExemptionPage.vue"),
      meta: { title: "申请免考", roles: PHYSICIAN },
    },
    {
      path: "tests",
      name: PortalRoute.tests,
      component: () => import("./TestsPage.vue"),
      meta: { title: "测评", roles: PHYSICIAN },
    },
    {
      path: "certificate",
      name: PortalRoute.certificate,
      component: () => import("./CertificatePage.vue"),
      meta: { title: "合格证明", roles: PHYSICIAN },
    },
    {
      path: "messages",
      name: PortalRoute.messages,
      component: () => import("./MessagesPage.vue"),
      meta: { title: "消息", roles: PHYSICIAN },
    },
    {
      path: "profile",
      name: PortalRoute.profile,
      component: () => import("./ProfilePage.vue"),
      meta: { title: "个人信息", roles: PHYSICIAN },
    },
    {
      path: "password",
      name: PortalRoute.password,
      component: () => import("./PasswordPage.vue"),
      meta: { title: "修改密码", roles: PHYSICIAN },
    },
  ],
};
