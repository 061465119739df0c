import type { Browser, Locator, Page } from "playwright-core";
import {
  answerMessageBox,
  expectAccessible,
  DEMO_PASSWORD,
  expectMessage,
  formItem,
  graphql,
  legacyIdNumber,
  login,
  openSession,
  screenshot,
  step,
  tableRow,
  waitFor,
  type RunningServer,
  type Session,
  journey,
} from "./harness";

/**
 * Manual 2.2.5 医师管理 as 南宁市第一人民医院 (nnyy) with the demo roster (10 未确认参加, 29 已确认参加 in
 * every status): 批量参加, 取消报名 (and its refusal once reviewed), 详情, 新增医师, 删除, 调离 → 调入
 * by the 15-digit ID number at 柳州市妇幼保健院 (lzfy), 名册导入.
 */
describe("physicians: roster, enrolment, transfers, import", () => {
  let server!: RunningServer;
  let browser!: Browser;
  let nnyy!: Session;
  let page!: Page;
  journey({ signIn: "nnyy" }, (j) => ({ server, browser, session: nnyy, page } = j));

  const table = () => page.locator('[data-test="roster-table"]');
  const rows = () => table().locator(".el-table__body-wrapper tr.el-table__row");
  const tabCount = async (tab: "not-enrolled" | "enrolled") =>
    (await page.locator(`[data-test="tab-${tab}"] .count`).textContent())?.trim();
  const total = async () => (await page.locator(".pa-pagination .el-pagination__total").textContent())?.trim();
  const nameOf = async (row: Locator) => (await row.locator(".name-link").textContent())!.trim();

  async function openTab(name: "未确认参加" | "已确认参加") {
    await page.locator(".roster-tabs .el-tabs__item").filter({ hasText: name }).click();
  }

  async function filterByName(name: string) {
    await page.locator('input[name="filterName"]').fill(name);
    await page.locator('input[name="filterName"]').press("Enter");
    await waitFor(async () => (await rows().count()) === 1 && (await nameOf(rows().first())) === name, true);
  }

  async function more(row: Locator, item: string) {
    await row.locator('[data-test="row-more"]').click();
    await page.locator(".el-dropdown-menu__item:visible").filter({ hasText: item }).first().click();
  }

  test("医师列表: tabs with counts; 批量参加 reports each refusal and moves the others to 已确认参加", async () => {
    await step("roster-batch", { page, server }, async () => {
      await page.locator(".el-sub-menu__title").filter({ hasText: "医师管理" }).waitFor();
      await page.locator(".el-menu-item").filter({ hasText: "医师列表" }).click();
      await page.waitForURL(/\/physicians$/);
      await waitFor(() => rows().count(), 10);
      await waitFor(() => tabCount("not-enrolled"), "10");
      await waitFor(() => tabCount("enrolled"), "29");
      expect(await total()).toBe("共 10 条");
      // Masked identifiers in the list.
      expect(await rows().first().textContent()).toMatch(/4501\*{10}\d{3}[\dX]/);
      await page.mouse.move(0, 0);
      await expectAccessible(page, "医师列表");
      await screenshot(page, "roster");

      // A suspended physician cannot take part: his box is disabled and says why, and so is 参加.
      const suspended = rows().nth(3);
      const suspendedName = await nameOf(suspended);
      await more(suspended, "设为暂停执业");
      await answerMessageBox(page, "确定");
      await expectMessage(page, `${suspendedName} 的执业状态已设为“暂停执业”`, "success");
      await waitFor(async () => (await tableRow(table(), suspendedName).textContent())?.includes("暂停执业"), true);
      const row3 = tableRow(table(), suspendedName);
      expect(await row3.locator(".select-cell .el-checkbox").getAttribute("class")).toContain("is-disabled");
      expect(await row3.locator('[data-test="row-enroll"]').isDisabled()).toBe(true);
      await row3.locator(".select-box").hover();
      await page.locator(".el-popper:visible").filter({ hasText: "该医师不在执业状态，不能参加考核" }).waitFor();

      // The button stays disabled until something is ticked.
      expect(await page.locator('[data-test="batch-enroll"]').isDisabled()).toBe(true);
      const picked: string[] = [];
      for (let i = 0; picked.length < 4; i++) {
        const name = await nameOf(rows().nth(i));
        if (name === suspendedName) continue;
        picked.push(name);
        await rows().nth(i).locator(".el-checkbox").click();
      }
      // Meanwhile another tab suspends one of them: the batch must refuse him with the server's reason.
      const late = picked[3];
      const found = await graphql<{ physicians: { items: { id: number }[] } }>(
        nnyy.context,
        `
          query ($name: String) {
            physicians(filter: { name: $name, tab: NOT_ENROLLED }, page: 1, pageSize: 1) {
              items {
                id
              }
            }
          }
        `,
        { name: late },
      );
      const suspendedLate = await graphql(
        nnyy.context,
        `
          mutation ($id: Int!) {
            setPhysicianPractisingStatus(physicianId: $id, status: SUSPENDED) {
              id
            }
          }
        `,
        { id: found.data!.physicians.items[0].id },
      );
      expect(suspendedLate.errors).toBeUndefined();
      await page.getByText("已选择 4 人").waitFor();
      await page.locator('[data-test="batch-enroll"]').click();
      const dialog = page.locator('[data-test="batch-enroll-dialog"]');
      await dialog.waitFor({ state: "visible" });
      for (const n of picked) await dialog.getByText(n, { exact: true }).waitFor();
      await page.locator('[data-test="batch-enroll-start"]').click();

      const result = page.locator('[data-test="batch-enroll-result"]');
      await result.waitFor();
      expect(await page.locator('[data-test="batch-succeeded"]').textContent()).toBe("3");
      expect(await page.locator('[data-test="batch-failed"]').textContent()).toBe("1");
      const failure = tableRow(page.locator('[data-test="batch-failures"]'), late);
      expect(await failure.textContent()).toContain("该医师不在执业状态，不能参加考核");
      await expectAccessible(page, "批量参加结果");
      await screenshot(page, "batch-enroll-result");
      await page.locator('[data-test="batch-enroll-close"]').click();
      await dialog.waitFor({ state: "hidden" });

      // The three are gone from 未确认参加 and counted in 已确认参加; the suspended ones stayed.
      await waitFor(() => tabCount("not-enrolled"), "7");
      await waitFor(() => tabCount("enrolled"), "32");
      await tableRow(table(), suspendedName).waitFor();
      await tableRow(table(), late).waitFor();
      await openTab("已确认参加");
      await filterByName(picked[0]);
      expect(await rows().first().textContent()).toContain("待报名");
    });
  });

  test("取消报名: asks first before review; once reviewed the server's refusal is shown", async () => {
    await step("cancel-enrollment", { page, server }, async () => {
      // picked[0] of the previous journey is filtered on the 已确认参加 tab, status 待报名.
      const row = rows().first();
      const name = await nameOf(row);
      await row.locator('[data-test="row-cancel"]').click();
      await answerMessageBox(page, "取消报名");
      await expectMessage(page, `已为 ${name} 取消报名`, "success");
      await page.getByText("没有符合条件的医师").waitFor();
      // The tab counts follow the filter: under his name he is now 未确认参加.
      await waitFor(() => tabCount("not-enrolled"), "1");
      expect(await tabCount("enrolled")).toBe("0");

      // An application already reviewed by the institution (待考核机构复核): refused with whom to contact.
      await page.locator('input[name="filterName"]').fill("");
      const status = formItem(page, "考核状态");
      await status.locator(".el-select__wrapper").click();
      await page
        .locator(".el-select-dropdown__item:visible")
        .filter({ hasText: /^\s*待考核机构复核\s*$/ })
        .click();
      await waitFor(() => total(), "共 3 条");
      // Its 取消报名 is disabled and says whom to contact.
      const reviewed = rows().first();
      const cancel = reviewed.locator('[data-test="row-cancel"]');
      expect(await cancel.isDisabled()).toBe(true);
      await reviewed.locator('.op:has([data-test="row-cancel"])').hover();
      await page
        .locator(".el-popper:visible")
        .filter({
          hasText:
            "该申请已通过本机构审核，不能由本机构取消报名；如需取消，请联系上级卫生行政部门办理（取消报名或驳回）",
        })
        .waitFor();
      expect(await reviewed.textContent()).toContain("待考核机构复核");
      await waitFor(() => total(), "共 3 条");
    });
  });

  test("详情 shows full identifiers and the timeline; 新增医师 validates and creates; 删除 needs 已确认不执业", async () => {
    await step("detail-create-delete", { page, server }, async () => {
      await page.locator(".filters").getByRole("button", { name: "重置" }).click();
      await waitFor(() => total(), "共 31 条");
      await waitFor(() => tabCount("not-enrolled"), "8");
      const first = rows().first();
      const name = await nameOf(first);
      await first.getByRole("button", { name: "详情" }).click();
      const drawer = page.locator('[data-test="physician-drawer"]');
      await drawer.waitFor({ state: "visible" });
      await waitFor(
        async () =>
          /^\d{17}[\dX]$/.test(((await drawer.locator('[data-test="detail-id-number"]').textContent()) ?? "").trim()),
        true,
      );
      const timeline = drawer.locator('[data-test="timeline"]');
      await timeline.waitFor();
      expect(await timeline.textContent()).toContain("确认参加");
      expect(await drawer.textContent()).toContain(name);
      await expectAccessible(page, "医师详情");
      await drawer.getByRole("button", { name: "关闭", exact: true }).click();
      await drawer.waitFor({ state: "hidden" });

      // 新增医师: client rules first, then a new physician with an account.
      await openTab("未确认参加");
      await waitFor(() => total(), "共 8 条");
      await page.locator('[data-test="create-physician"]').click();
      const dialog = page.locator('[data-test="physician-dialog"]');
      await dialog.waitFor({ state: "visible" });
      await page.locator('[data-test="physician-save"]').click();
      await formItem(dialog, "姓名").locator(".el-form-item__error").filter({ hasText: "请填写姓名" }).waitFor();
      await dialog.locator('input[name="physicianName"]').fill("覃志明");
      await dialog.locator('input[name="physicianIdNumber"]').fill("450103198804152012");
      await dialog.locator('input[name="physicianIdNumber"]').blur();
      await formItem(dialog, "身份证号码").locator(".el-form-item__error").filter({ hasText: "校验位错误" }).waitFor();
      await dialog.locator('input[name="physicianIdNumber"]').fill("450103198804152013");
      await waitFor(
        async () => (await dialog.locator('[data-test="id-number-hint"]').textContent())?.includes("校验通过"),
        true,
      );
      await pick(page, dialog.locator('[data-test="physician-category"]'), "临床");
      await pick(page, dialog.locator('[data-test="physician-level"]'), "执业医师");
      await dialog.locator('[data-test="physician-scopes"] .el-select__wrapper').click();
      await page
        .locator(".el-select-dropdown__item:visible")
        .filter({ hasText: /^\s*内科专业\s*$/ })
        .click();
      await dialog.locator(".el-dialog__header").click();
      await pick(page, dialog.locator('[data-test="physician-title"]'), "主治医师");
      await pick(page, dialog.locator('[data-test="physician-department"]'), "心血管内科");
      await dialog.locator('input[name="physicianPhone"]').fill("13907718888");
      await page.locator('[data-test="physician-save"]').click();
      await expectMessage(page, "已新增医师 覃志明", "success");
      await dialog.waitFor({ state: "hidden" });
      await waitFor(() => tabCount("not-enrolled"), "9");

      // The same ID number again: the server's conflict lands on the field.
      await page.locator('[data-test="create-physician"]').click();
      await dialog.waitFor({ state: "visible" });
      await dialog.locator('input[name="physicianName"]').fill("覃志明");
      await dialog.locator('input[name="physicianIdNumber"]').fill("450103198804152013");
      await pick(page, dialog.locator('[data-test="physician-category"]'), "临床");
      await pick(page, dialog.locator('[data-test="physician-level"]'), "执业医师");
      await dialog.locator('[data-test="physician-scopes"] .el-select__wrapper').click();
      await page
        .locator(".el-select-dropdown__item:visible")
        .filter({ hasText: /^\s*外科专业\s*$/ })
        .click();
      await dialog.locator(".el-dialog__header").click();
      await page.locator('[data-test="physician-save"]').click();
      await formItem(dialog, "身份证号码").locator(".el-form-item__error").filter({ hasText: "已存在" }).waitFor();
      // The previous 已新增医师 toast lies under this dialog's mask, dimmed: not text the user reads. Let it go first.
      await page.locator(".el-message--success").waitFor({ state: "detached" });
      await expectAccessible(page, "新增医师（身份证号码已存在）");
      await dialog.getByRole("button", { name: "取消" }).click();

      // 删除: only after confirming 已确认不执业.
      await filterByName("覃志明");
      await more(rows().first(), "删除");
      const del = page.locator('[data-test="delete-physician-dialog"]');
      await del.waitFor({ state: "visible" });
      expect(await page.locator('[data-test="delete-physician-submit"]').isDisabled()).toBe(true);
      await expectAccessible(page, "删除医师");
      await del.locator('[data-test="confirm-not-practising"]').click();
      await page.locator('[data-test="delete-physician-submit"]').click();
      await expectMessage(page, "已删除医师 覃志明", "success");
      await del.waitFor({ state: "hidden" });
      await page.getByText("没有符合条件的医师").waitFor();
      await waitFor(() => tabCount("not-enrolled"), "0");
    });
  });

  test("调离, then 调入医师 at another institution by the 15-digit ID number", async () => {
    let name = "";
    let id18 = "";
    await step("transfer-out", { page, server }, async () => {
      await page.locator(".filters").getByRole("button", { name: "重置" }).click();
      await waitFor(() => total(), "共 8 条");
      const row = rows().nth(4);
      name = await nameOf(row);
      await row.getByRole("button", { name: "详情" }).click();
      const drawer = page.locator('[data-test="physician-drawer"]');
      const idCell = drawer.locator('[data-test="detail-id-number"]');
      await waitFor(async () => /^\d{17}[\dX]$/.test(((await idCell.textContent()) ?? "").trim()), true);
      id18 = ((await idCell.textContent()) ?? "").trim();
      await drawer.getByRole("button", { name: "关闭", exact: true }).click();
      await drawer.waitFor({ state: "hidden" });

      await more(tableRow(table(), name), "调离");
      const dialog = page.locator('[data-test="transfer-out-dialog"]');
      await dialog.waitFor({ state: "visible" });
      await page.locator('[data-test="transfer-out-submit"]').click();
      await formItem(dialog, "调离原因")
        .locator(".el-form-item__error")
        .filter({ hasText: "请选择调离原因" })
        .waitFor();
      await expectAccessible(page, "调离（原因未选）");
      await dialog.locator('[data-test="transfer-out-reason"]').getByText("调动", { exact: true }).click();
      await dialog.locator('textarea[name="transferOutNote"]').fill("调往柳州市妇幼保健院");
      await page.locator('[data-test="transfer-out-submit"]').click();
      await expectMessage(page, `${name} 已调离本机构`, "success");
      await waitFor(() => tabCount("not-enrolled"), "7");
      expect(await tableRow(table(), name).count()).toBe(0);
    });

    // 柳州市妇幼保健院 looks him up by the old 15-digit number and takes him in.
    const lzfy = await openSession(browser, server.url);
    const other = lzfy.page;
    await step("transfer-in", { page: other, server }, async () => {
      await login(other, "lzfy", DEMO_PASSWORD);
      await other.waitForURL(/\/home$/);
      await other.goto("/physicians/transfer-in");
      await other.getByText("请输入医师的身份证号码查询").waitFor();
      const input = other.locator('input[name="transferIdNumber"]');

      // A number of the wrong length is caught before asking.
      await input.fill(legacyIdNumber(id18).slice(0, 14));
      await other.locator('[data-test="transfer-search"]').click();
      await formItem(other, "证件号码").locator(".el-form-item__error").filter({ hasText: "15位" }).waitFor();

      await input.fill(legacyIdNumber(id18));
      await waitFor(
        async () => (await other.locator('[data-test="transfer-id-hint"]').textContent())?.includes("15 位"),
        true,
      );
      await other.locator('[data-test="transfer-search"]').click();
      const candidates = other.locator('[data-test="transfer-candidates"]');
      const row = tableRow(candidates, name);
      await row.waitFor();
      expect(await row.textContent()).toContain("该医师未在任何机构执业，可以调入");
      expect(await row.textContent()).toContain(`${id18.slice(0, 4)}**********${id18.slice(-4)}`);
      await other.mouse.move(0, 0);
      await expectAccessible(other, "调入医师");
      await screenshot(other, "transfer-in");

      await row.locator('[data-test="transfer-in"]').click();
      await answerMessageBox(other, "调入");
      await expectMessage(other, `${name} 已调入本机构`, "success");
      await other.locator('[data-test="transfer-done"]').getByText(name).waitFor();

      // The same flow asks for a 科室 (the former one does not come along): 分配科室 opens his form.
      const arrival = other.locator('[data-test="transfer-arrival"]').filter({ hasText: name });
      await other.locator(".el-message-box").getByText("尚未分配本机构的科室").waitFor();
      // Checked once the box has faded in (a half-transparent box fails contrast while it animates).
      await waitFor(() => other.evaluate(() => document.getAnimations().every((a) => a.playState !== "running")), true);
      await other.mouse.move(0, 0); // not hovering the box's button (a hovered primary button is lighter)
      await expectAccessible(other, "调入：分配科室提示");
      await answerMessageBox(other, "分配科室");
      const editor = other.locator('[data-test="physician-dialog"]');
      await editor.waitFor({ state: "visible" });
      await editor.locator('[data-test="physician-department"]').click();
      const option = other.locator(".el-select-dropdown__item:visible").first();
      const department = ((await option.textContent()) ?? "").trim();
      await option.click();
      await other.locator('[data-test="physician-save"]').click();
      await expectMessage(other, `已保存 ${name} 的信息`, "success");
      await editor.waitFor({ state: "hidden" });
      await waitFor(async () => (await arrival.textContent())?.includes(`科室：${department}`), true);
      expect(await arrival.textContent()).not.toContain("尚未分配科室");
      await other.mouse.move(0, 0);
      await screenshot(other, "transfer-in-department-assigned");

      // Looking him up again: now he is here.
      await input.fill(id18);
      await other.locator('[data-test="transfer-search"]').click();
      await waitFor(
        async () => (await other.locator('[data-test="transfer-message"]').textContent())?.trim(),
        "该医师已在本机构",
      );

      // He is on 柳州's roster, not yet enrolled.
      await other.goto("/physicians");
      await other.locator('input[name="filterName"]').fill(name);
      await other.locator('input[name="filterName"]').press("Enter");
      await waitFor(
        async () =>
          (await other.locator('[data-test="roster-table"] .el-table__body-wrapper tr.el-table__row').count()) >= 1,
        true,
      );
      expect(await other.locator('[data-test="roster-table"]').textContent()).toContain(name);
    });
    expect(lzfy.problems).toEqual([]);
    await lzfy.context.close();
  });

  test("名册导入: a file with one good and one bad row gives a row-level report", async () => {
    await step("roster-import", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "名册导入" }).click();
      await page.waitForURL(/\/physicians\/import$/);

      // The templates are downloadable.
      for (const kind of ["xlsx", "csv"]) {
        const href = await page.locator(`[data-test="template-${kind}"]`).getAttribute("href");
        const res = await nnyy.context.request.get(href!);
        expect(res.status()).toBe(200);
      }

      const csv = [
        "姓名*,身份证号码*,手机号码,执业类别*,执业范围*,医师级别*,职称,首次执业日期,科室",
        "黄志远,450103198503122013,13907715555,临床,内科专业,执业医师,主治医师,2010-07-01,心血管内科",
        "蒙晓丽,45010319850312201X,1390771,牙科,内科专业,医生,,2010-07-01,不存在的科室",
      ].join("\r\n");
      // A text file is refused before anything is sent.
      await page
        .locator('.el-upload input[type="file"]')
        .setInputFiles({ name: "名册.txt", mimeType: "text/plain", buffer: Buffer.from("x") });
      await expectMessage(page, "格式不支持", "warning");
      await page
        .locator('.el-upload input[type="file"]')
        .setInputFiles({ name: "医师名册.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}\r\n`, "utf8") });
      await page.locator(".el-upload-list__item").filter({ hasText: "医师名册.csv" }).waitFor();
      await page.locator('[data-test="start-import"]').click();
      await expectMessage(page, "导入完成：新增 1 人，更新 0 人，拒绝 1 行");
      await page.waitForURL(/\/physicians\/import\?job=\d+$/);

      const report = page.locator('[data-test="import-report"]');
      await report.waitFor();
      await waitFor(async () => (await page.locator('[data-test="stat-total"]').textContent())?.trim(), "2");
      expect(await page.locator('[data-test="stat-created"]').textContent()).toBe("1");
      expect(await page.locator('[data-test="stat-refused"]').textContent()).toBe("1");
      const reportRows = page.locator('[data-test="import-rows"]');
      expect(await tableRow(reportRows, "黄志远").textContent()).toContain("新增");
      const bad = tableRow(reportRows, "蒙晓丽");
      const badText = await bad.textContent();
      expect(badText).toContain("拒绝");
      expect(badText).toContain("身份证号码校验位错误");
      expect(badText).toContain("执业类别“牙科”不存在");
      await page.mouse.move(0, 0);
      await screenshot(page, "roster-import");

      // Filter by outcome (server-side).
      await page.locator('[data-test="outcome-filter"]').getByText("拒绝", { exact: true }).click();
      await waitFor(() => reportRows.locator(".el-table__body-wrapper tr.el-table__row").count(), 1);
      expect(await reportRows.textContent()).toContain("蒙晓丽");

      // The report survives a reload (its id is in the address).
      await page.reload();
      await waitFor(async () => (await page.locator('[data-test="stat-created"]').textContent())?.trim(), "1");

      // The created physician is on the roster.
      await page.goto("/physicians");
      await filterByName("黄志远");
    });
  });
});

/** Picks an option of an el-select given by its wrapper locator. */
async function pick(page: Page, select: Locator, option: string) {
  await select.locator(".el-select__wrapper").click();
  await page
    .locator(".el-select-dropdown__item:visible")
    .filter({ hasText: new RegExp(`^\\s*${option}\\s*$`) })
    .first()
    .click();
}
