import { Application } from "../../assessment/application.entity";
import { counterTables } from "../../testing/counters";
import { ApplicationStatus } from "../../assessment/workflow";
import { Physician } from "../../physicians/physician.entity";
import { DEMO_PASSWORD, seedDemo } from "../seed/demo";
import { startTestApp, type TestApp } from "../../testing/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe("demo data", () => {
  it("puts physicians in every workflow status, consistently, and can run twice", async () => {
    const logins = await seedDemo(app.deps.ds, app.deps.storage);
    const physicians = await app.deps.ds.getRepository(Physician).count();
    await seedDemo(app.deps.ds, app.deps.storage);
    expect(await app.deps.ds.getRepository(Physician).count()).toBe(physicians);

    const statuses = new Set((await app.deps.ds.getRepository(Application).find()).map((a) => a.status));
    expect([...statuses].sort()).toEqual(Object.values(ApplicationStatus).sort());

    const counters = await counterTables(app.deps.ds);
    expect(counters.institutionKept).toEqual(counters.institutionLive);
    expect(counters.countyKept).toEqual(counters.countyLive);

    const client = app.client();
    expect((await client.login("nnyy", DEMO_PASSWORD)).errors).toBeUndefined();
    const home = await client.ok(
      `{ institutionHome { pendingTasks { simpleReviews generalReviews exemptionReviews } completion { enrolled finished } } }`,
    );
    expect(home.institutionHome.pendingTasks).toEqual({ simpleReviews: 5, generalReviews: 4, exemptionReviews: 2 });
    const physician = logins.find((l) => l.who.startsWith("医师"))!;
    expect((await app.client().login(physician.username, DEMO_PASSWORD)).data.login.kind).toBe("PHYSICIAN");
    expect(logins.find((l) => l.username === "qxyy")!.password).toContain("666666");
  });
});
