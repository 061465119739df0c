import { serverAudits } from "graphql-http";
import { startTestApp, type TestApp } from "../testing/test-app";

/**
 * The GraphQL-over-HTTP conformance audit of the graphql-http package, against the real endpoint:
 * every MUST passes; SHOULD and MAY results are reported.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe("GraphQL over HTTP conformance (graphql-http audit)", () => {
  it("passes every MUST item and reports the rest", async () => {
    const audits = serverAudits({ url: `${app.url}/graphql`, fetchFn: fetch });
    const results = await Promise.all(audits.map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
    const failed = (level: string) => results.filter((r) => r.name.startsWith(level) && r.result.status !== "ok");
    const report = ["MUST", "SHOULD", "MAY"].map((level) => {
      const all = results.filter((r) => r.name.startsWith(level));
      return `${level}: ${all.length - failed(level).length}/${all.length} ok${
        failed(level).length
          ? `\n  - ${failed(level)
              .map((r) => `${r.name} (${r.result.status}: ${"reason" in r.result ? r.result.reason : ""})`)
              .join("\n  - ")}`
          : ""
      }`;
    });
    process.stdout.write(`\nGraphQL-over-HTTP audit\n${report.join("\n")}\n`);
    expect(failed("MUST").map((r) => r.name)).toEqual([]);
    expect(results.filter((r) => r.name.startsWith("MUST")).length).toBeGreaterThan(10);
  });
});
