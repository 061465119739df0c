import type { Page } from "playwright-core";
import {
  answerMessageBox,
  expectMessage,
  expectAccessible,
  graphql,
  screenshot,
  step,
  tableRow,
  waitFor,
  type RunningServer,
  type Session,
  journey,
} from "./harness";

/**
 * Manual 2.2.6–2.2.8 审核管理 as 南宁市第一人民医院 (nnyy) with the demo queues (5 简易程序 with a PDF and a
 * PNG attached, 4 一般程序, 2 免考): approve a simple application after viewing its attachments, a conflict
 * when someone else acted first, reject a general one with a reason, decide the exemption requests.
 */
describe("reviews: simple, general, exemptions", () => {
  let server!: RunningServer;
  let nnyy!: Session;
  let page!: Page;
  journey({ signIn: "nnyy" }, (j) => ({ server, session: nnyy, page } = j));

  const queueRows = () => page.locator('[data-test="review-table"] .el-table__body-wrapper tr.el-table__row');
  const queueTotal = async () => (await page.locator('[data-test="queue-total"]').textContent())?.trim();

  async function goTask(task: "simple" | "general" | "exemption") {
    await page.goto("/home");
    const button = page
      .locator(`[data-test="pending-tasks"] li[data-task="${task}"]`)
      .getByRole("button", { name: "去处理" });
    await waitFor(() => button.isEnabled(), true);
    await button.click();
  }

  test("简易程序审核: 去处理 → list → basic info → attachments in the viewer → 下一步 → rate → 提交", async () => {
    await step("simple-approve", { page, server }, async () => {
      await goTask("simple");
      await page.waitForURL(/\/reviews\/simple$/);
      await waitFor(() => queueRows().count(), 5);
      expect(await queueTotal()).toBe("5");
      expect(await queueRows().first().textContent()).toContain("待医疗卫生机构审核");
      await page.mouse.move(0, 0);
      await expectAccessible(page, "简易程序审核列表");
      await screenshot(page, "review-simple-list");

      const name = ((await queueRows().first().locator(".name-link").textContent()) ?? "").trim();
      await queueRows().first().locator('[data-test="row-review"]').click();
      await page.waitForURL(/\/reviews\/simple\/\d+$/);
      const basic = page.locator('[data-test="applicant-basic"]');
      await basic.waitFor();
      // The review shows the full ID number (the list masks it).
      expect(await basic.textContent()).toMatch(/\d{17}[\dX]/);
      expect(await basic.textContent()).toContain(name);
      expect(await page.locator('[data-test="work-report"]').textContent()).toContain("个人述职报告");
      const materials = page.locator('[data-test="materials"]');
      await tableRow(materials, "执业证书及申请材料.pdf").waitFor();
      await tableRow(materials, "年度考核证明.png").waitFor();
      await page.mouse.move(0, 0);
      await expectAccessible(page, "简易程序审核（报名信息）");
      await screenshot(page, "review-simple");

      // 附件: the PDF in the viewer (signed inline link), then the PNG inline.
      await tableRow(materials, "执业证书及申请材料.pdf").locator('[data-test="open-attachment"]').click();
      const viewer = page.locator('[data-test="attachment-dialog"]');
      await viewer.waitFor({ state: "visible" });
      await waitFor(
        async () => (await viewer.locator('[data-test="viewer-current"]').textContent())?.trim(),
        "执业证书及申请材料.pdf",
      );
      const pdfSrc = await viewer.locator('[data-test="viewer-pdf"]').getAttribute("src");
      expect(pdfSrc).toMatch(/^\/files\/\d+\?exp=\d+&sig=/);
      const pdf = await nnyy.context.request.get(pdfSrc!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect(pdf.headers()["content-disposition"]).toMatch(/^inline/);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

      await viewer.locator('[data-test="viewer-file"]').filter({ hasText: "年度考核证明.png" }).click();
      const image = viewer.locator('[data-test="viewer-image"]');
      await image.waitFor();
      await waitFor(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true);
      expect(await viewer.locator('[data-test="viewer-pdf"]').count()).toBe(0);
      await expectAccessible(page, "查看申请材料");
      await screenshot(page, "attachment-viewer");
      expect(await viewer.locator('[data-test="viewer-download"]').getAttribute("href")).toMatch(/download=1$/);
      await viewer.locator(".el-dialog__headerbtn").click();
      await viewer.waitFor({ state: "hidden" });

      // 下一步: self-assessments and the rating table; nothing is sent until every item is rated.
      await page.locator('[data-test="review-next"]').click();
      await page.locator('[data-test="rating-table"]').waitFor();
      expect(await page.locator('[data-test="work-performance"]').textContent()).toContain("本周期完成门诊诊疗");
      expect(await page.locator('[data-test="rating-note"]').textContent()).toContain(
        "任意一项被评为不合格，即考核结果不合格",
      );
      const approve = page.locator('[data-test="review-approve"]');
      expect((await approve.textContent())?.trim()).toBe("提交");
      await approve.click();
      await expectMessage(page, "请评定：工作成绩、职业道德", "warning");

      await rate(page, "WORK_PERFORMANCE", "合格");
      await rate(page, "ETHICS", "不合格");
      await waitFor(async () => (await page.locator('[data-test="outcome"]').textContent())?.trim(), "不合格");
      await rate(page, "ETHICS", "合格");
      await waitFor(async () => (await page.locator('[data-test="outcome"]').textContent())?.trim(), "合格");
      await page.locator('textarea[name="reviewOpinion"]').fill("同意，评定合格");
      await page.mouse.move(0, 0);
      await expectAccessible(page, "简易程序审核（评定）");
      await screenshot(page, "review-simple-rating");

      await approve.click();
      const box = page.locator(".el-message-box");
      await box.waitFor({ state: "visible" });
      expect(await box.textContent()).toContain("评定结果为“合格”");
      await answerMessageBox(page, "提交");
      await expectMessage(page, `已提交 ${name} 的审核结果`, "success");
      await page.waitForURL(/\/reviews\/simple$/);
      await waitFor(() => queueTotal(), "4");
      expect(await tableRow(page.locator('[data-test="review-table"]'), name).count()).toBe(0);
    });
  });

  test("someone else acts first: the review is refused as a conflict and reloads", async () => {
    await step("simple-conflict", { page, server }, async () => {
      await queueRows().first().locator('[data-test="row-review"]').click();
      await page.waitForURL(/\/reviews\/simple\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split("/").pop());
      await page.locator('[data-test="review-next"]').click();
      await page.locator('[data-test="rate-all"]').click();

      // Another tab of the institution returns it to the physician meanwhile.
      const current = await graphql<{ application: { version: number } }>(
        nnyy.context,
        "query($id:Int!){application(id:$id){version}}",
        { id },
      );
      const rejected = await graphql(
        nnyy.context,
        'mutation($id:Int!,$v:Int){rejectApplication(id:$id,reason:"材料不全",expectedVersion:$v){id}}',
        {
          id,
          v: current.data!.application.version,
        },
      );
      expect(rejected.errors).toBeUndefined();

      await page.locator('[data-test="review-approve"]').click();
      await answerMessageBox(page, "提交");
      await expectMessage(page, "他人已先行处理了该记录", "warning");
      // Reloaded: no longer in this institution's review step, the buttons are gone.
      await page.locator('[data-test="not-reviewable"]').waitFor();
      await waitFor(
        async () => (await page.locator('[data-test="application-status"]').textContent())?.trim(),
        "待报名（被机构驳回）",
      );
      expect(await page.locator('[data-test="review-approve"]').count()).toBe(0);
    });
  });

  test("一般程序审核: work quantities with their standards, 新增意见, 驳回 with a required reason", async () => {
    let name = "";
    await step("general-reject", { page, server }, async () => {
      await goTask("general");
      await page.waitForURL(/\/reviews\/general$/);
      await waitFor(() => queueRows().count(), 4);
      // A surgical department's application: it declares both 接诊 and 手术量 (the demo's order follows its dates).
      const surgical = queueRows()
        .filter({ hasText: /外科|妇产科/ })
        .first();
      name = ((await surgical.locator(".name-link").textContent()) ?? "").trim();
      await surgical.locator('[data-test="row-review"]').click();
      await page.waitForURL(/\/reviews\/general\/\d+$/);
      await page.locator('[data-test="applicant-practice"]').waitFor();
      await page.locator('[data-test="review-next"]').click();

      const table = page.locator('[data-test="rating-table"]');
      await table.waitFor();
      const patients = table.locator('tr[data-item="WORK_QUANTITY:PATIENTS"]');
      expect(await patients.textContent()).toContain("接诊病人数");
      expect(await patients.textContent()).toContain("2400 人次/两年");
      expect(await patients.textContent()).toContain("2000 人次/两年");
      const operations = table.locator('tr[data-item="WORK_QUANTITY:OPERATIONS"]');
      expect(await operations.textContent()).toContain("1650 例/两年");
      expect(await operations.textContent()).toContain("1500 例/两年");

      // 新增意见 (多机构执业): saved with the loaded version; the page picks up the new one.
      await page.locator('[data-test="add-opinion"]').click();
      const opinion = page.locator('[data-test="opinion-dialog"]');
      await opinion.waitFor({ state: "visible" });
      await opinion.locator('input[name="opinionInstitution"]').fill("南宁市第二人民医院");
      await opinion.locator('textarea[name="opinionText"]').fill("该医师在我院多点执业期间工作量达标，同意评定合格。");
      await page.locator('[data-test="opinion-save"]').click();
      await expectMessage(page, "已新增其他执业机构意见", "success");
      await page.locator('[data-test="other-opinions"]').getByText("南宁市第二人民医院").waitFor();

      // 修改 / 删除 the opinion while this institution reviews (issue 16 item 8); each lands on the timeline.
      await page.locator('[data-test="edit-opinion"]').first().click();
      await opinion.waitFor({ state: "visible" });
      expect(await opinion.locator('textarea[name="opinionText"]').inputValue()).toContain("同意评定合格");
      await opinion.locator('textarea[name="opinionText"]').fill("该医师在我院多点执业期间表现良好。");
      await page.locator('[data-test="opinion-save"]').click();
      await expectMessage(page, "已修改其他执业机构意见", "success");
      await page.locator('[data-test="other-opinions"]').getByText("该医师在我院多点执业期间表现良好。").waitFor();
      await page.locator('[data-test="remove-opinion"]').first().click();
      await answerMessageBox(page, "删除");
      await expectMessage(page, "已删除 南宁市第二人民医院 的意见", "success");
      await page.locator('[data-test="other-opinions"]').waitFor({ state: "detached" });

      // 提交 with nothing rated: the first missing row is scrolled into view, clear of the sticky action bar.
      await page.locator('[data-test="review-approve"]').click();
      await expectMessage(page, "请评定：", "warning");
      const firstMissing = table.locator("tr.missing").first();
      await firstMissing.waitFor();
      await waitFor(async () => {
        const row = await firstMissing.boundingBox();
        const bar = await page.locator('[data-test="review-actions"]').boundingBox();
        return !!row && !!bar && row.y >= 0 && row.y + row.height <= bar.y;
      }, true);

      await rate(page, "WORK_QUANTITY:PATIENTS", "合格");
      await rate(page, "WORK_QUANTITY:OPERATIONS", "不合格");
      await rate(page, "WORK_PERFORMANCE", "合格");
      await rate(page, "ETHICS", "合格");
      await waitFor(async () => (await page.locator('[data-test="outcome"]').textContent())?.trim(), "不合格");
      // A 不合格 requires an opinion: the form says so before submit, and 提交 stops at the field.
      await page.locator('[data-test="opinion-required-hint"]').waitFor();
      await page.locator('[data-test="review-approve"]').click();
      await page
        .locator('[data-test="review-opinion"] .el-form-item__error')
        .filter({ hasText: "评定为不合格的，须填写评定意见" })
        .waitFor();
      expect(await page.locator(".el-message-box").isVisible()).toBe(false);
      await page.mouse.move(0, 0);
      await screenshot(page, "review-general-rating");
      await expectAccessible(page, "review-general-rating");
      // 手术量 1650 against 1500 rated 不合格: confirmation is asked, naming the contradiction.
      await page.locator('textarea[name="reviewOpinion"]').fill("手术并发症率偏高，经科室评议不合格");
      await page.locator('[data-test="review-approve"]').click();
      const contradiction = page.locator(".el-message-box");
      await contradiction.waitFor({ state: "visible" });
      expect(await contradiction.textContent()).toContain("已达标却评为不合格");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "review-general-contradiction-1024");
      await page.setViewportSize({ width: 1440, height: 900 });
      await answerMessageBox(page, "取消");

      // 驳回: the reason is required; the parts of the 报名 it concerns may be ticked.
      await page.locator('[data-test="review-reject"]').click();
      const box = page.locator('[data-test="return-dialog"]');
      await box.waitFor({ state: "visible" });
      await box.locator('[data-test="return-confirm"]').click();
      await box.locator(".el-form-item__error").filter({ hasText: "请填写驳回理由" }).waitFor();
      await box.locator('[data-section="WORK_QUANTITY"]').click();
      await box.locator("textarea").fill("手术量与病案系统统计不一致，请核实后重新填报");
      await expectAccessible(page, "驳回对话框");
      await screenshot(page, "review-reject-dialog");
      await box.locator('[data-test="return-confirm"]').click();
      await box.waitFor({ state: "hidden" });
      await expectMessage(page, `已驳回 ${name} 的申请`, "success");
      await page.waitForURL(/\/reviews\/general$/);
      await waitFor(() => queueTotal(), "3");
    });

    await step("general-rejected-in-roster", { page, server }, async () => {
      // The roster shows the new status and the timeline keeps the reason.
      await page.goto("/physicians");
      await page.locator(".roster-tabs .el-tabs__item").filter({ hasText: "已确认参加" }).click();
      await page.locator('input[name="filterName"]').fill(name);
      await page.locator('input[name="filterName"]').press("Enter");
      const row = tableRow(page.locator('[data-test="roster-table"]'), name);
      await waitFor(async () => (await row.textContent())?.includes("待报名（被机构驳回）"), true);
      await row.getByRole("button", { name: "详情" }).click();
      const timeline = page.locator('[data-test="physician-drawer"] [data-test="timeline"]');
      await timeline.getByText("手术量与病案系统统计不一致，请核实后重新填报").waitFor();
      expect(await timeline.textContent()).toContain("机构驳回");
      await timeline.locator('[data-test="timeline-sections"]').getByText("需修改：工作数量").waitFor();
      await page.locator('[data-test="physician-drawer"]').getByRole("button", { name: "关闭", exact: true }).click();
    });
  });

  test("免考审核: the request with its evidence; 通过 one, 驳回 the other with a reason", async () => {
    await step("exemptions", { page, server }, async () => {
      await goTask("exemption");
      await page.waitForURL(/\/reviews\/exemptions$/);
      const rows = page.locator('[data-test="exemption-table"] .el-table__body-wrapper tr.el-table__row');
      await waitFor(() => rows.count(), 2);
      expect(await rows.first().textContent()).toContain("获得省级以上表彰");
      expect(await rows.first().textContent()).toContain("医学人文测评");
      const name = ((await rows.first().locator("strong").textContent()) ?? "").trim();

      await rows.first().locator('[data-test="row-exemption-review"]').click();
      const dialog = page.locator('[data-test="exemption-dialog"]');
      await dialog.waitFor({ state: "visible" });
      await waitFor(
        async () => (await dialog.locator('[data-test="exemption-reason"]').textContent())?.trim(),
        "获得省级以上表彰",
      );
      expect(await dialog.textContent()).toContain("2025 年获自治区优秀医师称号");
      const image = dialog.locator('[data-test="viewer-image"]');
      await image.waitFor();
      await waitFor(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true);
      expect(await dialog.locator('[data-test="viewer-current"]').textContent()).toContain("表彰证书.png");
      await page.mouse.move(0, 0);
      await expectAccessible(page, "免考审核");
      await screenshot(page, "review-exemption");

      await page.locator('[data-test="exemption-approve"]').click();
      await answerMessageBox(page, "通过");
      await expectMessage(page, `已通过 ${name} 的免考申请`, "success");
      await dialog.waitFor({ state: "hidden" });
      await waitFor(() => rows.count(), 1);

      const other = ((await rows.first().locator("strong").textContent()) ?? "").trim();
      await rows.first().locator('[data-test="row-exemption-review"]').click();
      await dialog.waitFor({ state: "visible" });
      await page.locator('[data-test="exemption-reject"]').click();
      const box = page.locator(".el-message-box");
      await box.waitFor({ state: "visible" });
      await box.locator("textarea").fill("表彰证书图片不清晰，请重新上传");
      await box.getByRole("button", { name: "驳回", exact: true }).click();
      await expectMessage(page, `已驳回 ${other} 的免考申请`, "success");
      await page.getByText("暂无待审核的免考申请").waitFor();

      // The home page's pending count follows.
      await page.goto("/home");
      const task = page.locator('[data-test="pending-tasks"] li[data-task="exemption"]');
      await waitFor(async () => (await task.locator("strong").textContent())?.trim(), "0");
    });
  });
});

/** Ticks 合格 / 不合格 for one item of the rating table. */
async function rate(page: Page, item: string, rating: "合格" | "不合格") {
  await page
    .locator(`[data-test="rating-table"] tr[data-item="${item}"] .el-radio`)
    .filter({ hasText: new RegExp(`^\\s*${rating}\\s*$`) })
    .click();
}
