import type { Browser, Page } from "playwright-core";
import {
  answerMessageBox,
  chooseOption,
  DEMO_PASSWORD,
  expectMessage,
  formItem,
  login,
  openSession,
  samplePdf,
  screenshot,
  step,
  tableRow,
  waitFor,
  withCreditCheck,
  type RunningServer,
  type Session,
  journey,
  inFreshSession,
  signInToHome,
  expectAccessible,
  VIEWPORTS,
} from "./harness";

/** Manual 2.2.2–2.2.4 as 南宁市第一人民医院 (nnyy): 本机构信息, 科室信息, 申请考核机构 (approved by nnwjw). */
describe("institution: profile, departments, assessment-institution application", () => {
  let server!: RunningServer;
  let browser!: Browser;
  let nnyy!: Session;
  let page!: Page;
  journey({ signIn: "nnyy" }, (j) => ({ server, browser, session: nnyy, page } = j));

  test("本机构信息: required fields are checked, server field errors land on their field, changes are saved", async () => {
    await step("profile", { page, server }, async () => {
      await page.locator(".el-sub-menu__title").filter({ hasText: "机构信息" }).waitFor();
      await page.locator(".el-menu-item").filter({ hasText: "本机构信息" }).click();
      await page.waitForURL(/\/institution\/profile$/);
      const name = page.locator('input[name="name"]');
      await waitFor(() => name.inputValue(), "南宁市第一人民医院");
      // Submitted before: the header says when, and no task tag.
      const profileState = page.locator('[data-test="profile-state"]');
      await waitFor(async () => (await profileState.textContent())?.includes("最后更新"), true);
      expect(await profileState.textContent()).not.toContain("请核对并提交");
      // Every text input shows its limit (the shared declaration in rules/): 名称 128, 地址 255.
      expect(await name.getAttribute("maxlength")).toBe("128");
      expect(await formItem(page, "机构名称").locator(".el-input__count").textContent()).toMatch(/^\s*9 \/ 128\s*$/);
      expect(await page.locator('input[name="address"]').getAttribute("maxlength")).toBe("255");
      await formItem(page, "详细地址").locator(".el-input__count").filter({ hasText: "/ 255" }).waitFor();
      // Pasting a longer name stops at the limit, visibly: the counter stands at 128 / 128.
      await name.fill("南".repeat(140));
      await waitFor(async () => (await name.inputValue()).length, 128);
      await formItem(page, "机构名称").locator(".el-input__count").filter({ hasText: "128 / 128" }).waitFor();
      await waitFor(async () => (await profileState.textContent())?.includes("有未提交的修改"), true);
      await name.fill("南宁市第一人民医院");
      await waitFor(async () => (await profileState.textContent())?.includes("有未提交的修改"), false);
      await screenshot(page, "institution-profile");

      // A required field left empty and a malformed phone: each field says what is wrong, the toast names them.
      await page.locator('input[name="contactPerson"]').fill("");
      await page.locator('input[name="contactPhone"]').fill("2188888");
      await page.locator('[data-test="profile-submit"]').click();
      await formItem(page, "联系人").locator(".el-form-item__error").filter({ hasText: "请填写联系人" }).waitFor();
      await formItem(page, "联系电话")
        .locator(".el-form-item__error")
        .filter({ hasText: "联系电话格式不正确，请填写手机号或带区号的固定电话" })
        .waitFor();
      await expectMessage(page, "请按红色提示修改：联系人、联系电话", "warning");
      await screenshot(page, "institution-profile-field-errors");
      await page.locator('input[name="contactPhone"]').fill("0771-2186000");

      // A credit code with a wrong check character is caught while typing.
      const credit = page.locator('input[name="creditCode"]');
      const original = await credit.inputValue();
      await credit.fill(original.slice(0, 17) + (original[17] === "0" ? "1" : "0"));
      await credit.blur();
      await formItem(page, "统一社会信用代码")
        .locator(".el-form-item__error")
        .filter({ hasText: "校验位错误" })
        .waitFor();

      // A well-formed code that belongs to another institution: only the server knows; its message goes under the field.
      await credit.fill(withCreditCheck("12450103498500002"));
      await page.locator('input[name="contactPerson"]').fill("王主任");
      await page.locator('[data-test="profile-submit"]').click();
      await formItem(page, "统一社会信用代码")
        .locator(".el-form-item__error")
        .filter({ hasText: "已被其他机构使用" })
        .waitFor();

      // Fix everything and change a few fields: level, phone. The region is read-only (the administration sets it).
      await credit.fill(original);
      await chooseOption(page, formItem(page, "机构级别"), "三级乙等");
      expect(await formItem(page, "所在地区").locator(".el-cascader").count()).toBe(0);
      await page.locator('input[name="contactPhone"]').fill("0771-2188888");
      await page.locator('[data-test="profile-submit"]').click();
      await expectMessage(page, "本机构信息已保存", "success");

      // Saved on the server: a fresh load shows the new values.
      await page.reload();
      await waitFor(() => page.locator('input[name="contactPerson"]').inputValue(), "王主任");
      expect(await page.locator('input[name="contactPhone"]').inputValue()).toBe("0771-2188888");
      expect(await formItem(page, "机构级别").textContent()).toContain("三级乙等");
      expect(await page.locator('[data-test="relations"]').textContent()).toContain("南宁市卫生健康委员会");

      // 申请变更: the region changes only once the superior administration approves; the page shows the request.
      const region = page.locator('[data-test="region-name"]');
      await waitFor(async () => (await region.textContent())?.trim(), "广西壮族自治区 南宁市 兴宁区");
      await page.locator('[data-test="request-change"]').click();
      const dialog = page.locator(".el-dialog").filter({ hasText: "申请变更所在地区" });
      await dialog.waitFor({ state: "visible" });
      await page.locator('[data-test="change-submit"]').click();
      await formItem(dialog, "申请理由")
        .locator(".el-form-item__error")
        .filter({ hasText: "请填写申请理由" })
        .waitFor();
      await formItem(dialog, "变更为").locator(".el-cascader").click();
      const panel = page.locator(".el-cascader-panel:visible");
      await panel.locator(".el-cascader-node").filter({ hasText: "广西壮族自治区" }).click();
      await panel.locator(".el-cascader-node").filter({ hasText: "南宁市" }).click();
      await panel.locator(".el-cascader-node").filter({ hasText: "青秀区" }).click();
      await dialog.locator('textarea[name="changeReason"]').fill("医院整体搬迁至青秀区");
      await dialog.locator('textarea[name="changeReason"]').blur();
      await screenshot(page, "institution-jurisdiction-change");
      await page.locator('[data-test="change-submit"]').click();
      await expectMessage(page, "变更申请已提交，请等待上级卫生行政部门审批", "success");
      await dialog.waitFor({ state: "hidden" });
      await page.reload();
      const state = page.locator('[data-test="change-state"]');
      await waitFor(async () => (await state.textContent())?.includes("申请变更为 南宁市 青秀区"), true);
      expect(await state.textContent()).toContain("变更申请待审批");
      expect((await region.textContent())?.trim()).toBe("广西壮族自治区 南宁市 兴宁区");
      expect(await page.locator('[data-test="request-change"]').isDisabled()).toBe(true);
      await expectAccessible(page, "本机构信息");
      await screenshot(page, "institution-profile-change-pending");
      await page.setViewportSize(VIEWPORTS.laptop);
      await screenshot(page, "institution-profile-change-pending-1024");
      await page.setViewportSize(VIEWPORTS.desktop);
    });
  });

  test("本机构信息 prefilled but never submitted: says 请核对并提交, not 尚未完善; submitting confirms it", () =>
    inFreshSession(browser, server, "profile-unconfirmed", async ({ page }) => {
      // 南宁市青秀区人民医院 signs in for the first time: the administration entered its data, nobody confirmed it.
      await login(page, "qxyy", "666666");
      await page.waitForURL(/\/first-login-password/);
      await page.locator('input[name="oldPassword"]').fill("666666");
      await page.locator('input[name="newPassword"]').fill("Qx-Yy#2026a");
      await page.locator('input[name="confirmPassword"]').fill("Qx-Yy#2026a");
      await page.locator('[data-test="password-submit"]').click();
      await page.waitForURL(/\/home$/);
      await page.locator('[data-test="notice-confirm"]').click();
      await page.locator('[data-test="cycle-notice"]').waitFor({ state: "hidden" });
      await page.goto("/institution/profile");
      await waitFor(() => page.locator('input[name="name"]').inputValue(), "南宁市青秀区人民医院");
      const state = page.locator('[data-test="profile-state"]');
      await waitFor(async () => (await state.textContent())?.trim(), "请核对并提交");
      expect(await page.locator('[data-test="profile-unconfirmed"]').textContent()).toContain("请逐项核对");
      expect(await page.locator(".pa-card").first().textContent()).not.toContain("尚未完善");
      await expectAccessible(page, "本机构信息（待核对）");
      await screenshot(page, "institution-profile-unconfirmed");
      await page.setViewportSize(VIEWPORTS.laptop);
      await screenshot(page, "institution-profile-unconfirmed-1024");
      await page.setViewportSize(VIEWPORTS.desktop);

      // Nothing to change: 提交 confirms it, and the header then says when.
      await page.locator('[data-test="profile-submit"]').click();
      await expectMessage(page, "本机构信息已保存", "success");
      await waitFor(async () => (await state.textContent())?.includes("最后更新"), true);
      await waitFor(async () => (await state.textContent())?.includes("请核对并提交"), false);
      expect(await page.locator('[data-test="profile-unconfirmed"]').count()).toBe(0);
    }));

  test("科室信息: create with practice subjects, a duplicate name is refused, disable, enable, delete", async () => {
    await step("departments", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "科室信息" }).click();
      await page.waitForURL(/\/institution\/departments$/);
      const table = page.locator('[data-test="departments-table"]');
      await tableRow(table, "心血管内科").waitFor();
      expect(await page.locator(".el-pagination__total").textContent()).toContain("共 10 条");
      expect(await tableRow(table, "旧门诊综合科").textContent()).toContain("停用");
      // A department with physicians cannot be deleted: the button says so instead of failing after a confirm.
      const staffed = tableRow(table, "心血管内科");
      expect(await staffed.locator('[data-test="row-delete"]').isDisabled()).toBe(true);
      await staffed.locator('.op:has([data-test="row-delete"])').hover();
      await page.locator(".el-popper:visible").filter({ hasText: "名医师，不能删除" }).waitFor();
      await page.mouse.move(0, 0);
      await expectAccessible(page, "科室信息");
      await screenshot(page, "departments");

      // Create: name + subjects picked from the 3-level catalog (searchable tree).
      await page.locator('[data-test="create-department"]').click();
      const dialog = page.locator(".el-dialog").filter({ hasText: "创建科室" });
      await dialog.waitFor({ state: "visible" });
      await page.locator('[data-test="department-save"]').click();
      await formItem(dialog, "科室名称")
        .locator(".el-form-item__error")
        .filter({ hasText: "请填写科室名称" })
        .waitFor();
      await formItem(dialog, "诊疗科目")
        .locator(".el-form-item__error")
        .filter({ hasText: "请至少选择一个诊疗科目" })
        .waitFor();

      await dialog.locator('input[name="departmentName"]').fill("心血管内科");
      await pickSubject(page, dialog, "心血管", "心血管内科专业");
      await page.locator('[data-test="department-save"]').click();
      await formItem(dialog, "科室名称").locator(".el-form-item__error").filter({ hasText: "已存在" }).waitFor();

      await dialog.locator('input[name="departmentName"]').fill("胸痛中心");
      await pickSubject(page, dialog, "急诊", "急诊医学科");
      await expectAccessible(page, "新增科室");
      await screenshot(page, "department-dialog");
      await page.locator('[data-test="department-save"]').click();
      await expectMessage(page, "科室“胸痛中心”已创建", "success");
      await dialog.waitFor({ state: "hidden" });
      await waitFor(async () => (await page.locator(".el-pagination__total").textContent())?.trim(), "共 11 条");

      // Find it with the name filter (it is on page 2 of 10 per page).
      await page.locator('input[name="filterName"]').fill("胸痛");
      await page.locator('input[name="filterName"]').press("Enter");
      const row = tableRow(table, "胸痛中心");
      await row.waitFor();
      await waitFor(async () => (await page.locator(".el-pagination__total").textContent())?.trim(), "共 1 条");
      const rowText = await row.textContent();
      expect(rowText).toContain("心血管内科专业");
      expect(rowText).toContain("急诊医学科");
      expect(rowText).toContain("启用");

      // Disable (asks first), then enable again.
      await row.getByRole("button", { name: "停用" }).click();
      await answerMessageBox(page, "停用");
      await expectMessage(page, "已停用科室“胸痛中心”", "success");
      await waitFor(async () => (await row.locator(".el-tag").last().textContent())?.trim(), "停用");
      await row.getByRole("button", { name: "启用" }).click();
      await expectMessage(page, "已启用科室“胸痛中心”", "success");
      await waitFor(async () => (await row.locator(".el-tag").last().textContent())?.trim(), "启用");

      // Edit: rename.
      await row.getByRole("button", { name: "编辑" }).click();
      const edit = page.locator(".el-dialog").filter({ hasText: "编辑科室" });
      await edit.waitFor({ state: "visible" });
      expect(await edit.locator('input[name="departmentName"]').inputValue()).toBe("胸痛中心");
      await edit.locator('input[name="departmentName"]').fill("胸痛中心（急诊）");
      await page.locator('[data-test="department-save"]').click();
      await expectMessage(page, "科室“胸痛中心（急诊）”已保存", "success");
      await tableRow(table, "胸痛中心（急诊）").waitFor();

      // Delete: cancelling keeps it; confirming removes it (it has no physicians).
      await tableRow(table, "胸痛中心（急诊）").getByRole("button", { name: "删除" }).click();
      await answerMessageBox(page, "取消");
      expect(await tableRow(table, "胸痛中心（急诊）").count()).toBe(1);
      await tableRow(table, "胸痛中心（急诊）").getByRole("button", { name: "删除" }).click();
      await answerMessageBox(page, "删除");
      await expectMessage(page, "已删除科室“胸痛中心（急诊）”", "success");
      await table.getByText("没有符合条件的科室").waitFor();

      // Status filter: only disabled ones.
      await page.locator('input[name="filterName"]').fill("");
      await chooseOption(page, formItem(page, "状态"), "停用");
      await waitFor(async () => (await page.locator(".el-pagination__total").textContent())?.trim(), "共 1 条");
      await tableRow(table, "旧门诊综合科").waitFor();
    });
  });

  test("申请考核机构 without the right to apply: said before the form, with whom to ask", () =>
    inFreshSession(browser, server, "aa-not-allowed", async ({ page }) => {
      // 柳州市妇幼保健院: 柳州市卫生健康委员会 has not opened its right to apply.
      await signInToHome(page, "lzfy");
      await page.locator(".el-menu-item").filter({ hasText: "申请考核机构" }).click();
      const notice = page.locator('[data-test="aa-not-allowed"]');
      await notice.getByText("尚未开通申请权限").waitFor();
      expect(await notice.textContent()).toContain("请联系主管卫生行政部门（柳州市卫生健康委员会");
      // No form to fill in and nothing to submit.
      expect(await page.locator('[data-test="aa-submit"]').count()).toBe(0);
      expect(await page.locator('textarea[name="statement"]').count()).toBe(0);
      await expectAccessible(page, "申请考核机构（未开通申请权限）");
      await screenshot(page, "assessment-institution-application-not-allowed");
    }));

  test("申请考核机构: application with a PDF, visible as pending; the city administration approves it", async () => {
    await step("aa-application", { page, server }, async () => {
      await page.locator(".el-menu-item").filter({ hasText: "申请考核机构" }).click();
      await page.waitForURL(/\/institution\/assessment-institution-application$/);
      await page.getByText("暂无申请记录").waitFor();
      await expectAccessible(page, "申请考核机构");
      await screenshot(page, "assessment-institution-application");

      await page.locator('[data-test="aa-submit"]').click();
      await formItem(page, "申请说明").locator(".el-form-item__error").filter({ hasText: "请填写申请说明" }).waitFor();
      await formItem(page, "申请材料").locator(".el-form-item__error").filter({ hasText: "请上传申请材料" }).waitFor();

      await page
        .locator('textarea[name="statement"]')
        .fill(
          "本院为三级甲等综合医院，设有独立的医师考核办公室和计算机考场，拟承担本院及南宁市兴宁区医疗机构的医师定期考核工作。",
        );
      await page.locator('[data-test="aa-physician-count"] input').fill("650");
      await page.locator('[data-test="aa-physician-count"] input').press("Tab");
      // A file of the wrong kind is marked in the list as soon as it is chosen, with the reason beside it.
      const upload = page.locator('.el-upload input[type="file"]');
      await upload.setInputFiles({ name: "说明.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
      const txt = page.locator('[data-test="aa-file-refused"]').filter({ hasText: "说明.txt" });
      await txt.filter({ hasText: "格式不支持" }).waitFor();
      // A Word file renamed to .pdf passes by name but not by content: the server's content check, run at once.
      await upload.setInputFiles({
        name: "营业执照扫描件.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("PK\u0003\u0004word/document.xml"),
      });
      const renamed = page.locator('[data-test="aa-file-refused"]').filter({ hasText: "营业执照扫描件.pdf" });
      await renamed.filter({ hasText: "不是允许的格式，仅支持 PDF、PNG 图片、JPEG 图片" }).waitFor();
      await upload.setInputFiles({ name: "考核机构申请书.pdf", mimeType: "application/pdf", buffer: samplePdf() });
      await page.locator('[data-test="aa-file"]').filter({ hasText: "考核机构申请书.pdf" }).waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, "assessment-institution-application-file-refused");
      await page.setViewportSize(VIEWPORTS.laptop);
      await screenshot(page, "assessment-institution-application-file-refused-1024");
      await page.setViewportSize(VIEWPORTS.desktop);
      await expectAccessible(page, "申请考核机构（文件未通过检查）");

      // Submitting with refused files in the list: the form says which field, nothing is sent.
      await page.locator('[data-test="aa-submit"]').click();
      await formItem(page, "申请材料")
        .locator(".el-form-item__error")
        .filter({ hasText: "有 2 个文件未通过检查，请移除后再提交" })
        .waitFor();
      await txt.getByRole("button", { name: "移除 说明.txt" }).click();
      await renamed.getByRole("button", { name: "移除 营业执照扫描件.pdf" }).click();
      await renamed.waitFor({ state: "detached" });
      expect(await page.locator('[data-test="aa-file"], [data-test="aa-file-refused"]').count()).toBe(1);
      await formItem(page, "申请材料").locator(".el-form-item__error").waitFor({ state: "detached" });

      await page.locator('[data-test="aa-submit"]').click();
      await answerMessageBox(page, "提交");
      await expectMessage(page, "申请已提交", "success");
      await page.locator('[data-test="aa-pending"]').waitFor();

      const list = page.locator('[data-test="aa-applications"]');
      const row = tableRow(list, "考核机构申请书.pdf");
      await row.waitFor();
      expect(await row.textContent()).toContain("待审批");

      // The attachment link is signed and opens inline as a PDF.
      const href = await row.locator('[data-test="attachment-link"]').getAttribute("href");
      expect(href).toMatch(/^\/files\/\d+\?/);
      const file = await nnyy.context.request.get(href!);
      expect(file.status()).toBe(200);
      expect(file.headers()["content-type"]).toBe("application/pdf");
      expect(file.headers()["content-disposition"]).toMatch(/^inline/);
      expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await page.mouse.move(0, 0);
      await expectAccessible(page, "申请考核机构（审批中）");
      await screenshot(page, "assessment-institution-application-pending");
    });

    // 南宁市卫生健康委员会 approves in its own browser profile.
    const admin = await openSession(browser, server.url);
    await step("aa-approve", { page: admin.page, server }, async () => {
      await login(admin.page, "nnwjw", DEMO_PASSWORD);
      // An administration lands on its dashboard; the applications page is one menu entry away.
      await admin.page.waitForURL(/\/administration\/dashboard$/);
      await admin.page.goto(`${server.url}/administration/assessment-institution-applications`);
      const row = tableRow(admin.page, "南宁市第一人民医院");
      await row.waitFor();
      expect(await row.textContent()).toContain("待审批");
      await admin.page.mouse.move(0, 0);
      await screenshot(admin.page, "assessment-institution-review");
      await row.getByRole("button", { name: "同意" }).click();
      await answerMessageBox(admin.page, "同意");
      await expectMessage(admin.page, "已同意该申请", "success");
      // The pending filter no longer lists it.
      await admin.page.getByText("暂无待审批的申请").waitFor();
    });
    expect(admin.problems).toEqual([]);
    await admin.context.close();

    await step("aa-approved", { page, server }, async () => {
      await page.reload();
      await page.getByText("本机构已是考核机构").waitFor();
      const row = tableRow(page.locator('[data-test="aa-applications"]'), "考核机构申请书.pdf");
      await waitFor(async () => (await row.textContent())?.includes("已同意"), true);
    });
  });
  test("a mistyped address: 页面不存在 inside the console, and 返回首页 leads home", async () => {
    await step("not-found", { page, server }, async () => {
      await page.goto("/institution/no-such-page");
      await page.locator(".el-result__title").getByText("页面不存在").waitFor();
      await expectAccessible(page, "页面不存在");
      await page.getByRole("button", { name: "返回首页" }).click();
      await page.waitForURL(/\/home$/);
    });
  });
});

/** Types into the tree-select's search box and ticks the matching node. */
async function pickSubject(page: Page, dialog: import("playwright-core").Locator, search: string, node: string) {
  const select = formItem(dialog, "诊疗科目").locator(".el-select");
  await select.click();
  const input = select.locator("input.el-select__input");
  await input.fill(search);
  const tree = page.locator(".el-select-dropdown:visible .el-tree");
  const content = tree
    .locator(".el-tree-node__content")
    .filter({ hasText: new RegExp(`^\\s*${node}\\s*$`) })
    .first();
  await content.waitFor();
  await content.locator(".el-checkbox").click();
  await input.fill("");
  // Close the dropdown the way a user would: click elsewhere in the dialog.
  await dialog.locator(".el-dialog__header").click();
  await page.locator(".el-select-dropdown:visible").waitFor({ state: "hidden" });
}
