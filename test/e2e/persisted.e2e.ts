import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { addTypenameToDocument } from "@apollo/client/utilities";
import { parse, print, type DocumentNode } from "graphql";
import type { Page } from "playwright-core";
import * as generated from "../../client/src/gql/graphql";
import { graphql, ROOT, signInToHome, step, waitFor, type RunningServer, journey } from "./harness";

const ALLOW_LIST = path.join(ROOT, "client", "dist", "persisted-operations.json");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** As the server compares documents (server/src/common/persisted-operations.ts). */
const normalizedHash = (document: string) => sha256(print(parse(document)));

/**
 * The console against a server that runs only the allow-listed operations the build wrote
 * (client/dist/persisted-operations.json), as production may: signing in, the home page, the roster and
 * the other pages work; anything else is refused with PERSISTED_QUERY_NOT_ALLOWED.
 */
describe("persisted operations: the console on an allow-list-only server", () => {
  let server!: RunningServer;
  let nnyy!: Session;
  let page!: Page;
  /** Every GraphQL request the console sent, with the server's error code if it refused it. */
  const refused: string[] = [];
  let requests = 0;

  journey({ env: { PERSISTED_OPERATIONS_FILE: ALLOW_LIST, PERSISTED_OPERATIONS_ONLY: "true" }, session: true }, (j) => {
    ({ server, session: nnyy, page } = j);
    page.on("response", async (res) => {
      if (!res.url().endsWith("/graphql") || res.request().method() !== "POST") return;
      requests++;
      const body = await res.text().catch(() => "");
      if (body.includes("PERSISTED_QUERY"))
        refused.push(`${res.request().postDataJSON()?.operationName ?? "?"}: ${body.slice(0, 200)}`);
    });
  });

  test("the allow-list holds every console operation, keyed by its sha256, as Apollo Client sends it", () => {
    const allowList = JSON.parse(readFileSync(ALLOW_LIST, "utf8")) as Record<string, string>;
    for (const [hash, document] of Object.entries(allowList))
      expect({ hash, ok: sha256(document) === hash }).toEqual({ hash, ok: true });
    const allowed = new Set(Object.values(allowList).map(normalizedHash));

    // What the console sends: each typed document after Apollo's cache added `__typename`.
    const operations = Object.entries(generated).filter(
      ([, value]) =>
        (value as DocumentNode | undefined)?.kind === "Document" &&
        (value as DocumentNode).definitions[0]?.kind === "OperationDefinition",
    );
    expect(operations.length).toBe(Object.keys(allowList).length);
    const missing = operations
      .filter(([, doc]) => !allowed.has(normalizedHash(print(addTypenameToDocument(doc as DocumentNode)))))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  test("signing in, the home page, the roster and the 考核管理 pages work", async () => {
    await step("persisted-console", { page, server }, async () => {
      await signInToHome(page, "nnyy");
      await page.getByText("您好，南宁市第一人民医院").waitFor();
      await waitFor(
        async () =>
          (await page.locator('[data-test="pending-tasks"] li[data-task="simple"] strong').textContent())?.trim(),
        "5",
      );
      await page.locator('[data-test="completion"]').waitFor();

      await page.locator(".el-menu-item").filter({ hasText: "医师列表" }).click();
      await page.waitForURL(/\/physicians$/);
      await waitFor(
        async () => (await page.locator('[data-test="tab-not-enrolled"] .count').textContent())?.trim(),
        "10",
      );
      await waitFor(async () => (await page.locator('[data-test="tab-enrolled"] .count').textContent())?.trim(), "29");
      await waitFor(
        () => page.locator('[data-test="roster-table"] .el-table__body-wrapper tr.el-table__row').count(),
        10,
      );
      await page
        .locator('[data-test="roster-table"] .el-table__body-wrapper tr.el-table__row')
        .first()
        .getByRole("button", { name: "详情" })
        .click();
      const idNumber = page.locator('[data-test="physician-drawer"] [data-test="detail-id-number"]');
      await waitFor(async () => /^\d{17}[\dX]$/.test(((await idNumber.textContent()) ?? "").trim()), true);
      await page.locator('[data-test="physician-drawer"]').getByRole("button", { name: "关闭", exact: true }).click();

      await page.goto("/assessment/progress");
      await page.locator('[data-test="status-count"][data-status="QUALIFIED"]').click();
      await waitFor(() => page.locator('[data-test="progress-table"] [data-test="row-print"]').count(), 4);
      await page.locator('[data-test="row-print"]').first().click();
      const image = page.locator('[data-test="certificate-image"]');
      await waitFor(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 1754);
      await page.locator('[data-test="certificate-dialog"] .el-dialog__headerbtn').click();

      await page.goto("/assessment/tests");
      await page.locator('[data-test="attempt-table"] .el-table__body-wrapper tr.el-table__row').first().waitFor();
      await page.goto("/assessment/proctoring");
      await page.locator('[data-test="row-view-snapshots"]').first().click();
      await waitFor(() => page.locator('[data-test="gallery-thumb"]').count(), 4);
      await page.goto("/reviews/simple");
      await waitFor(
        () => page.locator('[data-test="review-table"] .el-table__body-wrapper tr.el-table__row').count(),
        5,
      );
      await page.goto("/verify/GX2024-0000001?code=0000-0000-0000");
      await page.locator('[data-test="verify-status"]').waitFor();
    });
    expect(requests).toBeGreaterThan(10);
    expect(refused).toEqual([]);
    expect(nnyy.problems).toEqual([]);
  });

  test("an ad-hoc document is refused with PERSISTED_QUERY_NOT_ALLOWED; an allowed one reformatted is not", async () => {
    // Signed in, with the console's own cookie: a document the console never sends.
    const adHoc = await graphql(nnyy.context, "query Me { me { id username roles } }");
    expect(adHoc.data).toBeUndefined();
    expect(adHoc.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");
    const res = await nnyy.context.request.post("/graphql", {
      data: { query: "{ physicians(pageSize: 100) { items { idNumberMasked } } }" },
      headers: { "apollo-require-preflight": "true" },
    });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      "PERSISTED_QUERY_NOT_ALLOWED",
    );

    // The allow-list compares documents, not their layout.
    const allowList = JSON.parse(readFileSync(ALLOW_LIST, "utf8")) as Record<string, string>;
    const workflow = Object.values(allowList).find((d) => d.startsWith("query Workflow "))!;
    const reformatted = await graphql<{ workflow: { statuses: unknown[] } }>(
      nnyy.context,
      workflow.replace(/ \{ /g, " {\n  ").replace(/ \} /g, "\n}\n"),
    );
    expect(reformatted.errors).toBeUndefined();
    expect(reformatted.data?.workflow.statuses.length).toBeGreaterThan(5);
  });
});
