import type { Page } from "playwright-core";
import {
  DEMO_PASSWORD,
  expectAccessible,
  login,
  expectNoHorizontalScroll,
  inFreshSession,
  journey,
  screenshot,
  signInToHome,
} from "./harness";

/**
 * The console from 1024 px up: the side menu folds to its icons (and stays folded on the next visit), the page
 * never scrolls sideways, and a wide table scrolls inside itself instead of running under the fixed 操作 column.
 */
describe("layout: 1024 px with a folding side menu; tables scroll, never overlap", () => {
  const j = journey();

  /** 职称 is fully visible left of the fixed 操作 column, or the table scrolls sideways to reach it. */
  async function titleColumnReachable(page: Page) {
    return page.evaluate(() => {
      const table = document.querySelector(".el-table");
      if (!table) return "no table";
      const headers = [...table.querySelectorAll(".el-table__header-wrapper th")] as HTMLElement[];
      const title = headers.find((h) => h.textContent?.trim() === "职称");
      // Element Plus drops the fixed-column class when the table fits: then 操作 is an ordinary last column.
      const actions = headers.find((h) => h.textContent?.trim() === "操作");
      if (!title || !actions) return `columns missing: ${headers.map((h) => h.textContent?.trim()).join(",")}`;
      const wrap = table.querySelector(".el-table__body-wrapper .el-scrollbar__wrap") as HTMLElement | null;
      const scrolls = !!wrap && wrap.scrollWidth > wrap.clientWidth + 1;
      const clear = title.getBoundingClientRect().right <= actions.getBoundingClientRect().left + 1;
      return clear || scrolls ? "ok" : "职称 under 操作 and no scrolling";
    });
  }

  test("1024 px: fold the menu, the list gets the width; the choice is kept; a folded group still opens", () =>
    inFreshSession(
      j.browser,
      j.server,
      "layout-1024",
      async ({ page }) => {
        await signInToHome(page, "nnyy");
        await page.locator(".el-menu-item").filter({ hasText: "医师列表" }).click();
        await page.waitForURL(/\/physicians/);
        await page.locator(".el-table th").filter({ hasText: "职称" }).first().waitFor();
        await page.locator(".el-table__row").first().waitFor();
        await expectNoHorizontalScroll(page, "医师列表 at 1024 px");
        expect(await titleColumnReachable(page)).toBe("ok");
        await screenshot(page, "layout-1024-physicians");

        const sidebar = page.locator(".app-sidebar");
        const before = (await page.locator(".app-main").boundingBox())!.width;
        await page.locator('[data-test="sidebar-toggle"]').click();
        await page.waitForFunction(() => document.querySelector(".app-sidebar")!.getBoundingClientRect().width <= 65);
        expect(await page.locator('[data-test="sidebar-toggle"]').getAttribute("aria-label")).toBe("展开菜单");
        expect((await page.locator(".app-main").boundingBox())!.width).toBeGreaterThan(before + 100);
        await expectNoHorizontalScroll(page, "医师列表 at 1024 px, menu folded");
        expect(await titleColumnReachable(page)).toBe("ok");
        await expectAccessible(page, "医师列表 at 1024 px, menu folded");
        await screenshot(page, "layout-1024-menu-folded");

        // Kept on the next visit; a folded group opens as a pop-up menu and its entries work.
        await page.reload();
        await page.locator(".el-table__row").first().waitFor();
        expect((await sidebar.boundingBox())!.width).toBeLessThanOrEqual(65);
        await page
          .locator(".el-sub-menu")
          .filter({ has: page.locator(".el-sub-menu__title") })
          .first()
          .hover();
        await page.locator(".el-menu--popup .el-menu-item:visible").filter({ hasText: "科室信息" }).click();
        await page.waitForURL(/\/institution\/departments$/);

        await page.locator('[data-test="sidebar-toggle"]').click();
        await page.waitForFunction(() => document.querySelector(".app-sidebar")!.getBoundingClientRect().width > 200);
      },
      { viewport: "laptop" },
    ));

  test("1280 px: 职称 is not hidden under the fixed 操作 column", () =>
    inFreshSession(j.browser, j.server, "layout-1280", async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      // Signed in before in this file: the cycle notice was confirmed then.
      await login(page, "nnyy", DEMO_PASSWORD);
      await page.waitForURL(/\/home$/);
      await page.goto("/physicians");
      await page.locator(".el-table__row").first().waitFor();
      expect(await titleColumnReachable(page)).toBe("ok");
      await expectNoHorizontalScroll(page, "医师列表 at 1280 px");
    }));
});
