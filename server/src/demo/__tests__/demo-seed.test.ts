import { Application } from "../../assessment/application.entity";
import { counterTables } from "../../testing/counters";
import { ApplicationStatus } from "../../assessment/workflow";
import { Physician } from "../../physicians/physician.entity";
import { DEMO_PASSWORD, seedDemo } from "../demo";
import { seedDemoVolume } from "../demo-volume";
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
    // Two assessment institutions, each with work in every queue, neither seeing the other's institutions.
    const queues = `{ review: applications(filter: { queue: ASSESSMENT_REVIEW }, pageSize: 100) { total items { institutionName } }
      exemptions: applications(filter: { queue: EXEMPTION_REREVIEW }) { total }
      testing: applications(filter: { queue: TESTING }) { total } }`;
    const seen: Record<string, string[]> = {};
    for (const username of ["gxysxh", "lzyxh"]) {
      const assessor = app.client();
      expect((await assessor.login(username, DEMO_PASSWORD)).errors).toBeUndefined();
      const q = await assessor.ok(queues);
      expect([q.review.total, q.exemptions.total, q.testing.total].every((n: number) => n > 0)).toBe(true);
      seen[username] = [...new Set<string>(q.review.items.map((i: { institutionName: string }) => i.institutionName))];
    }
    expect(seen.gxysxh.sort()).toEqual(["南宁市第一人民医院", "南宁市青秀区人民医院"]);
    expect(seen.lzyxh).toEqual(["柳州市妇幼保健院"]);
    expect(logins.map((l) => l.username)).toEqual(expect.arrayContaining(["gxysxh", "lzyxh"]));
    const physician = logins.find((l) => l.who.startsWith("医师"))!;
    expect((await app.client().login(physician.username, DEMO_PASSWORD)).data.login.kind).toBe("PHYSICIAN");
    expect(logins.find((l) => l.username === "qxyy")!.password).toContain("666666");
  });

  it("gives a physician login for each state the portal shows, and one that signs in first with 666666", async () => {
    const logins = (await seedDemo(app.deps.ds, app.deps.storage)).filter((l) => l.who.startsWith("医师"));
    const step = `{ portalHome { nextStep { step } application { statusLabel } } }`;
    const seen: [string, string][] = [];
    for (const l of logins.filter((x) => x.password === DEMO_PASSWORD)) {
      const doctor = app.client();
      expect((await doctor.login(l.username, DEMO_PASSWORD)).errors).toBeUndefined();
      const home = (await doctor.ok(step)).portalHome;
      seen.push([home.application.statusLabel, home.nextStep.step]);
    }
    expect(seen).toEqual([
      ["待报名", "REGISTER"],
      ["待报名（被机构驳回）", "RESUBMIT"],
      ["待参加考核", "TAKE_TEST"],
      ["合格", "CERTIFICATE"],
    ]);
    const fresh = logins.find((l) => l.password.includes("666666"))!;
    const first = await app.client().login(fresh.username, "666666");
    expect(first.data.login.mustChangePassword).toBe(true);
  });
});

describe("demo data at volume", () => {
  it("gives the large hospital's lists and the application queue several pages, and can run twice", async () => {
    await seedDemo(app.deps.ds, app.deps.storage);
    const logins = await seedDemoVolume(app.deps.ds, app.deps.storage);
    const physicians = await app.deps.ds.getRepository(Physician).count();
    await seedDemoVolume(app.deps.ds, app.deps.storage);
    expect(await app.deps.ds.getRepository(Physician).count()).toBe(physicians);
    expect(logins.map((l) => l.username)).toEqual(["gxykd"]);

    const counters = await counterTables(app.deps.ds);
    expect(counters.institutionKept).toEqual(counters.institutionLive);

    const hospital = app.client();
    expect((await hospital.login("gxykd", DEMO_PASSWORD)).errors).toBeUndefined();
    const home = await hospital.ok(
      `{ institutionHome { pendingTasks { simpleReviews generalReviews exemptionReviews } }
         departments(page: 1, pageSize: 10) { total }
         testAttempts(filter: { withSnapshots: true }, page: 1, pageSize: 10) { total } }`,
    );
    expect(home.institutionHome.pendingTasks).toEqual({ simpleReviews: 21, generalReviews: 12, exemptionReviews: 12 });
    expect(home.departments.total).toBe(13);
    expect(home.testAttempts.total).toBe(12);

    const city = app.client();
    expect((await city.login("nnwjw", DEMO_PASSWORD)).errors).toBeUndefined();
    const queue = await city.ok(
      `{ assessmentInstitutionApplications(status: PENDING, page: 1, pageSize: 10) { total items { attachments { fileName } } } }`,
    );
    expect(queue.assessmentInstitutionApplications.total).toBe(12);
    expect(queue.assessmentInstitutionApplications.items[0].attachments[0].fileName).toBe("考核机构申请书.pdf");
  }, 180_000); // thousands of rows, twice: minutes on a loaded machine
});
