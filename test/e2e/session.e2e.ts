import type { Browser } from "playwright-core";
import {
  DEMO_PASSWORD,
  expectAccessible,
  login,
  inFreshSession,
  screenshot,
  signInToHome,
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

  test("an idle session times out: login page says so, then back to the page", () =>
    inFreshSession(browser, server, "session-expired", async ({ page }) => {
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
      expect(await page.locator('[data-test="login-expired"]').textContent()).toContain("登录已过期，请重新登录");
      await expectAccessible(page, "登录（已过期）");
      await screenshot(page, "login-session-expired");

      await login(page, "nnyy", DEMO_PASSWORD);
      await page.waitForURL(/\/institution\/profile$/);
      await page.locator('input[name="name"]').waitFor();
    }));

  test("a lost session cookie: next click goes to sign in, then back", () =>
    inFreshSession(browser, server, "cookie-cleared", async ({ page, context }) => {
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
    }));

  test("start-up: a slow API shows the start-up screen; a failed session probe says so with a retry, not the login page", () =>
    inFreshSession(browser, server, "startup-failures", async ({ page }) => {
      // Signed in before in this file: the cycle notice was confirmed then.
      await login(page, "nnyy", DEMO_PASSWORD);
      await page.waitForURL(/\/home$/);
      const isMe = (body: string | null) => !!body && JSON.parse(body).operationName === "Me";

      // Slow: the session probe takes 3 s; the logo, the name and a spinner are there at once.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route("**/graphql", async (route) => {
        if (isMe(route.request().postData())) await held;
        await route.continue();
      });
      await page.goto("/physicians", { waitUntil: "commit" });
      const boot = page.locator('[data-test="boot-screen"]');
      await boot.waitFor();
      expect(await boot.textContent()).toContain("医师定期考核信息登记管理系统");
      await page.locator(".pa-boot-spinner").waitFor();
      await page.waitForTimeout(500);
      await expectAccessible(page, "启动中（服务器响应慢）");
      await screenshot(page, "startup-slow-server");
      expect(await boot.isVisible()).toBe(true);
      release();
      await page.waitForURL(/\/physicians$/);
      await page.locator(".el-table__row").first().waitFor();
      await page.unrouteAll({ behavior: "wait" });

      // Network down for the probe: a message and 重试, still signed in once the network is back.
      await page.route("**/graphql", (route) =>
        isMe(route.request().postData()) ? route.abort("internetdisconnected") : route.continue(),
      );
      await page.goto("/institution/departments");
      await page.waitForURL((u) => u.pathname === "/unreachable");
      await page.locator('[data-test="server-unreachable"]').waitFor();
      expect(await page.locator('[data-test="server-unreachable-reason"]').textContent()).toContain("网络连接失败");
      expect(page.url()).not.toContain("/login");
      await expectAccessible(page, "无法连接服务器");
      await screenshot(page, "startup-server-unreachable");
      // Retrying while still down stays here.
      await page.locator('[data-test="server-unreachable-retry"]').click();
      await page.locator('[data-test="server-unreachable"]').waitFor();
      await page.unrouteAll({ behavior: "wait" });

      // A server error (500) is named as such.
      await page.route("**/graphql", (route) =>
        isMe(route.request().postData())
          ? route.fulfill({
              status: 500,
              contentType: "application/json",
              body: JSON.stringify({
                errors: [{ message: "系统繁忙，请稍后重试", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
              }),
            })
          : route.continue(),
      );
      await page.goto("/institution/departments");
      await page.locator('[data-test="server-unreachable"]').waitFor();
      expect(await page.locator('[data-test="server-unreachable-reason"]').textContent()).toContain("系统繁忙");
      await page.unrouteAll({ behavior: "wait" });

      // Back: 重试 opens the page the user asked for, with the session they had.
      await page.locator('[data-test="server-unreachable-retry"]').click();
      await page.waitForURL(/\/institution\/departments$/);
      await page.locator('[data-test="departments-table"] tr.el-table__row').first().waitFor();
    }));
});
