import { ApplicationStatus, STATUS_INFO } from "../workflow";
import { REGION_NAME_TTL_MS } from "../../regions/region-names";
import { createTestApiClient } from "../../testing/api-clients";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const SUMMARY = `query($id: Int) { progressSummary(institutionId: $id) { total statusCounts { status label count } completion { enrolled finished qualified unqualified rate } } }`;
const LIST = `query($filter: ApplicationFilter, $page: Int) { applications(filter: $filter, pageSize: 100, page: $page) { total items { id status statusLabel procedureLabel departmentName lastAction lastActionAt physician { name } } } }`;
const REGION = `query($input: RegionProgressInput!) { regionProgress(input: $input) { code name total statusCounts { status count } completion { enrolled finished rate } } }`;

let app: TestApp;
let world: World;
let inst: GqlClient;

const PLAN: [ApplicationStatus, number][] = [
  [ApplicationStatus.NOT_ENROLLED, 3],
  [ApplicationStatus.AWAITING_REGISTRATION, 2],
  [ApplicationStatus.RETURNED_TO_PHYSICIAN, 1],
  [ApplicationStatus.AWAITING_INSTITUTION_REVIEW, 2],
  [ApplicationStatus.RETURNED_TO_INSTITUTION, 1],
  [ApplicationStatus.AWAITING_TEST, 2],
  [ApplicationStatus.QUALIFIED, 3],
  [ApplicationStatus.UNQUALIFIED, 1],
];

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  for (const [status, n] of PLAN) for (let i = 0; i < n; i++) await placeApplication(app, world, status);
  for (let i = 0; i < 2; i++)
    await placeApplication(app, world, ApplicationStatus.QUALIFIED, { institution: world.instB });
  for (let i = 0; i < 4; i++)
    await placeApplication(app, world, ApplicationStatus.AWAITING_TEST, { institution: world.instC });
});
afterAll(() => app.close());

describe("考核进度 (manual 2.2.9)", () => {
  it("counts per status with the manual's labels, and the completion rate", async () => {
    const { progressSummary: s } = await inst.ok(SUMMARY, {});
    const counts = Object.fromEntries(
      s.statusCounts.map((c: { status: string; count: number }) => [c.status, c.count]),
    );
    for (const [status, n] of PLAN) expect(counts[status]).toBe(n);
    expect(s.statusCounts.map((c: { label: string }) => c.label)).toEqual(
      Object.values(STATUS_INFO).map((i) => i.label),
    );
    expect(s.statusCounts.find((c: { status: string }) => c.status === "RETURNED_TO_INSTITUTION").label).toBe(
      "待医疗卫生机构审核（被考核机构驳回）",
    );
    expect(s.total).toBe(15);
    expect(s.completion).toEqual({ enrolled: 12, finished: 4, qualified: 3, unqualified: 1, rate: 0.3333 });
  });

  it("the status filter returns exactly the counted rows, with department, procedure and last action", async () => {
    const { progressSummary: s } = await inst.ok(SUMMARY, {});
    for (const c of s.statusCounts as { status: string; count: number }[]) {
      const rows = await inst.ok(LIST, { filter: { statuses: [c.status] } });
      expect({ status: c.status, n: rows.applications.total }).toEqual({ status: c.status, n: c.count });
      expect(rows.applications.items.every((r: { status: string }) => r.status === c.status)).toBe(true);
    }
    const all = await inst.ok(LIST, { filter: {} });
    expect(all.applications.total).toBe(15);
    expect(all.applications.items[0]).toHaveProperty("lastActionAt");
  });

  it("list rows carry the same values as the detail view, in every sort order", async () => {
    const FIELDS =
      "id status procedure exemptionStatus submittedAt lastAction lastActionAt version updatedAt departmentName physician { id name gender idNumberMasked level }";
    const detailOf = async (id: number) =>
      (await inst.ok(`query($id: Int!) { application(id: $id) { ${FIELDS} } }`, { id })).application;
    for (const sort of ["ID", "LAST_ACTION_DESC", "SUBMITTED_AT"]) {
      const { applications } = await inst.ok(
        `query($sort: ApplicationSort) { applications(sort: $sort, pageSize: 5, page: 2) { total items { ${FIELDS} } } }`,
        { sort },
      );
      expect(applications.items).toHaveLength(5);
      for (const row of applications.items) expect(row).toEqual(await detailOf(row.id));
    }
    const byId = (await inst.ok(`{ applications(pageSize: 100) { items { id } } }`)).applications.items.map(
      (r: { id: number }) => r.id,
    );
    expect(byId).toEqual([...byId].sort((x, y) => x - y));
  });

  it("an institution cannot read another institution's progress", async () => {
    expect((await inst.fails(SUMMARY, { id: world.instC.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await inst.fails(REGION, { input: { groupBy: "CITY" } })).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("region roll-ups (administrations and API clients)", () => {
  it("the province sees every city; counts equal the institutions' sums", async () => {
    const province = await signIn(app, world.users.province);
    const rows = (await province.ok(REGION, { input: { groupBy: "CITY" } })).regionProgress;
    const byCode = Object.fromEntries(rows.map((r: { code: string }) => [r.code, r]));
    expect(byCode["450100"]).toMatchObject({ name: "南宁市", total: 17 });
    expect(byCode["450200"]).toMatchObject({ name: "柳州市", total: 4 });
    expect(byCode["450100"].completion).toEqual({ enrolled: 14, finished: 6, rate: 0.4286 });
  });

  it("a city administration sees only its city, by county or by institution, and cannot look elsewhere", async () => {
    const city = await signIn(app, world.users.nanning);
    const counties = (await city.ok(REGION, { input: { groupBy: "COUNTY" } })).regionProgress;
    expect(counties.map((r: { code: string; total: number }) => [r.code, r.total])).toEqual([
      ["450102", 15],
      ["450103", 2],
    ]);
    const institutions = (await city.ok(REGION, { input: { groupBy: "INSTITUTION" } })).regionProgress;
    expect(institutions.map((r: { name: string }) => r.name)).toEqual(["甲医院", "乙医院"]);
    const err = await city.fails(REGION, { input: { groupBy: "INSTITUTION", regionCode: "450200" } });
    expect(err.message).toBe("只能查看本辖区内的地区");
    const narrowed = (await city.ok(REGION, { input: { groupBy: "INSTITUTION", regionCode: "450103" } }))
      .regionProgress;
    expect(narrowed.map((r: { name: string }) => r.name)).toEqual(["乙医院"]);
  });

  it("names regions from a remembered list: a rename by SQL shows once REGION_NAME_TTL_MS has passed", async () => {
    const province = await signIn(app, world.users.province);
    const nameOf = async (code: string) =>
      (await province.ok(REGION, { input: { groupBy: "CITY" } })).regionProgress.find(
        (r: { code: string }) => r.code === code,
      )?.name;
    expect(await nameOf("450200")).toBe("柳州市");
    await app.deps.ds.query(`UPDATE region SET name = ? WHERE code = ?`, ["柳州市（新）", "450200"]);
    try {
      app.queries.reset();
      expect(await nameOf("450200")).toBe("柳州市");
      // Names known: the session and the counts, no statement reads the regions.
      expect(app.queries.statements.filter((q) => /\bregion\b/.test(q))).toEqual([]);
      expect(app.queries.count).toBe(2);
      const later = Date.now() + REGION_NAME_TTL_MS + 1;
      const now = jest.spyOn(Date, "now").mockReturnValue(later);
      try {
        expect(await nameOf("450200")).toBe("柳州市（新）");
      } finally {
        now.mockRestore();
      }
    } finally {
      await app.deps.ds.query(`UPDATE region SET name = ? WHERE code = ?`, ["柳州市", "450200"]);
    }
  });

  it("a county administration and a city-scoped API client stay inside their region", async () => {
    const county = await signIn(app, world.users.qingxiu);
    expect(
      (await county.ok(REGION, { input: { groupBy: "INSTITUTION" } })).regionProgress.map(
        (r: { name: string }) => r.name,
      ),
    ).toEqual(["乙医院"]);
    const client = app.client();
    client.bearer = (await createTestApiClient(app.deps.ds, "450200")).token;
    const rows = (await client.ok(REGION, { input: { groupBy: "INSTITUTION" } })).regionProgress;
    expect(rows.map((r: { name: string; total: number }) => [r.name, r.total])).toEqual([["丙医院", 4]]);
    expect((await client.fails(SUMMARY, { id: world.instA.id })).extensions?.code).toBe("NOT_FOUND");
  });
});
