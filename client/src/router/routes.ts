import type { RouteRecordRaw } from "vue-router";
import AppLayout from "@/layout/AppLayout.vue";
import { landingRouteFor } from "@/layout/menu";
import { session } from "@/pages/accounts/session";
import { RouteName } from "./names";

export const routes: RouteRecordRaw[] = [
  {
    path: "/login",
    name: RouteName.login,
    component: () => import("@/pages/accounts/LoginPage.vue"),
    meta: { title: "登录", public: true },
  },
  {
    path: "/first-login-password",
    name: RouteName.firstPassword,
    component: () => import("@/pages/accounts/FirstLoginPasswordPage.vue"),
    meta: { title: "首次登录修改密码", duringPasswordChange: true },
  },
  {
    path: "/",
    component: AppLayout,
    children: [
      {
        // The landing page depends on who signed in.
        path: "",
        name: RouteName.landing,
        redirect: () => ({ name: landingRouteFor(session.me) }),
      },
      {
        path: "welcome",
        name: RouteName.welcome,
        component: () => import("@/pages/home/WelcomePage.vue"),
        meta: { title: "工作台" },
      },
      {
        path: "home",
        name: RouteName.home,
        component: () => import("@/pages/home/HomePage.vue"),
        meta: { title: "首页", roles: ["INSTITUTION"] },
      },
      {
        path: "institution/profile",
        name: RouteName.institutionProfile,
        component: () => import("@/pages/institutions/ProfilePage.vue"),
        meta: { title: "本机构信息", trail: ["机构信息"], roles: ["INSTITUTION"] },
      },
      {
        path: "institution/departments",
        name: RouteName.departments,
        component: () => import("@/pages/departments/DepartmentsPage.vue"),
        meta: { title: "科室信息", trail: ["机构信息"], roles: ["INSTITUTION"] },
      },
      {
        path: "institution/assessment-institution-application",
        name: RouteName.assessmentInstitutionApply,
        component: () => import("@/pages/institutions/AaApplicationPage.vue"),
        meta: { title: "申请考核机构", trail: ["机构信息"], roles: ["INSTITUTION"] },
      },
      {
        path: "administration/assessment-institution-applications",
        name: RouteName.aaApplicationReview,
        component: () => import("@/pages/administration/AaReviewPage.vue"),
        meta: { title: "考核机构申请审批", trail: ["机构管理"], roles: ["HEALTH_ADMIN"] },
      },
      {
        path: "account/password",
        name: RouteName.changePassword,
        component: () => import("@/pages/accounts/ChangePasswordPage.vue"),
        meta: { title: "修改密码", trail: ["账户设置"] },
      },
      {
        path: ":pathMatch(.*)*",
        name: RouteName.notFound,
        component: () => import("@/pages/errors/NotFoundPage.vue"),
        meta: { title: "页面不存在" },
      },
    ],
  },
];
