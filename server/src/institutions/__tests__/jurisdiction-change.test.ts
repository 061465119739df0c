import { AuditLog } from "../../audit/audit-log.entity";
import { Institution } from "../institution.entity";
import { JurisdictionChangeRequest } from "../jurisdiction-change.entity";
import { counterTables } from "../../testing/counters";
import type { GqlClient } from "../../testing/gql-client";
import { addPhysicians } from "../../testing/physicians";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

/**
 * The region, the superior administration and the assigned assessment institution are set by the administration
 * (issue 18.9): the institution cannot change them through its profile; it asks, its superior decides, and an
 * approved change moves the institution's counters in the same transaction (18.7).
 */
const PROFILE = `mutation($input: InstitutionProfileInput!) { updateMyInstitution(input: $input) { cityCode countyCode } }`;
const REQUEST = `mutation($input: JurisdictionChangeInput!) {
  requestJurisdictionChange(input: $input) { id status fromRegionName toRegionName fromSuperiorName toSuperiorName reviewerName toAssessmentInstitutionName }
}`;
const MINE = `{ myJurisdictionChangeRequests { id status toRegionName decisionReason } }`;
const LIST = `query($status: JurisdictionChangeStatus) { jurisdictionChangeRequests(status: $status) { total items { id institutionName status toRegionName } } }`;
const DECIDE = `mutation($id: Int!, $approve: Boolean!, $reason: String) {
  decideJurisdictionChange(id: $id, approve: $approve, reason: $reason) { id status decisionReason }
}`;
const ENROLL = `mutation($ids: [Int!]!) { enrollPhysicians(physicianIds: $ids) { succeeded } }`;
const ROSTER = `query($id: Int) { physicians(institutionId: $id) { total } }`;

const profile = (countyCode?: string) => ({
  name: "甲医院",
  creditCode: world.instA.creditCode,
  licenseNo: "PDY12345645010211A1001",
  type: "综合医院",
  levelCode: "22",
  natureCode: "1",
  ...(countyCode ? { countyCode } : {}),
  address: "南宁市兴宁区 1 号",
  legalRepresentative: "王院长",
  contactPerson: "李干事",
  contactPhone: "0771-5888888",
  bedCount: 100,
});

let app: TestApp;
let world: World;
let instA: GqlClient;
let nanning: GqlClient;
let liuzhou: GqlClient;
const instARow = () => app.deps.ds.getRepository(Institution).findOneByOrFail({ id: world.instA.id });
async function expectCountersMatchRows() {
  const t = await counterTables(app.deps.ds);
  expect(t.institutionKept).toEqual(t.institutionLive);
  expect(t.countyKept).toEqual(t.countyLive);
}

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  [instA, nanning, liuzhou] = await Promise.all(
    [world.users.instA, world.users.nanning, world.users.liuzhou].map((u) => signIn(app, u)),
  );
  // Applications in two statuses, so both counter tables have rows for the institution's county.
  const physicians = await addPhysicians(app.deps.ds, world.instA, 5);
  await instA.ok(ENROLL, { ids: physicians.slice(0, 2).map((p) => p.id) });
});
afterAll(() => app.close());

describe("本机构信息: the region is not the institution's to change", () => {
  it("refuses another county with FORBIDDEN on the field and changes nothing; the same county or none saves", async () => {
    const before = await instARow();
    const err = await instA.fails(PROFILE, { input: profile("450202") });
    expect(err.extensions).toMatchObject({ code: "FORBIDDEN", field: "countyCode" });
    expect(err.message).toContain("由卫生行政部门设定");
    expect(await instARow()).toMatchObject({ countyCode: "450102", cityCode: "450100", version: before.version });
    expect((await instA.ok(PROFILE, { input: profile("450102") })).updateMyInstitution.countyCode).toBe("450102");
    expect((await instA.ok(PROFILE, { input: profile() })).updateMyInstitution.countyCode).toBe("450102");
  });

  it("has no field for the superior administration or the assessment institution", async () => {
    for (const extra of [{ superiorAdminId: world.admins.liuzhou.id }, { assessmentInstitutionId: world.aiB.id }]) {
      const res = await instA.request(PROFILE, { input: { ...profile(), ...extra } });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect(await instARow()).toMatchObject({
      superiorAdminId: world.admins.nanning.id,
      assessmentInstitutionId: world.aiA.id,
    });
  });
});

describe("申请变更 → the current superior decides", () => {
  let requestId: number;

  it("the institution asks; what it leaves out is derived; one pending request at a time", async () => {
    const { requestJurisdictionChange: r } = await instA.ok(REQUEST, {
      input: { countyCode: "450202", assessmentInstitutionId: world.aiB.id, reason: "机构整体搬迁至柳州市城中区" },
    });
    requestId = r.id;
    expect(r).toMatchObject({
      status: "PENDING",
      fromRegionName: "南宁市 兴宁区",
      toRegionName: "柳州市 城中区",
      fromSuperiorName: "南宁市卫健委",
      // Nanning does not cover the new county: the nearest administration there takes over.
      toSuperiorName: "柳州市卫健委",
      reviewerName: "南宁市卫健委",
      toAssessmentInstitutionName: "考核机构乙",
    });
    const again = await instA.fails(REQUEST, { input: { countyCode: "450103", reason: "再次申请" } });
    expect(again.extensions?.code).toBe("CONFLICT");
    expect((await instA.ok(MINE)).myJurisdictionChangeRequests[0]).toMatchObject({ id: requestId, status: "PENDING" });
    expect(await instARow()).toMatchObject({ countyCode: "450102", superiorAdminId: world.admins.nanning.id });
  });

  it("refuses a county outside the province, a superior that does not cover it, a reason left empty", async () => {
    await app.deps.ds.getRepository(JurisdictionChangeRequest).update({ id: requestId }, { institutionId: -1 });
    try {
      for (const [input, field] of [
        [{ countyCode: "110101", reason: "迁往外省" }, "countyCode"],
        [{ countyCode: "450202", superiorAdminId: world.admins.qingxiu.id, reason: "迁址" }, "superiorAdminId"],
        [{ countyCode: "450102", reason: "没有变化" }, "countyCode"],
      ] as const) {
        const err = await instA.fails(REQUEST, { input });
        expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      }
      expect((await instA.fails(REQUEST, { input: { countyCode: "450202", reason: " " } })).extensions?.code).toBe(
        "BAD_USER_INPUT",
      );
    } finally {
      await app.deps.ds
        .getRepository(JurisdictionChangeRequest)
        .update({ id: requestId }, { institutionId: world.instA.id });
    }
  });

  it("only the current superior sees and decides it; a rejection needs a reason", async () => {
    expect((await nanning.ok(LIST, { status: "PENDING" })).jurisdictionChangeRequests).toMatchObject({
      total: 1,
      items: [{ id: requestId, institutionName: "甲医院", toRegionName: "柳州市 城中区" }],
    });
    for (const other of [liuzhou, await signIn(app, world.users.province), await signIn(app, world.users.qingxiu)]) {
      expect((await other.ok(LIST, {})).jurisdictionChangeRequests.total).toBe(0);
      expect((await other.fails(DECIDE, { id: requestId, approve: true })).extensions?.code).toBe("NOT_FOUND");
    }
    expect((await instA.fails(DECIDE, { id: requestId, approve: true })).extensions?.code).toBe("FORBIDDEN");
    expect((await nanning.fails(DECIDE, { id: requestId, approve: false })).extensions?.code).toBe("BAD_USER_INPUT");
    expect(await instARow()).toMatchObject({ countyCode: "450102" });
  });

  it("approval moves the institution, its superior, its assessor and its counters in one go", async () => {
    const before = await counterTables(app.deps.ds);
    expect(before.countyKept.some((k) => k.includes(":450102:"))).toBe(true);
    const { decideJurisdictionChange } = await nanning.ok(DECIDE, { id: requestId, approve: true });
    expect(decideJurisdictionChange.status).toBe("APPROVED");
    expect(await instARow()).toMatchObject({
      cityCode: "450200",
      countyCode: "450202",
      superiorAdminId: world.admins.liuzhou.id,
      assessmentInstitutionId: world.aiB.id,
    });
    await expectCountersMatchRows();
    // Its records now belong to Liuzhou's administration, and no longer to Nanning's.
    expect((await liuzhou.ok(ROSTER, { id: world.instA.id })).physicians.total).toBe(5);
    expect((await nanning.fails(ROSTER, { id: world.instA.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await nanning.fails(DECIDE, { id: requestId, approve: true })).extensions?.code).toBe("INVALID_STATE");
    const actions = (await app.deps.ds.getRepository(AuditLog).findBy({ targetType: "JurisdictionChangeRequest" })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["institution.jurisdiction.request", "institution.jurisdiction.approve"]);
  });

  it("a refusal changes nothing and tells the institution why", async () => {
    const { requestJurisdictionChange: r } = await instA.ok(REQUEST, {
      input: { countyCode: "450203", reason: "院区调整" },
    });
    const before = await instARow();
    expect(
      (await liuzhou.ok(DECIDE, { id: r.id, approve: false, reason: "材料不全" })).decideJurisdictionChange,
    ).toEqual({ id: r.id, status: "REJECTED", decisionReason: "材料不全" });
    expect(await instARow()).toEqual(before);
    expect((await instA.ok(MINE)).myJurisdictionChangeRequests[0]).toMatchObject({
      status: "REJECTED",
      decisionReason: "材料不全",
    });
    await expectCountersMatchRows();
  });
});
