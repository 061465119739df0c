import type { Page } from "playwright-core";
import { waitFor } from "./harness";

/**
 * What every list journey checks (client/src/components/list): paging that shows other rows and lives in
 * the address (reload, back button), and a failed load that says so and retries instead of claiming the
 * list is empty.
 */

export const tableOf = (page: Page, testId: string) => page.locator(`[data-test="${testId}"]`);
const pagerOf = (page: Page, testId: string) => page.locator(`.data-list:has([data-test="${testId}"]) .pa-pagination`);

export const listRows = (page: Page, testId: string) =>
  tableOf(page, testId).locator(".el-table__body-wrapper tr.el-table__row");

/** The rows as the user reads them, without 序号 and tick boxes (which differ on every page anyway). */
export async function rowTexts(page: Page, testId: string): Promise<string[]> {
  return listRows(page, testId).evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.children]
        .filter((td) => !td.classList.contains("list-index") && !td.classList.contains("select-cell"))
        .map((td) => (td.textContent ?? "").trim())
        .join("|"),
    ),
  );
}

/** 共 N 条 under the list. */
export async function listTotal(page: Page, testId: string): Promise<number> {
  const text = (await pagerOf(page, testId).locator(".el-pagination__total").textContent()) ?? "";
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

const activePage = async (page: Page, testId: string) =>
  Number((await pagerOf(page, testId).locator(".el-pager li.is-active").textContent())?.trim());

async function waitForPage(page: Page, testId: string, n: number, previous: string[]) {
  await waitFor(async () => (n === 1 ? !/[?&]page=/.test(page.url()) : page.url().includes(`page=${n}`)), true);
  await waitFor(() => activePage(page, testId), n);
  await waitFor(async () => {
    const now = await rowTexts(page, testId);
    return now.length > 0 && now.every((r) => !previous.includes(r));
  }, true);
}

/**
 * Pages through a list the ways a user can: the number 2, 前往 the last page, reload, the browser's back
 * button, ‹ and ›. Every step shows rows that were not on the page before; the last page has the rest.
 */
export async function expectPaging(page: Page, testId: string, pageSize = 10) {
  await waitFor(async () => (await listRows(page, testId).count()) > 0, true);
  const total = await listTotal(page, testId);
  const last = Math.ceil(total / pageSize);
  if (last < 2) throw new Error(`${testId}: ${total} rows make one page; the journey needs at least two`);
  const first = await rowTexts(page, testId);
  expect(first).toHaveLength(pageSize);
  const pager = pagerOf(page, testId);

  await pager
    .locator(".el-pager li")
    .filter({ hasText: /^\s*2\s*$/ })
    .click();
  await waitForPage(page, testId, 2, first);
  const second = await rowTexts(page, testId);
  expect(second).toHaveLength(last === 2 ? total - pageSize : pageSize);

  // 前往 the last page.
  const jumper = pager.locator(".el-pagination__jump input");
  await jumper.fill(String(last));
  await jumper.press("Enter");
  const lastRows =
    last === 2
      ? second
      : await (async () => {
          await waitForPage(page, testId, last, second);
          return rowTexts(page, testId);
        })();
  expect(lastRows).toHaveLength(total - (last - 1) * pageSize);

  // The page survives a reload; the back button returns to the page before.
  await page.reload();
  await waitFor(() => activePage(page, testId), last);
  await waitFor(async () => JSON.stringify(await rowTexts(page, testId)), JSON.stringify(lastRows));
  if (last > 2) {
    await page.goBack();
    await waitForPage(page, testId, 2, lastRows);
    expect(await rowTexts(page, testId)).toEqual(second);
    await pager.locator(".btn-next").click();
    await waitForPage(page, testId, 3, second);
  }
  await pager
    .locator(".el-pager li")
    .filter({ hasText: /^\s*1\s*$/ })
    .click();
  await waitFor(async () => JSON.stringify(await rowTexts(page, testId)), JSON.stringify(first));
  await pager.locator(".btn-next").click();
  await waitForPage(page, testId, 2, first);
  await pager.locator(".btn-prev").click();
  await waitFor(async () => JSON.stringify(await rowTexts(page, testId)), JSON.stringify(first));
}

/**
 * The list's query fails (network down) while `open` shows the list: the list says it failed, with the
 * reason and 重试, never its empty-state sentence; once the network is back 重试 shows the rows.
 */
export async function expectFailedLoad(page: Page, testId: string, operation: string, open: () => Promise<unknown>) {
  const pattern = "**/graphql";
  await page.route(pattern, async (route) => {
    const body = route.request().postData() ?? "";
    if (body.includes(`"operationName":"${operation}"`)) await route.abort("internetdisconnected");
    else await route.continue();
  });
  try {
    await open();
    const table = tableOf(page, testId);
    const failed = table.locator('[data-test="list-failed"]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain("网络连接失败");
    expect(await table.locator('[data-test="list-empty"]').count()).toBe(0);
    expect(await listRows(page, testId).count()).toBe(0);
  } finally {
    await page.unroute(pattern);
  }
  await tableOf(page, testId).locator('[data-test="list-retry"]').click();
  await waitFor(async () => (await listRows(page, testId).count()) > 0, true);
  expect(await tableOf(page, testId).locator('[data-test="list-failed"]').count()).toBe(0);
}
