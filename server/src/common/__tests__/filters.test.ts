import { validate } from "class-validator";
import { getMetadataStorage } from "type-graphql";
import { buildAppSchema } from "../../schema";
import { addPhysicians } from "../../testing/physicians";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";

/** List filters: every free-text field is capped with a Chinese message; `%` and `_` match themselves. */
const HUGE = "张".repeat(100_000);
let app: TestApp;
let world: World;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

describe("free-text filters are capped", () => {
  it("every String field of every filter input type refuses 100 000 characters with a Chinese message", async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const filters = storage.inputTypes.filter((t) => /Filter|RegionProgressInput/.test(t.name));
    expect(filters.length).toBeGreaterThanOrEqual(8);
    const uncapped: string[] = [];
    for (const input of filters) {
      const stringFields = storage.fields.filter(
        (f) => f.target === input.target && f.getType() === String && !f.typeOptions.array,
      );
      const instance = Object.assign(
        new (input.target as new () => object)(),
        Object.fromEntries(stringFields.map((f) => [f.name, HUGE])),
      );
      const errors = await validate(instance);
      for (const f of stringFields) {
        const messages = Object.values(errors.find((e) => e.property === f.name)?.constraints ?? {});
        if (!messages.some((m) => /^筛选条件“.+”不能超过 \d+ 个字符$/.test(m)))
          uncapped.push(`${input.name}.${f.name}`);
      }
    }
    expect(uncapped).toEqual([]);
  });

  it("through HTTP: a 100 000-character name is BAD_USER_INPUT, not a database error", async () => {
    const inst = await signIn(app, world.users.instA);
    const admin = await signIn(app, world.users.province);
    const cases: [typeof inst, string, Record<string, unknown>][] = [
      [inst, `query($f: PhysicianFilter) { physicians(filter: $f) { total } }`, { f: { name: HUGE } }],
      [inst, `query($f: DepartmentFilter) { departments(filter: $f) { total } }`, { f: { name: HUGE } }],
      [admin, `query($f: InstitutionFilterInput) { institutions(filter: $f) { total } }`, { f: { name: HUGE } }],
    ];
    for (const [client, query, variables] of cases) {
      const res = await client.request(query, variables);
      expect(res.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^筛选条件“.+”不能超过 64 个字符$/),
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
  });
});

describe("LIKE wildcards in name filters match themselves", () => {
  it("% and _ in a search are characters, on the roster and the department list", async () => {
    await addPhysicians(app.deps.ds, world.instB, 1, { name: "王%五" });
    await addPhysicians(app.deps.ds, world.instB, 1, { name: "王小五" });
    await addPhysicians(app.deps.ds, world.instB, 1, { name: "李_四" });
    await addPhysicians(app.deps.ds, world.instB, 1, { name: "李大四" });
    await createDepartment(app.deps.ds, world.instB.id, "内科_一病区");
    await createDepartment(app.deps.ds, world.instB.id, "内科二病区");
    const inst = await signIn(app, world.users.instB);
    const names = async (name: string) =>
      (
        await inst.ok(`query($f: PhysicianFilter) { physicians(filter: $f, pageSize: 50) { items { name } } }`, {
          f: { name },
        })
      ).physicians.items.map((p: { name: string }) => p.name);
    expect(await names("王%")).toEqual(["王%五"]);
    expect(await names("李_")).toEqual(["李_四"]);
    expect(await names("%")).toEqual(["王%五"]);
    expect((await names("五")).sort()).toEqual(["王%五", "王小五"].sort());
    const departments = await inst.ok(`{ departments(filter: { name: "科_" }) { items { name } } }`);
    expect(departments.departments.items.map((d: { name: string }) => d.name)).toEqual(["内科_一病区"]);
  });
});

describe("GraphQL responses carry personal data: never cached", () => {
  it("answers, errors and refusals all say Cache-Control: no-store", async () => {
    const inst = await signIn(app, world.users.instA);
    const ok = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: (inst as unknown as { cookie: string }).cookie },
      body: JSON.stringify({ query: "{ me { username } }" }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const anonymous = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ me { username } }")}`, {
      headers: { "content-type": "application/json" },
    });
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
    const bad = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("cache-control")).toBe("no-store");
  });
});
