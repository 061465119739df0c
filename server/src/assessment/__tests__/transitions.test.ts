import { Application } from "../application.entity";
import { OtherInstitutionOpinion } from "../other-opinion.entity";
import { Procedure } from "../procedure";
import {
  ApplicationStatus,
  EXEMPTION_OPEN_STATUSES,
  EXEMPTION_TRANSITIONS,
  ExemptionAction,
  ExemptionStatus,
  PARTY_ROLES,
  Party,
  refusalFor,
  TRANSITIONS,
  WorkflowAction,
} from "../workflow";
import { ApiPermission, Role, permissionRole } from "../../common/auth";
import { createTestApiClient } from "../../testing/api-clients";
import { samplePdf } from "../../testing/files";
import { placeApplication, physicianClient } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";
import type { GqlClient, GqlResponse } from "../../testing/gql-client";
import type { Physician } from "../../physicians/physician.entity";

/**
 * Cases generated from the transition tables: every action from every status it is not allowed
 * from, and by every principal who is not its party. Refusals must change nothing.
 */
interface Target {
  application: Application;
  physician: Physician;
}
type Invoke = (c: GqlClient, t: Target) => Promise<GqlResponse>;

let app: TestApp;
let world: World;
let departmentId: number;
const form = () => ({
  procedure: "SIMPLE",
  departmentId,
  practiceExperience: "执业经历",
  workPerformance: "工作成绩",
  ethics: "职业道德",
  report: "述职报告",
  hasGoodRecord: true,
  hasBadRecord: false,
});
const ratings = {
  ratings: [
    { item: "WORK_PERFORMANCE", rating: "QUALIFIED" },
    { item: "ETHICS", rating: "QUALIFIED" },
  ],
  opinion: "",
};

/** The target's other-site opinion (one is written directly when the case needs it). */
async function opinionOf(t: Target): Promise<number> {
  const repo = app.deps.ds.getRepository(OtherInstitutionOpinion);
  const found = await repo.findOneBy({ applicationId: t.application.id });
  if (found) return found.id;
  const row = await repo.save(
    repo.create({
      applicationId: t.application.id,
      institutionName: "某医院",
      opinion: "原意见",
      byAccountId: 1,
      at: new Date(),
    }),
  );
  return row.id;
}

const INVOKE: Record<Exclude<WorkflowAction, "VOID_FOR_CHEATING">, Invoke> = {
  ENROLL: (c, t) =>
    c.request(`mutation($id: Int!) { enrollPhysician(physicianId: $id) { id } }`, { id: t.physician.id }),
  CANCEL_ENROLLMENT: (c, t) =>
    c.request(`mutation($id: Int!) { cancelEnrollment(physicianId: $id) { id } }`, { id: t.physician.id }),
  SUBMIT: (c) =>
    c.request(`mutation($input: ApplicationFormInput!) { submitApplication(input: $input) { id } }`, { input: form() }),
  APPROVE: (c, t) =>
    c.request(
      `mutation($id: Int!, $input: InstitutionApprovalInput!) { approveApplication(id: $id, input: $input) { id } }`,
      { id: t.application.id, input: ratings },
    ),
  REJECT: (c, t) =>
    c.request(`mutation($id: Int!) { rejectApplication(id: $id, reason: "材料不全") { id } }`, {
      id: t.application.id,
    }),
  ADD_OPINION: (c, t) =>
    c.request(
      `mutation($id: Int!) { addOtherInstitutionOpinion(id: $id, institutionName: "某医院", opinion: "同意") { id } }`,
      { id: t.application.id },
    ),
  REREVIEW_APPROVE: (c, t) =>
    c.request(`mutation($id: Int!) { reReviewApplication(id: $id, approve: true) { id } }`, { id: t.application.id }),
  REREVIEW_REJECT: (c, t) =>
    c.request(`mutation($id: Int!) { reReviewApplication(id: $id, approve: false, reason: "退回") { id } }`, {
      id: t.application.id,
    }),
  ADMIN_RETURN: (c, t) =>
    c.request(`mutation($id: Int!) { returnApplication(id: $id, reason: "退回") { id } }`, { id: t.application.id }),
  ADMIN_CANCEL_ENROLLMENT: (c, t) =>
    c.request(`mutation($id: Int!) { cancelEnrollmentByAdministration(id: $id, reason: "医师离岗") { id } }`, {
      id: t.application.id,
    }),
  UPDATE_OPINION: async (c, t) =>
    c.request(
      `mutation($id: Int!) { updateOtherInstitutionOpinion(opinionId: $id, institutionName: "某医院", opinion: "同意") { id } }`,
      { id: await opinionOf(t) },
    ),
  REMOVE_OPINION: async (c, t) =>
    c.request(`mutation($id: Int!) { removeOtherInstitutionOpinion(opinionId: $id) { id } }`, {
      id: await opinionOf(t),
    }),
  RECORD_TEST_RESULT: (c, t) =>
    c.request(
      `mutation($id: Int!) { recordTestResult(input: { applicationId: $id, testKind: HUMANITIES, passed: true }) { id } }`,
      { id: t.application.id },
    ),
  CONFIRM_MAKEUP: (c, t) =>
    c.request(`mutation($id: Int!) { confirmMakeup(id: $id, allow: true) { id } }`, { id: t.application.id }),
  REFUSE_MAKEUP: (c, t) =>
    c.request(`mutation($id: Int!) { confirmMakeup(id: $id, allow: false, reason: "不予补考") { id } }`, {
      id: t.application.id,
    }),
  RECORD_MAKEUP_RESULT: (c, t) =>
    c.request(
      `mutation($id: Int!) { recordTestResult(input: { applicationId: $id, testKind: HUMANITIES, passed: true }) { id } }`,
      { id: t.application.id },
    ),
};
const EXEMPTION_INVOKE: Record<ExemptionAction, Invoke> = {
  REQUEST_EXEMPTION: (c) => c.request(`mutation { requestExemption(input: { reason: "获得省级以上表彰" }) { id } }`),
  APPROVE_EXEMPTION: (c, t) =>
    c.request(`mutation($id: Int!) { approveExemption(id: $id) { id } }`, { id: t.application.id }),
  REJECT_EXEMPTION: (c, t) =>
    c.request(`mutation($id: Int!) { rejectExemption(id: $id, reason: "不符合") { id } }`, { id: t.application.id }),
  REREVIEW_EXEMPTION_APPROVE: (c, t) =>
    c.request(`mutation($id: Int!) { reReviewExemption(id: $id, approve: true) { id } }`, { id: t.application.id }),
  REREVIEW_EXEMPTION_REJECT: (c, t) =>
    c.request(`mutation($id: Int!) { reReviewExemption(id: $id, approve: false, reason: "不符合") { id } }`, {
      id: t.application.id,
    }),
};

/** Everyone who might try, with their roles. The target application belongs to instA (Nanning, assessed by aiA). */
interface Caller {
  name: string;
  roles: string[];
  client: (t: Target) => Promise<GqlClient>;
  /** the legitimate actor for these parties */
  actsAs: Party[];
}
let callers: Caller[];

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  departmentId = (await createDepartment(app.deps.ds, world.instA.id, "内科")).id;
  const as = (username: string) => {
    let c: Promise<GqlClient> | null = null;
    return () => (c ??= signIn(app, username));
  };
  const bearer = (token: string) => async () => {
    const c = app.client();
    c.bearer = token;
    return c;
  };
  const reader = await createTestApiClient(app.deps.ds, "450000");
  const writer = await createTestApiClient(app.deps.ds, "450000", [ApiPermission.RECORD_TEST_RESULTS]);
  const farWriter = await createTestApiClient(app.deps.ds, "450200", [ApiPermission.RECORD_TEST_RESULTS]);
  callers = [
    {
      name: "own institution",
      roles: [Role.INSTITUTION],
      client: as(world.users.instA),
      actsAs: [Party.OWN_INSTITUTION],
    },
    { name: "other institution", roles: [Role.INSTITUTION], client: as(world.users.instB), actsAs: [] },
    {
      name: "the physician",
      roles: [Role.PHYSICIAN],
      client: (t) => physicianClient(app, t.physician),
      actsAs: [Party.PHYSICIAN_SELF],
    },
    {
      name: "assigned assessor",
      roles: [Role.ASSESSMENT_INSTITUTION],
      client: as(world.users.aiA),
      actsAs: [Party.ASSESSOR, Party.TEST_SYSTEM],
    },
    { name: "other assessor", roles: [Role.ASSESSMENT_INSTITUTION], client: as(world.users.aiB), actsAs: [] },
    {
      name: "city administration",
      roles: [Role.HEALTH_ADMIN],
      client: as(world.users.nanning),
      actsAs: [Party.ADMINISTRATION],
    },
    { name: "other city administration", roles: [Role.HEALTH_ADMIN], client: as(world.users.liuzhou), actsAs: [] },
    {
      name: "province",
      roles: [Role.HEALTH_ADMIN, Role.PROVINCIAL_ADMIN],
      client: as(world.users.province),
      actsAs: [Party.ADMINISTRATION, Party.PROVINCE],
    },
    { name: "read-only API client", roles: [Role.API_CLIENT], client: bearer(reader.token), actsAs: [] },
    {
      name: "test-system API client",
      roles: [Role.API_CLIENT, permissionRole(ApiPermission.RECORD_TEST_RESULTS)],
      client: bearer(writer.token),
      actsAs: [Party.TEST_SYSTEM],
    },
    {
      name: "test-system client of another city",
      roles: [Role.API_CLIENT, permissionRole(ApiPermission.RECORD_TEST_RESULTS)],
      client: bearer(farWriter.token),
      actsAs: [],
    },
  ];
});
afterAll(() => app.close());

const snapshot = (id: number) => app.deps.ds.getRepository(Application).findOneByOrFail({ id });
const callerFor = (party: Party) => callers.find((c) => c.actsAs.includes(party))!;

async function place(status: ApplicationStatus, exemptionStatus = ExemptionStatus.NONE): Promise<Target> {
  const { physician, application } = await placeApplication(app, world, status, {
    procedure: Procedure.SIMPLE,
    exemptionStatus,
  });
  return { physician, application };
}

const actions = Object.keys(INVOKE) as (keyof typeof INVOKE)[];

/** recordTestResult serves both result actions: a status either accepts is not a refusal case. */
const SHARED_MUTATION: Partial<Record<WorkflowAction, WorkflowAction>> = {
  RECORD_TEST_RESULT: WorkflowAction.RECORD_MAKEUP_RESULT,
  RECORD_MAKEUP_RESULT: WorkflowAction.RECORD_TEST_RESULT,
  CONFIRM_MAKEUP: WorkflowAction.REFUSE_MAKEUP,
  REFUSE_MAKEUP: WorkflowAction.CONFIRM_MAKEUP,
};

describe.each(actions)("%s", (action) => {
  const rule = TRANSITIONS[action];
  const sibling = SHARED_MUTATION[action];
  const accepted = [...rule.from, ...(sibling ? TRANSITIONS[sibling].from : [])];
  const forbiddenStatuses = Object.values(ApplicationStatus).filter((s) => !accepted.includes(s));

  it.each(forbiddenStatuses)(`is refused from %s with the rule's message and changes nothing`, async (status) => {
    const target = await place(status);
    const client = await callerFor(rule.party).client(target);
    const before = await snapshot(target.application.id);
    const res = await INVOKE[action](client, target);
    expect(res.errors?.[0]).toMatchObject({
      message: refusalFor(rule, status),
      extensions: { code: "INVALID_STATE" },
    });
    expect(await snapshot(target.application.id)).toEqual(before);
  });

  it("is refused to every principal who is not its party, and then allowed to its party", async () => {
    const target = await place(rule.from[0]);
    const before = await snapshot(target.application.id);
    const partyRoles = PARTY_ROLES[rule.party];
    for (const caller of callers.filter((c) => !c.actsAs.includes(rule.party))) {
      const res = await INVOKE[action](await caller.client(target), target);
      const expected = caller.roles.some((r) => partyRoles.includes(r)) ? "NOT_FOUND" : "FORBIDDEN";
      // A physician's own-application mutations cannot even address another physician's application.
      if (rule.party === Party.PHYSICIAN_SELF && caller.roles.includes(Role.PHYSICIAN)) continue;
      expect({ caller: caller.name, code: res.errors?.[0]?.extensions?.code }).toEqual({
        caller: caller.name,
        code: expected,
      });
    }
    expect(await snapshot(target.application.id)).toEqual(before);

    if (action === WorkflowAction.SUBMIT) {
      const c = await callerFor(rule.party).client(target);
      await c.upload(
        `mutation($f: Upload!) { uploadApplicationAttachment(purpose: MATERIAL, file: $f) { id } }`,
        { f: null },
        { f: { name: "a.pdf", content: samplePdf() } },
      );
    }
    const res = await INVOKE[action](await callerFor(rule.party).client(target), target);
    expect(res.errors).toBeUndefined();
    const after = await snapshot(target.application.id);
    expect(rule.to.length ? rule.to : [before.status]).toContain(after.status);
    expect(after.version).toBe(before.version + 1);
  });
});

const exemptionActions = Object.values(ExemptionAction);

describe.each(exemptionActions)("exemption %s", (action) => {
  const rule = EXEMPTION_TRANSITIONS[action];
  const forbidden = Object.values(ExemptionStatus).filter((s) => !rule.from.includes(s));

  it.each(forbidden)(`is refused from exemption status %s`, async (exemptionStatus) => {
    const target = await place(ApplicationStatus.AWAITING_INSTITUTION_REVIEW, exemptionStatus);
    const before = await snapshot(target.application.id);
    const res = await EXEMPTION_INVOKE[action](await callerFor(rule.party).client(target), target);
    expect(res.errors?.[0]).toMatchObject({ message: rule.refusal, extensions: { code: "INVALID_STATE" } });
    expect(await snapshot(target.application.id)).toEqual(before);
  });

  it("is refused once the application is final or not enrolled", async () => {
    for (const status of Object.values(ApplicationStatus).filter((s) => !EXEMPTION_OPEN_STATUSES.includes(s))) {
      const target = await place(status, rule.from[0]);
      const res = await EXEMPTION_INVOKE[action](await callerFor(rule.party).client(target), target);
      expect(res.errors?.[0].extensions?.code).toBe("INVALID_STATE");
    }
  });

  it("is refused to principals who are not its party", async () => {
    const target = await place(ApplicationStatus.AWAITING_INSTITUTION_REVIEW, rule.from[0]);
    const before = await snapshot(target.application.id);
    for (const caller of callers.filter((c) => !c.actsAs.includes(rule.party))) {
      if (rule.party === Party.PHYSICIAN_SELF && caller.roles.includes(Role.PHYSICIAN)) continue;
      const res = await EXEMPTION_INVOKE[action](await caller.client(target), target);
      const expected = caller.roles.some((r) => PARTY_ROLES[rule.party].includes(r)) ? "NOT_FOUND" : "FORBIDDEN";
      expect({ caller: caller.name, code: res.errors?.[0]?.extensions?.code }).toEqual({
        caller: caller.name,
        code: expected,
      });
    }
    expect(await snapshot(target.application.id)).toEqual(before);
  });
});

describe("racing clicks", () => {
  const APPROVE = `mutation($id: Int!, $input: InstitutionApprovalInput!, $v: Int) { approveApplication(id: $id, input: $input, expectedVersion: $v) { status } }`;
  const REJECT = `mutation($id: Int!, $v: Int) { rejectApplication(id: $id, reason: "驳回", expectedVersion: $v) { status } }`;

  it.each([1, 2, 3, 4, 5])(
    "approve and reject at once: exactly one wins, the other gets CONFLICT (round %i)",
    async () => {
      const target = await place(ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
      // One session serves both clicks (sign-ins are limited per name); the requests still race.
      const a = await callerFor(Party.OWN_INSTITUTION).client(target);
      const b = a;
      const v = target.application.version;
      const results = await Promise.all([
        a.request(APPROVE, { id: target.application.id, input: ratings, v }),
        b.request(REJECT, { id: target.application.id, v }),
      ]);
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.find((r) => r.errors)!.errors![0].extensions?.code).toBe("CONFLICT");
      const after = await snapshot(target.application.id);
      expect(after.version).toBe(v + 1);
      expect([ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, ApplicationStatus.RETURNED_TO_PHYSICIAN]).toContain(
        after.status,
      );
    },
  );

  it("ten simultaneous approvals without a version: one wins, the others are refused, one event is written", async () => {
    const target = await place(ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
    const session = await callerFor(Party.OWN_INSTITUTION).client(target);
    const clients = Array.from({ length: 10 }, () => session);
    const results = await Promise.all(
      clients.map((c) => c.request(APPROVE, { id: target.application.id, input: ratings })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors))
      expect(["CONFLICT", "INVALID_STATE"]).toContain(r.errors![0].extensions?.code);
    const events: { n: number }[] = await app.deps.ds.query(
      "SELECT COUNT(*) AS n FROM application_event WHERE application_id = ? AND action = 'APPROVE'",
      [target.application.id],
    );
    expect(Number(events[0].n)).toBe(1);
  });
});
