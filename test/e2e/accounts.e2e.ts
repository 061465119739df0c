import type { Browser, Page } from "playwright-core";
import {
  answerMessageBox,
  DEMO_PASSWORD,
  expectMessage,
  formItem,
  login,
  inFreshSession,
  screenshot,
  signInToHome,
  type RunningServer,
  waitFor,
  journey,
  expectAccessible,
} from "./harness";

/** Manual 2.2.1 (账户管理) and the first visit of the home page (2.2.2). */
describe("accounts: sign-in, first-login password change, home notice", () => {
  let server!: RunningServer;
  let browser!: Browser;

  journey({}, (j) => ({ server, browser } = j));

  test("the login page shows the server's message for a wrong password", () =>
    inFreshSession(browser, server, "login-wrong-password", async ({ page }) => {
      await page.goto("/");
      await page.waitForURL(/\/login\?redirect=/);
      await page.getByText("账户登录").waitFor();
      await expectAccessible(page, "登录");
      await screenshot(page, "login");

      // Client-side rules first.
      await page.locator('[data-test="login-submit"]').click();
      await page.getByText("请输入账号").waitFor();

      await login(page, "nnyy", "wrong-password");
      const error = page.locator('[data-test="login-error"]');
      await error.waitFor();
      expect(await error.textContent()).toContain("账号或密码错误");
      expect(page.url()).toContain("/login");
    }));

  test("qxyy signs in with 666666, must change the password (live policy hints), then confirms the cycle notice", () =>
    inFreshSession(browser, server, "first-login", async ({ page }) => {
      await login(page, "qxyy", "666666");
      await page.waitForURL(/\/first-login-password/);
      await page.getByText("首次登录修改密码").first().waitFor();

      // The password guard keeps every other page closed until the password is changed,
      // and remembers where the user was heading.
      await page.goto("/institution/profile");
      await page.waitForURL(
        (u) => u.pathname === "/first-login-password" && u.searchParams.get("redirect") === "/institution/profile",
      );

      const hints = page.locator('[data-test="password-policy"]');
      const newPassword = page.locator('input[name="newPassword"]');
      await hints.waitFor();
      expect(await hints.textContent()).toContain(
        "密码长度不少于8位且至少包含大写字母、小写字母、数字和特殊符号中的任意三种",
      );

      // Hints react while typing, every rule the server checks included.
      await newPassword.fill("abc");
      await expectRule(page, "length", false);
      await expectClass(page, "lower", true);
      await expectClass(page, "upper", false);
      await newPassword.fill("abcdefgh");
      await expectRule(page, "length", true);
      await expectRule(page, "classes", false);
      await newPassword.fill("Abcdefg1");
      await expectRule(page, "classes", true);
      await expectClass(page, "upper", true);
      await expectClass(page, "digit", true);
      await expectClass(page, "special", false);
      for (const rule of ["username", "common", "repeat"] as const) await expectRule(page, rule, true);
      await newPassword.fill("Qxyy#2026");
      await expectRule(page, "username", false);
      await newPassword.fill("Password1!");
      await expectRule(page, "common", false);
      await expectRule(page, "username", true);
      await newPassword.fill("Aaaaaaa1!");
      await expectRule(page, "repeat", false);
      await expectRule(page, "common", true);
      await newPassword.fill("Abcdefg1");
      await expectAccessible(page, "首次登录修改密码");
      await screenshot(page, "first-login-password");

      // The server refuses a common password too and says why; its error stands above the rule box, not over it.
      await page.locator('input[name="oldPassword"]').fill("666666");
      await newPassword.fill("Password1!");
      await page.locator('input[name="confirmPassword"]').fill("Password1!");
      await page.locator('[data-test="password-submit"]').click();
      const error = formItem(page, "新密码").locator(".el-form-item__error").filter({ hasText: "该密码过于常见" });
      await error.waitFor();
      const errorBox = (await error.boundingBox())!;
      const hintsBox = (await hints.boundingBox())!;
      expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(hintsBox.y);
      await expectAccessible(page, "首次登录修改密码（服务器拒绝）");
      await screenshot(page, "first-login-password-error");

      // Wrong old password → shown on the old-password field.
      await page.locator('input[name="oldPassword"]').fill("123456");
      await newPassword.fill("Qx-Yy#2026a");
      await page.locator('input[name="confirmPassword"]').fill("Qx-Yy#2026a");
      await page.locator('[data-test="password-submit"]').click();
      await formItem(page, "原密码").locator(".el-form-item__error").filter({ hasText: "原密码不正确" }).waitFor();

      // Without a page to return to the change lands on home, where the cycle notice (【去确认】) opens at once:
      // the success message stays visible above its overlay.
      await page.goto("/first-login-password");
      await page.locator('input[name="oldPassword"]').fill("666666");
      await newPassword.fill("Qx-Yy#2026a");
      await page.locator('input[name="confirmPassword"]').fill("Qx-Yy#2026a");
      await page.locator('[data-test="password-submit"]').click();
      await page.waitForURL(/\/home$/);
      const notice = page.locator('[data-test="cycle-notice"]');
      await notice.waitFor({ state: "visible" });
      const message = page.locator(".el-message--success").filter({ hasText: "密码修改成功" });
      await message.waitFor();
      const onTop = await message.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      });
      expect(onTop).toBe(true);
      expect(await notice.textContent()).toContain("考核周期");
      await expectAccessible(page, "首页（考核周期告知）");
      await screenshot(page, "home-cycle-notice");
      await page.locator('[data-test="notice-confirm"]').click();
      await expectMessage(page, "已确认考核周期告知", "success");
      await notice.waitFor({ state: "hidden" });

      // Confirmed once per cycle: not shown again after a reload.
      await page.reload();
      await page.locator('[data-test="pending-tasks"]').waitFor();
      await page.waitForTimeout(800);
      expect(await page.locator('[data-test="cycle-notice"]').isVisible()).toBe(false);

      // 【去处理】 leads to the review pages; it is disabled only when there is nothing to review.
      for (const task of ["simple", "general", "exemption"]) {
        const item = page.locator(`[data-task="${task}"]`);
        const count = Number((await item.locator("strong").textContent())?.trim());
        expect(await item.locator("button").isDisabled()).toBe(count === 0);
      }

      // The new password works; the initial one no longer does.
      await page.locator('[data-test="user-menu"]').click();
      await page.locator(".el-dropdown-menu__item").filter({ hasText: "退出登录" }).click();
      await answerMessageBox(page, "退出");
      await page.waitForURL(/\/login/);
      await login(page, "qxyy", "666666");
      await page.locator('[data-test="login-error"]').waitFor();
      await login(page, "qxyy", "Qx-Yy#2026a");
      await page.waitForURL(/\/home$/);
      expect(await page.locator('[data-test="cycle-notice"]').isVisible()).toBe(false);
    }));

  test("nnyy's home page: schedule, pending tasks, completion and contacts", () =>
    inFreshSession(browser, server, "home", async ({ page }) => {
      await signInToHome(page, "nnyy");
      const schedule = page.locator('[data-test="schedule"]');
      await schedule.getByText("医师报名").waitFor();
      expect(await page.locator('[data-test="pending-tasks"]').textContent()).toContain("简易程序待审核");
      expect(await page.locator('[data-test="completion"]').textContent()).toContain("完成率");
      const contacts = await page.locator('[data-test="contacts"]').textContent();
      expect(contacts).toContain("广西壮族自治区医师协会");
      expect(contacts).toContain("南宁市卫生健康委员会");
      await page.mouse.move(0, 0);
      await expectAccessible(page, "首页");
      await screenshot(page, "home");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "home-1024");
      await expectAccessible(page, "首页（1024）");
    }));

  test("an assessment institution (gxysxh) lands on its own console; institution pages send it back", () =>
    inFreshSession(browser, server, "assessor-landing", async ({ page }) => {
      await login(page, "gxysxh", DEMO_PASSWORD);
      await page.waitForURL(/\/assessor\/home$/);
      // Institution pages are not for this role: the role guard sends it back.
      await page.goto("/institution/departments");
      await page.waitForURL(/\/assessor\/home$/);
      expect(await page.locator(".el-menu-item").count()).toBeGreaterThan(0);
    }));

  test("lzfy changes the password from the user menu", () =>
    inFreshSession(browser, server, "change-password", async ({ page }) => {
      await login(page, "lzfy", DEMO_PASSWORD);
      await page.waitForURL(/\/home$/);
      await page.locator('[data-test="notice-confirm"]').click();
      await page.locator('[data-test="user-menu"]').click();
      await page.locator(".el-dropdown-menu__item").filter({ hasText: "修改密码" }).click();
      await page.waitForURL(/\/account\/password$/);
      await page.locator('input[name="oldPassword"]').fill(DEMO_PASSWORD);
      await page.locator('input[name="newPassword"]').fill(DEMO_PASSWORD);
      await expectRule(page, "length", true);
      await page.locator('input[name="confirmPassword"]').fill(DEMO_PASSWORD);
      await page.locator('[data-test="password-submit"]').click();
      // Same as the old one: refused on the client already.
      await formItem(page, "新密码")
        .locator(".el-form-item__error")
        .filter({ hasText: "新密码不能与原密码相同" })
        .waitFor();
      await page.locator('input[name="newPassword"]').fill("Lz#Fy-2027x");
      await page.locator('input[name="confirmPassword"]').fill("Lz#Fy-2027x");
      await expectAccessible(page, "修改密码");
      await screenshot(page, "change-password");
      await page.locator('[data-test="password-submit"]').click();
      await expectMessage(page, "密码修改成功", "success");
      await page.waitForURL(/\/home$/);
    }));
});

async function expectRule(page: Page, rule: "length" | "classes" | "username" | "common" | "repeat", met: boolean) {
  const item = page.locator(`[data-test="password-policy"] [data-rule="${rule}"]`);
  await waitFor(() => item.getAttribute("data-met"), String(met));
}

async function expectClass(page: Page, key: string, met: boolean) {
  const tag = page.locator(`[data-test="password-policy"] [data-class="${key}"]`);
  await waitFor(() => tag.getAttribute("data-met"), String(met));
}
