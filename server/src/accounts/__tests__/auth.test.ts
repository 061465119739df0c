import { Account } from "../account.entity";
import { AuditLog } from "../../audit/audit-log.entity";
import { LoginThrottle } from "../login-throttle.entity";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, TEST_PASSWORD, type World } from "../../testing/world";

const ME = `{ me { username kind roles mustChangePassword } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { mustChangePassword } }`;
const RESET = `mutation($id: Int!) { resetAccountPassword(accountId: $id) }`;

let app: TestApp;
let world: World;

beforeAll(async () => {
  app = await startTestApp({ lockoutAttempts: 5, lockoutMinutes: 15 });
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

const auditCount = (action: string, success?: boolean) =>
  app.deps.ds.getRepository(AuditLog).countBy(success === undefined ? { action } : { action, success });

describe("sign-in", () => {
  it("signs in with the right password, sets an HttpOnly cookie and audits it", async () => {
    const before = await auditCount("auth.login", true);
    const client = app.client();
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(input: { username: "${world.users.instA}", password: "${TEST_PASSWORD}" }) { roles } }`,
      }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/pa_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(((await res.json()) as any).data.login.roles).toEqual(["INSTITUTION"]);
    expect(await auditCount("auth.login", true)).toBe(before + 1);
    await client.login(world.users.instA, TEST_PASSWORD);
    expect((await client.ok(ME)).me.username).toBe(world.users.instA);
  });

  it("refuses a wrong password with a generic message and counts down", async () => {
    const err = await app
      .client()
      .fails(`mutation { login(input: { username: "${world.users.instB}", password: "wrong" }) { id } }`);
    expect(err.extensions?.code).toBe("UNAUTHENTICATED");
    expect(err.message).toContain("账号或密码错误");
    expect(err.message).toContain("4 次");
  });

  it("gives the same answer for an unknown user and audits the attempt", async () => {
    const before = await auditCount("auth.login", false);
    const err = await app.client().fails(`mutation { login(input: { username: "nobody", password: "x" }) { id } }`);
    expect(err.extensions?.code).toBe("UNAUTHENTICATED");
    expect(err.message).toBe("账号或密码错误，再错 4 次账户将被锁定");
    expect(await auditCount("auth.login", false)).toBe(before + 1);
  });

  it("rejects empty credentials as bad input", async () => {
    const err = await app.client().fails(`mutation { login(input: { username: "", password: "" }) { id } }`);
    expect(err.extensions?.code).toBe("BAD_USER_INPUT");
    expect(err.message).toBe("请输入账号");
  });

  it("locks the account after 5 failures, even for the right password, and audits the lock", async () => {
    const client = app.client();
    for (let i = 0; i < 4; i++) {
      expect((await client.login(world.users.instC, "bad")).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    const fifth = await client.login(world.users.instC, "bad");
    expect(fifth.errors?.[0].extensions?.code).toBe("ACCOUNT_LOCKED");
    const right = await client.login(world.users.instC, TEST_PASSWORD);
    expect(right.errors?.[0].extensions?.code).toBe("ACCOUNT_LOCKED");
    expect(right.errors?.[0].message).toMatch(/请 \d+ 分钟后再试/);
    expect(client.hasSession()).toBe(false);
    expect(await auditCount("auth.lockout")).toBe(1);
  });

  it("unlocks when the lock period is over", async () => {
    const repo = app.deps.ds.getRepository(LoginThrottle);
    await repo.update({ username: world.users.instC }, { lockedUntil: new Date(Date.now() - 1000) });
    expect((await app.client().login(world.users.instC, TEST_PASSWORD)).errors).toBeUndefined();
  });

  it("refuses every operation without a session", async () => {
    const err = await app.client().fails(ME);
    expect(err.extensions?.code).toBe("UNAUTHENTICATED");
    expect(err.message).toBe("请先登录");
  });

  it("signs out and the cookie no longer works", async () => {
    const client = await signIn(app, world.users.aiA);
    await client.ok(`mutation { logout }`);
    expect((await client.fails(ME)).extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("forced password change, policy and reset", () => {
  it("after a reset the account can do nothing but change its password", async () => {
    const admin = await signIn(app, world.users.nanning);
    const target = world.accounts.instA;
    expect((await admin.ok(RESET, { id: target.id })).resetAccountPassword).toBe(true);

    const old = await app.client().login(world.users.instA, TEST_PASSWORD);
    expect(old.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");

    const inst = app.client();
    const login = await inst.login(world.users.instA, "666666");
    expect(login.data.login.mustChangePassword).toBe(true);
    expect((await inst.ok(ME)).me.mustChangePassword).toBe(true);
    const blocked = await inst.fails(`{ myInstitution { name } }`);
    expect(blocked.extensions?.code).toBe("PASSWORD_CHANGE_REQUIRED");

    const weak = await inst.fails(CHANGE, { input: { oldPassword: "666666", newPassword: "abcdefgh" } });
    expect(weak.extensions?.code).toBe("BAD_USER_INPUT");
    expect(weak.message).toContain("至少包含大写字母、小写字母、数字和特殊符号中的任意三种");

    const common = await inst.fails(CHANGE, { input: { oldPassword: "666666", newPassword: "P@ssw0rd" } });
    expect(common.message).toContain("过于常见");

    const wrongOld = await inst.fails(CHANGE, { input: { oldPassword: "nope", newPassword: "Good#Pass42" } });
    expect(wrongOld.message).toBe("原密码不正确");

    const short = await inst.fails(CHANGE, { input: { oldPassword: "666666", newPassword: "Ab#1" } });
    expect(short.message).toContain("不能少于8位");

    expect(
      (await inst.ok(CHANGE, { input: { oldPassword: "666666", newPassword: "Good#Pass42" } })).changePassword
        .mustChangePassword,
    ).toBe(false);
    expect((await inst.ok(`{ myInstitution { name } }`)).myInstitution.name).toBe("甲医院");

    const same = await inst.fails(CHANGE, { input: { oldPassword: "Good#Pass42", newPassword: "Good#Pass42" } });
    expect(same.message).toBe("新密码不能与原密码相同");
    expect(await auditCount("auth.password.reset")).toBe(1);
    expect(await auditCount("auth.password.change", true)).toBe(1);
    // put the world back for other tests
    await inst.ok(CHANGE, { input: { oldPassword: "Good#Pass42", newPassword: TEST_PASSWORD } });
  });

  it("a password change signs out the account's other sessions", async () => {
    const first = await signIn(app, world.users.instB);
    const second = await signIn(app, world.users.instB);
    await second.ok(CHANGE, { input: { oldPassword: TEST_PASSWORD, newPassword: "Other#Pass77" } });
    expect((await first.fails(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await second.ok(ME)).me.username).toBe(world.users.instB);
    await second.ok(CHANGE, { input: { oldPassword: "Other#Pass77", newPassword: TEST_PASSWORD } });
  });

  it("only a superior administration may reset, and a refused reset changes nothing", async () => {
    const liuzhou = await signIn(app, world.users.liuzhou);
    const err = await liuzhou.fails(RESET, { id: world.accounts.instA.id });
    expect(err.extensions?.code).toBe("NOT_FOUND");
    const inst = await signIn(app, world.users.instB);
    expect((await inst.fails(RESET, { id: world.accounts.instA.id })).extensions?.code).toBe("FORBIDDEN");
    const county = await signIn(app, world.users.qingxiu);
    expect((await county.fails(RESET, { id: world.accounts.nanning.id })).extensions?.code).toBe("NOT_FOUND");
    const account = await app.deps.ds.getRepository(Account).findOneByOrFail({ id: world.accounts.instA.id });
    expect(account.mustChangePassword).toBe(false);
    // the province resets a city administration below it
    const province = await signIn(app, world.users.province);
    expect((await province.ok(RESET, { id: world.accounts.liuzhou.id })).resetAccountPassword).toBe(true);
    expect((await app.client().login(world.users.liuzhou, "666666")).data.login.mustChangePassword).toBe(true);
  });
});

describe("audit trail", () => {
  it("the province reads sign-ins and resets with who, when and from where; institutions may not", async () => {
    const province = await signIn(app, world.users.province);
    const { auditLogs } = await province.ok(
      `{ auditLogs(filter: { action: "auth.login", failedOnly: true }, pageSize: 5) { total items { action actorName success ip at } } }`,
    );
    expect(auditLogs.total).toBeGreaterThanOrEqual(5);
    expect(auditLogs.items[0]).toMatchObject({ action: "auth.login", success: false });
    expect(auditLogs.items[0].ip).toMatch(/127\.0\.0\.1/);
    const inst = await signIn(app, world.users.instA);
    expect((await inst.fails(`{ auditLogs { total } }`)).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("accounts an administration may reset", () => {
  it("lists its region's institution and lower administration accounts only", async () => {
    const city = await signIn(app, world.users.nanning);
    const LIST = `query($filter: AccountFilter) { administeredAccounts(filter: $filter, pageSize: 100) { total items { username kind locked } } }`;
    const names = (await city.ok(LIST, {})).administeredAccounts.items
      .map((a: { username: string }) => a.username)
      .sort();
    // 考核机构甲 is in Nanning but supervised by the province: not Nanning's to reset
    expect(names).toEqual([world.users.instA, world.users.instB, world.users.qingxiu].sort());
    const institutions = (await city.ok(LIST, { filter: { kind: "INSTITUTION" } })).administeredAccounts.items;
    expect(institutions.map((a: { username: string }) => a.username).sort()).toEqual(
      [world.users.instA, world.users.instB].sort(),
    );
    const inst = await signIn(app, world.users.instA);
    expect((await inst.fails(LIST, {})).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("session expiry", () => {
  let shortApp: TestApp;
  beforeAll(async () => {
    await app.close();
    shortApp = await startTestApp({ sessionIdleMinutes: 0.02 }); // 1.2 s
    world = await buildWorld(shortApp.deps.ds);
    app = shortApp;
  });

  it("keeps an active session alive and ends an idle one", async () => {
    await activeThenExpired(shortApp, { times: 4, everyMs: 500, thenWaitMs: 1500 });
  });
});

/** Signs in, uses the session `times` times every `everyMs`, then after `thenWaitMs` finds it expired. */
async function activeThenExpired(on: TestApp, o: { times: number; everyMs: number; thenWaitMs: number }) {
  const client = await signIn(on, world.users.instA);
  for (let i = 0; i < o.times; i++) {
    await new Promise((r) => setTimeout(r, o.everyMs));
    expect((await client.ok(ME)).me.username).toBe(world.users.instA);
  }
  await new Promise((r) => setTimeout(r, o.thenWaitMs));
  const err = await client.fails(ME);
  expect(err.extensions?.code).toBe("UNAUTHENTICATED");
  expect(err.extensions?.reason).toBe("SESSION_EXPIRED");
  expect(err.message).toBe("登录已超时，请重新登录");
}

describe("absolute session lifetime", () => {
  let limitedApp: TestApp;
  beforeAll(async () => {
    await app.close();
    limitedApp = await startTestApp({ sessionIdleMinutes: 30, sessionMaxHours: 2 / 3600 }); // 2 s
    world = await buildWorld(limitedApp.deps.ds);
    app = limitedApp;
  });

  it("ends a session however active once its lifetime since sign-in is over", async () => {
    await activeThenExpired(limitedApp, { times: 3, everyMs: 400, thenWaitMs: 1200 });
  });
});
