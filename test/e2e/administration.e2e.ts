import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import {
  answerMessageBox,
  DEMO_PASSWORD,
  expectAccessible,
  expectMessage,
  graphql,
  journey,
  login,
  openSession,
  samplePdf,
  screenshot,
  signInToHome,
  step,
  tableRow,
  waitFor,
  type RunningServer,
  closedAfterEach,
} from "./harness";
import { expectFailedLoad, expectPaging, listRows, listTotal } from "./lists";

/**
 * 卫生行政端 (issue 14) with the demo data, as the province (gxwjw), a city (nnwjw) and a county (qxwjj):
 * the dashboard drilled down province → city → county → institution, whose row opens that institution's
 * applications with the same total; 补考确认 one refused and a batch whose per-row outcome names a row decided
 * meanwhile; a city refused another city's region (with its way back); 账户管理 paging, a reset followed by
 * the forced change at the account's next sign-in; 辖区考核申请 paging and a 驳回 seen in the timeline.
 */
describe("卫生行政端: dashboard, make-ups, accounts, applications", () => {
  let server!: RunningServer;
  let browser!: Browser;
  journey({}, (j) => ({ server, browser } = j));

  const sessions = closedAfterEach();
  async function signedIn(username: string, viewport: "desktop" | "laptop" = "desktop") {
    const s = await openSession(browser, server.url, { viewport });
    sessions.push(s);
    await login(s.page, username, DEMO_PASSWORD);
    await s.page.waitForURL(/\/administration\/dashboard$/);
    return s;
  }

  const dashboardRows = (page: Page) =>
    page.locator('[data-test="dashboard-table"] .el-table__body-wrapper tr.el-table__row');
  const trail = async (page: Page) =>
    ((await page.locator('[data-test="dashboard-trail"]').textContent()) ?? "").replace(/\s+/g, "");
  async function drill(page: Page, name: string) {
    await dashboardRows(page).filter({ hasText: name }).locator('[data-test="drill"]').click();
  }
  const cellsOf = async (page: Page, name: string) =>
    (await dashboardRows(page).filter({ hasText: name }).locator("td").allTextContents()).map((t) => t.trim());

  test("the province drills down to an institution; its row opens the institution's applications", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-dashboard", { page, server }, async () => {
      await waitFor(() => trail(page), "广西壮族自治区");
      await waitFor(async () => (await dashboardRows(page).count()) >= 2, true);
      const waiting = page.locator('[data-test="waiting-makeups"]');
      expect((await waiting.textContent())?.replace(/\s+/g, "")).toBe("3待确认补考");
      // The menu offers the province's own pages.
      expect(await page.locator(".el-sub-menu__title").filter({ hasText: "省级审批" }).count()).toBe(1);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-dashboard");
      await expectAccessible(page, "辖区考核概况（省）");
      const province = await cellsOf(page, "南宁市");
      expect(province[1]).toBe("62");

      await drill(page, "南宁市");
      await waitFor(() => trail(page), "广西壮族自治区/南宁市");
      expect(page.url()).toContain("region=450100");
      const counties = await dashboardRows(page).locator('[data-test="drill"]').allTextContents();
      expect(counties.map((t) => t.trim())).toEqual(["兴宁区", "青秀区"]);
      await drill(page, "兴宁区");
      await waitFor(() => trail(page), "广西壮族自治区/南宁市/兴宁区");
      await waitFor(async () => (await cellsOf(page, "南宁市第一人民医院")).length > 0, true);
      const institution = await cellsOf(page, "南宁市第一人民医院");
      await screenshot(page, "admin-dashboard-institutions");

      // The institution row opens its applications: the same number of physicians.
      await drill(page, "南宁市第一人民医院");
      await page.waitForURL(/\/administration\/applications\?institution=\d+/);
      await waitFor(() => listTotal(page, "region-applications-table"), Number(institution[1]));
      expect(await page.locator('[data-test="institution-filter"]').textContent()).toContain("南宁市第一人民医院");
      // Back climbs to the county, and the trail returns to the province.
      await page.goBack();
      await waitFor(() => trail(page), "广西壮族自治区/南宁市/兴宁区");
      await page.locator('[data-test="dashboard-trail"]').getByRole("button", { name: "广西壮族自治区" }).click();
      await waitFor(() => trail(page), "广西壮族自治区");
    });
  });

  test("dashboard counts equal the institution's own 考核进度", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-dashboard-counts", { page, server }, async () => {
      await page.goto("/administration/dashboard?region=450102");
      await waitFor(async () => (await cellsOf(page, "南宁市第一人民医院")).length > 0, true);
      const row = await cellsOf(page, "南宁市第一人民医院");
      const headers = (await page.locator('[data-test="dashboard-table"] .el-table__header th').allTextContents()).map(
        (t) => t.trim(),
      );
      // What the institution itself counts (progressSummary, as nnyy).
      const inst = await openSession(browser, server.url);
      sessions.push(inst);
      await login(inst.page, "nnyy", DEMO_PASSWORD);
      await inst.page.waitForURL(/\/home$/);
      const own = (
        await graphql<{
          progressSummary: { total: number; statusCounts: { label: string; count: number }[] };
        }>(inst.context, "{ progressSummary { total statusCounts { label count } } }")
      ).data!;
      expect(Number(row[headers.indexOf("合计")])).toBe(own.progressSummary.total);
      for (const s of own.progressSummary.statusCounts) {
        const i = headers.indexOf(s.label);
        if (i >= 0) expect({ label: s.label, n: Number(row[i]) }).toEqual({ label: s.label, n: s.count });
      }
    });
  });

  test("charts of the region (named for screen readers) and the table exported as .xlsx", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-dashboard-charts", { page, server }, async () => {
      await waitFor(async () => (await page.locator('[data-test="chart-trend"] canvas').count()) > 0, true);
      const label = async (chart: string) =>
        (await page.locator(`[data-test="chart-${chart}"]`).getAttribute("aria-label")) ?? "";
      const nanning = await cellsOf(page, "南宁市");
      expect(await label("stacked")).toContain(`南宁市共 ${nanning[1]} 人`);
      // The ranking names the cities best first, with the rates the table shows.
      const rates = await Promise.all(
        ["南宁市", "柳州市"].map(async (name) => ({ name, rate: parseFloat((await cellsOf(page, name))[8]) })),
      );
      const best = [...rates].sort((a, b) => b.rate - a.rate)[0];
      expect(await label("ranking")).toContain(`第 1 名 ${best.name} ${best.rate}%`);
      expect(await label("trend")).toMatch(/起每[日周]趋势折线图：报名提交共 [1-9]\d* 次，测评结果录入共 \d+ 次/);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-dashboard-charts");
      await expectAccessible(page, "辖区考核概况图表（省）");

      // The export is the table: one row per city and the province's total, as numbers.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator('[data-test="dashboard-export"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe("辖区考核概况-广西壮族自治区.xlsx");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync((await download.path())!));
      const sheet = book.getWorksheet("辖区考核概况")!;
      const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
      const head = rows[0].slice(1);
      expect(head.slice(0, 2)).toEqual(["市", "合计"]);
      expect(head[head.length - 1]).toBe("完成率");
      expect(rows.map((r) => r[1])).toEqual(["市", "南宁市", "柳州市", "广西壮族自治区（合计）"]);
      const n = rows[1].slice(1);
      expect(n[1]).toBe(Number(nanning[1]));
      const headers = (await page.locator('[data-test="dashboard-table"] .el-table__header th').allTextContents()).map(
        (t) => t.trim(),
      );
      for (const label of ["待参加考核", "合格"]) {
        const i = headers.indexOf(label);
        expect({ label, n: n[head.indexOf(label)] }).toEqual({ label, n: Number(nanning[i]) });
      }
      const total = rows[3].slice(1);
      expect(total[1]).toBe((n[1] as number) + (rows[2][2] as number));
    });
  });

  test("a city's charts at 1024 px, one under the other", async () => {
    const { page } = await signedIn("nnwjw", "laptop");
    await step("admin-dashboard-charts-1024", { page, server }, async () => {
      await waitFor(async () => (await page.locator('[data-test="chart-trend"] canvas').count()) > 0, true);
      expect(await page.locator('[data-test="chart-stacked"]').getAttribute("aria-label")).toMatch(
        /^各县（区）各状态人数堆叠柱状图：兴宁区共 \d+ 人/,
      );
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-dashboard-charts-1024");
      await expectAccessible(page, "辖区考核概况图表（市）");
    });
  });

  test("补考确认: one refused with a reason; a batch whose outcome names the row decided meanwhile", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-makeups", { page, server }, async () => {
      await page.locator('[data-test="waiting-makeups"]').click();
      await page.waitForURL(/\/administration\/makeups$/);
      await waitFor(() => listRows(page, "makeup-table").count(), 3);
      expect(await listRows(page, "makeup-table").first().textContent()).toMatch(/不合格|缺考/);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-makeups");
      await expectAccessible(page, "补考确认");

      // 不允许 one: a reason is required, the result becomes 不合格.
      const first = listRows(page, "makeup-table").first();
      const refusedName = ((await first.locator("td").nth(2).textContent()) ?? "").trim();
      await first.getByRole("button", { name: "不允许" }).click();
      const box = page.locator(".el-message-box");
      await box.waitFor();
      await box.getByRole("button", { name: "不允许", exact: true }).click();
      await box.getByText("请填写不允许补考的理由").waitFor();
      await box.locator("textarea").fill("首次测评缺考且无正当理由");
      await answerMessageBox(page, "不允许");
      await expectMessage(page, "已确认不允许补考，结果为不合格", "success");
      await waitFor(() => listRows(page, "makeup-table").count(), 2);
      expect(await page.locator('[data-test="makeup-table"]').textContent()).not.toContain(refusedName);

      // Tick both; meanwhile another province user allows one of them.
      const rows = listRows(page, "makeup-table");
      for (let i = 0; i < 2; i++) await rows.nth(i).locator(".el-checkbox").click();
      const queue = (
        await graphql<{ applications: { items: { id: number }[] } }>(
          page.context(),
          "{ applications(filter: { statuses: [AWAITING_MAKEUP_CONFIRMATION] }, pageSize: 10) { items { id } } }",
        )
      ).data!;
      const other = await openSession(browser, server.url);
      sessions.push(other);
      await login(other.page, "gxwjw", DEMO_PASSWORD);
      await other.page.waitForURL(/\/administration\/dashboard$/);
      await graphql(
        other.page,
        `
          mutation ($id: Int!) {
            confirmMakeup(id: $id, allow: true) {
              status
            }
          }
        `,
        {
          id: queue.applications.items[0].id,
        },
      );

      await page.locator('[data-test="batch-allow"]').click();
      await answerMessageBox(page, "允许补考");
      const outcome = page.locator('[data-test="makeup-outcome"]');
      await outcome.getByText("补考确认结果").waitFor();
      await waitFor(async () => (await outcome.locator("tr.el-table__row").count()) === 2, true);
      const text = (await outcome.textContent()) ?? "";
      expect(text).toContain("已办理，当前状态：待参加补考");
      expect(text).toContain("未办理");
      await screenshot(page, "admin-makeup-outcome");
      await outcome.getByRole("button", { name: "知道了" }).click();
      await page.getByText("暂无待确认补考的医师").waitFor();
    });
  });

  test("a city sees its own region; another city's is refused with the way back; no province pages", async () => {
    const { page } = await signedIn("nnwjw");
    await step("admin-city-refusal", { page, server }, async () => {
      await waitFor(() => trail(page), "南宁市");
      expect(await page.locator('[data-test="waiting-makeups"]').count()).toBe(0);
      expect(await page.locator(".el-sub-menu__title").filter({ hasText: "省级审批" }).count()).toBe(0);
      await page.goto("/administration/dashboard?region=450200");
      const failed = page.locator('[data-test="dashboard-failed"]');
      await failed.waitFor();
      expect(await failed.textContent()).toContain("只能查看本辖区内的地区");
      await screenshot(page, "admin-dashboard-refused");
      await failed.getByRole("button", { name: "返回本辖区" }).click();
      await waitFor(() => trail(page), "南宁市");
      // The province's page sends a city back to its own landing page.
      await page.goto("/administration/makeups");
      await page.waitForURL(/\/administration\/dashboard$/);
    });
  });

  test("a county starts at its institutions, at 1024 px", async () => {
    const { page } = await signedIn("qxwjj", "laptop");
    await step("admin-county", { page, server }, async () => {
      await waitFor(() => trail(page), "青秀区");
      await waitFor(async () => (await dashboardRows(page).count()) > 0, true);
      const header = await page.locator('[data-test="dashboard-table"] .el-table__header th').first().textContent();
      expect(header?.trim()).toBe("机构");
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-dashboard-1024");
      await expectAccessible(page, "辖区考核概况（县）");
      await page.goto("/administration/dashboard?region=450100");
      await page.locator('[data-test="dashboard-failed"]').waitFor();
    });
  });

  test("账户管理: paging, a failed load, a reset and the forced change at the next sign-in", async () => {
    const { page } = await signedIn("nnwjw");
    await step("admin-accounts", { page, server }, async () => {
      await page.goto("/administration/accounts");
      await expectPaging(page, "admin-accounts-table");
      await expectAccessible(page, "账户管理");
      await expectFailedLoad(page, "admin-accounts-table", "AdministeredAccounts", () => page.reload());
      await page.goto("/administration/accounts?search=nnyy");
      const row = tableRow(page, "南宁市第一人民医院");
      await row.waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-accounts");
      await row.getByRole("button", { name: "重置密码" }).click();
      await answerMessageBox(page, "重置");
      await expectMessage(page, "密码已重置为 666666，下次登录须修改", "success");
      await waitFor(
        async () => (await tableRow(page, "南宁市第一人民医院").textContent())?.includes("待修改初始密码"),
        true,
      );
    });
    const inst = await openSession(browser, server.url);
    sessions.push(inst);
    await step("admin-reset-next-sign-in", { page: inst.page, server }, async () => {
      await login(inst.page, "nnyy", DEMO_PASSWORD);
      await inst.page.locator(".el-form-item__error, .el-alert, .el-message").first().waitFor();
      await login(inst.page, "nnyy", "666666");
      await inst.page.waitForURL(/\/first-login-password$/);
    });
  });

  test("辖区考核申请: paging, and a 驳回 of a reviewed application seen in its timeline", async () => {
    const { page } = await signedIn("nnwjw", "laptop");
    await step("admin-applications", { page, server }, async () => {
      await page.goto("/administration/applications");
      await expectPaging(page, "region-applications-table");
      await expectFailedLoad(page, "region-applications-table", "RegionApplications", () => page.reload());
      await page.goto("/administration/applications?status=AWAITING_TEST");
      await waitFor(async () => (await listRows(page, "region-applications-table").count()) > 0, true);
      const before = await listTotal(page, "region-applications-table");
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-applications-1024");
      await expectAccessible(page, "辖区考核申请");
      const row = listRows(page, "region-applications-table").first();
      const name = ((await row.locator("td").nth(1).textContent()) ?? "").trim();
      const idMasked = ((await row.locator("td").nth(3).textContent()) ?? "").trim();
      await row.getByRole("button", { name: "驳回" }).click();
      const box = page.locator('[data-test="return-dialog"]');
      await box.waitFor({ state: "visible" });
      await box.locator('[data-section="PROCEDURE"]').click();
      await box.locator("textarea").fill("执业注册信息与报名信息不一致，请核实后重新提交");
      await expectAccessible(page, "驳回已审核的申请");
      await box.locator('[data-test="return-confirm"]').click();
      await expectMessage(page, "已驳回，申请已退回医师", "success");
      await waitFor(() => listTotal(page, "region-applications-table"), before - 1);
      await page.goto(`/administration/applications?name=${encodeURIComponent(name)}`);
      const returned = tableRow(page, idMasked);
      await returned.waitFor();
      expect(await returned.textContent()).toContain("待报名（被机构驳回）");
      await returned.getByRole("button", { name: "办理记录" }).click();
      const drawer = page.locator('[data-test="timeline-drawer"]');
      await drawer.getByText("执业注册信息与报名信息不一致").waitFor();
      await drawer.locator('[data-test="timeline-sections"]').getByText("需修改：考核程序与科室").waitFor();
      await screenshot(page, "admin-application-returned");
    });
  });

  test("疑似作弊认定: the marked attempt with its pictures; cheating confirmed voids it; the audit trail shows it", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-cheating", { page, server }, async () => {
      const tile = page.locator('[data-test="waiting-cheating"]');
      await waitFor(async () => (await tile.textContent())?.replace(/\s+/g, ""), "1待认定疑似作弊");
      await tile.click();
      await page.waitForURL(/\/administration\/cheating$/);
      await waitFor(() => listRows(page, "cheating-table").count(), 1);
      const row = listRows(page, "cheating-table").first();
      expect(await row.textContent()).toContain("柳州市妇幼保健院");
      const name = ((await row.locator("td").nth(1).textContent()) ?? "").trim();
      expect(await row.textContent()).toContain("24%");
      await row.locator('[data-test="row-photos"]').click();
      const gallery = page.locator('[data-test="snapshot-gallery"]');
      // The gallery opens before its snapshots arrive: wait for the first picture rather than count at once.
      await gallery.locator("img").first().waitFor();
      expect(await gallery.locator("img").count()).toBeGreaterThan(0);
      await page.keyboard.press("Escape");
      await gallery.waitFor({ state: "hidden" });
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-cheating");
      await expectAccessible(page, "疑似作弊认定");

      await row.getByRole("button", { name: "认定作弊" }).click();
      const box = page.locator(".el-message-box");
      await box.waitFor();
      await box.locator("textarea").fill("监考照片与本人明显不符");
      await answerMessageBox(page, "认定作弊");
      await expectMessage(page, "已认定作弊，本次测评作废", "success");
      // Judged, it leaves the queue; the attempt is void.
      await page.getByText("暂无待认定的疑似作弊").waitFor();
      const judged = (
        await graphql<{ testAttempts: { items: { voided: boolean; verdict: string; suspected: boolean }[] } }>(
          page.context(),
          `{ testAttempts(filter: { name: "${name}", withSnapshots: true }, pageSize: 10) { items { voided verdict suspected } } }`,
        )
      ).data!;
      expect(judged.testAttempts.items).toContainEqual(expect.objectContaining({ voided: true, verdict: "CONFIRMED" }));
    });
    await step("admin-audit", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "审计记录" }).click();
      await page.waitForURL(/\/administration\/audit/);
      await waitFor(async () => (await listRows(page, "audit-table").count()) > 0, true);
      await page.goto("/administration/audit?action=proctoring.");
      await waitFor(
        async () =>
          (await listRows(page, "audit-table").first().textContent())?.includes("广西壮族自治区卫生健康委员会"),
        true,
      );
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-audit");
      await expectAccessible(page, "审计记录");
      await expectFailedLoad(page, "audit-table", "AuditLogs", () => page.reload());
    });
  });

  test("辖区机构: the 申请考核机构 permission opened for an institution of the city", async () => {
    const { page } = await signedIn("nnwjw");
    await step("admin-institutions", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "辖区机构" }).click();
      await page.waitForURL(/\/administration\/institutions/);
      const row = tableRow(page, "南宁市青秀区人民医院");
      await row.waitFor();
      expect(await row.textContent()).toContain("未开通");
      expect(await page.locator('[data-test="region-institutions-table"]').textContent()).not.toContain("柳州");
      await row.getByRole("button", { name: "开通申请权限" }).click();
      await answerMessageBox(page, "开通");
      await expectMessage(page, "已开通申请考核机构权限", "success");
      await waitFor(async () => (await tableRow(page, "南宁市青秀区人民医院").textContent())?.includes("已开通"), true);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-institutions");
      await expectAccessible(page, "辖区机构");
    });
  });

  test("申请权限 opened by 柳州市 for 柳州市妇幼保健院: its 申请考核机构 form is then accepted and waits for the city", async () => {
    const lzfy = await openSession(browser, server.url);
    sessions.push(lzfy);
    await signInToHome(lzfy.page, "lzfy");
    const apply = async () => {
      await lzfy.page.goto("/institution/assessment-institution-application");
      await lzfy.page.locator('[data-test="aa-not-allowed"], [data-test="aa-submit"]').first().waitFor();
    };
    await apply();
    expect(await lzfy.page.locator('[data-test="aa-not-allowed"]').count()).toBe(1);

    const { page } = await signedIn("lzwjw");
    await step("admin-aa-permission-chain", { page, server }, async () => {
      await page.goto("/administration/institutions");
      const row = tableRow(page, "柳州市妇幼保健院");
      await row.waitFor();
      await row.getByRole("button", { name: "开通申请权限" }).click();
      await answerMessageBox(page, "开通");
      await expectMessage(page, "已开通申请考核机构权限", "success");

      // The institution's form is there now, and its application is accepted.
      await apply();
      await lzfy.page
        .locator('textarea[name="statement"]')
        .fill(
          "本院为三级妇幼保健院，设有医师考核办公室和计算机考场，拟承担柳州市城中区妇幼保健机构的医师定期考核工作。",
        );
      await lzfy.page.locator('[data-test="aa-physician-count"] input').fill("180");
      await lzfy.page.locator('[data-test="aa-physician-count"] input').press("Tab");
      await lzfy.page
        .locator('.el-upload input[type="file"]')
        .setInputFiles({ name: "考核机构申请书.pdf", mimeType: "application/pdf", buffer: samplePdf() });
      await lzfy.page.locator('[data-test="aa-file"]').filter({ hasText: "考核机构申请书.pdf" }).waitFor();
      await lzfy.page.locator('[data-test="aa-submit"]').click();
      await answerMessageBox(lzfy.page, "提交");
      await expectMessage(lzfy.page, "申请已提交", "success");
      await lzfy.page.locator('[data-test="aa-pending"]').waitFor();

      // It waits for 柳州市 in 考核机构申请审批.
      await page.locator(".el-menu-item").filter({ hasText: "考核机构申请审批" }).click();
      // The institutions list (same name in a row) stays on screen until the new page replaces it.
      await page.waitForURL(/\/administration\/assessment-institution-applications/);
      await waitFor(async () => (await tableRow(page, "柳州市妇幼保健院").textContent())?.includes("待审批"), true);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-aa-after-permission");
      await expectAccessible(page, "考核机构申请审批（开通权限后）");

      // 同意: the institution becomes an assessment institution on the same account, with a switch in its header.
      await tableRow(page, "柳州市妇幼保健院").getByRole("button", { name: "同意" }).click();
      await answerMessageBox(page, "同意");
      await expectMessage(page, "已同意该申请", "success");
    });
    await step("institution-workspace-switch", { page: lzfy.page, server }, async () => {
      const menuText = () => lzfy.page.locator(".side-menu").textContent();
      await lzfy.page.goto("/home");
      const toAssessor = lzfy.page.locator('[data-test="workspace-ASSESSMENT_INSTITUTION"]');
      await toAssessor.waitFor();
      expect(await lzfy.page.locator('[data-test="workspace-INSTITUTION"]').getAttribute("aria-current")).toBe("true");
      expect(await menuText()).toContain("医师列表");
      expect(await menuText()).not.toContain("录入成绩");
      await toAssessor.click();
      await lzfy.page.waitForURL(/\/assessor\/home$/);
      await waitFor(async () => (await menuText())?.includes("录入成绩"), true);
      expect(await menuText()).not.toContain("医师列表");
      expect(await toAssessor.getAttribute("aria-current")).toBe("true");
      await lzfy.page.mouse.move(0, 0);
      await screenshot(lzfy.page, "institution-workspace-assessor");
      await expectAccessible(lzfy.page, "考核机构端（机构切换）");
      // The console in use follows the page: a reload keeps it, and the switch goes back.
      await lzfy.page.reload();
      await waitFor(async () => (await menuText())?.includes("录入成绩"), true);
      await lzfy.page.locator('[data-test="workspace-INSTITUTION"]').click();
      await lzfy.page.waitForURL(/\/home$/);
      await waitFor(async () => (await menuText())?.includes("医师列表"), true);
      expect(await menuText()).not.toContain("录入成绩");
    });
  });

  test("机构详情: read-only, with the region, superior and assessment institution only the administration sets", async () => {
    const { page } = await signedIn("qxwjj", "laptop");
    await step("admin-institution-profile", { page, server }, async () => {
      await page.goto("/administration/institutions");
      const row = tableRow(page, "南宁市青秀区人民医院");
      await row.waitFor();
      // A county lists its own institutions only.
      expect(await page.locator('[data-test="region-institutions-table"]').textContent()).not.toContain(
        "南宁市第一人民医院",
      );
      await row.getByRole("button", { name: "详情" }).click();
      const drawer = page.locator('[data-test="institution-profile"]');
      const set = drawer.locator('[data-test="institution-jurisdiction"]');
      await set.getByText("南宁市青秀区卫生健康局").waitFor();
      const text = ((await set.textContent()) ?? "").replace(/\s+/g, "");
      expect(text).toContain("南宁市青秀区");
      expect(text).toContain("广西壮族自治区医师协会");
      // Nothing in the drawer can be edited.
      expect(await drawer.locator("input, textarea").count()).toBe(0);
      expect(await drawer.locator('[data-test="institution-own"]').textContent()).toContain("统一社会信用代码");
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-institution-profile-1024");
      await expectAccessible(page, "机构详情（县）");
      await page.setViewportSize({ width: 1440, height: 900 });
      await screenshot(page, "admin-institution-profile");
    });
  });

  test("考核周期: a failed load retried; a phase extended with a reason; both fields are required", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-cycles", { page, server }, async () => {
      // First with the network down for the cycles' query: the page says so with the reason and 重试, which works
      // once the network is back (a province has a cycle every three years: the page lists them all, unpaged).
      const pattern = "**/graphql";
      await page.route(pattern, async (route) => {
        const body = route.request().postData() ?? "";
        if (body.includes('"operationName":"AdminCycles"')) await route.abort("internetdisconnected");
        else await route.continue();
      });
      await page.locator(".el-menu-item").filter({ hasText: "考核周期" }).click();
      await page.waitForURL(/\/administration\/cycles$/);
      const failed = page.locator('[data-test="cycles-failed"]');
      await failed.waitFor();
      expect(await failed.textContent()).toContain("网络连接失败");
      expect(await page.locator("section.cycle").count()).toBe(0);
      await expectAccessible(page, "考核周期（加载失败）");
      await page.unroute(pattern);
      await failed.getByRole("button", { name: "重试" }).click();
      const current = page.locator("section.cycle").filter({ hasText: "当前周期" });
      await current.waitFor();
      expect(await failed.count()).toBe(0);
      const row = current.locator('[data-test="cycle-phases"] tr.el-table__row').first();
      const cells = (await row.locator("td").allTextContents()).map((t) => t.trim());
      const [phaseName, , end] = cells;
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-cycles");
      await expectAccessible(page, "考核周期");

      await row.locator('[data-test="extend-phase"]').click();
      const dialog = page.locator('[data-test="extend-dialog"]');
      await dialog.getByText("当前结束日期").waitFor();
      await dialog.locator('[data-test="extend-submit"]').click();
      await dialog.getByText("请选择新的结束日期").waitFor();
      await dialog.getByText("请填写延长理由").waitFor();
      const later = new Date(`${end}T00:00:00Z`);
      later.setUTCDate(later.getUTCDate() + 7);
      const newEnd = later.toISOString().slice(0, 10);
      const input = dialog.locator(".el-date-editor input");
      await input.fill(newEnd);
      await input.press("Enter");
      await dialog.locator("textarea").fill("部分机构因系统维护未能按期完成，延长一周");
      await dialog.locator('[data-test="extend-submit"]').click();
      await expectMessage(page, `“${phaseName}”已延长至 ${newEnd}`, "success");
      await waitFor(
        async () =>
          (
            await current
              .locator('[data-test="cycle-phases"] tr.el-table__row')
              .first()
              .locator("td")
              .nth(2)
              .textContent()
          )?.trim(),
        newEnd,
      );
    });
  });

  test("新建考核周期: the server names each wrong field, a phase outside the cycle among them; saved for later", async () => {
    const { page } = await signedIn("gxwjw");
    await step("admin-cycle-create", { page, server }, async () => {
      await page.goto("/administration/cycles");
      await page.locator("section.cycle").filter({ hasText: "当前周期" }).waitFor();
      const sectionsBefore = await page.locator("section.cycle").count();
      await page.locator('[data-test="cycle-create"]').click();
      const dialog = page.locator('[data-test="cycle-create-dialog"]');
      await dialog.getByText("考核时间安排").waitFor();
      await dialog.locator('[data-test="cycle-create-submit"]').click();
      for (const message of [
        "请填写周期名称",
        "请选择周期开始日期",
        "请选择阶段“医师报名”的起止日期",
        "请填写考核周期告知内容",
      ])
        await dialog.getByText(message).waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-cycle-create-errors");
      await expectAccessible(page, "新建考核周期（错误提示）");

      const range = async (scope: string, start: string, end: string) => {
        const inputs = dialog.locator(`${scope} .el-range-input`);
        await inputs.nth(0).fill(start);
        await inputs.nth(1).fill(end);
        await inputs.nth(1).press("Enter");
      };
      await dialog.getByLabel("周期名称").fill("2027—2029 年度医师定期考核");
      await range('[data-test="cycle-dates"]', "2027-01-01", "2029-12-31");
      await range('[data-test="cycle-phase-REGISTRATION"]', "2027-01-01", "2027-06-30");
      await range('[data-test="cycle-phase-INSTITUTION_REVIEW"]', "2027-01-01", "2027-07-31");
      await range('[data-test="cycle-phase-ASSESSMENT_REVIEW"]', "2027-02-01", "2027-08-31");
      await range('[data-test="cycle-phase-TEST"]', "2027-03-01", "2029-09-30");
      // 补考 reaches past the cycle's end: only the server knows.
      await range('[data-test="cycle-phase-MAKEUP"]', "2029-10-01", "2030-01-31");
      await dialog
        .getByLabel("考核周期告知")
        .fill("2027—2029 年度医师定期考核将于 2027 年 1 月 1 日开始，请各单位及时组织医师报名。");
      await dialog.locator('[data-test="cycle-create-submit"]').click();
      await dialog
        .locator('[data-test="cycle-phase-MAKEUP"]')
        .getByText("阶段“补考”须在周期起止日期（2027-01-01 至 2029-12-31）之内")
        .waitFor();
      expect(await dialog.getByText("请填写周期名称").count()).toBe(0);
      await range('[data-test="cycle-phase-MAKEUP"]', "2029-10-01", "2029-12-31");
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-cycle-create-1024");
      await expectAccessible(page, "新建考核周期（1024）");
      await dialog.locator('[data-test="cycle-create-submit"]').click();
      await expectMessage(page, "已新建考核周期“2027—2029 年度医师定期考核”", "success");
      await dialog.waitFor({ state: "hidden" });
      await waitFor(() => page.locator("section.cycle").count(), sectionsBefore + 1);
      const created = page.locator("section.cycle").filter({ hasText: "2027—2029 年度医师定期考核" });
      expect(await created.getByText("当前周期").count()).toBe(0);
      expect((await created.locator("header").textContent())?.replace(/\s+/g, "")).toContain("2027-01-01至2029-12-31");
      expect(await created.locator('[data-test="cycle-phases"] tr.el-table__row').count()).toBe(5);
      // The current cycle stays the current one.
      expect(await page.locator("section.cycle").filter({ hasText: "当前周期" }).count()).toBe(1);
      await screenshot(page, "admin-cycles-1024");
    });
  });

  test("接口客户端: created for a city, its token shown once and working on /graphql, then revoked; paging", async () => {
    const { page } = await signedIn("gxwjw");
    // Eleven earlier clients (through the province's API): with the new one the list has two pages.
    for (let i = 1; i <= 11; i++) {
      const r = await graphql(
        page.context(),
        `
          mutation ($input: ApiClientInput!) {
            createApiClient(input: $input) {
              token
            }
          }
        `,
        { input: { name: `县级数据平台 ${i}`, regionCode: "450103", permissions: [] } },
      );
      expect(r.errors).toBeUndefined();
    }
    await step("admin-api-clients", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "接口客户端" }).click();
      await page.waitForURL(/\/administration\/api-clients$/);
      await page.locator('[data-test="api-client-create"]').click();
      const dialog = page.locator('[data-test="api-client-dialog"]');
      await dialog.locator('[data-test="api-client-submit"]').click();
      await dialog.getByText("请填写客户端名称").waitFor();
      await dialog.locator('input[aria-label="名称"]').fill("南宁市卫生健康信息平台");
      await dialog.locator(".el-cascader").click();
      await page.locator(".el-cascader-node:visible").filter({ hasText: "广西壮族自治区" }).click();
      await page
        .locator(".el-cascader-node:visible")
        .filter({ hasText: "南宁市" })
        .locator(".el-radio, .el-checkbox")
        .first()
        .click();
      await page.keyboard.press("Escape");
      await dialog.locator('[data-test="api-client-submit"]').click();
      const shown = page.locator('[data-test="api-client-token"]');
      await shown.getByText("令牌只显示这一次").waitFor();
      const token = await shown.locator("input").inputValue();
      expect(token.length).toBeGreaterThan(20);
      const minuteOfCall = Math.floor(Date.now() / 60_000);
      const res = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ regionProgress(input: { groupBy: COUNTY }) { code name total } }" }),
      });
      const body = (await res.json()) as { data?: { regionProgress: { name: string }[] } };
      expect(body.data?.regionProgress.map((r) => r.name)).toEqual(["兴宁区", "青秀区"]);
      await shown.getByRole("button", { name: "我已保存" }).click();
      const row = tableRow(page, "南宁市卫生健康信息平台");
      await row.waitFor();
      // This minute's count of the client: the one call above (unless the minute has turned since).
      await page.locator(".el-button").filter({ hasText: "刷新" }).click();
      await waitFor(
        async () => ((await row.locator('[data-test="api-client-rate"]').textContent()) ?? "").replace(/\s+/g, ""),
        Math.floor(Date.now() / 60_000) === minuteOfCall ? "1/600" : "0/600",
      );
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-api-clients");
      await expectAccessible(page, "接口客户端");
      await row.locator('[data-test="row-revoke"]').click();
      await answerMessageBox(page, "吊销");
      await expectMessage(page, "已吊销", "success");
      await waitFor(
        async () => (await tableRow(page, "南宁市卫生健康信息平台").textContent())?.includes("已吊销"),
        true,
      );
      expect(await tableRow(page, "南宁市卫生健康信息平台").locator('[data-test="row-revoke"]').count()).toBe(0);
    });
    await step("admin-api-clients-paging", { page, server }, async () => {
      await expectPaging(page, "api-clients-table");
      await expectFailedLoad(page, "api-clients-table", "AdminApiClientPage", () => page.reload());
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-api-clients-1024");
      await expectAccessible(page, "接口客户端（1024）");
    });
  });
  test("查看证件号: the full number after a reason the server asks for; the reveal is in the audit trail", async () => {
    const { page, context } = await signedIn("nnwjw");
    await step("admin-identity-reveal", { page, server }, async () => {
      await page.goto("/administration/applications");
      await waitFor(async () => (await listRows(page, "region-applications-table").count()) > 0, true);
      const row = listRows(page, "region-applications-table").first();
      // The first column is 序号.
      const name = ((await row.locator("td").nth(1).textContent()) ?? "").trim();
      await row.getByRole("button", { name: "查看证件号" }).click();
      const dialog = page.locator('[data-test="identity-dialog"]');
      const masked = ((await dialog.locator('[data-test="identity-masked"]').textContent()) ?? "").trim();
      expect(masked).toMatch(/\*{4,}/);
      await dialog.locator('[data-test="identity-reveal"]').click();
      await dialog.getByText("请填写查看理由").waitFor();
      await dialog.getByLabel("查看理由").fill("核对投诉举报材料中的医师身份");
      await dialog.locator('[data-test="identity-reveal"]').click();
      const full = ((await dialog.locator('[data-test="identity-full"]').textContent()) ?? "").trim();
      expect(full).toMatch(/^\d{17}[\dX]$/);
      expect(full.slice(0, 4)).toBe(masked.slice(0, 4));
      expect(await dialog.locator('[data-test="identity-phone"]').textContent()).toMatch(/^\s*1\d{10}\s*$/);
      await dialog.getByText("本次查看已记入审计记录").waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-identity-reveal");
      await expectAccessible(page, "查看完整证件号");
      const audit = await graphql<{ auditLogs: { items: { actorName: string; detail: string }[] } }>(
        context,
        `
          {
            auditLogs(filter: { action: "physician.identity.reveal" }) {
              items {
                actorName
                detail
              }
            }
          }
        `,
      );
      const latest = audit.data!.auditLogs.items[0];
      expect(latest.actorName).toBe("南宁市卫生健康委员会");
      expect(JSON.parse(latest.detail)).toMatchObject({ name, reason: "核对投诉举报材料中的医师身份" });
      await dialog.locator(".el-dialog__footer").getByRole("button", { name: "关闭" }).click();
      await dialog.waitFor({ state: "hidden" });
    });
  });

  test("审计记录 for a city and a county: each its own region; a neighbour's county is refused", async () => {
    const city = await signedIn("nnwjw");
    // Two reveals by the city: one of a physician in 青秀区, one in 兴宁区.
    const apps = await graphql<{
      applications: { items: { institutionName: string; physician: { id: number; name: string } }[] };
    }>(
      city.context,
      `
        {
          applications(filter: {}, page: 1, pageSize: 100) {
            items {
              institutionName
              physician {
                id
                name
              }
            }
          }
        }
      `,
    );
    const items = apps.data!.applications.items;
    const qingxiu = items.find((a) => a.institutionName === "南宁市青秀区人民医院")!.physician;
    const xingning = items.find((a) => a.institutionName === "南宁市第一人民医院")!.physician;
    for (const p of [qingxiu, xingning]) {
      const r = await graphql(
        city.context,
        `
          mutation ($id: Int!) {
            revealPhysicianIdentity(physicianId: $id, reason: "核对举报材料") {
              idNumber
            }
          }
        `,
        { id: p.id },
      );
      expect(r.errors).toBeUndefined();
    }
    const detailTexts = async (page: Page) =>
      (await listRows(page, "audit-table").allTextContents()).map((t) => t.replace(/\s+/g, ""));

    const { page } = await signedIn("qxwjj", "laptop");
    await step("admin-audit-county", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "审计记录" }).click();
      await page.waitForURL(/\/administration\/audit$/);
      await waitFor(async () => (await listRows(page, "audit-table").count()) > 0, true);
      await page.goto("/administration/audit?action=physician.identity.reveal");
      await waitFor(async () => (await detailTexts(page)).some((t) => t.includes(qingxiu.name)), true);
      expect((await detailTexts(page)).some((t) => t.includes(xingning.name))).toBe(false);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-audit-county-1024");
      await expectAccessible(page, "审计记录（县）");
    });

    await step("admin-audit-city", { page: city.page, server }, async () => {
      const p = city.page;
      await p.goto("/administration/audit?action=physician.identity.reveal");
      await waitFor(async () => (await detailTexts(p)).some((t) => t.includes(xingning.name)), true);
      expect((await detailTexts(p)).some((t) => t.includes(qingxiu.name))).toBe(true);
      // Narrowed to 青秀区: the 兴宁区 reveal goes.
      await p.goto("/administration/audit?action=physician.identity.reveal&region=450103");
      await waitFor(async () => (await detailTexts(p)).some((t) => t.includes(qingxiu.name)), true);
      expect((await detailTexts(p)).some((t) => t.includes(xingning.name))).toBe(false);
      // The region picker offers the city and its counties, nothing outside.
      await p.locator('[data-test="audit-table"]').waitFor();
      await p.locator(".data-list .el-cascader").first().click();
      await waitFor(
        async () =>
          (await p.locator(".el-cascader-menu:visible").first().locator(".el-cascader-node").allTextContents())
            .map((t) => t.trim())
            .join("|"),
        "南宁市",
      );
      await p.locator(".el-cascader-menu:visible").first().locator(".el-cascader-node").first().click();
      await waitFor(
        async () =>
          (await p.locator(".el-cascader-menu:visible").nth(1).locator(".el-cascader-node").allTextContents())
            .map((t) => t.trim())
            .includes("青秀区"),
        true,
      );
      // Closed again (a click outside), with nothing chosen.
      await p.locator(".pa-card-title").first().click();
      await waitFor(() => p.locator(".el-cascader-menu:visible").count(), 0);
      await p.mouse.move(0, 0);
      await screenshot(p, "admin-audit-city");
      await expectAccessible(p, "审计记录（市）");
      // A county of 柳州市 is not the city's: refused, and said so.
      await p.goto("/administration/audit?region=450202");
      const failed = p.locator('[data-test="audit-table"] [data-test="list-failed"]');
      await failed.waitFor();
      expect(await failed.textContent()).toContain("只能查看本辖区内的审计记录");
    });
  });

  // Last: an approved change moves 柳州市妇幼保健院 to 鱼峰区 for the rest of this server's life. (nnyy is not
  // used: 账户管理 above leaves its password reset.)
  test("隶属关系变更审批: one request rejected (the institution reads why), the next approved and in force", async () => {
    const inst = await openSession(browser, server.url);
    sessions.push(inst);
    await login(inst.page, "lzfy", DEMO_PASSWORD);
    await inst.page.waitForURL(/\/home$/);
    const ask = async (reason: string) => {
      const r = await graphql<{ requestJurisdictionChange: { id: number; status: string } }>(
        inst.context,
        `
          mutation ($input: JurisdictionChangeInput!) {
            requestJurisdictionChange(input: $input) {
              id
              status
            }
          }
        `,
        { input: { countyCode: "450203", reason } },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.requestJurisdictionChange.id;
    };
    // Earlier requests, each rejected (through the city's API): 全部 then has more than one page.
    const lzwjw = await openSession(browser, server.url);
    sessions.push(lzwjw);
    await login(lzwjw.page, "lzwjw", DEMO_PASSWORD);
    await lzwjw.page.waitForURL(/\/administration\/dashboard$/);
    for (let i = 1; i <= 10; i++) {
      const id = await ask(`第 ${i} 次申请：拟迁至鱼峰区（材料不全）`);
      const r = await graphql(
        lzwjw.context,
        `
          mutation ($id: Int!) {
            decideJurisdictionChange(id: $id, approve: false, reason: "材料不全") {
              status
            }
          }
        `,
        { id },
      );
      expect(r.errors).toBeUndefined();
    }
    await ask("医院整体搬迁至鱼峰区新院区");

    // 青秀区 (another city's county) is not the superior of 柳州市妇幼保健院: nothing waits for it.
    const county = await signedIn("qxwjj", "laptop");
    await county.page.goto("/administration/jurisdiction-changes");
    await county.page.getByText("暂无待审批的变更申请").waitFor();

    const { page } = await signedIn("lzwjw");
    await step("admin-jurisdiction", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "隶属关系变更审批" }).click();
      await page.waitForURL(/\/administration\/jurisdiction-changes$/);
      const rows = () => listRows(page, "jurisdiction-table");
      await waitFor(() => rows().count(), 1);
      const cells = (await rows().first().locator("td").allTextContents()).map((t) => t.replace(/\s+/g, ""));
      expect(cells[1]).toMatch(/^柳州市妇幼保健院提交于/);
      // Only what changes is listed: the county (the superior and the assessor stay).
      expect(cells[2]).toBe("所在地区柳州市城中区→柳州市鱼峰区");
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-jurisdiction");
      await expectAccessible(page, "隶属关系变更审批");

      await rows().first().getByRole("button", { name: "驳回" }).click();
      await page.locator(".pa-reason-box textarea").fill("新院区尚未取得执业登记，请登记后再申请");
      await answerMessageBox(page, "驳回");
      await expectMessage(page, "已驳回该变更申请", "success");
      await page.getByText("暂无待审批的变更申请").waitFor();

      // The institution reads the reason on its profile.
      await inst.page.goto("/institution/profile");
      await waitFor(
        async () =>
          ((await inst.page.locator('[data-test="change-state"]').textContent()) ?? "").includes(
            "新院区尚未取得执业登记",
          ),
        true,
      );

      await ask("新院区已取得执业登记，申请变更所在地区");
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.locator(".el-button").filter({ hasText: "刷新" }).click();
      await waitFor(() => rows().count(), 1);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-jurisdiction-1024");
      await expectAccessible(page, "隶属关系变更审批（1024）");
      await rows().first().getByRole("button", { name: "同意" }).click();
      await answerMessageBox(page, "同意");
      await expectMessage(page, "已同意，变更已生效", "success");

      // In force: the dashboard counts 柳州市妇幼保健院 under 鱼峰区 now.
      await page.goto("/administration/dashboard?region=450203");
      await waitFor(async () => (await cellsOf(page, "柳州市妇幼保健院")).length > 0, true);
    });
    await step("admin-jurisdiction-paging", { page, server }, async () => {
      // 全部: the twelve requests, decided ones with the city's words.
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto("/administration/jurisdiction-changes?status=");
      await waitFor(() => listTotal(page, "jurisdiction-table"), 12);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-jurisdiction-all");
      await expectPaging(page, "jurisdiction-table");
      await expectFailedLoad(page, "jurisdiction-table", "JurisdictionChangeRequests", () => page.reload());
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto("/administration/jurisdiction-changes?status=");
      await waitFor(async () => (await listRows(page, "jurisdiction-table").count()) > 0, true);
      // Fits at 1024 px: no sideways scrolling inside the table.
      const scroll = page.locator('[data-test="jurisdiction-table"] .el-table__body-wrapper .el-scrollbar__wrap');
      expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      await page.locator('[data-test="decision-reason"]').first().getByText("审批意见：").waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-jurisdiction-all-1024");
      await expectAccessible(page, "隶属关系变更（全部，1024）");
    });
  });
});
