import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const SCREENSHOT_DIR = path.join(ROOT, "docs", "screenshots");
const ARTIFACT_DIR = path.join(ROOT, "test", "e2e", "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const DEMO_PASSWORD = "Demo@2026";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * The real production build: `node server/dist/main.js --demo` on a free port with a throwaway SQLite
 * file and file store, serving client/dist on the same origin (as in production).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const main = path.join(ROOT, "server", "dist", "main.js");
  const clientDist = path.join(ROOT, "client", "dist");
  if (!existsSync(main) || !existsSync(path.join(clientDist, "index.html"))) {
    throw new Error("server/dist or client/dist is missing: run `npm run build` first");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa-e2e-"));
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SQLITE_PATH: path.join(dir, "e2e.sqlite"),
    STORAGE_DIR: path.join(dir, "files"),
    CLIENT_DIST: clientDist,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...env,
  };
  delete childEnv.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [main, "--demo"], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far (expected 4xx/5xx responses excluded). */
  problems: string[];
}

/** The screen sizes users have: desktop consoles from 1024 px up, physicians mostly on a phone. */
export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
  smallPhone: { width: 360, height: 640 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** A fresh browser profile (own cookies), Chinese locale, China time; 1440×900 unless told otherwise. */
export async function openSession(
  browser: Browser,
  baseURL: string,
  options: { viewport?: ViewportName } = {},
): Promise<Session> {
  const phone = options.viewport === "phone" || options.viewport === "smallPhone";
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[options.viewport ?? "desktop"],
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    acceptDownloads: true,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    // The browser logs every non-2xx response; those are asserted on by the journeys themselves.
    if (/Failed to load resource/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  if (process.env.E2E_DEBUG) {
    page.on("console", (msg) => console.log(`[console.${msg.type()}] ${msg.text()}`));
    page.on("response", (res) => {
      if (res.url().includes("/graphql"))
        void res.text().then(
          (t) => console.log(`[graphql ${res.status()}] ${t.slice(0, 300)}`),
          () => undefined,
        );
    });
  }
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let transitions, progress animations and fonts settle.
  await page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document
      .getAnimations()
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
  await page.waitForTimeout(300);
  // Toasts are transient feedback, not part of the page: keep them out of the documentation shots.
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    style: ".el-message { display: none !important; }",
  });
}

/** Keeps what the browser saw when a journey fails (screenshot + server log). */
export async function saveFailureArtifacts(page: Page | undefined, server: RunningServer | undefined, name: string) {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  if (page && !page.isClosed())
    await page.screenshot({ path: path.join(ARTIFACT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
  if (server) writeFileSync(path.join(ARTIFACT_DIR, `${name}.server.log`), server.log());
}

// ---------- Element Plus helpers ----------

/** The form item whose label is exactly `label`. */
export function formItem(scope: Page | Locator, label: string): Locator {
  // `has` is matched inside each form item, so it must be a locator rooted at the page.
  const page = "page" in scope && typeof scope.page === "function" ? (scope as Locator).page() : (scope as Page);
  return scope.locator(".el-form-item").filter({ has: page.locator(`.el-form-item__label:text-is("${label}")`) });
}

/** Text of the last toast (ElMessage) that appeared. */
export async function expectMessage(
  page: Page,
  text: string | RegExp,
  type?: "success" | "error" | "warning" | "info",
) {
  const selector = type ? `.el-message.el-message--${type}` : ".el-message";
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ state: "visible" });
}

/** Picks an option of an el-select opened from `trigger`. */
export async function chooseOption(page: Page, trigger: Locator, option: string) {
  await trigger.locator(".el-select__wrapper").click();
  await page
    .locator(".el-select-dropdown__item:visible")
    .filter({ hasText: new RegExp(`^\\s*${option}\\s*$`) })
    .first()
    .click();
}

/** Confirms (or cancels) the open ElMessageBox. */
export async function answerMessageBox(page: Page, button: string) {
  // The box that offers this button: another may open right after it (调入 → 分配科室) while this one fades out.
  const box = page
    .locator(".el-message-box")
    .filter({ has: page.getByRole("button", { name: button, exact: true }) })
    .last();
  await box.waitFor({ state: "visible" });
  await box.getByRole("button", { name: button, exact: true }).click();
  await box.waitFor({ state: "hidden" });
}

export async function login(page: Page, username: string, password: string) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('[data-test="login-submit"]').click();
}

export interface Journey {
  server: RunningServer;
  browser: Browser;
  /** The file's own browser profile (with `session` or `signIn`). */
  session: Session;
  page: Page;
}

/**
 * What every journey file sets up: the built server with demo data (`env` for its settings), one browser,
 * and with `signIn` a profile signed in on 首页 whose page errors fail each test. `ready` receives them
 * once they exist, for the file's own variables.
 */
export function journey(
  options: { env?: Record<string, string>; session?: boolean; signIn?: string } = {},
  ready: (j: Journey) => void = () => undefined,
): Journey {
  const j = {} as Journey;
  const withSession = options.session || !!options.signIn;
  beforeAll(async () => {
    j.server = await startServer(options.env);
    j.browser = await launchBrowser();
    if (withSession) {
      j.session = await openSession(j.browser, j.server.url);
      j.page = j.session.page;
    }
    if (options.signIn) await signInToHome(j.page, options.signIn);
    ready(j);
  });
  afterAll(async () => {
    await j.browser?.close();
    await j.server?.stop();
  });
  if (withSession) afterEach(() => expect(j.session.problems).toEqual([]));
  return j;
}

/**
 * The browser profiles a test opens for its parties: each is checked for page errors and closed after the test
 * (push the sessions a test opens onto the returned list).
 */
export function closedAfterEach(): Session[] {
  const sessions: Session[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      expect(s.problems).toEqual([]);
      await s.context.close();
    }
  });
  return sessions;
}

/** Signs in with a demo account that lands on 首页 and confirms the cycle notice (shown once per cycle). */
export async function signInToHome(page: Page, username: string) {
  await login(page, username, DEMO_PASSWORD);
  await page.waitForURL(/\/home$/);
  await page.locator('[data-test="notice-confirm"]').click();
  await page.locator('[data-test="cycle-notice"]').waitFor({ state: "hidden" });
}

/**
 * A test in a browser profile of its own: `fn` runs as one `step` (artifacts on failure), the profile's page
 * errors fail the test, and the profile is closed whatever happens.
 */
export async function inFreshSession(
  browser: Browser,
  server: RunningServer,
  name: string,
  fn: (s: Session) => Promise<void>,
  options: { viewport?: ViewportName } = {},
) {
  const s = await openSession(browser, server.url, options);
  try {
    await step(name, { page: s.page, server }, () => fn(s));
    expect(s.problems).toEqual([]);
  } finally {
    await s.context.close();
  }
}

/** The body text of a row in an el-table that contains `text`. */
export function tableRow(scope: Page | Locator, text: string): Locator {
  return scope.locator(".el-table__body-wrapper tr.el-table__row").filter({ hasText: text });
}

/**
 * Runs one journey step; on failure keeps a screenshot and the server log under test/e2e/artifacts/
 * (gitignored) so that a red run can be understood without re-running it.
 */
export async function step<T>(
  name: string,
  ctx: { page?: Page; server?: RunningServer },
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await saveFailureArtifacts(ctx.page, ctx.server, name.replace(/[^\w-]+/g, "_"));
    throw err;
  }
}

/** A tiny but well-formed one-page PDF (the server recognises files by their first bytes). */
export function samplePdf(title = "application"): Buffer {
  const body = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
    `% ${title}`,
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n");
  return Buffer.from(body, "latin1");
}

/** GB 32100 check character, to build credit codes the way the demo data does. */
export function withCreditCheck(first17: string): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * weights[i];
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

/** Polls `read` until it returns `expected` (the DOM updates asynchronously). */
export async function waitFor<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (last === expected) return;
    if (Date.now() > deadline)
      throw new Error(`expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Sends a GraphQL operation with the browser profile's session cookie, as another tab of the same user
 * would (used to make "someone else acted first" happen at a chosen moment).
 */
export async function graphql<T = Record<string, unknown>>(
  context: BrowserContext,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const res = await context.request.post("/graphql", {
    data: { query, variables },
    headers: { "apollo-require-preflight": "true" },
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  return body;
}

/** The 15-digit form of an 18-digit ID number of someone born in the 1900s. */
export const legacyIdNumber = (id18: string) => id18.slice(0, 6) + id18.slice(8, 17);

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now and fails on any serious or critical
 * violation, naming the rule and the offending nodes. Call it on every page a journey visits.
 */
export async function expectAccessible(page: Page, where: string) {
  let violations = await axeViolations(page);
  // A toast that starts to fade out while axe runs (its timer ran out, on a busy machine axe takes seconds) is
  // measured half transparent. Such a finding is measured again once the fade is over; any other finding stands.
  if (violations.length && violations.every((v) => v.startsWith("serious color-contrast") && v.includes("el-message")))
    violations = await axeViolations(page);
  if (violations.length) throw new Error(`accessibility violations on ${where}:\n${violations.join("\n")}`);
}

async function axeViolations(page: Page): Promise<string[]> {
  // A toast or dialog still fading in is half transparent: axe would measure the blend, not the colours the user
  // reads a moment later (a flaky color-contrast on 已新增其他执业机构意见). Let running transitions settle first.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      null,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  // Evaluated through the DevTools protocol, not as an inline <script>: the pages' CSP allows no inline script.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] }[];
    };
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 200)}`).join(", ")}`,
      );
  });
}

/** Fails when the page scrolls sideways (a phone layout must fit its width). */
export async function expectNoHorizontalScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) throw new Error(`${where} scrolls sideways by ${overflow} px`);
}
