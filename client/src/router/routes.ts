import type { RouteRecordRaw } from "vue-router";
import AppLayout from "@/layout/AppLayout.vue";
import { landingRouteFor } from "@/layout/menu";
import { session } from "@/pages/accounts/session";
import { administrationRoutes } from "@/pages/administration/routes";
import { assessorRoutes } from "@/pages/assessor/routes";
import { portalRoutes } from "@/pages/portal/routes";
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
    path: "/unreachable",
    name: RouteName.serverUnreachable,
    component: () => import("@/pages/errors/ServerUnreachablePage.vue"),
    meta: { title: "无法连接服务器", public: true },
  },
  {
    // What the QR code on a certificate opens: public, without the console's layout.
    path: "/verify/:number?",
    name: RouteName.verify,
    component: () => import("@/pages/certificates/VerifyPage.vue"),
    props: (route) => ({
      number: typeof route.params.number === "string" ? route.params.number : "",
      code: typeof route.query.code === "string" ? route.query.code : "",
    }),
    meta: { title: "合格证明核验", public: true },
  },
  portalRoutes,
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
        path: "physicians",
        name: RouteName.physicians,
        component: () => import("@/pages/physicians/PhysiciansPage.vue"),
        meta: { title: "医师列表", trail: ["医师管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "physicians/transfer-in",
        name: RouteName.physicianTransferIn,
        component: () => import("@/pages/physicians/TransferInPage.vue"),
        meta: { title: "调入医师", trail: ["医师管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "physicians/import",
        name: RouteName.physicianImport,
        component: () => import("@/pages/physicians/RosterImportPage.vue"),
        meta: { title: "名册导入", trail: ["医师管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "reviews/simple",
        name: RouteName.reviewsSimple,
        component: () => import("@/pages/reviews/ReviewListPage.vue"),
        props: { procedure: "SIMPLE" },
        meta: { title: "简易程序审核", trail: ["审核管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "reviews/simple/:id(\\d+)",
        name: RouteName.reviewSimple,
        component: () => import("@/pages/reviews/ReviewPage.vue"),
        props: (route) => ({ id: Number(route.params.id), procedure: "SIMPLE" }),
        meta: {
          title: "审核简易程序申请",
          trail: ["审核管理", "简易程序审核"],
          roles: ["INSTITUTION"],
          activeMenu: RouteName.reviewsSimple,
        },
      },
      {
        path: "reviews/general",
        name: RouteName.reviewsGeneral,
        component: () => import("@/pages/reviews/ReviewListPage.vue"),
        props: { procedure: "GENERAL" },
        meta: { title: "一般程序审核", trail: ["审核管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "reviews/general/:id(\\d+)",
        name: RouteName.reviewGeneral,
        component: () => import("@/pages/reviews/ReviewPage.vue"),
        props: (route) => ({ id: Number(route.params.id), procedure: "GENERAL" }),
        meta: {
          title: "审核一般程序申请",
          trail: ["审核管理", "一般程序审核"],
          roles: ["INSTITUTION"],
          activeMenu: RouteName.reviewsGeneral,
        },
      },
      {
        path: "reviews/exemptions",
        name: RouteName.reviewsExemptions,
        component: () => import("@/pages/reviews/ExemptionReviewPage.vue"),
        meta: { title: "免考审核", trail: ["审核管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "assessment/progress",
        name: RouteName.progress,
        component: () => import("@/pages/progress/ProgressPage.vue"),
        meta: { title: "考核进度", trail: ["考核管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "assessment/tests",
        name: RouteName.testProgress,
        component: () => import("@/pages/exams/TestProgressPage.vue"),
        meta: { title: "测评进度", trail: ["考核管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "assessment/proctoring",
        name: RouteName.proctoring,
        component: () => import("@/pages/exams/ProctoringPage.vue"),
        meta: { title: "监考管理", trail: ["考核管理"], roles: ["INSTITUTION"] },
      },
      {
        path: "administration/assessment-institution-applications",
        name: RouteName.aaApplicationReview,
        component: () => import("@/pages/administration/AaReviewPage.vue"),
        meta: { title: "考核机构申请审批", trail: ["机构管理"], roles: ["HEALTH_ADMIN"] },
      },
      ...administrationRoutes,
      ...assessorRoutes,
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
