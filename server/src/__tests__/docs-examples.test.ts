import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ApplicationStatus } from "../assessment/workflow";
import { placeApplication } from "../testing/workflow";
import { startTestApp, type TestApp } from "../testing/test-app";
import { buildWorld, TEST_PASSWORD, type World } from "../testing/world";

/** The runnable examples of docs/api.md, run as a provincial system would run them. */
const run = promisify(execFile);
const EXAMPLES = path.resolve(__dirname, "..", "..", "..", "docs", "examples");

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  for (const status of [ApplicationStatus.AWAITING_TEST, ApplicationStatus.QUALIFIED, ApplicationStatus.NOT_ENROLLED])
    await placeApplication(app, world, status);
});
afterAll(() => app.close());

const example = (name: string, env: Record<string, string>, args: string[] = []) =>
  run("node", [path.join(EXAMPLES, name), ...args], { env: { ...process.env, BASE_URL: app.url, ...env } });

describe("docs/examples", () => {
  it("create a client, read region counts, sync changes twice, verify a certificate", async () => {
    const created = await example("create-client.mjs", {
      ADMIN_USER: world.users.province,
      ADMIN_PASSWORD: TEST_PASSWORD,
      REGION: "450100",
    });
    const { token } = JSON.parse(created.stdout);
    expect(token).toMatch(/^pa_/);

    const counts = await example("region-counts.mjs", { TOKEN: token }, ["COUNTY"]);
    expect(counts.stdout).toContain("450102\t兴宁区\t总数 3");

    const state = path.join(mkdtempSync(path.join(os.tmpdir(), "pa-sync-")), "state.json");
    const first = await example("sync-applications.mjs", { TOKEN: token, STATE: state });
    expect(first.stdout.trim().split("\n")).toHaveLength(3);
    expect(first.stderr).toContain("synced 3 changed applications");
    const second = await example("sync-applications.mjs", { TOKEN: token, STATE: state });
    expect(second.stderr).toContain("synced 0 changed applications");

    const verified = await example("verify-certificate.mjs", {}, ["GX2024-0000000", "0000-0000-0000"]);
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: "NOT_FOUND" });
  });
});
