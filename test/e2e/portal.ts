import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectNoHorizontalScroll,
  graphql,
  login,
  openSession,
  screenshot,
  type RunningServer,
  type ViewportName,
} from "./harness";

/** What the physician-portal journeys share: the demo logins, API contexts for the other parties, the page check. */

/** The physician login `npm start` prints for a state (the words in brackets). */
export function demoPhysician(server: RunningServer, state: string): string {
  const line = server
    .log()
    .split("\n")
    .find((l) => l.includes(`（${state}）`) && l.includes("医师"));
  if (!line) throw new Error(`no demo physician in state ${state}:\n${server.log()}`);
  return line.trim().split(/\s+/)[0];
}

/** A signed-in API context of another party (nnyy: the institution; gxysxh: the assessment institution). */
export async function apiAs(browser: Browser, server: RunningServer, username: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: server.url });
  const res = await graphql(
    ctx,
    `
      mutation ($input: LoginInput!) {
        login(input: $input) {
          id
        }
      }
    `,
    { input: { username, password: DEMO_PASSWORD } },
  );
  expect(res.errors).toBeUndefined();
  return ctx;
}

/** `graphql` that must succeed. */
export async function ok<T = Record<string, unknown>>(
  ctx: BrowserContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await graphql<T>(ctx, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

export async function myApplication(ctx: BrowserContext) {
  const data = await ok<{ myApplication: { id: number; timeline: { action: string }[] } }>(
    ctx,
    `
      {
        myApplication {
          id
          timeline {
            action
          }
        }
      }
    `,
  );
  return data.myApplication;
}

const SIZE_NAME: Record<ViewportName, string> = {
  desktop: "desktop",
  laptop: "1024",
  phone: "phone",
  smallPhone: "phone",
};

/** Screenshot (docs/screenshots/portal-<name>-<size>.png), axe and no sideways scrolling. */
export async function checkPage(name: string, p: Page, where: string, viewport: ViewportName) {
  // The pointer leaves the last button (hover tints are not what is checked), then the screenshot: it waits
  // for fonts and for Element Plus' appear transitions (tags fade in).
  await p.mouse.move(0, 0);
  await screenshot(p, `portal-${name}-${SIZE_NAME[viewport]}`);
  await expectAccessible(p, where);
  await expectNoHorizontalScroll(p, where);
}

export async function signIn(
  browser: Browser,
  server: RunningServer,
  viewport: ViewportName,
  username: string,
  password = DEMO_PASSWORD,
) {
  const s = await openSession(browser, server.url, { viewport });
  await login(s.page, username, password);
  return s;
}
