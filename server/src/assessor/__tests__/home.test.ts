import { Application } from "../../assessment/application.entity";
import { Procedure } from "../../assessment/procedure";
import { ApplicationStatus, ExemptionStatus } from "../../assessment/workflow";
import type { GqlClient } from "../../testing/gql-client";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { Institution } from "../../institutions/institution.entity";
import { buildWorld, createInstitution, nextCreditCode, signIn, type World } from "../../testing/world";

const HOME = `{ assessorHome {
  institution { id name } cycle { id phases { key endDate } } institutionCount
  statusCounts { status label count } completion { enrolled finished }
  queues { simpleReReviews generalReReviews exemptionReReviews resultsToRecord }
  administrations { name level contactPerson contactPhone } } }`;
const QUEUE = `query($filter: ApplicationFilter!) { applications(filter: $filter, pageSize: 100) { total items { id } } }`;
const APPLICATION = `query($id: Int!) { application(id: $id) { id statusLabel } }`;

let app: TestApp;
let world: World;
let aiA: GqlClient;
let aiB: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  aiA = await signIn(app, world.users.aiA);
  aiB = await signIn(app, world.users.aiB);
});
afterAll(() => app.close());

type Home = {
  institutionCount: number;
  statusCounts: { status: string; count: number }[];
  queues: Record<string, number>;
  administrations: { name: string; level: string }[];
};
const homeOf = async (c: GqlClient): Promise<Home> => (await c.ok(HOME)).assessorHome;
const countOf = (h: Home, status: string) => h.statusCounts.find((s) => s.status === status)?.count;

describe("考核机构首页", () => {
  it("counts its own institutions' statuses and queues, never another assessor's", async () => {
    const beforeA = await homeOf(aiA);
    const beforeB = await homeOf(aiB);
    await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, { institution: world.instA });
    await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, {
      institution: world.instB,
      procedure: Procedure.GENERAL,
    });
    await placeApplication(app, world, ApplicationStatus.AWAITING_TEST, {
      institution: world.instB,
      exemptionStatus: ExemptionStatus.AWAITING_ASSESSMENT_INSTITUTION,
    });
    await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, { institution: world.instC });

    const a = await homeOf(aiA);
    expect(a.institutionCount).toBe(2);
    expect(a.queues).toEqual({
      simpleReReviews: beforeA.queues.simpleReReviews + 1,
      generalReReviews: beforeA.queues.generalReReviews + 1,
      exemptionReReviews: beforeA.queues.exemptionReReviews + 1,
      resultsToRecord: beforeA.queues.resultsToRecord + 1,
    });
    expect(countOf(a, "AWAITING_ASSESSMENT_REVIEW")).toBe(countOf(beforeA, "AWAITING_ASSESSMENT_REVIEW")! + 2);
    expect(a.statusCounts.map((s) => s.status)).toContain("UNQUALIFIED");
    // Its superior (the province in the test world) once, not twice.
    expect(a.administrations.map((x) => x.name)).toEqual(["省卫健委"]);

    // aiB saw only instC's row arrive.
    const b = await homeOf(aiB);
    expect(b.institutionCount).toBe(1);
    expect(b.queues.simpleReReviews).toBe(beforeB.queues.simpleReReviews + 1);
    expect(b.queues.generalReReviews).toBe(beforeB.queues.generalReReviews);
    expect(countOf(b, "AWAITING_ASSESSMENT_REVIEW")).toBe(countOf(beforeB, "AWAITING_ASSESSMENT_REVIEW")! + 1);
  });

  it("is refused to an ordinary institution with FORBIDDEN", async () => {
    const inst = await signIn(app, world.users.instA);
    expect((await inst.fails(HOME)).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("复核 queue filters", () => {
  it("filters by submitted date, department name and status; another assessor's application is NOT_FOUND", async () => {
    const early = (await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW)).application;
    const late = (await placeApplication(app, world, ApplicationStatus.AWAITING_ASSESSMENT_REVIEW)).application;
    const repo = app.deps.ds.getRepository(Application);
    await repo.update({ id: early.id }, { submittedAt: new Date("2026-03-01T02:00:00Z") });
    await repo.update({ id: late.id }, { submittedAt: new Date("2026-03-05T02:00:00Z") });

    const ids = async (filter: Record<string, unknown>) =>
      (await aiA.ok(QUEUE, { filter: { queue: "ASSESSMENT_REVIEW", ...filter } })).applications.items.map(
        (i: { id: number }) => i.id,
      );
    const march = await ids({
      submittedFrom: "2026-03-01T00:00:00+08:00",
      submittedBefore: "2026-03-03T00:00:00+08:00",
    });
    expect(march).toContain(early.id);
    expect(march).not.toContain(late.id);
    const after = await ids({ submittedFrom: "2026-03-03T00:00:00+08:00" });
    expect(after).toContain(late.id);
    expect(after).not.toContain(early.id);
    expect(await ids({ departmentName: "不存在的科室" })).toEqual([]);
    expect(await ids({ statuses: ["AWAITING_TEST"] })).toEqual([]);

    // aiB: the same filter shows nothing of aiA's, and opening one is refused as missing.
    const theirs = (await aiB.ok(QUEUE, { filter: { queue: "ASSESSMENT_REVIEW", institutionId: world.instA.id } }))
      .applications;
    expect(theirs.total).toBe(0);
    expect((await aiB.fails(APPLICATION, { id: early.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await aiA.ok(APPLICATION, { id: early.id })).application.statusLabel).toBe("待考核机构复核");
  });
});

describe("所负责机构", () => {
  const ASSIGNED = `{ institutions(filter: { assignedToMe: true }, pageSize: 100) { total items { id } } }`;
  it("lists the institutions assigned to the assessor (not itself, not another's); others are refused", async () => {
    const a = (await aiA.ok(ASSIGNED)).institutions;
    expect(a.items.map((i: { id: number }) => i.id).sort()).toEqual([world.instA.id, world.instB.id].sort());
    expect((await aiB.ok(ASSIGNED)).institutions.items.map((i: { id: number }) => i.id)).toEqual([world.instC.id]);
    const inst = await signIn(app, world.users.instA);
    expect((await inst.fails(ASSIGNED)).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("测评进度 across institutions", () => {
  it("names each attempt's institution; the other assessor sees none of them", async () => {
    const hour = 3600_000;
    const paper = (
      await aiA.ok(`mutation($input: TestPaperInput!) { createTestPaper(input: $input) { id } }`, {
        input: {
          name: "跨机构测评·医学人文",
          kind: "HUMANITIES",
          windowStart: new Date(Date.now() - hour).toISOString(),
          windowEnd: new Date(Date.now() + hour).toISOString(),
          passMark: 60,
        },
      })
    ).createTestPaper;
    const { application } = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST, {
      institution: world.instB,
    });
    await aiA.ok(`mutation($input: TestScoreInput!) { recordTestScore(input: $input) { id } }`, {
      input: { applicationId: application.id, paperId: paper.id, score: 75 },
    });
    const ATTEMPTS = `query($paper: Int) { testAttempts(filter: { paperId: $paper }, pageSize: 100) {
      items { applicationId institutionName score } } }`;
    const mine = (await aiA.ok(ATTEMPTS, { paper: paper.id })).testAttempts.items;
    expect(mine).toEqual([expect.objectContaining({ institutionName: world.instB.name, score: 75 })]);
    expect((await aiB.ok(ATTEMPTS, { paper: paper.id })).testAttempts.items).toEqual([]);
  });
});

describe("所在机构 filter: searched on the server", () => {
  const FIND = `query($name: String) { institutions(filter: { assignedToMe: true, name: $name }, pageSize: 20) {
    total items { id name } } }`;
  const NAME = `query($id: Int!) { institution(id: $id) { id name } }`;
  it("finds any of 1 000 assigned institutions by name, a page at a time, and names a chosen one", async () => {
    // More than any one page (the old choices stopped at the first 100): the last one is found by its name.
    const first = await createInstitution(app.deps.ds.manager, {
      name: "远郊卫生院0000",
      cityCode: "450100",
      countyCode: "450103",
      assessmentInstitutionId: world.aiA.id,
    });
    const { id: _id, ...template } = first;
    for (let chunk = 0; chunk < 10; chunk++) {
      const rows = Array.from({ length: 100 }, (_, k) => chunk * 100 + k)
        .filter((i) => i > 0)
        .map((i) => ({ ...template, name: `远郊卫生院${String(i).padStart(4, "0")}`, creditCode: nextCreditCode() }));
      await app.deps.ds.getRepository(Institution).insert(rows);
    }
    const lastId = (await app.deps.ds.getRepository(Institution).findOneByOrFail({ name: "远郊卫生院0999" })).id;
    const all = (await aiA.ok(FIND, { name: "远郊卫生院" })).institutions;
    expect(all.total).toBe(1000);
    expect(all.items).toHaveLength(20);
    const last = (await aiA.ok(FIND, { name: "卫生院0999" })).institutions;
    expect(last.items).toEqual([{ id: lastId, name: "远郊卫生院0999" }]);
    expect((await aiA.ok(NAME, { id: lastId })).institution.name).toBe("远郊卫生院0999");
    // The other assessor finds none of them and cannot read one's name.
    expect((await aiB.ok(FIND, { name: "远郊卫生院" })).institutions.total).toBe(0);
    expect((await aiB.fails(NAME, { id: lastId })).extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
  }, 120_000);
});
