import type { Browser, Page } from "playwright-core";
import {
  DEMO_PASSWORD,
  expectAccessible,
  formItem,
  login,
  openSession,
  step,
  waitFor,
  type RunningServer,
  journey,
} from "./harness";
import { expectFailedLoad, expectPaging, listRows, listTotal } from "./lists";

/**
 * Every list of the console, on the demo at volume (广西医科大学第一附属医院, gxykd: about 120 physicians in
 * every status, and 12 centres waiting for 南宁市卫生健康委员会): page 2, the last page, reload and the back
 * button show other rows each time; a failed load says so and retries; a slow one says it is loading.
 */
describe("lists: paging in the address, failed and slow loads", () => {
  let server!: RunningServer;
  let browser!: Browser;
  let page!: Page;
  journey({ env: { SEED_DEMO_VOLUME: "true" }, signIn: "gxykd" }, (j) => ({ server, browser, page } = j));

  test("医师列表, both tabs: pages, filter and tab in the address; a failed and a slow load", async () => {
    await step("lists-roster", { page, server }, async () => {
      await page.goto("/physicians");
      await expectPaging(page, "roster-table");
      await expectAccessible(page, "医师列表");

      // The tab and a filter are part of the address too: reload keeps them, back returns to the other tab.
      await page.locator('[data-test="tab-enrolled"]').click();
      await page.waitForURL(/tab=ENROLLED/);
      await expectPaging(page, "roster-table");
      await formItem(page, "执业状态").locator(".el-select__wrapper").click();
      await page.locator(".el-select-dropdown__item:visible").filter({ hasText: "执业中" }).click();
      await page.waitForURL(/practisingStatus=PRACTISING/);
      await page.reload();
      await waitFor(async () => (await formItem(page, "执业状态").textContent())?.includes("执业中"), true);
      expect(await page.locator(".roster-tabs .el-tabs__item.is-active").textContent()).toContain("已确认参加");
      // Back: the filter goes, the tab stays; back again: the page before (2, where ‹ was clicked).
      await page.goBack();
      await waitFor(async () => (await formItem(page, "执业状态").textContent())?.includes("执业中"), false);
      expect(await page.locator(".roster-tabs .el-tabs__item.is-active").textContent()).toContain("已确认参加");
      await page.goBack();
      await page.waitForURL(/page=2/);
      await waitFor(
        async () => (await listRows(page, "roster-table").first().locator(".list-index").textContent())?.trim(),
        "11",
      );

      await expectFailedLoad(page, "roster-table", "Roster", () => page.goto("/physicians?tab=ENROLLED&page=2"));

      // A slow answer: the list says it is loading, never that it is empty.
      await page.route("**/graphql", async (route) => {
        if ((route.request().postData() ?? "").includes('"operationName":"Roster"'))
          await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await page.goto("/physicians");
      await page.locator('[data-test="roster-table"] [data-test="list-loading"]').waitFor();
      expect(await page.locator('[data-test="roster-table"] [data-test="list-empty"]').count()).toBe(0);
      await listRows(page, "roster-table").first().waitFor();
      await page.unroute("**/graphql");
    });
  });

  test("考核进度 and 测评进度", async () => {
    await step("lists-progress", { page, server }, async () => {
      await page.goto("/assessment/progress");
      await expectPaging(page, "progress-table");
      await expectAccessible(page, "考核进度");
      await expectFailedLoad(page, "progress-table", "ProgressList", () => page.reload());

      await page.goto("/assessment/tests");
      await expectPaging(page, "attempt-table");
      await expectAccessible(page, "测评进度");
      await expectFailedLoad(page, "attempt-table", "TestAttempts", () => page.reload());
    });
  });

  test("监考管理: the 40% default, then every proctored attempt", async () => {
    await step("lists-proctoring", { page, server }, async () => {
      await page.goto("/assessment/proctoring");
      await waitFor(() => listTotal(page, "proctoring-table"), 4);
      // Clearing 相似度 lists every proctored attempt; the cleared filter is in the address.
      await formItem(page, "相似度").locator(".el-select__wrapper").hover();
      await formItem(page, "相似度").locator(".el-select__clear").click();
      await page.waitForURL(/maxSimilarity=(&|$)/);
      await waitFor(() => listTotal(page, "proctoring-table"), 12);
      await expectPaging(page, "proctoring-table");
      await expectAccessible(page, "监考管理");
      await expectFailedLoad(page, "proctoring-table", "ProctoringAttempts", () => page.reload());
      expect(await formItem(page, "相似度").locator(".el-select__selected-item").first().textContent()).not.toContain(
        "40",
      );
    });
  });

  test("简易程序审核, 一般程序审核, 免考审核", async () => {
    await step("lists-reviews", { page, server }, async () => {
      for (const [path, testId, where] of [
        ["/reviews/simple", "review-table", "简易程序审核"],
        ["/reviews/general", "review-table", "一般程序审核"],
        ["/reviews/exemptions", "exemption-table", "免考审核"],
      ] as const) {
        await page.goto(path);
        await expectPaging(page, testId);
        await expectAccessible(page, where);
        await expectFailedLoad(page, testId, "ReviewQueue", () => page.reload());
      }
    });
  });

  test("科室信息", async () => {
    await step("lists-departments", { page, server }, async () => {
      await page.goto("/institution/departments");
      await expectPaging(page, "departments-table");
      await expectAccessible(page, "科室信息");
      await expectFailedLoad(page, "departments-table", "Departments", () => page.reload());
    });
  });

  test("名册导入: a report of 25 rows pages by 20", async () => {
    await step("lists-import-report", { page, server }, async () => {
      await page.goto("/physicians/import");
      const rows = ["姓名*,身份证号码*,手机号码,执业类别*,执业范围*,医师级别*,职称,首次执业日期,科室"];
      for (let i = 0; i < 25; i++) {
        const name = "赵钱孙李周吴郑王冯陈"[i % 10] + "建志国文明"[Math.floor(i / 5)] + "华强平军伟"[i % 5];
        rows.push(`${name},${idNumber(i)},,临床,内科专业,执业医师,医师,2015-07-01,心血管内科`);
      }
      await page.locator('.el-upload input[type="file"]').setInputFiles({
        name: "名册.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFF${rows.join("\r\n")}\r\n`),
      });
      await page.locator('[data-test="start-import"]').click();
      await page.waitForURL(/job=\d+/);
      await waitFor(async () => (await page.locator('[data-test="stat-created"]').textContent())?.trim(), "25");
      await expectPaging(page, "import-rows", 20);
      // The report's id stays in the address while it pages.
      expect(page.url()).toMatch(/job=\d+/);
      await expectAccessible(page, "名册导入");
      await expectFailedLoad(page, "import-rows", "PhysicianImportReport", () => page.reload());
    });
  });

  test("考核机构申请审批 (南宁市卫生健康委员会)", async () => {
    const city = await openSession(browser, server.url);
    await step("lists-aa-review", { page: city.page, server }, async () => {
      await login(city.page, "nnwjw", DEMO_PASSWORD);
      // An administration lands on its dashboard; the applications page is one menu entry away.
      await city.page.waitForURL(/\/administration\/dashboard$/);
      await city.page.goto(`${server.url}/administration/assessment-institution-applications`);
      await expectPaging(city.page, "aa-review-table");
      await expectAccessible(city.page, "考核机构申请审批");
      await expectFailedLoad(city.page, "aa-review-table", "AaApplicationsForReview", () => city.page.reload());
    });
    expect(city.problems).toEqual([]);
    await city.context.close();
  });
});

/** A valid 18-digit number (GB 11643 check character) for the i-th imported physician, born in 1985. */
function idNumber(i: number): string {
  const first17 = `450103198506${String(10 + (i % 18)).padStart(2, "0")}${300 + i}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, k) => s + Number(c) * weights[k], 0);
  return first17 + "10X98765432"[sum % 11];
}
