import { ElMessage } from "element-plus";
import type { Router } from "vue-router";
import { onAuthProblem } from "@/apollo/client";
import { landingRouteFor } from "@/layout/menu";
import { forgetSession, loadMe, session } from "@/pages/accounts/session";
import { rememberUnreachable } from "@/pages/errors/unreachable";
import { RouteName } from "./names";

/**
 * Auth guard: pages other than the public ones need a session. Without one (never signed in, or the
 * session timed out) the user goes to /login?redirect=<where they wanted to go> and comes back after.
 */
export function installAuthGuard(router: Router) {
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    if (session.me) return true;
    try {
      if (await loadMe()) return true;
    } catch (err) {
      // Not "signed out": the server could not be reached or failed. Say so, with a retry, not the login page.
      rememberUnreachable(err);
      return { name: RouteName.serverUnreachable, query: { redirect: to.fullPath }, replace: true };
    }
    const query: Record<string, string> = { redirect: to.fullPath };
    if (session.expired) query.expired = "1";
    return { name: RouteName.login, query };
  });
}

/**
 * Password guard: an account that must change its password (first sign-in, or after a reset) can open
 * nothing but the first-login password page; once changed, that page is no longer reachable.
 */
export function installPasswordGuard(router: Router) {
  router.beforeEach((to) => {
    const me = session.me;
    if (!me || to.meta.public) return true;
    if (me.mustChangePassword && !to.meta.duringPasswordChange) {
      const query = to.name === RouteName.landing || to.fullPath === "/" ? undefined : { redirect: to.fullPath };
      return { name: RouteName.firstPassword, query };
    }
    if (!me.mustChangePassword && to.name === RouteName.firstPassword) return { name: landingRouteFor(me) };
    return true;
  });
}

/** Role guard: a page for other roles sends the account to its own landing page. */
export function installRoleGuard(router: Router) {
  router.beforeEach((to) => {
    const me = session.me;
    const roles = to.meta.roles;
    if (!me || !roles?.length) return true;
    if (roles.some((r) => me.roles.includes(r))) return true;
    return { name: landingRouteFor(me), replace: true };
  });
}

/** A same-site path to return to after signing in (never another origin: `//host` or `http://…`). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return null;
  return value.startsWith("/login") ? null : value;
}

/** Signed-in visitors of /login go straight to where they were heading. */
export function installLoginPageGuard(router: Router) {
  router.beforeEach((to) => {
    if (to.name !== RouteName.login || !session.me) return true;
    return safeRedirect(to.query.redirect) ?? { name: landingRouteFor(session.me) };
  });
}

/** Browser tab title. */
export function installTitle(router: Router) {
  router.afterEach((to) => {
    const title = to.meta.title;
    document.title = title ? `${title} - 医师定期考核信息登记管理系统` : "医师定期考核信息登记管理系统";
  });
}

/**
 * Reactions to auth errors from any request after the page loaded: an expired session sends the user to
 * sign in again (then back here), a pending password change to the password page.
 */
export function installAuthProblemHandler(router: Router) {
  let redirecting = false;
  onAuthProblem(async (problem) => {
    if (redirecting) return;
    const current = router.currentRoute.value;
    if (problem.code === "PASSWORD_CHANGE_REQUIRED") {
      if (current.name === RouteName.firstPassword) return;
      redirecting = true;
      await loadMe().catch(() => null);
      await router.replace({ name: RouteName.firstPassword });
      redirecting = false;
      return;
    }
    if (current.meta.public) return;
    redirecting = true;
    const expired = problem.reason === "SESSION_EXPIRED";
    await forgetSession(expired);
    // The login page itself explains a timeout; other reasons get the server's message.
    if (!expired) ElMessage({ type: "warning", message: problem.message || "请先登录", grouping: true });
    await router.replace({
      name: RouteName.login,
      query: { redirect: current.fullPath, ...(expired ? { expired: "1" } : {}) },
    });
    redirecting = false;
  });
}
