import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

let app: TestApp;
let world: World;

beforeAll(async () => {
  app = await startTestApp({ maxQueryDepth: 4, maxAliases: 5, maxQueryCost: 3000, maxBatchedOperations: 3 });
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("endpoint protection", () => {
  it("refuses queries nested deeper than MAX_QUERY_DEPTH", async () => {
    const inst = await signIn(app, world.users.instA);
    const ok = await inst.request(`{ applications { items { physician { name } } } }`);
    expect(ok.errors).toBeUndefined();
    const deep = await inst.request(`{ applications { items { submission { snapshot { name } } } } }`);
    expect(deep.errors?.[0].message).toBe("查询嵌套层级为 5，超过上限 4");
    expect(deep.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(deep.status).toBe(400);
  });

  it("refuses more aliases than MAX_ALIASES", async () => {
    const query = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: passwordPolicy { text }`).join(" ")} }`;
    const res = await app.client().request(query);
    expect(res.errors?.[0]).toMatchObject({
      message: "查询使用了 6 个别名，超过上限 5",
      extensions: { code: "QUERY_TOO_COMPLEX" },
    });
  });

  it("refuses a query whose estimated cost is over MAX_QUERY_COST (lists cost by page size)", async () => {
    const inst = await signIn(app, world.users.instA);
    const fields = `items { id status statusLabel lastAction physician { name idNumberMasked } timeline { id action reason } attachments { id fileName } }`;
    expect((await inst.request(`{ applications(pageSize: 5) { ${fields} } }`)).errors).toBeUndefined();
    const expensive = await inst.request(`{ applications(pageSize: 100) { ${fields} } }`);
    // a refused request, like the depth and alias limits: 400, not 500
    expect(expensive.status).toBe(400);
    expect(expensive.errors?.[0].extensions).toEqual({
      code: "QUERY_TOO_COMPLEX",
      cost: expect.any(Number),
      maxCost: 3000,
    });
    expect(expensive.errors?.[0].message).toMatch(/查询代价估算为 \d+，超过上限 3000/);
  });

  it("prices one document anew for other variables (costs are cached per document and variables)", async () => {
    const inst = await signIn(app, world.users.instA);
    const query = `query($n: Int) { applications(pageSize: $n) { items { id physician { name } timeline { id action } attachments { id } } } }`;
    for (const [n, refused] of [
      [5, false],
      [100, true],
      [5, false],
      [100, true],
    ] as const) {
      const res = await inst.request(query, { n });
      expect({ n, code: res.errors?.[0]?.extensions?.code ?? null }).toEqual({
        n,
        code: refused ? "QUERY_TOO_COMPLEX" : null,
      });
    }
  });

  it("caps page sizes", async () => {
    const inst = await signIn(app, world.users.instA);
    expect((await inst.request(`{ physicians(pageSize: 101) { total } }`)).errors?.[0].message).toBe(
      "每页条数不能超过 100",
    );
  });

  it("executes batched operations up to MAX_BATCHED_OPERATIONS and refuses more", async () => {
    const op = { query: "{ passwordPolicy { minLength } }" };
    const three = await post([op, op, op]);
    expect(three.status).toBe(200);
    expect(((await three.json()) as unknown[]).length).toBe(3);
    const four = await post([op, op, op, op]);
    expect(four.status).toBe(400);
    expect(((await four.json()) as { errors: { message: string }[] }).errors[0].message).toBe(
      "一次请求最多包含 3 个操作",
    );
  });

  it("limits recursive selections (maxRecursiveSelections)", async () => {
    const fragments = `fragment A on Query { passwordPolicy { text } ...B } fragment B on Query { ...A }`;
    const res = await app.client().request(`{ ...A } ${fragments}`);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("never returns SQL or stack traces", async () => {
    const inst = await signIn(app, world.users.instA);
    const res = await inst.request(`query($id: Int!) { physician(id: $id) { id } }`, { id: 2147483647 });
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/SELECT|stacktrace|at .*\.ts:/i);
  });
});

describe("production settings", () => {
  it("introspection and field suggestions are off unless configured", async () => {
    const prod = await startTestApp({ introspection: false, fieldSuggestions: false });
    try {
      const res = await prod.client().request(`{ __schema { types { name } } }`);
      expect(res.errors?.[0].message).toMatch(/introspection/i);
      const typo = await prod.client().request(`{ passwordPolicyy { text } }`);
      expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    } finally {
      await prod.close();
    }
    const dev = await startTestApp();
    try {
      expect((await dev.client().request(`{ passwordPolicyy { text } }`)).errors?.[0].message).toMatch(
        /Did you mean "passwordPolicy"/,
      );
    } finally {
      await dev.close();
    }
  });

  it("serves Apollo Sandbox at GET /graphql only when enabled", async () => {
    const html = await (await fetch(`${app.url}/graphql`, { headers: { accept: "text/html" } })).text();
    expect(html).not.toContain("embeddable-sandbox");
    const sandbox = await startTestApp({ sandbox: true });
    try {
      const page = await (await fetch(`${sandbox.url}/graphql`, { headers: { accept: "text/html" } })).text();
      expect(page).toContain("sandbox");
    } finally {
      await sandbox.close();
    }
  });

  it("serves the offline explorer from npm packages, with no external addresses", async () => {
    const page = await (await fetch(`${app.url}/explorer`)).text();
    expect(page).toContain('<script src="/explorer/assets/graphiql.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    // no inline script or style: the Content-Security-Policy allows neither script
    expect(page).not.toMatch(/<script>|<style>/);
    for (const asset of ["react.js", "react-dom.js", "graphiql.js", "graphiql.css", "explorer.js", "explorer.css"]) {
      const res = await fetch(`${app.url}/explorer/assets/${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
    }
  });

  it("with an allow-list, executes registered operations by hash and refuses others", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa-ops-"));
    const file = path.join(dir, "persisted.json");
    const hash = "0f4a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5061728394a5b6c7d8e";
    writeFileSync(file, JSON.stringify({ [hash]: "query Policy { passwordPolicy { text minLength } }" }));
    const locked = await startTestApp({ persistedOperationsFile: file, persistedOperationsOnly: true });
    try {
      const byHash = await fetch(`${locked.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          operationName: "Policy",
          extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
        }),
      });
      expect(
        ((await byHash.json()) as { data: { passwordPolicy: { minLength: number } } }).data.passwordPolicy.minLength,
      ).toBe(8);
      const reformatted = await locked.client().request(`query Policy {
        passwordPolicy { text
          minLength }
      }`);
      expect(reformatted.errors).toBeUndefined();
      const reordered = await locked.client().request(`query Policy { passwordPolicy { __typename minLength text } }`);
      expect(reordered.errors).toBeUndefined();
      const other = await locked.client().request(`{ workflow { statuses { label } } }`);
      expect(other.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");
      const unknown = await fetch(`${locked.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "f".repeat(64) } } }),
      });
      expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
        "PERSISTED_QUERY_NOT_FOUND",
      );
    } finally {
      await locked.close();
    }
  });
});
