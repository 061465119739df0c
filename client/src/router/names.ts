/**
 * Route names the console links to. Names of pages that are not built yet are reserved here so that
 * links (home page 【去处理】, menu entries) can point at them today; they light up when a route with
 * that name is registered (`router.hasRoute`), and stay disabled or hidden until then.
 */
export const RouteName = {
  login: "login",
  firstPassword: "first-password",
  landing: "landing",
  welcome: "welcome",
  home: "home",
  institutionProfile: "institution-profile",
  departments: "departments",
  assessmentInstitutionApply: "assessment-institution-apply",
  changePassword: "change-password",
  aaApplicationReview: "aa-application-review",
  notFound: "not-found",
  serverUnreachable: "server-unreachable",

  // 医师管理 and 审核管理 (manual 2.2.5–2.2.8).
  physicians: "physicians",
  physicianTransferIn: "physician-transfer-in",
  physicianImport: "physician-import",
  reviewsSimple: "reviews-simple",
  reviewSimple: "review-simple",
  reviewsGeneral: "reviews-general",
  reviewGeneral: "review-general",
  reviewsExemptions: "reviews-exemptions",

  // 考核管理 (manual 2.2.9–2.3.0).
  progress: "progress",
  testProgress: "test-progress",
  proctoring: "proctoring",

  // 考核机构端 (issue 13): pages/assessor/routes.ts.
  assessorHome: "assessor-home",
  assessorReviews: "assessor-reviews",
  assessorApplication: "assessor-application",
  assessorTests: "assessor-tests",
  assessorProctoring: "assessor-proctoring",
  assessorProfile: "assessor-profile",
  assessorExemptions: "assessor-exemptions",
  assessorResults: "assessor-results",
  assessorPapers: "assessor-papers",

  // 卫生行政端 (issue 14): pages/administration/routes.ts.
  adminDashboard: "admin-dashboard",
  adminApplications: "admin-applications",
  adminAccounts: "admin-accounts",
  adminMakeups: "admin-makeups",
  adminInstitutions: "admin-institutions",
  adminAudit: "admin-audit",
  adminCheating: "admin-cheating",
  adminCycles: "admin-cycles",
  adminApiClients: "admin-api-clients",
  adminJurisdictionChanges: "admin-jurisdiction-changes",

  // 医师个人端 (pages/portal/routes.ts names the others).
  portalHome: "portal-home",

  // Public: what the QR code on a certificate opens (no sign-in).
  verify: "verify",
} as const;

export type RouteNameValue = (typeof RouteName)[keyof typeof RouteName];
