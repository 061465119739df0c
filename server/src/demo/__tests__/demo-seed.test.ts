import { Application } from "../../assessment/application.entity";
import { ApplicationEvent } from "../../assessment/application-event.entity";
import { counterTables } from "../../testing/counters";
import { ApplicationStatus } from "../../assessment/workflow";
import { Physician } from "../../physicians/physician.entity";
import { DEMO_PASSWORD, seedDemo } from "../demo";
import { seedDemoVolume } from "../demo-volume";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { AssessmentCycle, phaseOpen, todayInChina } from "../../assessment/cycle.entity";
import { Attachment } from "../../attachments/attachment.entity";
import { hasValidStructure } from "../../attachments/file-kinds";
import { Department } from "../../departments/department.entity";
import { TestAttempt } from "../../exams/test-attempt.entity";
import { departmentKind } from "../demo-physicians";
import { demoCycle } from "../demo-cycle";

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
  }, 120_000); // two full demo seeds: 30 s was too short on MariaDB with the shared cores busy (timed out at load 13)

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

describe("demo data a reviewer can believe (issue 16 item 14)", () => {
  it("declares the work quantities of the physician's department, and rates exactly those", async () => {
    await seedDemo(app.deps.ds, app.deps.storage);
    const departments = new Map((await app.deps.ds.getRepository(Department).find()).map((d) => [d.id, d]));
    const general = (await app.deps.ds.getRepository(Application).find()).filter(
      (a) => a.submission?.procedure === "GENERAL",
    );
    const seen = new Set<string>();
    for (const a of general) {
      const department = departments.get(a.submission!.departmentId!)!;
      const codes = a.submission!.workQuantities.map((q) => q.code).sort();
      const kind = departmentKind(department.subjectCodes);
      seen.add(kind);
      expect([department.name, codes]).toEqual([
        department.name,
        { MEDICAL_TECHNOLOGY: ["EXAMINATIONS"], SURGICAL: ["OPERATIONS", "PATIENTS"], CLINICAL: ["PATIENTS"] }[kind],
      ]);
      const rated = (a.institutionReview?.ratings ?? [])
        .map((r) => r.item)
        .filter((i) => i.startsWith("WORK_QUANTITY:"));
      if (a.institutionReview) expect(rated.sort()).toEqual(codes.map((c) => `WORK_QUANTITY:${c}`).sort());
    }
    // 医学影像科 of nnyy is among them, declaring 检验/检查量 and not 接诊/手术量.
    expect(seen).toEqual(new Set(["MEDICAL_TECHNOLOGY", "SURGICAL", "CLINICAL"]));
    const imaging = general.filter((a) => departments.get(a.submission!.departmentId!)!.name === "医学影像科");
    expect(imaging.length).toBeGreaterThan(0);
    for (const a of imaging) expect(a.submission!.workQuantities.map((q) => q.code)).toEqual(["EXAMINATIONS"]);
  });

  it("schedules a 补考 only for a test taken and failed", async () => {
    await seedDemo(app.deps.ds, app.deps.storage);
    const attempts = await app.deps.ds.getRepository(TestAttempt).find();
    const makeups = attempts.filter((t) => t.isMakeup);
    expect(makeups.length).toBeGreaterThan(0);
    for (const m of makeups) {
      const failed = attempts.filter(
        (t) => t.applicationId === m.applicationId && !t.isMakeup && t.testKind === m.testKind && t.passed === false,
      );
      expect([m.testKind, failed.length]).toEqual([m.testKind, 1]);
    }
  });

  it("has a cycle whose phases follow one another inside it: not all open, 补考 still ahead and ending in the cycle", async () => {
    await seedDemo(app.deps.ds, app.deps.storage);
    const cycle = await app.deps.ds.getRepository(AssessmentCycle).findOneByOrFail({ isCurrent: true });
    const today = todayInChina();
    const open = cycle.phases.filter((p) => phaseOpen(cycle, p.key, today)).map((p) => p.key);
    expect(open.length).toBeLessThan(cycle.phases.length);
    // What the demo logins are for stays possible (README): registering, both reviews, recording results.
    expect(open).toEqual(expect.arrayContaining(["REGISTRATION", "INSTITUTION_REVIEW", "ASSESSMENT_REVIEW", "TEST"]));
    for (const p of cycle.phases) {
      expect(p.startDate <= p.endDate).toBe(true);
      expect(p.startDate >= cycle.startDate && p.endDate <= cycle.endDate).toBe(true);
    }
    const starts = cycle.phases.map((p) => p.startDate);
    expect([...starts].sort()).toEqual(starts);
  });

  it("spreads the seeded timelines over the weeks of 在线测评: the trend reads as a trend, in order, none today", async () => {
    await seedDemo(app.deps.ds, app.deps.storage);
    const province = app.client();
    expect((await province.login("gxwjw", DEMO_PASSWORD)).errors).toBeUndefined();
    const { trend } = (await province.ok(`{ administrationDashboard { trend { day submissions results } } }`))
      .administrationDashboard;
    const today = todayInChina();
    const submitDays = trend.filter((t: { submissions: number }) => t.submissions > 0);
    const resultDays = trend.filter((t: { results: number }) => t.results > 0);
    expect(submitDays.length).toBeGreaterThanOrEqual(10);
    expect(resultDays.length).toBeGreaterThanOrEqual(5);
    const busiest = Math.max(...trend.map((t: { submissions: number }) => t.submissions));
    const total = submitDays.reduce((n: number, t: { submissions: number }) => n + t.submissions, 0);
    expect(busiest / total).toBeLessThan(0.25);
    expect(trend.at(-1)).toMatchObject({ day: today, submissions: 0, results: 0 });
    // Each timeline keeps its order.
    const events: { applicationId: number; id: number; at: Date }[] = await app.deps.ds
      .getRepository(ApplicationEvent)
      .find({ order: { applicationId: "ASC", id: "ASC" } });
    for (let i = 1; i < events.length; i++)
      if (events[i].applicationId === events[i - 1].applicationId)
        expect(events[i].at.getTime()).toBeGreaterThan(events[i - 1].at.getTime());
  });

  it("keeps every phase inside the cycle whatever day it is seeded on", () => {
    for (const day of ["2024-01-01", "2025-06-30", "2026-12-20", "2026-12-31"]) {
      const cycle = demoCycle(day, "450000");
      for (const p of cycle.phases) {
        expect(p.startDate >= cycle.startDate && p.endDate <= cycle.endDate && p.startDate <= p.endDate).toBe(true);
      }
    }
  });

  it("attaches a commendation certificate as 表彰证书.png and PDFs that embed a Chinese font", async () => {
    await seedDemo(app.deps.ds, app.deps.storage);
    const attachments = app.deps.ds.getRepository(Attachment);
    const certificates = await attachments.findBy({ fileName: "表彰证书.png" });
    expect(certificates.length).toBeGreaterThan(0);
    const material = (await attachments.findOneByOrFail({ fileName: "年度考核证明.png" })).storageKey;
    for (const c of certificates) {
      expect(c.storageKey).not.toBe(material);
      const png = await app.deps.storage.read(c.storageKey);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 560]); // a landscape certificate
      expect(png.length).toBeLessThan(200_000);
      expect(hasValidStructure("PNG", png)).toBe(true);
    }
    const pdf = await app.deps.storage.read(
      (await attachments.findOneByOrFail({ fileName: "执业证书及申请材料.pdf" })).storageKey,
    );
    expect(hasValidStructure("PDF", pdf)).toBe(true);
    const text = pdf.toString("latin1");
    expect(text).toMatch(/\/FontFile2/); // an embedded TrueType subset …
    expect(text).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSerifSC/); // … of the certificates' CJK font
    expect(text).not.toContain("Helvetica");
  });
});
