import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import {
  expectAccessible,
  expectMessage,
  formItem,
  openSession,
  screenshot,
  SCREENSHOT_DIR,
  step,
  waitFor,
  type RunningServer,
  journey,
} from "./harness";

/**
 * Manual 2.2.9 进度管理 and 2.3.0 结果查询/打印 as 南宁市第一人民医院 (nnyy), with the demo data: 4 合格
 * physicians with certificates, papers 医学人文测评 and 业务水平测评, 3 proctoring sessions (one with
 * pictures at 31.5% and 24% similarity). 考核进度 by status → 打印 the certificate (image, PNG download,
 * print) → its verification link opened by an anonymous visitor; 测评进度 filters; 监考管理: the
 * low-similarity attempt, its pictures, 标记疑似.
 */
describe("考核管理: progress and certificates, test progress, proctoring", () => {
  let server!: RunningServer;
  let browser!: Browser;
  let page!: Page;
  journey({ signIn: "nnyy" }, (j) => ({ server, browser, page } = j));

  const rowsOf = (table: string) => page.locator(`[data-test="${table}"] .el-table__body-wrapper tr.el-table__row`);
  const total = async () => (await page.locator(".pa-pagination .el-pagination__total").textContent())?.trim();
  const texts = async (rows: Locator, selector: string) =>
    (await rows.locator(selector).allTextContents()).map((t) => t.trim());

  async function openMenu(item: string) {
    await page.locator(".el-menu-item").filter({ hasText: item }).click();
  }

  async function choose(label: string, option: string | RegExp) {
    await formItem(page, label).locator(".el-select__wrapper").click();
    await page.locator(".el-select-dropdown__item:visible").filter({ hasText: option }).first().click();
  }

  let certificateNumber = "";
  let verifyUrl = "";

  test("考核进度: the count of a status and the list agree; the manual's explanation of each status", async () => {
    await step("progress-filter", { page, server }, async () => {
      await openMenu("考核进度");
      await page.waitForURL(/\/assessment\/progress$/);
      const pill = (status: string) => page.locator(`[data-test="status-count"][data-status="${status}"]`);
      await pill("QUALIFIED").waitFor();
      // Every status with its label from the API, the 被机构驳回 variants included.
      const board = page.locator('[data-test="status-counts"]');
      expect(await board.textContent()).toContain("待报名（被机构驳回）");
      expect(await board.textContent()).toContain("待医疗卫生机构审核（被考核机构驳回）");
      expect(await page.locator('[data-test="completion-rate"]').textContent()).toMatch(/^\d+(\.\d)?%$/);
      await waitFor(() => total(), "共 39 条");

      // A status with its count: the list shows exactly those.
      for (const status of ["RETURNED_TO_PHYSICIAN", "QUALIFIED"]) {
        const count = Number((await pill(status).locator(".n").textContent())?.trim());
        const label = ((await pill(status).locator(".label").textContent()) ?? "").trim();
        expect(count).toBeGreaterThan(0);
        await pill(status).click();
        await waitFor(() => total(), `共 ${count} 条`);
        await waitFor(
          async () => (await texts(rowsOf("progress-table"), '[data-test="cell-status"]')).join("|"),
          Array(count).fill(label).join("|"),
        );
        expect(await pill(status).getAttribute("class")).toContain("active");
        expect(await formItem(page, "考核状态").textContent()).toContain(label);
      }
      expect(await rowsOf("progress-table").locator('[data-test="row-print"]').count()).toBe(4);

      // 状态说明: the manual's explanation of each status (workflow.statuses).
      await page.locator('[data-test="status-help"]').click();
      const help = page.locator('[data-test="status-help-content"]');
      await help.waitFor({ state: "visible" });
      expect(await help.textContent()).toContain("本单位已经允许医师报名，医师个人端未提交报名信息");
      expect(await help.textContent()).toContain("已通过本单位审核，但被考核机构复核驳回");
      await page.locator('[data-test="status-help"]').click();
      await help.waitFor({ state: "hidden" });
      await page.mouse.move(0, 0);
      await expectAccessible(page, "考核进度");
      await screenshot(page, "progress");
    });
  });

  test("打印: the certificate image, 下载证书 gives the 1754×1240 PNG, 打印 prints the image alone", async () => {
    await step("certificate", { page, server }, async () => {
      const row = rowsOf("progress-table").first();
      const name = ((await row.locator('[data-test="cell-name"]').textContent()) ?? "").trim();
      await row.locator('[data-test="row-print"]').click();
      const dialog = page.locator('[data-test="certificate-dialog"]');
      await dialog.waitFor({ state: "visible" });
      const image = dialog.locator('[data-test="certificate-image"]');
      await image.waitFor();
      await waitFor(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 1754);
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(1240);
      expect(await image.getAttribute("src")).toMatch(/^\/certificates\/\d+\.png\?exp=\d+&sig=/);
      expect(await dialog.textContent()).toContain(name);
      expect(await dialog.locator('[data-test="certificate-note"]').textContent()).toContain(
        "合格证书需发证机关盖章后生效",
      );
      certificateNumber = ((await dialog.locator('[data-test="certificate-number"]').textContent()) ?? "").trim();
      expect(certificateNumber).toMatch(/^[A-Z]+\d{4}-\d+$/);
      verifyUrl = (await dialog.locator('[data-test="certificate-verify-link"]').getAttribute("href")) ?? "";
      const code = ((await dialog.locator('[data-test="certificate-verification-code"]').textContent()) ?? "").trim();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // The QR's address carries the number and its verification code (issue 18.19).
      expect(verifyUrl).toMatch(new RegExp(`/verify/${certificateNumber}\\?code=${code.replace(/-/g, "")}$`));
      await page.mouse.move(0, 0);
      await expectAccessible(page, "合格证明");
      await screenshot(page, "certificate-print");

      // 下载证书: a download of the PNG itself.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        dialog.locator('[data-test="certificate-download"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`合格证明-${certificateNumber}.png`);
      const png = readFileSync((await download.path())!);
      expect(png.subarray(0, 4).toString("hex")).toBe("89504e47");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1754, 1240]);
      writeFileSync(path.join(SCREENSHOT_DIR, "certificate.png"), png); // the README shows the real download

      // 打印: on paper only the certificate shows (the console is hidden by the print stylesheet).
      await page.emulateMedia({ media: "print" });
      await page.evaluate(() => {
        const w = window as unknown as { __printed?: Record<string, unknown> };
        window.print = () => {
          const img = document.querySelector<HTMLImageElement>(".pa-print-area img");
          w.__printed = {
            app: getComputedStyle(document.querySelector("#app")!).display,
            dialog: getComputedStyle(document.querySelector(".el-overlay")!).display,
            area: getComputedStyle(document.querySelector(".pa-print-area")!).display,
            width: img?.complete ? img.naturalWidth : 0,
          };
        };
      });
      await dialog.locator('[data-test="certificate-print"]').click();
      await waitFor(
        () => page.evaluate(() => JSON.stringify((window as unknown as { __printed?: unknown }).__printed ?? null)),
        JSON.stringify({ app: "none", dialog: "none", area: "block", width: 1754 }),
      );
      await page.emulateMedia({ media: "screen" });
      expect(await page.evaluate(() => document.body.classList.contains("pa-printing"))).toBe(false);

      await dialog.locator(".el-dialog__headerbtn").click();
      await dialog.waitFor({ state: "hidden" });
    });
  });

  test("the certificate's verification link works for anyone: 真实有效; a wrong code or another number 查无此证", async () => {
    const visitor = await openSession(browser, server.url);
    const anon = visitor.page;
    await step("verify", { page: anon, server }, async () => {
      // The QR code's address (number and code), opened in a browser that never signed in.
      const url = new URL(verifyUrl);
      const code = url.searchParams.get("code") ?? "";
      await anon.goto(`${url.pathname}${url.search}`);
      expect(new URL(anon.url()).pathname).toBe(url.pathname);
      const status = anon.locator('[data-test="verify-status"]');
      await waitFor(async () => (await status.textContent())?.trim(), "真实有效");
      expect(await anon.locator('[data-test="verify-number"]').textContent()).toBe(certificateNumber);
      // Both inputs are prefilled from the address.
      expect(await anon.locator('input[name="verifyNumber"]').inputValue()).toBe(certificateNumber);
      expect(await anon.locator('input[name="verifyCode"]').inputValue()).toBe(code.match(/.{4}/g)?.join("-"));
      const facts = anon.locator('[data-test="verify-facts"]');
      expect(await facts.textContent()).toContain("南宁市第一人民医院");
      expect(await facts.textContent()).toContain("合格");
      expect(await facts.textContent()).toMatch(/姓名\s*\S\*/);
      expect(await anon.locator(".app-sidebar").count()).toBe(0);
      await expectAccessible(anon, "合格证明核验（真实有效）");
      await screenshot(anon, "verify");
      await anon.setViewportSize({ width: 1024, height: 800 });
      await screenshot(anon, "verify-1024");

      // Without the code nothing is asked of the server: the page says what is missing.
      const codeInput = anon.locator('input[name="verifyCode"]');
      await codeInput.fill("");
      await anon.locator('[data-test="verify-submit"]').click();
      await waitFor(
        async () => (await anon.locator('[data-test="verify-code-error"]').textContent())?.trim(),
        "请输入核验码（印在证明编号旁）",
      );
      expect(new URL(anon.url()).searchParams.get("code")).toBe(code);
      await anon.mouse.move(0, 0); // not the hovered button's lighter colour
      await expectAccessible(anon, "合格证明核验（缺核验码）");

      // A wrong code answers exactly like an unknown number.
      const wrong = `${code[0] === "0" ? "1" : "0"}${code.slice(1)}`;
      await codeInput.fill(wrong.toLowerCase());
      await anon.locator('[data-test="verify-submit"]').click();
      await anon.waitForURL(new RegExp(`/verify/${certificateNumber}\\?code=${wrong}$`));
      await waitFor(async () => (await status.textContent())?.trim(), "查无此证");
      expect(await anon.locator('[data-test="verify-facts"]').count()).toBe(0);
      const wrongCodeMessage = await anon.locator('[data-test="verify-message"]').textContent();
      expect(wrongCodeMessage).toBe("查无此证，请核对证明编号和核验码");
      await anon.mouse.move(0, 0);
      await screenshot(anon, "verify-not-found");

      await anon.locator('input[name="verifyNumber"]').fill("GX2024-9999999");
      await codeInput.fill(code);
      await anon.locator('[data-test="verify-submit"]').click();
      await anon.waitForURL(new RegExp(`/verify/GX2024-9999999\\?code=${code}$`));
      await waitFor(async () => (await status.textContent())?.trim(), "查无此证");
      expect(await anon.locator('[data-test="verify-facts"]').count()).toBe(0);
      expect(await anon.locator('[data-test="verify-message"]').textContent()).toBe(wrongCodeMessage);
      await anon.mouse.move(0, 0);
      await expectAccessible(anon, "合格证明核验（查无此证）");
    });
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });

  test("测评进度: filter by 试卷名称 and 测评状态", async () => {
    await step("test-progress", { page, server }, async () => {
      await openMenu("测评进度");
      await page.waitForURL(/\/assessment\/tests$/);
      const rows = rowsOf("attempt-table");
      await rows.first().waitFor();
      const all = Number((await page.locator('[data-test="attempt-total"]').textContent())?.trim());

      await choose("试卷名称", "医学人文测评");
      await waitFor(
        async () => Number((await page.locator('[data-test="attempt-total"]').textContent())?.trim()) < all,
        true,
      );
      const papers = await texts(rows, '[data-test="row-paper"]');
      expect(papers.length).toBeGreaterThan(0);
      expect(papers.every((p) => p.includes("医学人文测评"))).toBe(true);
      await page.mouse.move(0, 0);
      await screenshot(page, "test-progress");

      await choose("测评状态", /^\s*进行中\s*$/);
      await waitFor(
        async () =>
          (await texts(rows, '[data-test="cell-status"]')).every((s) => s === "进行中") && (await rows.count()) > 0,
        true,
      );
      expect((await texts(rows, '[data-test="row-paper"]')).every((p) => p.includes("医学人文测评"))).toBe(true);

      await choose("测评状态", /^\s*缺考\s*$/);
      await page.getByText("没有符合条件的测评记录").waitFor();
      await page.locator(".filters").getByRole("button", { name: "重置" }).click();
      await waitFor(async () => Number((await page.locator('[data-test="attempt-total"]').textContent())?.trim()), all);
    });
  });

  test("监考管理: below 40% by default, the pictures (viewed), 标记疑似 once, 已标记疑似 lists it", async () => {
    await step("proctoring", { page, server }, async () => {
      await openMenu("监考管理");
      await page.waitForURL(/\/assessment\/proctoring$/);
      // The manual's hint is the default filter, shown as such.
      expect(await formItem(page, "相似度").textContent()).toContain("低于 40%");
      const rows = rowsOf("proctoring-table");
      await waitFor(() => rows.count(), 1);
      const row = rows.first();
      const name = ((await row.locator("strong").first().textContent()) ?? "").trim();
      const similarity = row.locator('[data-test="row-similarity"]');
      expect((await similarity.textContent())?.trim()).toBe("24%");
      expect(await similarity.getAttribute("class")).toContain("low");
      expect((await row.locator('[data-test="cell-snapshots"]').textContent())?.trim()).toBe("4 张");
      expect((await row.locator('[data-test="row-view-status"]').textContent())?.trim()).toBe("未查看");
      expect(await page.locator('[data-test="proctoring-hint"]').textContent()).toContain(
        "疑似作弊标记仅作为标记操作，不代表最终监考处理结果",
      );
      await page.mouse.move(0, 0);
      await expectAccessible(page, "监考管理");
      await screenshot(page, "proctoring");

      // 查看照片: every picture loads; the least similar one is shown first.
      await row.locator('[data-test="row-view-snapshots"]').click();
      const gallery = page.locator('[data-test="snapshot-gallery"]');
      await gallery.waitFor({ state: "visible" });
      const thumbs = gallery.locator('[data-test="gallery-thumb"]');
      await waitFor(() => thumbs.count(), 4);
      await waitFor(
        () =>
          gallery
            .locator("img")
            .evaluateAll((imgs) =>
              imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
            ),
        true,
      );
      expect((await gallery.locator('[data-test="gallery-preview-similarity"]').textContent())?.trim()).toBe(
        "相似度 24%",
      );
      expect(await thumbs.allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("31.5%"), expect.stringContaining("24%")]),
      );
      await thumbs.filter({ hasText: "31.5%" }).click();
      await waitFor(
        async () => (await gallery.locator('[data-test="gallery-preview-similarity"]').textContent())?.trim(),
        "相似度 31.5%",
      );
      await thumbs.filter({ hasText: "24%" }).click();
      await waitFor(
        () =>
          gallery
            .locator('[data-test="gallery-preview"]')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        true,
      );
      await page.mouse.move(0, 0);
      await expectAccessible(page, "监考照片");
      await screenshot(page, "proctoring-gallery");
      await gallery.locator(".el-dialog__headerbtn").click();
      await gallery.waitFor({ state: "hidden" });
      // Viewing marked them viewed for the institution: the list says so.
      await waitFor(async () => (await row.locator('[data-test="row-view-status"]').textContent())?.trim(), "已查看");

      // 标记疑似: explained and confirmed first, with an optional note.
      await row.locator('[data-test="row-mark"]').click();
      const box = page.locator(".el-message-box");
      await box.waitFor({ state: "visible" });
      expect(await box.textContent()).toContain("标记后本机构不能撤销");
      expect(await box.textContent()).toContain("联系主管卫生行政");
      await box.getByRole("button", { name: "取消", exact: true }).click();
      await box.waitFor({ state: "hidden" });
      expect(await row.locator('[data-test="row-mark"]').count()).toBe(1);

      await row.locator('[data-test="row-mark"]').click();
      await box.waitFor({ state: "visible" });
      await box.locator("textarea").fill("第 3 张监考照片疑似非本人");
      await box.getByRole("button", { name: "标记疑似", exact: true }).click();
      await box.waitFor({ state: "hidden" });
      await expectMessage(page, `已将 ${name} 标记为疑似作弊`, "success");
      await waitFor(async () => (await row.locator('[data-test="row-marked"]').count()) === 1, true);
      expect(await row.locator('[data-test="row-mark"]').count()).toBe(0);
      expect((await row.locator('[data-test="row-view-status"]').textContent())?.trim()).toBe("已标记疑似");
      expect((await row.locator('[data-test="row-verdict"]').textContent())?.trim()).toBe("待省级认定");

      // 查看状态 = 已标记疑似 (whatever the similarity): it is listed; 未查看 no longer lists it.
      await formItem(page, "相似度").locator(".el-select__wrapper").hover();
      await formItem(page, "相似度").locator(".el-select__clear").click();
      await choose("查看状态", "已标记疑似");
      await waitFor(() => rows.count(), 1);
      expect(await rows.first().textContent()).toContain(name);
      await choose("查看状态", "未查看");
      await waitFor(
        async () =>
          (await rows.count()) > 0 &&
          !(await rowsOf("proctoring-table").allTextContents()).some((t) => t.includes("已标记")),
        true,
      );

      // The gallery of a marked attempt offers no 标记疑似 and says whom to contact.
      await choose("查看状态", "已标记疑似");
      await waitFor(() => rows.count(), 1);
      await rows.first().locator('[data-test="row-view-snapshots"]').click();
      await gallery.waitFor({ state: "visible" });
      await gallery.locator('[data-test="gallery-marked"]').waitFor();
      expect(await gallery.locator('[data-test="gallery-marked"]').textContent()).toContain(
        "若需取消作弊标记，联系主管卫生行政",
      );
      expect(await gallery.locator('[data-test="gallery-mark"]').count()).toBe(0);
      await gallery.locator(".el-dialog__headerbtn").click();
      await gallery.waitFor({ state: "hidden" });
    });
  });
});
