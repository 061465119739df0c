import type { Browser, BrowserContext } from "playwright-core";
import {
  answerMessageBox,
  DEMO_PASSWORD,
  expectAccessible,
  expectMessage,
  journey,
  login,
  openSession,
  screenshot,
  step,
  tableRow,
  waitFor,
  type RunningServer,
  closedAfterEach,
} from "./harness";
import { apiAs, checkPage, demoPhysician, myApplication, ok, signIn } from "./portal";

/**
 * What the province's decisions do where others see them (issue 14), on a server of their own (they change
 * the demo's cycle and its one certificate-holder): a cheating verdict revokes a 合格 physician's certificate
 * (the physician's page and public verification say so), and a phase the province extends lets a refused
 * resubmission through.
 */
describe("卫生行政端: the province's verdict and phase extension, seen by the physician", () => {
  let server!: RunningServer;
  let browser!: Browser;
  journey({}, (j) => ({ server, browser } = j));

  const sessions = closedAfterEach();
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  async function province() {
    const s = await openSession(browser, server.url);
    sessions.push(s);
    await login(s.page, "gxwjw", DEMO_PASSWORD);
    await s.page.waitForURL(/\/administration\/dashboard$/);
    return s;
  }
  async function physician(state: string) {
    const s = await signIn(browser, server, "phone", demoPhysician(server, state));
    sessions.push(s);
    await s.page.waitForURL(/\/portal$/);
    return s;
  }
  /** The demo physician's name as `npm start` prints it: "<id> <password> 医师 <name>（<state>）". */
  const demoName = (state: string) => {
    const line = server
      .log()
      .split("\n")
      .find((l) => l.includes(`（${state}）`) && l.includes("医师"))!;
    return /医师 (\S+?)（/.exec(line)![1];
  };

  test("认定作弊 on a 合格 physician's attempt: the certificate is refused with the reason, verification says 已作废", async () => {
    const qualified = await physician("合格");
    const p = qualified.page;
    let verifyPath = "";
    await step("chain-certificate-before", { page: p, server }, async () => {
      await p.goto("/portal/certificate");
      await p.locator('[data-test="portal-certificate-image"]').waitFor();
      verifyPath = new URL((await p.locator('[data-test="portal-verify-link"]').getAttribute("href"))!).pathname;
      verifyPath += `?code=${((await p.locator('[data-test="portal-verification-code"]').textContent()) ?? "").replace(/[-\s]/g, "")}`;
    });

    // The institution (nnyy) marks the physician's graded attempt 疑似作弊, as its 监考管理 would.
    const name = demoName("合格");
    const inst = await apiAs(browser, server, "nnyy");
    contexts.push(inst);
    const mine = await myApplication(qualified.context);
    const attempts = await ok<{ testAttempts: { items: { id: number; applicationId: number }[] } }>(
      inst,
      `
        query ($name: String!) {
          testAttempts(filter: { name: $name, statuses: [GRADED] }, pageSize: 10) {
            items {
              id
              applicationId
            }
          }
        }
      `,
      { name },
    );
    const attempt = attempts.testAttempts.items.find((a) => a.applicationId === mine.id)!;
    await ok(
      inst,
      `
        mutation ($id: Int!) {
          markAttemptSuspected(attemptId: $id, note: "照片与本人不符") {
            id
          }
        }
      `,
      { id: attempt.id },
    );

    const { page } = await province();
    await step("chain-cheating-verdict", { page, server }, async () => {
      await page.goto("/administration/cheating");
      const row = tableRow(page, name);
      await row.waitFor();
      await row.getByRole("button", { name: "认定作弊" }).click();
      await page.locator(".el-message-box textarea").fill("监考照片与本人明显不符，系他人替考");
      await answerMessageBox(page, "认定作弊");
      await expectMessage(page, "已认定作弊，本次测评作废", "success");
      await row.waitFor({ state: "detached" });
    });

    await step("chain-certificate-revoked", { page: p, server }, async () => {
      // The page opened before the verdict: 下载证书 asks the server, which refuses with the reason.
      await p.locator('[data-test="portal-certificate-download"]').click();
      await expectMessage(p, "该合格证明已作废，不能查看或下载", "error");
      const revoked = p.locator('[data-test="portal-certificate-revoked"]');
      await revoked.getByText("合格证明已作废").first().waitFor();
      expect(await p.locator('[data-test="portal-certificate-image"]').count()).toBe(0);
      await checkPage("certificate-revoked", p, "证书（已作废）", "phone");
      // Opened afresh, the page says the same.
      await p.reload();
      await p.locator('[data-test="portal-certificate-revoked"], .el-empty').first().waitFor();
      expect(await p.locator('[data-test="portal-certificate-image"]').count()).toBe(0);
    });

    const anon = await openSession(browser, server.url);
    sessions.push(anon);
    await step("chain-verify-revoked", { page: anon.page, server }, async () => {
      await anon.page.goto(verifyPath);
      await waitFor(
        async () => ((await anon.page.locator('[data-test="verify-message"]').textContent()) ?? "").trim(),
        "该证明已作废",
      );
      await anon.page.mouse.move(0, 0);
      await screenshot(anon.page, "verify-revoked");
      await expectAccessible(anon.page, "证书核验（已作废）");
    });
  });

  test("a resubmission refused after 医师报名 and 机构审核 ended goes through once the province extends 医师报名", async () => {
    // China's today and yesterday (the server's phases are China dates).
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const admin = await province();
    type Phase = { key: string; name: string; startDate: string; endDate: string };
    const { currentCycle } = await ok<{ currentCycle: { id: number; phases: Phase[] } }>(
      admin.context,
      "{ currentCycle { id phases { key name startDate endDate } } }",
    );
    // Set-up through the province's own API: both phases that admit a resubmission ended yesterday.
    const ended = currentCycle.phases.map(({ key, name, startDate, endDate }) => ({
      key,
      name,
      startDate,
      endDate: key === "REGISTRATION" || key === "INSTITUTION_REVIEW" ? day(-1) : endDate,
    }));
    await ok(
      admin.context,
      `
        mutation ($id: Int!, $input: CycleInput!) {
          updateAssessmentCycle(id: $id, input: $input) {
            id
          }
        }
      `,
      { id: currentCycle.id, input: { phases: ended } },
    );

    const returned = await physician("待报名（被机构驳回）");
    const p = returned.page;
    const resubmit = async () => {
      await p.goto("/portal/apply");
      await p.locator('[data-test="apply-return-reason"]').waitFor();
      await p.locator('[data-test="apply-submit"]').click();
    };
    await step("chain-resubmit-refused", { page: p, server }, async () => {
      // 我的考核 names the ended phases and the way out instead of a 重新提交 it would refuse.
      const next = p.locator('[data-test="portal-next"]');
      await next.getByText("当前不在报名时间内").waitFor();
      const text = ((await next.textContent()) ?? "").replace(/\s+/g, "");
      expect(text).toContain(`该阶段已于${day(-1)}结束`);
      expect(text).toContain("如需延长，请联系省级卫生行政部门");
      expect(await p.locator('[data-test="portal-cta"]').filter({ hasText: "修改并重新提交" }).count()).toBe(0);
      // The 报名 page says the same, and offers no 重新提交.
      await p.goto("/portal/apply");
      const closed = p.locator('[data-test="apply-closed"]');
      await closed.getByText("如需延长，请联系省级卫生行政部门").waitFor();
      expect(await p.locator('[data-test="apply-submit"]').count()).toBe(0);
      await checkPage("resubmit-phase-closed", p, "重新提交（阶段已结束）", "phone");
    });

    const page = admin.page;
    const newEnd = day(7);
    await step("chain-extend-registration", { page, server }, async () => {
      await page.goto("/administration/cycles");
      const current = page.locator("section.cycle").filter({ hasText: "当前周期" });
      const row = current.locator('[data-test="cycle-phases"] tr.el-table__row').filter({ hasText: "医师报名" });
      await waitFor(async () => (await row.locator("td").nth(2).textContent())?.trim(), day(-1));
      await row.locator('[data-test="extend-phase"]').click();
      const dialog = page.locator('[data-test="extend-dialog"]');
      const input = dialog.locator(".el-date-editor input");
      await input.fill(newEnd);
      await input.press("Enter");
      await dialog.locator("textarea").fill("部分医师被驳回后未能在报名截止前重新提交，延长一周");
      await dialog.locator('[data-test="extend-submit"]').click();
      await expectMessage(page, `“医师报名”已延长至 ${newEnd}`, "success");
      await waitFor(async () => (await row.locator("td").nth(2).textContent())?.trim(), newEnd);
      await page.mouse.move(0, 0);
      await screenshot(page, "admin-cycle-extended");
    });

    await step("chain-resubmit-accepted", { page: p, server }, async () => {
      await resubmit();
      await p.waitForURL(/\/portal$/);
      await waitFor(
        async () => (await p.locator('[data-test="portal-status"]').textContent())?.trim(),
        "待医疗卫生机构审核",
      );
    });
  });
});
