import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { samplePng } from "../../server/src/testing/files";
import {
  expectAccessible,
  expectMessage,
  screenshot,
  expectNoHorizontalScroll,
  graphql,
  journey,
  samplePdf,
  step,
  waitFor,
  type RunningServer,
} from "./harness";
import { apiAs, checkPage, demoPhysician, myApplication, ok, signIn } from "./portal";

/** 医师个人端 (issue 12): what a physician does, on a phone and on a desktop, through the real server. */
describe("physician portal", () => {
  let server!: RunningServer;
  let browser!: Browser;
  journey({}, (j) => ({ server, browser } = j));

  test("phone: first sign-in with 666666, guided 报名 with draft, failures, uploads, return and resubmission", async () => {
    const username = demoPhysician(server, "待报名，首次登录");
    const { page: p, context, problems } = await signIn(browser, server, "phone", username, "666666");

    await step("portal-first-login", { page: p, server }, async () => {
      await p.waitForURL(/\/first-login-password/);
      await p.locator('input[name="oldPassword"]').fill("666666");
      await p.locator('input[name="newPassword"]').fill("Yi-Shi#2026a");
      await p.locator('input[name="confirmPassword"]').fill("Yi-Shi#2026a");
      await p.locator('[data-test="password-submit"]').click();
      await p.waitForURL(/\/portal$/);
      const next = p.locator('[data-test="portal-next"]');
      await next.getByText("请填写并提交报名信息").waitFor();
      expect(await p.locator('[data-test="portal-status"]').textContent()).toContain("待报名");
      expect(await p.locator('[data-test="portal-contact"]').textContent()).toContain("南宁市第一人民医院");
      await p.locator('[data-test="portal-unread"]').waitFor();
      // The bottom navigation is the phone's: tap targets of at least 40 px.
      const tab = await p.locator(`[data-test="portal-nav-portal-messages"]`).boundingBox();
      expect(tab!.height).toBeGreaterThanOrEqual(40);
      await checkPage("home", p, "我的考核 (phone)", "phone");
    });

    await step("portal-apply-missing", { page: p, server }, async () => {
      await p.locator('[data-test="portal-cta"]').click();
      await p.waitForURL(/\/portal\/apply$/);
      await p.locator('[data-test="apply-eligibility"]').waitFor();
      await checkPage("apply", p, "报名 (phone)", "phone");
      // Nothing chosen: refused before anything is sent, the field says what is missing.
      await p.locator('[data-test="apply-submit"]').click();
      await p
        .locator('[data-test="apply-refusal"]')
        .getByText(/还有 \d+ 项未完成/)
        .waitFor();
      await p.locator('[data-test="apply-procedure"] .el-form-item__error').getByText("请选择考核程序").waitFor();
    });

    await step("portal-apply-draft", { page: p, server }, async () => {
      await p.locator('[data-test="apply-good-record"]').click();
      await p.locator('[data-test="apply-simple"]').click();
      await p.locator('[data-test="apply-department"] .el-select__wrapper').click();
      await p.locator(".el-select-dropdown__item:visible").first().click();
      await p.locator('[data-test="apply-next"]').click();
      await p.locator('[data-test="apply-experience"] textarea').fill("2008 年 7 月至今在本院执业");
      await p.locator('[data-test="apply-performance"] textarea').fill("两年门诊 5200 人次，无差错");
      await p.locator('[data-test="apply-ethics"] textarea').fill("遵守医德规范，无投诉");

      // Network down: the draft is not lost, the page says so.
      await context.setOffline(true);
      await p.locator('[data-test="apply-save"]').click();
      await expectMessage(p, "网络连接失败", "warning");
      await context.setOffline(false);
      // Server error: a clear sentence, no code.
      await p.route("**/graphql", (route) =>
        route.request().postData()?.includes("PortalSaveDraft")
          ? route.fulfill({ status: 500, contentType: "text/plain", body: "Internal Server Error" })
          : route.continue(),
      );
      await p.locator('[data-test="apply-save"]').click();
      await expectMessage(p, "系统繁忙，请稍后重试", "error");
      await p.unroute("**/graphql");

      await p.locator('[data-test="apply-save"]').click();
      await expectMessage(p, "草稿已保存", "success");
      await p.reload();
      await p.locator('[data-test="apply-next"]').click();
      await waitFor(
        () => p.locator('[data-test="apply-experience"] textarea').inputValue(),
        "2008 年 7 月至今在本院执业",
      );
    });

    await step("portal-apply-uploads", { page: p, server }, async () => {
      await p.locator('[data-test="apply-next"]').click();
      await p.locator('[data-test="apply-report"] textarea').fill("本周期述职报告：完成各项诊疗工作。");
      // A file that is not what it claims is refused with a clear message.
      await p.locator('[data-test="apply-upload-file"]').setInputFiles({
        name: "材料.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("<html>not a pdf</html>"),
      });
      const refused = p.locator('[data-test="apply-upload-error"]');
      await refused.waitFor();
      // The server's own sentence (it reads the bytes, not the name or the claimed type).
      expect(await refused.textContent()).toContain("文件“材料.pdf”不是允许的格式，仅支持");
      // A real PDF, and a photo from the camera input (accept image/*, capture).
      expect(await p.locator('[data-test="apply-upload-camera"]').getAttribute("capture")).toBe("environment");
      await p.locator('[data-test="apply-upload-file"]').setInputFiles({
        name: "申请材料.pdf",
        mimeType: "application/pdf",
        buffer: samplePdf("材料"),
      });
      await p.locator('[data-test="apply-upload-item"]').filter({ hasText: "申请材料.pdf" }).waitFor();
      await p.locator('[data-test="apply-upload-camera"]').setInputFiles({
        name: "photo.png",
        mimeType: "image/png",
        buffer: samplePng(40, 30),
      });
      await p.locator('[data-test="apply-upload-item"]').filter({ hasText: "photo.png" }).waitFor();
      await p.locator('[data-test="apply-upload-item"] img').first().waitFor();
      await checkPage("apply-materials", p, "申请材料 (phone)", "phone");
    });

    const inst = await apiAs(browser, server, "nnyy");
    let applicationId = 0;
    await step("portal-apply-submit", { page: p, server }, async () => {
      await p.locator('[data-test="apply-next"]').click();
      await p.getByText("必填内容已完成，可以提交").waitFor();
      await checkPage("apply-review", p, "核对提交 (phone)", "phone");
      // Double submit: one submission only.
      const submit = p.locator('[data-test="apply-submit"]');
      // A double tap: two clicks before the page can re-render.
      await submit.evaluate((b) => {
        (b as HTMLButtonElement).click();
        (b as HTMLButtonElement).click();
      });
      await p.waitForURL(/\/portal$/);
      await waitFor(
        async () => (await p.locator('[data-test="portal-status"]').textContent())?.trim(),
        "待医疗卫生机构审核",
      );
      const mine = await myApplication(context);
      expect(mine.timeline.filter((e) => e.action === "SUBMIT")).toHaveLength(1);
      applicationId = mine.id;
    });

    // The institution returns it in its console, ticking the two parts the reason concerns.
    const reviewer = await signIn(browser, server, "desktop", "nnyy");
    await step("portal-institution-returns", { page: reviewer.page, server }, async () => {
      const r = reviewer.page;
      await r.waitForURL((u) => !u.pathname.startsWith("/login"));
      await r.goto(`/reviews/simple/${applicationId}`);
      await r.locator('[data-test="review-next"]').click();
      await r.locator('[data-test="review-reject"]').click();
      const box = r.locator('[data-test="return-dialog"]');
      await box.waitFor({ state: "visible" });
      await box.locator('[data-section="REPORT"]').click();
      await box.locator('[data-section="MATERIALS"]').click();
      await box.locator("textarea").fill("述职报告过于简略，请补充；申请材料缺少执业证书");
      await r.mouse.move(0, 0);
      await screenshot(r, "review-return-sections-desktop");
      await expectAccessible(r, "驳回对话框（勾选需修改的内容）");
      await box.locator('[data-test="return-confirm"]').click();
      await expectMessage(r, "已驳回", "success");
    });
    expect(reviewer.problems).toEqual([]);
    await reviewer.context.close();

    await step("portal-resubmit", { page: p, server }, async () => {
      await p.reload();
      await p
        .locator('[data-test="portal-return-reason"]')
        .getByText(/述职报告过于简略，请补充/)
        .waitFor();
      await p.locator('[data-test="portal-nav-portal-messages"]').click();
      const message = p.locator('[data-test="message"]').filter({ hasText: "报名被医疗卫生机构驳回" });
      await message.getByText("述职报告过于简略").waitFor();
      await checkPage("messages", p, "消息 (phone)", "phone");
      await p.locator('[data-test="portal-nav-portal-home"]').click();
      await p.locator('[data-test="portal-cta"]').filter({ hasText: "修改并重新提交" }).click();
      await p.locator('[data-test="apply-return-reason"]').getByText("述职报告过于简略").first().waitFor();
      expect(await p.locator('[data-test="apply-return-sections"]').textContent()).toContain("个人述职报告、申请材料");
      // The phone's step bar names the steps to fix; steps 1 and 2 carry no notice.
      expect(await p.locator('[data-test="apply-step-flags"]').textContent()).toContain("第 3 步");
      expect(await p.locator('[data-test="apply-step-flags"]').textContent()).not.toContain("第 1 步");
      expect(await p.locator('[data-test^="apply-return-notice-"]').count()).toBe(0);
      await p.locator('[data-test="apply-previous"]').click();
      await p.locator('[data-test="apply-previous"]').getByText("本周期述职报告").waitFor();
      await checkPage("resubmit", p, "重新提交 (phone)", "phone");
      await p.locator('[data-test="apply-next"]').click();
      expect(await p.locator('[data-test^="apply-return-notice-"]').count()).toBe(0);
      await p.locator('[data-test="apply-next"]').click();
      // Step 3: the reason beside exactly the two fields the institution ticked.
      await p.locator('[data-test="apply-step-flag"]').waitFor();
      const notices = p.locator('[data-test^="apply-return-notice-"]');
      await waitFor(() => notices.count(), 2);
      for (const section of ["REPORT", "MATERIALS"])
        await p.locator(`[data-test="apply-return-notice-${section}"]`).getByText("申请材料缺少执业证书").waitFor();
      await checkPage("resubmit-notices", p, "重新提交：需修改的字段 (phone)", "phone");
      await p.locator('[data-test="apply-report"] textarea').fill("本周期述职报告（补充）：门诊、病房与带教工作详述。");
      await p.locator('[data-test="apply-submit"]').click();
      await p.waitForURL(/\/portal$/);
      await waitFor(
        async () => (await p.locator('[data-test="portal-status"]').textContent())?.trim(),
        "待医疗卫生机构审核",
      );
    });

    await step("portal-messages-paging", { page: p, server }, async () => {
      // Nine more returns, each resubmitted through the API: with 确认参加 and the first return, 11 messages,
      // two pages of ten.
      const { myApplication: current } = await ok<{ myApplication: { submission: Record<string, unknown> } }>(
        context,
        `{ myApplication { submission { procedure departmentId practiceExperience workPerformance ethics report
             hasGoodRecord hasBadRecord } } }`,
      );
      for (let i = 2; i <= 10; i++) {
        await ok(inst, `mutation($id: Int!, $r: String!) { rejectApplication(id: $id, reason: $r) { id } }`, {
          id: applicationId,
          r: `第 ${i} 次退回：请核对`,
        });
        await ok(context, `mutation($input: ApplicationFormInput!) { submitApplication(input: $input) { id } }`, {
          input: current.submission,
        });
      }
      await p.goto("/portal/messages");
      const rows = p.locator('[data-test="message"]');
      await waitFor(() => rows.count(), 10);
      const first = await rows.allTextContents();
      expect(first[0]).toContain("第 10 次退回");
      await p.locator('[data-test="messages-pagination"]').locator("li.number").filter({ hasText: /^2$/ }).click();
      await waitFor(() => rows.count(), 1);
      const second = await rows.allTextContents();
      expect(second[0]).toContain("所在机构已确认您参加本周期考核");
      expect(first).not.toContain(second[0]);
      await checkPage("messages-page-2", p, "消息第 2 页 (phone)", "phone");

      // The server out of reach: an error with 重试, which then loads the list.
      await p.route("**/graphql", async (route) => {
        if ((route.request().postData() ?? "").includes('"operationName":"PortalMessages"'))
          await route.abort("internetdisconnected");
        else await route.continue();
      });
      await p.reload();
      await p.locator('[data-test="messages-failed"]').waitFor();
      await expectAccessible(p, "消息加载失败 (phone)");
      await p.unroute("**/graphql");
      await p.locator('[data-test="messages-retry"]').click();
      await waitFor(() => rows.count(), 10);
      expect(await p.locator('[data-test="messages-failed"]').count()).toBe(0);
    });
    await inst.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  test("desktop: returned, test result, 合格 certificate identical to the institution's, profile, exemption", async () => {
    const inst = await apiAs(browser, server, "nnyy");

    const returned = await signIn(browser, server, "desktop", demoPhysician(server, "待报名（被机构驳回）"));
    await step("portal-returned-desktop", { page: returned.page, server }, async () => {
      const p = returned.page;
      await p.waitForURL(/\/portal$/);
      await p.locator('[data-test="portal-return-reason"]').waitFor();
      await checkPage("home", p, "我的考核 (desktop)", "desktop");
      await p.locator('[data-test="portal-cta"]').click();
      await p.locator('[data-test="apply-return-reason"]').waitFor();
      // The demo's return names 个人述职报告: the steps bar marks step 3, the notice stands beside that field only.
      const flaggedStep = p.locator('.steps [data-flagged="true"]');
      await waitFor(() => flaggedStep.count(), 1);
      expect(await flaggedStep.textContent()).toContain("述职与材料（需修改）");
      expect(await p.locator('[data-test^="apply-return-notice-"]').count()).toBe(0);
      await checkPage("resubmit", p, "重新提交 (desktop)", "desktop");
      await flaggedStep.click();
      await p.locator('[data-test="apply-return-notice-REPORT"]').getByText("述职报告内容过于简略").waitFor();
      expect(await p.locator('[data-test^="apply-return-notice-"]').count()).toBe(1);
      await checkPage("resubmit-notices", p, "重新提交：需修改的字段 (desktop)", "desktop");
    });
    expect(returned.problems).toEqual([]);
    await returned.context.close();

    const testing = await signIn(browser, server, "desktop", demoPhysician(server, "待参加考核"));
    await step("portal-tests-desktop", { page: testing.page, server }, async () => {
      const p = testing.page;
      await p.waitForURL(/\/portal$/);
      await p.locator('[data-test="portal-cta"]').filter({ hasText: "查看测评安排" }).click();
      await p.waitForURL(/\/portal\/tests$/);
      expect(await p.locator('[data-test="tests-required"]').textContent()).toContain("测评");
      await p.getByText("测评不在本系统进行").waitFor();
      await checkPage("tests", p, "测评 (desktop)", "desktop");

      // 申请免考 with evidence, then the institution's decision is seen.
      await p.goto("/portal/exemption");
      await p.locator('[data-test="exemption-status"]').waitFor();
      if (await p.locator('[data-test="exemption-submit"]').count()) {
        await p.locator('[data-test="exemption-reason"] .el-select__wrapper').click();
        await p.locator(".el-select-dropdown__item:visible").first().click();
        await p.locator('[data-test="exemption-submit"]').click();
        await p
          .locator('[data-test="exemption-evidence"] .el-form-item__error')
          .getByText("请先上传证明材料")
          .waitFor();
        await p.locator('[data-test="exemption-upload-file"]').setInputFiles({
          name: "规培证书.pdf",
          mimeType: "application/pdf",
          buffer: samplePdf("证书"),
        });
        await p.locator('[data-test="exemption-upload-item"]').waitFor();
        await p.locator('[data-test="exemption-submit"]').click();
        await expectMessage(p, "免考申请已提交", "success");
        await waitFor(
          async () => (await p.locator('[data-test="exemption-status"]').textContent())?.trim(),
          "待医疗卫生机构审核",
        );
        const mine = await myApplication(testing.context);
        const rejected = await graphql(
          inst,
          `
            mutation ($id: Int!) {
              rejectExemption(id: $id, reason: "证明材料不清晰") {
                exemptionStatus
              }
            }
          `,
          {
            id: mine.id,
          },
        );
        expect(rejected.errors).toBeUndefined();
        await p.reload();
        await p.locator('[data-test="exemption-decision"]').getByText("证明材料不清晰").waitFor();
        await p.getByText("重新申请免考").waitFor();
      }
      await checkPage("exemption", p, "申请免考 (desktop)", "desktop");
    });
    expect(testing.problems).toEqual([]);
    await testing.context.close();

    const qualified = await signIn(browser, server, "desktop", demoPhysician(server, "合格"));
    await step("portal-certificate-desktop", { page: qualified.page, server }, async () => {
      const p = qualified.page;
      await p.waitForURL(/\/portal$/);
      await p.locator('[data-test="portal-cta"]').filter({ hasText: "查看合格证明" }).click();
      await p.waitForURL(/\/portal\/certificate$/);
      await p.locator('[data-test="portal-certificate-image"]').waitFor();
      await waitFor(
        () =>
          p.locator('[data-test="portal-certificate-image"]').evaluate((i) => (i as HTMLImageElement).naturalWidth > 0),
        true,
      );
      expect(await p.locator('[data-test="portal-verify-link"]').textContent()).toContain("/verify/");
      // The verification code beside the number is the one the QR's address carries (issue 18.19).
      const code = (await p.locator('[data-test="portal-verification-code"]').textContent())?.trim() ?? "";
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await p.locator('[data-test="portal-verify-link"]').textContent()).toContain(
        `?code=${code.replace(/-/g, "")}`,
      );
      await checkPage("certificate", p, "证书 (desktop)", "desktop");
      const [download] = await Promise.all([
        p.waitForEvent("download"),
        p.locator('[data-test="portal-certificate-download"]').click(),
      ]);
      const mine = readFileSync((await download.path())!);
      const app = await myApplication(qualified.context);
      const cert = await graphql<{ certificate: { imageUrl: string } }>(
        inst,
        `
          query ($id: Int!) {
            certificate(applicationId: $id) {
              imageUrl
            }
          }
        `,
        { id: app.id },
      );
      const theirs = await inst.request.get(`${cert.data!.certificate.imageUrl}&download=1`);
      expect(Buffer.compare(mine, Buffer.from(await theirs.body()))).toBe(0);

      await p.goto("/portal/profile");
      await p.locator('[data-test="profile-phone"] input').fill("12345");
      await p.locator('[data-test="profile-save"]').click();
      await p.locator('[data-test="profile-phone"] .el-form-item__error').getByText("手机号码格式不正确").waitFor();
      await p.locator('[data-test="profile-phone"] input').fill("13907719999");
      await p.locator('[data-test="profile-save"]').click();
      await expectMessage(p, "个人信息已保存", "success");
      await p.locator('[data-test="profile-save"].is-loading').waitFor({ state: "detached" });
      await p.locator('[data-test="profile-phone"] .el-form-item__error').waitFor({ state: "detached" });
      await checkPage("profile", p, "个人信息 (desktop)", "desktop");
    });
    expect(qualified.problems).toEqual([]);
    await qualified.context.close();
    await inst.close();
  });

  test("360 × 640: home, tests and profile fit without sideways scrolling", async () => {
    const {
      page: p,
      context,
      problems,
    } = await signIn(browser, server, "smallPhone", demoPhysician(server, "待参加考核"));
    await step("portal-small-phone", { page: p, server }, async () => {
      await p.waitForURL(/\/portal$/);
      await p.locator('[data-test="portal-next"]').waitFor();
      for (const path of ["/portal", "/portal/tests", "/portal/profile", "/portal/messages"]) {
        await p.goto(path);
        await p.locator(".page-title").first().waitFor();
        await p.locator(".el-skeleton").waitFor({ state: "detached" });
        await p.waitForTimeout(400); // tags fade in
        await expectNoHorizontalScroll(p, `${path} at 360 px`);
        await expectAccessible(p, `${path} at 360 px`);
      }
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});
