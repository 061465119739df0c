import type { Browser, Route } from "playwright-core";
import { samplePng } from "../../server/src/testing/files";
import {
  DEMO_PASSWORD,
  expectMessage,
  journey,
  login,
  openSession,
  samplePdf,
  step,
  waitFor,
  type RunningServer,
  type ViewportName,
} from "./harness";
import { apiAs, checkPage, demoPhysician, myApplication, ok, signIn } from "./portal";

/**
 * 医师个人端 (issue 12), the rest of it: 一般程序 报名 in the browser through to the recorded result and the
 * certificate, uploads that are slow or fail, every page at 390, 1024 and 1440 px, and what a phone loads first.
 */
describe("physician portal: general procedure, uploads, every page, first-load bytes", () => {
  let server!: RunningServer;
  let browser!: Browser;
  journey({}, (j) => ({ server, browser } = j));

  const isUpload = (route: Route) => (route.request().headers()["content-type"] ?? "").startsWith("multipart/");

  test("phone: 一般程序 with 工作数量, a slow and a failed upload, then the result and certificate", async () => {
    const { page: p, context, problems } = await signIn(browser, server, "phone", demoPhysician(server, "待报名"));

    await step("portal-general-quantities", { page: p, server }, async () => {
      await p.waitForURL(/\/portal$/);
      await p.locator('[data-test="portal-cta"]').filter({ hasText: "去报名" }).click();
      await p.waitForURL(/\/portal\/apply$/);
      await p.locator('[data-test="apply-general"]').click();
      await p.locator('[data-test="apply-department"] .el-select__wrapper').click();
      await p.locator(".el-select-dropdown__item:visible").first().click();
      await p.locator('[data-test="apply-next"]').click();
      await p.locator('[data-test="apply-experience"] textarea').fill("2010 年 7 月至今在本院普外科执业");
      await p.locator('[data-test="apply-performance"] textarea').fill("两年门诊 3100 人次，主刀手术 420 例");
      await p.locator('[data-test="apply-ethics"] textarea').fill("遵守医德规范，无投诉");
      // The cycle's 工作数量 items, each with what it applies to, its standard and its unit; required here.
      const quantities = p.locator('[data-test="apply-quantities"]');
      await quantities.getByText("接诊病人数").waitFor();
      expect(await quantities.textContent()).toContain("标准 2000 人次/两年");
      expect(await quantities.textContent()).toContain("手术量");
      await waitFor(async () => (await quantities.getAttribute("class"))?.includes("is-required"), true);
      await checkPage("apply-general", p, "一般程序 工作数量 (phone)", "phone");

      // Submitted without a quantity: refused before anything is sent, the quantities marked, this step shown.
      await p.locator('[data-test="apply-submit"]').click();
      await p
        .locator('[data-test="apply-refusal"]')
        .getByText(/还有 1 项未完成/)
        .waitFor();
      await quantities.locator(".el-form-item__error").getByText("一般程序须填写工作数量").waitFor();
      await p.locator('[data-test="apply-quantity-PATIENTS"] input').fill("3100");
      await p.locator('[data-test="apply-quantity-OPERATIONS"] input').fill("420");
      await p.locator('[data-test="apply-quantity-OPERATIONS"] input').blur();
      // The server no longer lists it: the mark and the refusal go by themselves.
      await quantities.locator(".el-form-item__error").waitFor({ state: "detached" });
      await p.locator('[data-test="apply-refusal"]').waitFor({ state: "detached" });

      // Saved as a draft and reloaded: the procedure and both quantities come back.
      await p.locator('[data-test="apply-save"]').click();
      await expectMessage(p, "草稿已保存", "success");
      await p.reload();
      await p.locator('[data-test="apply-general"].is-checked').waitFor();
      await p.locator('[data-test="apply-next"]').click();
      await waitFor(() => p.locator('[data-test="apply-quantity-PATIENTS"] input').inputValue(), "3100");
      expect(await p.locator('[data-test="apply-quantity-OPERATIONS"] input').inputValue()).toBe("420");
    });

    await step("portal-general-uploads", { page: p, server }, async () => {
      await p.locator('[data-test="apply-next"]').click();
      // 述职报告 and 材料 are the simple procedure's requirements, not this one's.
      await p.locator('[data-test="apply-materials"]').waitFor();
      await waitFor(
        async () => (await p.locator('[data-test="apply-report"]').getAttribute("class"))?.includes("is-required"),
        false,
      );
      expect(await p.locator('[data-test="apply-materials"]').getAttribute("class")).not.toContain("is-required");

      // A slow upload: the request is held; the row shows the file and a progress bar until the server answers.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await p.route("**/graphql", async (route) => {
        if (!isUpload(route)) return route.continue();
        await held;
        await route.continue();
      });
      await p.locator('[data-test="apply-upload-file"]').setInputFiles({
        name: "工作量统计.pdf",
        mimeType: "application/pdf",
        buffer: samplePdf("工作量统计"),
      });
      const progress = p.locator('[data-test="apply-upload-progress"]').filter({ hasText: "工作量统计.pdf" });
      const bar = progress.getByRole("progressbar");
      await bar.waitFor();
      const percent = Number(await bar.getAttribute("aria-valuenow"));
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThan(100); // not done until the server has kept the file
      await checkPage("apply-uploading", p, "上传中 (phone)", "phone");
      release();
      await p.locator('[data-test="apply-upload-item"]').filter({ hasText: "工作量统计.pdf" }).waitFor();
      await progress.waitFor({ state: "detached" });
      await p.unroute("**/graphql");

      // The connection drops during an upload: a clear sentence and 重试, which sends the same file again.
      await p.route("**/graphql", (route) => (isUpload(route) ? route.abort("connectionreset") : route.continue()));
      await p.locator('[data-test="apply-upload-camera"]').setInputFiles({
        name: "手术记录.png",
        mimeType: "image/png",
        buffer: samplePng(60, 40),
      });
      const failed = p.locator('[data-test="apply-upload-progress"]').filter({ hasText: "手术记录.png" });
      await failed.locator('[data-test="apply-upload-error"]').getByText("网络连接失败，请检查网络后重试").waitFor();
      await checkPage("apply-upload-failed", p, "上传失败 (phone)", "phone");
      await p.unroute("**/graphql");
      await failed.locator('[data-test="apply-upload-retry"]').click();
      await p.locator('[data-test="apply-upload-item"]').filter({ hasText: "手术记录.png" }).waitFor();
      await failed.waitFor({ state: "detached" });

      // A broken file (a PDF that is not one) is refused with the server's own sentence, and may be tried again.
      await p.locator('[data-test="apply-upload-file"]').setInputFiles({
        name: "损坏.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4 truncated"),
      });
      await p.locator('[data-test="apply-upload-error"]').getByText("文件“损坏.pdf”不是允许的格式，仅支持").waitFor();
      expect(await p.locator('[data-test="apply-upload-item"]').count()).toBe(2);
    });

    const inst = await apiAs(browser, server, "nnyy");
    const assessor = await apiAs(browser, server, "gxysxh");
    let applicationId = 0;
    await step("portal-general-submit", { page: p, server }, async () => {
      await p.locator('[data-test="apply-next"]').click();
      await p.getByText("必填内容已完成，可以提交").waitFor();
      expect(await p.locator('[data-test="portal-apply"]').textContent()).toContain("3100");
      await checkPage("apply-general-review", p, "一般程序 核对提交 (phone)", "phone");
      await p.locator('[data-test="apply-submit"]').click();
      await p.waitForURL(/\/portal$/);
      await waitFor(
        async () => (await p.locator('[data-test="portal-status"]').textContent())?.trim(),
        "待医疗卫生机构审核",
      );
      applicationId = (await myApplication(context)).id;

      // 申请免考 (the general procedure: 业务水平 only) with its evidence; both parties approve it.
      await p.goto("/portal/exemption");
      await p.getByText("您选择的是一般程序，可申请免业务水平测评").waitFor();
      await p.locator('[data-test="exemption-reason"] .el-select__wrapper').click();
      await p.locator(".el-select-dropdown__item:visible").first().click();
      await p.locator('[data-test="exemption-upload-file"]').setInputFiles({
        name: "免考证明.pdf",
        mimeType: "application/pdf",
        buffer: samplePdf("免考证明"),
      });
      await p.locator('[data-test="exemption-upload-item"]').waitFor();
      await p.locator('[data-test="exemption-submit"]').click();
      await expectMessage(p, "免考申请已提交", "success");
      await waitFor(
        async () => (await p.locator('[data-test="exemption-status"]').textContent())?.trim(),
        "待医疗卫生机构审核",
      );
      await ok(inst, `mutation ($id: Int!) { approveExemption(id: $id) { exemptionStatus } }`, { id: applicationId });
      await ok(assessor, `mutation ($id: Int!) { reReviewExemption(id: $id, approve: true) { exemptionStatus } }`, {
        id: applicationId,
      });
      await p.reload();
      await p.locator('[data-test="exemption-decision"]').getByText("免考已通过：业务水平测评免考").waitFor();
      expect((await p.locator('[data-test="exemption-status"]').textContent())?.trim()).toBe("免考通过");
      await checkPage("exemption-approved", p, "免考已通过 (phone)", "phone");

      // The institution rates every item (the two quantities too), the assessment institution approves and
      // records both tests: set-up through the API, as their consoles are tested elsewhere.
      const rating = (item: string) => ({ item, rating: "QUALIFIED" });
      await ok(
        inst,
        `mutation ($id: Int!, $input: InstitutionApprovalInput!) {
          approveApplication(id: $id, input: $input) { status }
        }`,
        {
          id: applicationId,
          input: {
            ratings: ["WORK_PERFORMANCE", "ETHICS", "WORK_QUANTITY:PATIENTS", "WORK_QUANTITY:OPERATIONS"].map(rating),
            opinion: "同意",
          },
        },
      );
      const reviewed = await ok<{ reReviewApplication: { status: string; requiredTests: string[] } }>(
        assessor,
        `mutation ($id: Int!) { reReviewApplication(id: $id, approve: true) { status requiredTests } }`,
        { id: applicationId },
      );
      // 业务水平 is exempted: 医学人文 is the one test left.
      expect(reviewed.reReviewApplication).toEqual({ status: "AWAITING_TEST", requiredTests: ["HUMANITIES"] });
    });

    await step("portal-general-result", { page: p, server }, async () => {
      // Between: the physician is told to take the tests, and where.
      await p.goto("/portal");
      await p.locator('[data-test="portal-cta"]').filter({ hasText: "查看测评安排" }).click();
      await p.waitForURL(/\/portal\/tests$/);
      const required = p.locator('[data-test="tests-required"]');
      await waitFor(async () => (await required.textContent())?.trim(), "医学人文测评");
      expect(await p.locator('[data-test="tests-exempted"]').textContent()).toContain("业务水平测评（免考已通过）");
      // Only the windows of 医学人文: the exempted 业务水平 paper is not listed.
      const windows = p.locator('[data-test="tests-window"]');
      await windows.first().waitFor();
      expect(await windows.allTextContents()).toEqual([expect.stringContaining("医学人文测评")]);

      const done = await ok<{ recordTestResult: { status: string } }>(
        assessor,
        `mutation ($input: TestResultInput!) { recordTestResult(input: $input) { status } }`,
        { input: { applicationId, testKind: "HUMANITIES", score: 85, passed: true } },
      );
      expect(done.recordTestResult.status).toBe("QUALIFIED");

      await p.reload();
      const attempts = p.locator('[data-test="tests-attempt"]');
      await attempts.filter({ hasText: "医学人文" }).filter({ hasText: "85" }).getByText("通过").waitFor();
      await attempts.first().evaluate((e) => e.scrollIntoView({ block: "center" }));
      await checkPage("tests-result", p, "测评结果 (phone)", "phone");

      await p.locator('[data-test="portal-nav-portal-messages"]').click();
      await p.locator('[data-test="message"]').filter({ hasText: "测评结果已录入" }).first().waitFor();
      await p.locator('[data-test="message"]').filter({ hasText: "免考申请已通过" }).first().waitFor();
      await p.locator('[data-test="portal-nav-portal-home"]').click();
      await waitFor(async () => (await p.locator('[data-test="portal-status"]').textContent())?.trim(), "合格");
      await p.locator('[data-test="portal-cta"]').filter({ hasText: "查看合格证明" }).click();
      await p.waitForURL(/\/portal\/certificate$/);
      await waitFor(
        () =>
          p.locator('[data-test="portal-certificate-image"]').evaluate((i) => (i as HTMLImageElement).naturalWidth > 0),
        true,
      );
      await checkPage("certificate", p, "证书 (phone)", "phone");
    });
    await inst.close();
    await assessor.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  /** Every portal page, by the physician whose state shows it best. */
  const PAGES: { name: string; path: string; who: string; ready: string }[] = [
    { name: "home", path: "/portal", who: "待参加考核", ready: '[data-test="portal-next"]' },
    { name: "apply", path: "/portal/apply", who: "待报名（被机构驳回）", ready: '[data-test="apply-return-reason"]' },
    { name: "tests", path: "/portal/tests", who: "待参加考核", ready: '[data-test="tests-required"]' },
    { name: "exemption", path: "/portal/exemption", who: "待参加考核", ready: '[data-test="exemption-status"]' },
    { name: "certificate", path: "/portal/certificate", who: "合格", ready: '[data-test="portal-certificate-image"]' },
    { name: "messages", path: "/portal/messages", who: "合格", ready: '[data-test="portal-messages"]' },
    { name: "profile", path: "/portal/profile", who: "合格", ready: '[data-test="profile-save"]' },
    { name: "password", path: "/portal/password", who: "合格", ready: 'input[name="newPassword"]' },
  ];

  test.each<ViewportName>(["phone", "laptop", "desktop"])(
    "every portal page at %s: screenshot, axe, no sideways scroll",
    async (viewport) => {
      const sessions = new Map<string, Awaited<ReturnType<typeof signIn>>>();
      try {
        for (const pg of PAGES) {
          let s = sessions.get(pg.who);
          if (!s) {
            s = await signIn(browser, server, viewport, demoPhysician(server, pg.who));
            await s.page.waitForURL(/\/portal$/);
            sessions.set(pg.who, s);
          }
          const p = s.page;
          await step(`portal-page-${pg.name}-${viewport}`, { page: p, server }, async () => {
            await p.goto(pg.path);
            await p.locator(pg.ready).first().waitFor();
            await p.locator(".el-skeleton").waitFor({ state: "detached" });
            await checkPage(`page-${pg.name}`, p, `${pg.path} at ${viewport}`, viewport);
          });
        }
        for (const s of sessions.values()) expect(s.problems).toEqual([]);
      } finally {
        for (const s of sessions.values()) await s.context.close();
      }
    },
  );

  test("a phone's first load, sign-in to 我的考核: bytes transferred, within budget", async () => {
    // Measured 278 525 bytes in 55 responses when written, 284 040 in 58 after others' changes had landed (the
    // login route alone 233 551, then 238 849; brotli). 300 KB leaves room without letting the console's chunks
    // (tables, dialogs, charts) slip into a physician's first load.
    const BUDGET = 300 * 1000;
    const { page: p, context } = await openSession(browser, server.url, { viewport: "phone" });
    const sizes: { url: string; bytes: number }[] = [];
    const pending: Promise<void>[] = [];
    p.on("requestfinished", (req) => {
      pending.push(
        req.sizes().then((s) => {
          sizes.push({ url: new URL(req.url()).pathname, bytes: s.responseBodySize + s.responseHeadersSize });
        }),
      );
    });
    await step("portal-first-load-bytes", { page: p, server }, async () => {
      await p.goto("/login");
      await p.locator('input[name="username"]').waitFor();
      await p.waitForLoadState("networkidle");
      await Promise.all(pending);
      const loginBytes = sizes.reduce((sum, s) => sum + s.bytes, 0);
      const loginCount = sizes.length;
      await login(p, demoPhysician(server, "待参加考核"), DEMO_PASSWORD);
      await p.waitForURL(/\/portal$/);
      await p.locator('[data-test="portal-next"]').waitFor();
      await p.waitForLoadState("networkidle");
      await Promise.all(pending);
      const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
      const assets = sizes.filter((s) => s.url.startsWith("/assets/")).sort((a, b) => b.bytes - a.bytes);
      console.log(
        `physician's first load on a phone: login route ${loginCount} responses, ${loginBytes} bytes; ` +
          `to 我的考核 ${sizes.length} responses, ${total} bytes transferred\n` +
          assets
            .slice(0, 8)
            .map((a) => `  ${a.url} ${a.bytes}`)
            .join("\n"),
      );
      expect(total).toBeLessThan(BUDGET);
    });
    await context.close();
  });
});
