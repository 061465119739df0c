import type { RouteRecordRaw } from "vue-router";
import type { Role } from "@/gql/graphql";
import { RouteName } from "@/router/names";

const ASSESSOR: Role[] = ["ASSESSMENT_INSTITUTION"];

/** 考核机构端 pages (registered once in router/routes.ts). */
export const assessorRoutes: RouteRecordRaw[] = [
  {
    path: "assessor/home",
    name: RouteName.assessorHome,
    component: () => import("./AssessorHomePage.vue"),
    meta: { title: "工作台", trail: ["考核机构"], roles: ASSESSOR },
  },
  {
    path: "assessor/reviews",
    name: RouteName.assessorReviews,
    component: () => import("./ReReviewPage.vue"),
    meta: { title: "复核", trail: ["考核机构"], roles: ASSESSOR },
  },
  {
    path: "assessor/reviews/:id(\\d+)",
    name: RouteName.assessorApplication,
    component: () => import("./AssessorApplicationPage.vue"),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: {
      title: "复核申请",
      trail: ["考核机构", "复核"],
      roles: ASSESSOR,
      activeMenu: RouteName.assessorReviews,
    },
  },
  {
    path: "assessor/exemptions",
    name: RouteName.assessorExemptions,
    component: () => import("./ExemptionReReviewPage.vue"),
    meta: { title: "免考复核", trail: ["考核机构"], roles: ASSESSOR },
  },
  {
    path: "assessor/results",
    name: RouteName.assessorResults,
    component: () => import("./ResultsPage.vue"),
    meta: { title: "录入成绩", trail: ["考核机构"], roles: ASSESSOR },
  },
  {
    path: "assessor/papers",
    name: RouteName.assessorPapers,
    component: () => import("./PapersPage.vue"),
    meta: { title: "试卷管理", trail: ["考核机构"], roles: ASSESSOR },
  },

  {
    path: "assessor/tests",
    name: RouteName.assessorTests,
    component: () => import("@/pages/exams/TestProgressPage.vue"),
    props: { across: true },
    meta: { title: "测评进度", trail: ["考核机构"], roles: ASSESSOR },
  },
  {
    path: "assessor/proctoring",
    name: RouteName.assessorProctoring,
    component: () => import("@/pages/exams/ProctoringPage.vue"),
    props: { across: true },
    meta: { title: "监考查看", trail: ["考核机构"], roles: ASSESSOR },
  },
  {
    path: "assessor/profile",
    name: RouteName.assessorProfile,
    component: () => import("./AssessorProfilePage.vue"),
    meta: { title: "本机构与所负责机构", trail: ["考核机构"], roles: ASSESSOR },
  },
];
