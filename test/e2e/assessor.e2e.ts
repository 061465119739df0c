import type { Page } from "playwright-core";
import {
  DEMO_PASSWORD,
  answerMessageBox,
  chooseOption,
  graphql,
  expectAccessible,
  expectMessage,
  inFreshSession,
  journey,
  login,
  openSession,
  screenshot,
  step,
  waitFor,
  type Journey,
} from "./harness";
import { expectFailedLoad, expectPaging, listRows, listTotal, rowTexts, tableOf } from "./lists";

/**
 * 考核机构端 as 广西壮族自治区医师协会 (gxysxh) on the demo at volume (its institutions: nnyy, qxyy and the large
 * hospital gxykd): the 复核 queue across institutions (page 2, a failed load), batch 通过 with its per-row
 * outcome, a 驳回 with a reason, a result entered by hand, an import refused for a broken file and for bad
 * rows (nothing written), and the second assessor (lzyxh, 柳州) seeing none of it.
 */
describe("assessor console: 复核, 录入成绩, 成绩导入", () => {
  let j!: Journey;
  let page!: Page;
  journey({ env: { SEED_DEMO_VOLUME: "true" }, session: true }, (x) => ((j = x), (page = x.page)));

  const REVIEW = "assessor-review-table";
  /** Demo papers carry the cycle's years before their name. */
  const pickContaining = async (select: ReturnType<Page["locator"]>, text: string) => {
    await select.locator(".el-select__wrapper").click();
    await page.locator(".el-select-dropdown__item:visible").filter({ hasText: text }).first().click();
  };
  const RESULTS = "results-table";
  /** 所在机构 searches the server: type part of the name, pick the match. */
  const pickInstitution = async (name: string, part: string) => {
    const select = page.locator('[data-test="filter-institutionId"]');
    await select.locator(".el-select__wrapper").click();
    await select.locator("input").fill(part);
    const option = page
      .locator(".el-select-dropdown__item:visible")
      .filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) });
    await option.first().click();
  };

  test("工作台: counts by status, the queues with links, the deadlines and the administrations' contacts", async () => {
    await step("assessor-home", { page, server: j.server }, async () => {
      await login(page, "gxysxh", DEMO_PASSWORD);
      await page.waitForURL(/\/assessor\/home$/);
      const counts = page.locator('[data-test="status-counts"]');
      await counts.waitFor();
      const waiting = Number(await counts.locator('[data-status="AWAITING_ASSESSMENT_REVIEW"] strong').textContent());
      expect(waiting).toBeGreaterThan(0);
      const task = (key: string) => page.locator(`[data-test="pending-tasks"] [data-task="${key}"]`);
      const simple = Number(await task("simple").locator("strong").textContent());
      const general = Number(await task("general").locator("strong").textContent());
      expect(simple + general).toBe(waiting);
      expect(Number(await task("results").locator("strong").textContent())).toBeGreaterThan(0);
      expect(await page.locator('[data-test="deadlines"]').textContent()).toMatch(/复核截止.*测评截止/);
      expect(await page.locator('[data-test="schedule"]').textContent()).toContain("考核机构复核");
      expect(await page.locator('[data-test="administration-contacts"]').textContent()).toContain("卫生健康委员会");
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-home");
      await expectAccessible(page, "考核机构工作台");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-home-1024");
      await expectAccessible(page, "考核机构工作台（1024）");
      await page.setViewportSize({ width: 1440, height: 900 });

      // Work waits in both procedures; 去处理 on 简易程序待复核 opens the queue filtered to it, with as many rows.
      expect(simple).toBeGreaterThan(0);
      expect(general).toBeGreaterThan(0);
      await task("simple").getByRole("button", { name: "去处理" }).click();
      await page.waitForURL(/\/assessor\/reviews\?.*procedure=SIMPLE/);
      await waitFor(() => listTotal(page, REVIEW), simple);
      expect((await rowTexts(page, REVIEW)).every((r) => r.includes("简易程序"))).toBe(true);
    });
  });

  test("本机构与所负责机构: its profile and only the institutions assigned to it", async () => {
    await step("assessor-profile", { page, server: j.server }, async () => {
      await page.goto("/assessor/profile");
      await page
        .locator('[data-test="assessor-profile"]')
        .getByText("广西壮族自治区医师协会", { exact: true })
        .waitFor();
      const table = "assigned-institutions";
      await waitFor(async () => (await listRows(page, table).count()) > 0, true);
      const rows = (await rowTexts(page, table)).join("\n");
      expect(rows).toContain("南宁市第一人民医院");
      expect(rows).not.toContain("柳州市妇幼保健院");
      expect(rows).not.toContain("广西壮族自治区医师协会");
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-profile");
      await expectAccessible(page, "本机构与所负责机构");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-profile-1024");
      await page.setViewportSize({ width: 1440, height: 900 });
      // 15 institutions (nnyy, qxyy, gxykd and 12 community centres): two pages, none of another assessor's.
      await expectPaging(page, table);
      await expectFailedLoad(page, table, "AssessorAssignedInstitutions", () => page.goto("/assessor/profile"));
    });
  });

  test("复核: its queue across institutions, pages, survives a failed load", async () => {
    await step("assessor-reviews", { page, server: j.server }, async () => {
      await page.goto("/assessor/reviews");
      await waitFor(async () => (await listRows(page, REVIEW).count()) > 0, true);
      const rows = (await rowTexts(page, REVIEW)).join("\n");
      expect(rows).toContain("待考核机构复核");
      expect(rows).not.toContain("柳州市妇幼保健院");
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-reviews");
      await expectAccessible(page, "复核");
      await expectPaging(page, REVIEW);
      await expectFailedLoad(page, REVIEW, "AssessorQueue", () => page.goto("/assessor/reviews"));
    });
  });

  test("复核 in full: filters, the application with the institution's ratings and timeline, 驳回 seen by the institution", async () => {
    let name = "";
    const reason = "复核发现工作成绩自评与述职报告不一致，请核实后重新评定";
    await step("assessor-application", { page, server: j.server }, async () => {
      // A submitted-date range before the cycle: nothing, and the list says why.
      await page.goto("/assessor/reviews?submitted=2020-01-01~2020-01-02");
      await tableOf(page, REVIEW).locator('[data-test="list-empty"]').getByText("没有符合条件的申请").waitFor();
      await page.goto("/assessor/reviews");
      await waitFor(async () => (await listRows(page, REVIEW).count()) > 0, true);
      const all = await listTotal(page, REVIEW);
      // 所在机构 is searched on the server as the name is typed: only the matching institutions are offered.
      await page.locator('[data-test="filter-institutionId"] .el-select__wrapper').click();
      await page.locator('[data-test="filter-institutionId"] input').fill("社区卫生");
      const offered = page.locator(".el-select-dropdown__item:visible");
      // The 12 community centres, and nothing else.
      await waitFor(async () => {
        const texts = await offered.allTextContents();
        return texts.length >= 12 && texts.every((t) => t.includes("社区卫生"));
      }, true);
      await page.keyboard.press("Escape");
      await pickInstitution("南宁市第一人民医院", "第一人民");
      await waitFor(async () => (await rowTexts(page, REVIEW)).every((r) => r.includes("南宁市第一人民医院")), true);
      expect(await listTotal(page, REVIEW)).toBeLessThan(all);
      // The choice is in the address: after a reload the filter still names it.
      await page.reload();
      await waitFor(
        async () =>
          (await page.locator('[data-test="filter-institutionId"]').textContent())?.includes("南宁市第一人民医院"),
        true,
      );

      const row = listRows(page, REVIEW).first();
      name = (await row.locator('[data-test="cell-name"]').textContent())?.trim() ?? "";
      expect(name).not.toBe("");
      await row.locator('[data-test="row-open"]').click();
      await page.waitForURL(/\/assessor\/reviews\/\d+$/);
      await page.locator('[data-test="application-status"]').getByText("待考核机构复核").waitFor();
      await page.locator('[data-test="institution-review"] [data-test="rating-table"]').waitFor();
      expect(await page.locator('[data-test="institution-outcome"]').textContent()).toMatch(/合格/);
      expect(await page.locator(".el-timeline-item").count()).toBeGreaterThan(0);
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-application");
      await expectAccessible(page, "复核申请");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-application-1024");
      await expectAccessible(page, "复核申请（1024）");
      await page.setViewportSize({ width: 1440, height: 900 });

      // 驳回 needs a reason; then the queue no longer holds it and 考核状态 finds it returned.
      await page.locator('[data-test="rereview-reject"]').click();
      const box = page.locator(".el-message-box");
      await box.waitFor();
      await box.getByRole("button", { name: "驳回", exact: true }).click();
      await box.locator(".el-message-box__errormsg").getByText("请填写驳回理由").waitFor();
      await box.locator("textarea").fill(reason);
      await answerMessageBox(page, "驳回");
      await expectMessage(page, "已驳回至医疗卫生机构", "success");
      await page.waitForURL(/\/assessor\/reviews(\?.*)?$/);
      await chooseOption(page, page.locator('[data-test="filter-status"]'), "待医疗卫生机构审核（被考核机构驳回）");
      await waitFor(async () => (await rowTexts(page, REVIEW)).some((r) => r.includes(name)), true);
      expect(await listRows(page, REVIEW).filter({ hasText: name }).locator('[data-test="row-approve"]').count()).toBe(
        0,
      );
    });

    // The institution sees the application back in its review list, with the assessor's reason.
    await inFreshSession(j.browser, j.server, "assessor-reject-seen-by-institution", async ({ page: inst }) => {
      await login(inst, "nnyy", DEMO_PASSWORD);
      await inst.waitForURL(/\/home$/);
      let found = false;
      for (const list of ["/reviews/simple", "/reviews/general"]) {
        await inst.goto(`${list}?name=${encodeURIComponent(name)}`);
        await inst.locator(".el-table__body-wrapper, [data-test='list-empty']").first().waitFor();
        const hit = inst.locator(".el-table__body-wrapper tr.el-table__row").filter({ hasText: name });
        await inst.waitForTimeout(300);
        if (!(await hit.count())) continue;
        expect(await hit.first().textContent()).toContain("待医疗卫生机构审核（被考核机构驳回）");
        found = true;
        break;
      }
      expect(found).toBe(true);
    });
  });

  test("批量通过 reports each row (a simple and a general application); 驳回 needs a reason and leaves the queue", async () => {
    await step("assessor-batch", { page, server: j.server }, async () => {
      for (const [procedure, label] of [
        ["SIMPLE", "简易程序"],
        ["GENERAL", "一般程序"],
      ]) {
        await page.goto(`/assessor/reviews?procedure=${procedure}`);
        await waitFor(async () => (await listRows(page, REVIEW).count()) > 0, true);
        const rows = await rowTexts(page, REVIEW);
        expect(rows.every((r) => r.includes(label))).toBe(true);
        const before = await listTotal(page, REVIEW);
        await listRows(page, REVIEW).locator(".select-cell .el-checkbox:not(.is-disabled)").first().click();
        await page.locator('[data-test="batch-rereview"]').click();
        const dialog = page.locator('[data-test="batch-rereview-result"]');
        await dialog.waitFor();
        await waitFor(async () => (await dialog.locator('[data-test="batch-succeeded"]').textContent())?.trim(), "1");
        expect(await dialog.textContent()).toContain("当前状态");
        await screenshot(page, "assessor-batch-result");
        await expectAccessible(page, "批量复核结果");
        await dialog.locator('[data-test="batch-rereview-close"]').click();
        await waitFor(() => listTotal(page, REVIEW), before - 1);
      }

      await page.goto("/assessor/reviews");
      await waitFor(async () => (await listRows(page, REVIEW).count()) > 0, true);
      const before = await listTotal(page, REVIEW);
      // 驳回 one: the reason is required.
      await listRows(page, REVIEW).first().locator('[data-test="row-reject"]').click();
      const box = page.locator(".el-message-box");
      await box.waitFor();
      await box.getByRole("button", { name: "驳回", exact: true }).click();
      await box.locator(".el-message-box__errormsg").getByText("请填写驳回理由").waitFor();
      await box.locator("textarea").fill("工作数量与申报材料不一致，请核实后重新提交");
      await answerMessageBox(page, "驳回");
      await expectMessage(page, "已驳回至医疗卫生机构", "success");
      await waitFor(() => listTotal(page, REVIEW), before - 1);
    });
  });

  test("录入成绩 one by one; an import with a broken file and with bad rows writes nothing", async () => {
    await step("assessor-results", { page, server: j.server }, async () => {
      await page.goto("/assessor/results");
      await waitFor(async () => (await listRows(page, RESULTS).count()) > 0, true);
      await expectPaging(page, RESULTS);
      const before = await listTotal(page, RESULTS);

      // A first row: choose a paper and a passing score.
      await listRows(page, RESULTS).first().locator('[data-test="row-record"]').click();
      const dialog = page.locator('[data-test="score-dialog"]');
      await dialog.waitFor();
      await dialog.locator('[data-test="score-save"]').click();
      await dialog.locator('[data-test="score-error"]').getByText("请选择试卷").waitFor();
      const paper = dialog.locator('[data-test="score-paper"]');
      await paper.locator(".el-select__wrapper").click();
      await page.locator(".el-select-dropdown__item:visible").filter({ hasText: "业务水平" }).first().click();
      await dialog.locator('[data-test="score-value"] input').fill("88");
      await dialog.locator('[data-test="score-save"]').click();
      await expectMessage(page, "已录入成绩", "success");

      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-results");
      await expectAccessible(page, "录入成绩");

      // A broken file: refused with the reason, nothing imported.
      const input = page.locator('[data-test="results-upload"] input[type=file]');
      await input.setInputFiles({
        name: "成绩.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 9)]),
      });
      await page.locator('[data-test="results-import"]').click();
      await page.locator('[data-test="results-file-error"]').getByText("未导入任何成绩").waitFor();

      // Bad rows: the report lists them and the queue is unchanged.
      await input.setInputFiles({
        name: "成绩.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "\uFEFF身份证号码*,姓名,试卷名称*,成绩*\r\n450102199001011234,,不存在的试卷,80\r\n12345,,不存在的试卷,优秀\r\n",
        ),
      });
      await page.locator('[data-test="results-import"]').click();
      const summary = page.locator('[data-test="results-report-summary"]');
      await summary.getByText("整个文件未导入").waitFor();
      const reportRows = page.locator('[data-test="results-report-rows"] .el-table__body-wrapper tr.el-table__row');
      await waitFor(() => reportRows.count(), 2);
      expect(await reportRows.nth(1).textContent()).toContain("应为分数或“缺考”");
      await page.locator('[data-test="results-import"].is-loading').waitFor({ state: "detached" });
      await waitFor(() => page.locator(".el-upload-list__item").count(), 0);
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-results-import");
      await expectAccessible(page, "成绩导入报告");
      await page.reload();
      await waitFor(() => listTotal(page, RESULTS), before);
      await expectFailedLoad(page, RESULTS, "AssessorQueue", () => page.goto("/assessor/results"));
    });
  });

  test("缺考 recorded for a first test: 待确认补考, seen by the institution and the province", async () => {
    let name = "";
    await step("assessor-failed-result", { page, server: j.server }, async () => {
      await page.goto("/assessor/results");
      await pickInstitution("南宁市第一人民医院", "南宁市第一");
      await waitFor(async () => (await rowTexts(page, RESULTS)).some((r) => r.includes("待参加考核")), true);
      const row = listRows(page, RESULTS).filter({ hasText: "待参加考核" }).first();
      name = (await row.locator('[data-test="cell-name"]').textContent())?.trim() ?? "";
      await row.locator('[data-test="row-record"]').click();
      const dialog = page.locator('[data-test="score-dialog"]');
      await dialog.waitFor();
      await pickContaining(dialog.locator('[data-test="score-paper"]'), "医学人文测评（第一场）");
      await dialog.locator('[data-test="score-absent"]').click();
      await dialog.locator('[data-test="score-save"]').click();
      await expectMessage(page, "当前状态：待确认补考", "success");
      await waitFor(async () => (await rowTexts(page, RESULTS)).some((r) => r.includes(name)), false);
    });
    await inFreshSession(j.browser, j.server, "assessor-failed-seen-by-institution", async ({ page: inst }) => {
      await login(inst, "nnyy", DEMO_PASSWORD);
      await inst.waitForURL(/\/home$/);
      await inst.goto(`/assessment/progress?name=${encodeURIComponent(name)}`);
      await waitFor(async () => (await rowTexts(inst, "progress-table")).join("\n").includes("待确认补考"), true);
    });
    await inFreshSession(j.browser, j.server, "assessor-failed-seen-by-province", async ({ page: gov }) => {
      await login(gov, "gxwjw", DEMO_PASSWORD);
      await gov.waitForURL(/\/administration\/dashboard$/);
      await gov.goto(`/administration/makeups?name=${encodeURIComponent(name)}`);
      await waitFor(async () => (await rowTexts(gov, "makeup-table")).some((r) => r.includes(name)), true);
    });
  });

  test("测评进度: attempts across its institutions by paper, the institution named on each row", async () => {
    await step("assessor-tests", { page, server: j.server }, async () => {
      await page.goto("/assessor/tests");
      const table = "attempt-table";
      await waitFor(async () => (await listRows(page, table).count()) > 0, true);
      const rows = (await rowTexts(page, table)).join("\n");
      expect(rows).not.toContain("柳州市妇幼保健院");
      expect(rows).toMatch(/南宁市第一人民医院|南宁市青秀区人民医院|广西医科大学第一附属医院/);
      await expectPaging(page, table);
      const all = await listTotal(page, table);
      await pickContaining(page.locator('[data-test="filter-paperId"]'), "医学人文测评（第一场）");
      // The filtered page replaces the paged one when its answer arrives: wait for its rows, not only its total.
      await waitFor(
        async () =>
          (await listTotal(page, table)) <= all &&
          (await listRows(page, table).count()) > 0 &&
          (await rowTexts(page, table)).every((r) => r.includes("医学人文测评（第一场）")),
        true,
      );
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-tests");
      await expectAccessible(page, "测评进度（考核机构）");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-tests-1024");
      await page.setViewportSize({ width: 1440, height: 900 });
      await expectFailedLoad(page, table, "TestAttempts", () => page.goto("/assessor/tests"));
    });
  });

  test("监考查看: its institutions' snapshots, read-only (no 标记疑似 in the list or the gallery)", async () => {
    await step("assessor-proctoring", { page, server: j.server }, async () => {
      const table = "proctoring-table";
      await page.goto("/assessor/proctoring?maxSimilarity=");
      await waitFor(async () => (await listRows(page, table).count()) > 0, true);
      expect((await rowTexts(page, table)).join("\n")).not.toContain("柳州市妇幼保健院");
      expect(await listRows(page, table).locator('[data-test="row-mark"]').count()).toBe(0);
      await expectPaging(page, table);
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-proctoring");
      await expectAccessible(page, "监考查看");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-proctoring-1024");
      await page.setViewportSize({ width: 1440, height: 900 });
      await listRows(page, table).first().locator('[data-test="row-view-snapshots"]').click();
      const gallery = page.locator(".el-dialog").filter({ hasText: "监考照片" }).last();
      await gallery.waitFor();
      await page.locator(".el-dialog img").first().waitFor();
      expect(await page.locator('[data-test="gallery-mark"]').count()).toBe(0);
      await expectAccessible(page, "监考照片（考核机构）");
      await page.keyboard.press("Escape");
      await expectFailedLoad(page, table, "ProctoringAttempts", () => page.goto("/assessor/proctoring?maxSimilarity="));
    });
  });

  test("试卷管理: a paper created and edited while unused; the province's papers offer no 修改", async () => {
    await step("assessor-papers", { page, server: j.server }, async () => {
      await page.goto("/assessor/papers");
      const rows = page.locator('[data-test="papers-table"] .el-table__body-wrapper tr.el-table__row');
      await waitFor(async () => (await rows.count()) > 0, true);
      const before = await rows.count();
      await page.locator('[data-test="paper-create"]').click();
      const dialog = page.locator('[data-test="paper-dialog"]');
      await dialog.waitFor();
      await dialog.locator('[data-test="paper-save"]').click();
      await dialog.locator('[data-test="paper-error"]').getByText("请填写试卷名称").waitFor();
      await dialog
        .locator('input[data-test="paper-name"], [data-test="paper-name"] input')
        .fill("医学人文测评（补考场）");
      const range = dialog.locator(".el-range-input");
      await range.nth(0).fill("2026-12-10 09:00:00");
      await range.nth(1).fill("2026-12-10 11:00:00");
      await range.nth(1).press("Enter");
      await dialog.locator(".el-dialog__title").click();
      await dialog.locator('[data-test="paper-save"]').click();
      await expectMessage(page, "试卷已创建", "success");
      await waitFor(() => rows.count(), before + 1);
      const created = rows.filter({ hasText: "医学人文测评（补考场）" });
      // Demo papers were set by the province: no 修改 for the assessor; its own paper has one.
      expect(await rows.first().locator('[data-test="paper-edit"]').count()).toBe(0);
      await created.locator('[data-test="paper-edit"]').click();
      await dialog.waitFor();
      await dialog
        .locator('input[data-test="paper-name"], [data-test="paper-name"] input')
        .fill("医学人文测评（补考第一场）");
      await dialog.locator('[data-test="paper-save"]').click();
      await expectMessage(page, "试卷已修改", "success");
      await rows.filter({ hasText: "医学人文测评（补考第一场）" }).waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-papers");
      await expectAccessible(page, "试卷管理");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-papers-1024");
      await page.setViewportSize({ width: 1440, height: 900 });
      // A failed load says so (not 本周期暂无试卷); 重试 brings the papers back, the new one among them.
      await expectFailedLoad(page, "papers-table", "AssessorPapers", () => page.reload());
      await rows.filter({ hasText: "医学人文测评（补考第一场）" }).waitFor();
    });
  });

  test("免考复核: two pages of exemptions, a failed load, one approved leaves the queue", async () => {
    // gxykd approves its 12 exemption requests (as its 免考审核 would): with the demo's 3 they make two pages.
    const approved = await approveExemptionsAs("gxykd");
    expect(approved).toBe(12);
    await step("assessor-exemptions", { page, server: j.server }, async () => {
      await page.goto("/assessor/exemptions");
      const table = "exemption-rereview-table";
      await waitFor(async () => (await listRows(page, table).count()) > 0, true);
      const before = await listTotal(page, table);
      expect(before).toBe(15);
      expect(await page.locator('[data-test="queue-total"]').textContent()).toBe("15");
      expect((await rowTexts(page, table)).join("\n")).toContain("待考核机构复核");
      await expectAccessible(page, "免考复核");
      await expectPaging(page, table);
      await page.mouse.move(0, 0);
      await screenshot(page, "assessor-exemptions");
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, "assessor-exemptions-1024");
      await page.setViewportSize({ width: 1440, height: 900 });
      await expectFailedLoad(page, table, "AssessorQueue", () => page.reload());
      await listRows(page, table).first().locator('[data-test="row-approve"]').click();
      await answerMessageBox(page, "通过");
      await expectMessage(page, "免考申请已复核通过", "success");
      await waitFor(() => listTotal(page, table), before - 1);
    });
  });

  /** An institution approves every exemption request waiting on it, through the API its console uses. */
  async function approveExemptionsAs(username: string): Promise<number> {
    const s = await openSession(j.browser, j.server.url);
    try {
      await login(s.page, username, DEMO_PASSWORD);
      await s.page.waitForURL(/\/home$/);
      const queue = await graphql<{ applications: { items: { id: number; version: number }[] } }>(
        s.context,
        "{ applications(filter: { queue: EXEMPTION_REVIEW }, pageSize: 50) { items { id version } } }",
      );
      const items = queue.data?.applications.items ?? [];
      for (const a of items) {
        const r = await graphql(
          s.context,
          "mutation ($id: Int!, $v: Int) { approveExemption(id: $id, expectedVersion: $v) { id exemptionStatus } }",
          { id: a.id, v: a.version },
        );
        expect(r.errors).toBeUndefined();
      }
      return items.length;
    } finally {
      await s.context.close();
    }
  }

  test("at 1024 px; the second assessor sees only its own institutions", async () => {
    const other = await openSession(j.browser, j.server.url, { viewport: "laptop" });
    await step("assessor-second", { page: other.page, server: j.server }, async () => {
      await login(other.page, "lzyxh", DEMO_PASSWORD);
      await other.page.waitForURL(/\/assessor\/home$/);
      await other.page.goto("/assessor/reviews");
      await waitFor(async () => (await listRows(other.page, REVIEW).count()) > 0, true);
      const rows = (await rowTexts(other.page, REVIEW)).join("\n");
      expect(rows).toContain("柳州市妇幼保健院");
      expect(rows).not.toMatch(/南宁|广西医科大学/);
      await other.page.mouse.move(0, 0);
      await screenshot(other.page, "assessor-reviews-1024");
      await expectAccessible(other.page, "复核（1024）");
    });
    expect(other.problems).toEqual([]);
    await other.context.close();
  });
});
