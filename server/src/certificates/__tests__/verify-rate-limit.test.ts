import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

/** Public verification is limited per address, each verification counted, aliases and signed-in callers too (18.19). */
const LIMIT = 5;
let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp({ verifyRateLimitPerMinute: LIMIT });
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `v${i}: verifyCertificate(number: "GX2024-${String(i).padStart(7, "0")}", code: "0000-0000-0000") { status }`).join(" ")} }`;

describe("certificate verification rate limit per address", () => {
  it("counts every alias: 30 verifications in one request are refused past the limit with RATE_LIMITED", async () => {
    const res = await app.client().request(aliases(30));
    // Past the fifth a verification is refused (and, the field being non-null, nulls the whole answer).
    expect(res.data).toBeNull();
    expect(String(res.errors?.[0].path?.[0])).toMatch(/^v\d+$/);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMITED", limitPerMinute: LIMIT });
    expect(res.errors?.[0].message).toMatch(/^核验过于频繁（每分钟最多 5 次），请 \d+ 秒后重试$/);
  });

  it("a session does not lift it: the same address stays limited", async () => {
    const inst = await signIn(app, world.users.instA);
    const res = await inst.request(aliases(1));
    expect(res.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
  });
});
