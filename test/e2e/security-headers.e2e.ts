import type { Browser, Page, Response } from "playwright-core";
import { graphql, launchBrowser, openSession, signInToHome, startServer, step, type RunningServer } from "./harness";

/**
 * Security headers on the console (`/`), the public verification page (`/verify/…`), the offline explorer and file
 * downloads, with a Content-Security-Policy the pages really work under: Chromium reports every violation
 * (`securitypolicyviolation`), and a journey through the pages must see none.
 */
describe("security headers: the pages work under their Content-Security-Policy", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  function expectSecurityHeaders(res: Response | null, where: string) {
    expect(res).not.toBeNull();
    const h = res!.headers();
    const csp = h["content-security-policy"] ?? "";
    expect({ where, csp }).toEqual({ where, csp: expect.stringContaining("script-src 'self'") });
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(h["x-frame-options"]).toBe("SAMEORIGIN");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("same-origin");
  }

  /** Collects what Chromium reports as a CSP violation, from the first script of every page on. */
  async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  }

  test("console, verification page, explorer and a download", async () => {
    const { page, context, problems } = await openSession(browser, server.url);
    const violations = await watchViolations(page);

    await step("csp-console", { page, server }, async () => {
      expectSecurityHeaders(await page.goto("/login"), "/login");
      await signInToHome(page, "nnyy");
      for (const item of ["医师列表", "科室信息", "本机构信息"]) {
        await page.locator(".el-menu-item").filter({ hasText: item }).first().click();
        await page.waitForLoadState("networkidle");
        expect({ item, violations: await violations() }).toEqual({ item, violations: [] });
      }
    });

    await step("csp-download", { page, server }, async () => {
      const { data } = await graphql<{ applications: { items: { attachments: { url: string }[] }[] } }>(
        context,
        `
          {
            applications(pageSize: 50) {
              items {
                attachments {
                  url
                }
              }
            }
          }
        `,
      );
      const url = data!.applications.items.flatMap((a) => a.attachments)[0]?.url;
      expect(url).toBeTruthy();
      const file = await context.request.get(url);
      expect(file.status()).toBe(200);
      const h = file.headers();
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["content-security-policy"]).toContain("frame-ancestors 'self'");
      expect(h["x-frame-options"]).toBe("SAMEORIGIN");
    });

    await step("csp-verify", { page, server }, async () => {
      expectSecurityHeaders(await page.goto("/verify/GX2024-0000001"), "/verify");
      await page.waitForLoadState("networkidle");
      expect((await page.locator("#app").innerText()).trim().length).toBeGreaterThan(0);
      expect(await violations()).toEqual([]);
    });

    await step("csp-explorer", { page, server }, async () => {
      expectSecurityHeaders(await page.goto("/explorer"), "/explorer");
      await page.locator(".graphiql-container").waitFor();
      await page.locator(".graphiql-execute-button").click();
      await page.locator(".result-window").filter({ hasText: "AWAITING_REGISTRATION" }).waitFor();
      expect(await violations()).toEqual([]);
    });

    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
