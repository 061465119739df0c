import type { Browser } from "playwright-core";
import {
  DEMO_PASSWORD,
  login,
  openSession,
  screenshot,
  signInToHome,
  step,
  type RunningServer,
  journey,
} from "./harness";

/**
 * Sessions end after inactivity (SESSION_IDLE_MINUTES, here 1 minute, the smallest whole value) or when the cookie is gone;
 * the console sends the user to sign in again and back to the page they were on.
 */
describe("session: expiry and lost cookie bring the user back after signing in", () => {
  let server!: RunningServer;
  let browser!: Browser;
  const IDLE_SECONDS = 60;

  journey({ env: { SESSION_IDLE_MINUTES: "1" } }, (j) => ({ server, browser } = j));

  test("an idle session times out: login page says so, then back to the page", async () => {
    const { page, context, problems } = await openSession(browser, server.url);
    await step("session-expired", { page, server }, async () => {
      // Not signed in at all: straight to the login page, remembering the target.
      await page.goto("/institution/departments");
      await page.waitForURL(
        (u) => u.pathname === "/login" && u.searchParams.get("redirect") === "/institution/departments",
      );
      await login(page, "nnyy", DEMO_PASSWORD);
      await page.waitForURL(/\/institution\/departments$/);
      await page.locator('[data-test="departments-table"] tr.el-table__row').first().waitFor();

      // Idle past the limit, then click on: the server reports SESSION_EXPIRED.
      await page.waitForTimeout((IDLE_SECONDS + 3) * 1000);
      await page.locator(".el-menu-item").filter({ hasText: "本机构信息" }).click();
      await page.waitForURL(
        (u) =>
          u.pathname === "/login" &&
          u.searchParams.get("redirect") === "/institution/profile" &&
          u.searchParams.get("expired") === "1",
      );
      await page.locator('[data-test="login-expired"]').waitFor();
      expect(await page.locator('[data-test="login-expired"]').textContent()).toContain("登录已超时，请重新登录");
      await screenshot(page, "login-session-expired");

      await login(page, "nnyy", DEMO_PASSWORD);
      await page.waitForURL(/\/institution\/profile$/);
      await page.locator('input[name="name"]').waitFor();
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  test("a lost session cookie: next click goes to sign in, then back", async () => {
    const { page, context, problems } = await openSession(browser, server.url);
    await step("cookie-cleared", { page, server }, async () => {
      await signInToHome(page, "nnyy");

      await context.clearCookies();
      // The groups start open; a click on a group's title would fold it, so only when the entry is hidden.
      const departments = page.locator(".el-menu-item").filter({ hasText: "科室信息" });
      if (!(await departments.isVisible()))
        await page.locator(".el-sub-menu__title").filter({ hasText: "机构信息" }).click();
      await departments.click();
      await page.waitForURL(
        (u) => u.pathname === "/login" && u.searchParams.get("redirect") === "/institution/departments",
      );
      await page.locator(".el-message--warning").filter({ hasText: "请先登录" }).waitFor();

      await login(page, "nnyy", DEMO_PASSWORD);
      await page.waitForURL(/\/institution\/departments$/);
      await page.locator('[data-test="departments-table"] tr.el-table__row').first().waitFor();
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});
