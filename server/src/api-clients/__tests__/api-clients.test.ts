import { ApiClient } from "../api-client.entity";
import { AuditLog } from "../../audit/audit-log.entity";
import { ApplicationStatus } from "../../assessment/workflow";
import { addPhysicians } from "../../testing/physicians";
import { placeApplication } from "../../testing/workflow";
import { startPeer, startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const CREATE = `mutation($input: ApiClientInput!) { createApiClient(input: $input) { token client { id name regionCode regionLevel permissions tokenPrefix expiresAt } } }`;
const REVOKE = `mutation($id: Int!) { revokeApiClient(id: $id) { id revokedAt } }`;
const ME = `{ apiClientMe { id name regionCode permissions } }`;

let app: TestApp;
let world: World;
let province: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  province = await signIn(app, world.users.province);
  await addPhysicians(app.deps.ds, world.instA, 3);
  await addPhysicians(app.deps.ds, world.instC, 2);
});
afterAll(() => app.close());

async function newClient(input: Record<string, unknown>) {
  const { createApiClient } = await province.ok(CREATE, { input });
  const client = app.client();
  client.bearer = createApiClient.token;
  return { client, created: createApiClient };
}

describe("API clients (machine access for provincial systems)", () => {
  it("the province creates a client; the token is shown once and stored only hashed", async () => {
    const { client, created } = await newClient({ name: "南宁市医师注册系统", regionCode: "450100" });
    expect(created.token).toMatch(/^pa_[A-Za-z0-9_-]{40,}$/);
    expect(created.client).toMatchObject({
      regionCode: "450100",
      regionLevel: "CITY",
      permissions: [],
      tokenPrefix: created.token.slice(0, 10),
    });
    const row = await app.deps.ds.getRepository(ApiClient).findOneByOrFail({ id: created.client.id });
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect((await client.ok(ME)).apiClientMe.name).toBe("南宁市医师注册系统");
    expect(JSON.stringify(await province.ok(`{ apiClients { id name tokenPrefix } }`))).not.toContain(created.token);
  });

  it("only the provincial administration creates clients, and only inside its region", async () => {
    const city = await signIn(app, world.users.nanning);
    expect((await city.fails(CREATE, { input: { name: "x", regionCode: "450100" } })).extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await province.fails(CREATE, { input: { name: "x", regionCode: "110000" } })).message).toBe(
      "行政区划不存在或不在本辖区",
    );
  });

  it("the list holds only the clients of the caller's province", async () => {
    // Another province's client in the same database (a shared national deployment): not this province's to see.
    await app.deps.ds.getRepository(ApiClient).insert({
      name: "北京市平台",
      tokenHash: "f".repeat(64),
      tokenPrefix: "ffffffff",
      regionCode: "110000",
      regionLevel: "PROVINCE" as ApiClient["regionLevel"],
      permissions: [],
      rateLimitPerMinute: null,
      createdByAccountId: 1,
      createdAt: new Date(),
      expiresAt: null,
    });
    const { apiClients } = await province.ok<{ apiClients: { name: string; regionCode: string }[] }>(
      `{ apiClients { name regionCode } }`,
    );
    expect(apiClients.map((c) => c.name)).not.toContain("北京市平台");
    expect(apiClients.every((c) => c.regionCode.startsWith("45"))).toBe(true);
  });

  it("a city client never sees another city", async () => {
    const { client } = await newClient({ name: "柳州", regionCode: "450200" });
    expect(
      (await client.fails(`query($id: Int) { physicians(institutionId: $id) { total } }`, { id: world.instA.id }))
        .extensions?.code,
    ).toBe("NOT_FOUND");
    expect(
      (await client.ok(`query($id: Int) { physicians(institutionId: $id) { total } }`, { id: world.instC.id }))
        .physicians.total,
    ).toBe(2);
    const institutions = (await client.ok(`{ institutions(pageSize: 100) { items { name } } }`)).institutions.items.map(
      (i: { name: string }) => i.name,
    );
    expect(institutions).toEqual(["考核机构乙", "丙医院"]);
    const changes = (await client.ok(`{ changedPhysicians(first: 500) { nodes { institutionId } } }`)).changedPhysicians
      .nodes;
    expect(new Set(changes.map((n: { institutionId: number }) => n.institutionId))).toEqual(new Set([world.instC.id]));
    const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
    expect(
      (await client.fails(`query($id: Int!) { application(id: $id) { id } }`, { id: placed.application.id })).extensions
        ?.code,
    ).toBe("NOT_FOUND");
  });

  it("read-only clients are refused on writes", async () => {
    const { client } = await newClient({ name: "只读", regionCode: "450000" });
    const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST);
    const write = await client.fails(
      `mutation($id: Int!) { recordTestResult(input: { applicationId: $id, testKind: HUMANITIES, passed: true }) { id } }`,
      { id: placed.application.id },
    );
    expect(write.extensions?.code).toBe("FORBIDDEN");
    expect(
      (await client.fails(`mutation { createDepartment(input: { name: "x", subjectCodes: ["03"] }) { id } }`))
        .extensions?.code,
    ).toBe("FORBIDDEN");
    expect((await client.fails(`mutation { logout }`)).extensions?.code).toBe("FORBIDDEN");
  });

  it("a client with RECORD_TEST_RESULTS records results in its region", async () => {
    const { client } = await newClient({
      name: "测评系统",
      regionCode: "450000",
      permissions: ["RECORD_TEST_RESULTS"],
    });
    const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST);
    const done = await client.ok(
      `mutation($id: Int!) { recordTestResult(input: { applicationId: $id, testKind: HUMANITIES, passed: true }) { status timeline { actorRole actorName } } }`,
      { id: placed.application.id },
    );
    expect(done.recordTestResult.status).toBe("QUALIFIED");
    expect(done.recordTestResult.timeline.slice(-1)[0]).toEqual({ actorRole: "API_CLIENT", actorName: "测评系统" });
  });

  it("revoked and expired tokens stop working at once", async () => {
    const { client, created } = await newClient({ name: "将吊销", regionCode: "450000" });
    expect((await client.ok(ME)).apiClientMe.id).toBe(created.client.id);
    await province.ok(REVOKE, { id: created.client.id });
    const revoked = await client.fails(ME);
    expect(revoked.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await province.fails(REVOKE, { id: created.client.id })).extensions?.code).toBe("INVALID_STATE");

    const expiring = await newClient({ name: "将过期", regionCode: "450000", expiresInDays: 30 });
    expect((await expiring.client.ok(ME)).apiClientMe.name).toBe("将过期");
    await app.deps.ds
      .getRepository(ApiClient)
      .update({ id: expiring.created.client.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await expiring.client.fails(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    const garbage = app.client();
    garbage.bearer = "pa_not-a-real-token";
    expect((await garbage.fails(ME)).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("every call of a client is attributed in the audit log", async () => {
    const { client, created } = await newClient({ name: "审计", regionCode: "450000" });
    await client.ok(`query CheckSelf { apiClientMe { id } }`);
    await client.request(`query Overreach { myInstitution { id } }`);
    const rows = await app.deps.ds.getRepository(AuditLog).find({
      where: { actorType: "API_CLIENT", actorId: created.client.id, action: "api.call" },
      order: { id: "ASC" },
    });
    expect(rows.map((r) => [JSON.parse(r.detail!).operation, r.success, r.actorName])).toEqual([
      ["CheckSelf", true, "审计"],
      ["Overreach", false, "审计"],
    ]);
  });
});

describe("rate limiting", () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ rateLimitPerMinute: 6, anonymousRateLimitPerMinute: 4 }, { sharedSqliteFile: true });
    await buildWorld(limited.deps.ds);
  });
  afterAll(() => limited.close());

  it("is shared by two server processes on one database, and answers with a retry hint", async () => {
    const peer = await startPeer(limited);
    try {
      const prov = await signIn(limited, "t_province");
      const { createApiClient } = await prov.ok(CREATE, { input: { name: "限流", regionCode: "450000" } });
      // stay inside one one-minute window
      const msIntoMinute = Date.now() % 60_000;
      if (msIntoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 200));
      const call = async (url: string) =>
        fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${createApiClient.token}` },
          body: JSON.stringify({ query: "{ apiClientMe { id } }" }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await call(i % 2 ? peer.url : limited.url)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      const refused = await call(peer.url);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await refused.json()) as {
        errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[];
      };
      expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(body.errors[0].message).toMatch(/请求过于频繁（每分钟最多 6 次），请 \d+ 秒后重试/);
      // The province reads the state: at its limit until the minute ends (9 counted, refused ones included).
      const { apiClients } = await prov.ok(
        `{ apiClients { id rateLimit { limitPerMinute usedThisMinute resetsAt limited } } }`,
      );
      const state = apiClients.find((c: { id: number }) => c.id === createApiClient.client.id).rateLimit;
      expect(state).toMatchObject({ limitPerMinute: 6, usedThisMinute: 9, limited: true });
      const resets = Date.parse(state.resetsAt);
      expect(resets % 60_000).toBe(0);
      expect(resets).toBeGreaterThan(Date.now());
      expect(resets - Date.now()).toBeLessThanOrEqual(60_000);
      // Another client, unused, is free; a city cannot read any client.
      const { createApiClient: idle } = await prov.ok(CREATE, { input: { name: "闲置", regionCode: "450100" } });
      const again = await prov.ok(`{ apiClients { id rateLimit { usedThisMinute limited } } }`);
      expect(again.apiClients.find((c: { id: number }) => c.id === idle.client.id).rateLimit).toEqual({
        usedThisMinute: 0,
        limited: false,
      });
      const city = await signIn(limited, "t_nanning");
      expect((await city.fails(`{ apiClients { id rateLimit { limited } } }`)).extensions?.code).toBe("FORBIDDEN");
    } finally {
      await peer.close();
    }
  });

  it("limits anonymous callers (sign-in, public verification) per address", async () => {
    const anon = limited.client();
    const results: number[] = [];
    for (let i = 0; i < 6; i++)
      results.push(
        (await anon.request(`query { verifyCertificate(number: "GX2024-0000001", code: "0000-0000-0000") { status } }`))
          .status,
      );
    expect(results.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });
});
