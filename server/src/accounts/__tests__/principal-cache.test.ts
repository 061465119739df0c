import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Account } from "../account.entity";
import { Institution } from "../../institutions/institution.entity";
import { inTransaction } from "../../db/transaction";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, TEST_PASSWORD, type World } from "../../testing/world";
import {
  cachedSession,
  invalidatePrincipals,
  lookupStarted,
  PRINCIPAL_CACHE_MS,
  rememberSession,
} from "../principal-cache";
import { principalForAccountId } from "../principal";

/**
 * Issue 15: a console session's principal is answered from a per-process cache for a second. Every change that
 * must end or re-scope a session is seen by the very next request: each path below first warms the cache with the
 * old cookie, then changes, then sends that same cookie again.
 */
const ME = `{ me { username roles mustChangePassword } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { username } }`;

let app: TestApp;
let world: World;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

/** A browser tab reduced to its cookie: it keeps sending it after the server told it to forget it. */
interface Tab {
  cookie: string;
  send(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
}

async function post(cookie: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as { data?: any; errors?: any[] } };
}

async function signInTab(username: string, password = TEST_PASSWORD): Promise<Tab> {
  const { res, body } = await post("", LOGIN, { input: { username, password } });
  expect(body.errors).toBeUndefined();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("pa_sid="))!;
  const tab: Tab = { cookie, send: async (q, v) => (await post(cookie, q, v)).body };
  // Twice: the second answer comes from the cache.
  expect((await tab.send(ME)).data?.me.username).toBe(username);
  expect((await tab.send(ME)).data?.me.username).toBe(username);
  return tab;
}

const refused = async (tab: Tab) => (await tab.send(ME)).errors?.[0]?.extensions?.code;

describe("the principal cache", () => {
  it("spares the session statement on a repeated request", async () => {
    const tab = await signInTab(world.users.instA);
    app.queries.reset(); // empties the cache too (testing/query-counter.ts)
    await tab.send(ME);
    const cold = app.queries.count;
    const before = app.queries.count;
    await tab.send(ME);
    expect(app.queries.count - before).toBe(cold - 1);
  });

  it("sign-out: the old cookie is refused at once", async () => {
    const tab = await signInTab(world.users.instA);
    expect((await tab.send(`mutation { logout }`)).errors).toBeUndefined();
    expect(await refused(tab)).toBe("UNAUTHENTICATED");
  });

  it("password reset by the superior administration: the account's session is refused at once", async () => {
    const target = await signInTab(world.users.instC);
    const admin = await signInTab(world.users.liuzhou);
    const reset = await admin.send(`mutation($id: Int!) { resetAccountPassword(accountId: $id) }`, {
      id: world.accounts.instC.id,
    });
    expect(reset.errors).toBeUndefined();
    expect(await refused(target)).toBe("UNAUTHENTICATED");
  });

  it("password change: the account's other sessions are refused at once, the changing one goes on", async () => {
    const other = await signInTab(world.users.instB);
    const changing = await signInTab(world.users.instB);
    const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { mustChangePassword } }`;
    const input = { oldPassword: TEST_PASSWORD, newPassword: "Other#Pass77" };
    expect((await changing.send(CHANGE, { input })).errors).toBeUndefined();
    expect(await refused(other)).toBe("UNAUTHENTICATED");
    expect((await changing.send(ME)).data?.me.username).toBe(world.users.instB);
    await changing.send(CHANGE, { input: { oldPassword: "Other#Pass77", newPassword: TEST_PASSWORD } });
  });

  it("an account disabled (as the roster does for a physician who leaves): refused at once", async () => {
    const tab = await signInTab(world.users.aiB);
    const accounts = app.deps.ds.getRepository(Account);
    await accounts.update({ id: world.accounts.aiB.id }, { enabled: false });
    try {
      expect(await refused(tab)).toBe("UNAUTHENTICATED");
    } finally {
      await accounts.update({ id: world.accounts.aiB.id }, { enabled: true });
    }
  });

  it("an institution that becomes an assessment institution has the new role on the next request", async () => {
    const tab = await signInTab(world.users.instA);
    expect((await tab.send(ME)).data?.me.roles).not.toContain("ASSESSMENT_INSTITUTION");
    const institutions = app.deps.ds.getRepository(Institution);
    // In a transaction, as the approval of its application does: seen once committed.
    await inTransaction(app.deps.ds, (em) =>
      em.update(Institution, { id: world.instA.id }, { isAssessmentInstitution: true }),
    );
    try {
      expect((await tab.send(ME)).data?.me.roles).toContain("ASSESSMENT_INSTITUTION");
    } finally {
      await institutions.update({ id: world.instA.id }, { isAssessmentInstitution: false });
    }
    expect((await tab.send(ME)).data?.me.roles).not.toContain("ASSESSMENT_INSTITUTION");
  });

  it("an account moved to another institution answers as the new one's at once", async () => {
    const tab = await signInTab(world.users.aiA);
    const accounts = app.deps.ds.getRepository(Account);
    const ME_INST = `{ me { institutionId } }`;
    const institutionOf = async () => (await tab.send(ME_INST)).data?.me.institutionId;
    const own = await institutionOf();
    await accounts.update({ id: world.accounts.aiA.id }, { institutionId: world.aiB.id });
    try {
      expect(await institutionOf()).toBe(world.aiB.id);
    } finally {
      await accounts.update({ id: world.accounts.aiA.id }, { institutionId: own });
    }
  });

  it("a write made by hand, outside the application, is seen within the cache's lifetime", async () => {
    const tab = await signInTab(world.users.aiB);
    await app.deps.ds.query("UPDATE account SET enabled = 0 WHERE id = ?", [world.accounts.aiB.id]);
    try {
      await new Promise((r) => setTimeout(r, PRINCIPAL_CACHE_MS + 50));
      expect(await refused(tab)).toBe("UNAUTHENTICATED");
    } finally {
      await app.deps.ds.query("UPDATE account SET enabled = 1 WHERE id = ?", [world.accounts.aiB.id]);
    }
  });

  it("a look-up that began before an invalidation does not store its answer", async () => {
    const principal = (await principalForAccountId(app.deps.ds, world.accounts.instA.id, "h"))!;
    const session = { principal, lastSeenMs: Date.now(), signedInMs: Date.now() };
    const startedAt = lookupStarted(app.deps.ds);
    invalidatePrincipals();
    rememberSession("stale", session, startedAt);
    expect(cachedSession("stale")).toBeNull();
    rememberSession("fresh", session, lookupStarted(app.deps.ds));
    expect(cachedSession("fresh")?.principal).toBe(principal);
  });
});

/** Product code outside tests, the benchmark and migrations. */
function productSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory())
      return ["__tests__", "bench", "migrations"].includes(name) ? [] : productSources(file);
    return name.endsWith(".ts") ? [file] : [];
  });
}

it("the product writes a principal's tables only through TypeORM's entity API, which the cache hears", () => {
  // A hand-written UPDATE, DELETE or INSERT on these tables would go unseen by the cache for up to a second.
  const written =
    /\b(UPDATE|DELETE\s+FROM|INSERT\s+INTO|REPLACE\s+INTO)\s+`?(account|session|institution|health_administration)\b/i;
  const src = path.resolve(__dirname, "..", "..");
  const offenders = productSources(src).filter((file) => written.test(readFileSync(file, "utf8")));
  expect(offenders.map((f) => path.relative(src, f))).toEqual([]);
});
