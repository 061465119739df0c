import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, TEST_PASSWORD, type World } from "../../testing/world";

const RESET = `mutation($id: Int!) { resetAccountPassword(accountId: $id) }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { mustChangePassword } }`;
const LIST = `{ administeredAccounts(pageSize: 100) { items { username } } }`;

let app: TestApp;
let world: World;

beforeAll(async () => {
  app = await startTestApp({ resetValidHours: 1.5 / 3600 }); // 1.5 s
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

describe("a reset expires", () => {
  it("666666 no longer signs in once the reset is older than RESET_VALID_HOURS; another reset helps", async () => {
    const nanning = await signIn(app, world.users.nanning);
    await nanning.ok(RESET, { id: world.accounts.instA.id });
    await new Promise((r) => setTimeout(r, 1800));
    const late = await app.client().login(world.users.instA, "666666");
    expect(late.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(late.errors?.[0].extensions?.reason).toBe("RESET_EXPIRED");
    expect(late.errors?.[0].message).toContain("重置后的初始密码已过期");

    await nanning.ok(RESET, { id: world.accounts.instA.id });
    const inst = app.client();
    expect((await inst.login(world.users.instA, "666666")).data.login.mustChangePassword).toBe(true);
    // once changed, the password is the account's own: no expiry any more
    await inst.ok(CHANGE, { input: { oldPassword: "666666", newPassword: TEST_PASSWORD } });
    await new Promise((r) => setTimeout(r, 1800));
    expect((await app.client().login(world.users.instA, TEST_PASSWORD)).errors).toBeUndefined();
  });
});

describe("who may reset follows the supervising administration, not the address", () => {
  it("a city may not reset the province-supervised assessment institution located in it; the province may", async () => {
    const nanning = await signIn(app, world.users.nanning);
    expect((await nanning.fails(RESET, { id: world.accounts.aiA.id })).extensions?.code).toBe("NOT_FOUND");
    const names = (await nanning.ok(LIST)).administeredAccounts.items.map((a: { username: string }) => a.username);
    expect(names).not.toContain(world.users.aiA);
    const province = await signIn(app, world.users.province);
    expect((await province.ok(RESET, { id: world.accounts.aiA.id })).resetAccountPassword).toBe(true);
    expect((await province.ok(LIST)).administeredAccounts.items.map((a: { username: string }) => a.username)).toContain(
      world.users.aiA,
    );
  });

  it("the supervising county and the city above it may reset the county's institution; its address city's peer may not", async () => {
    // 乙医院 is supervised by 青秀区 (under Nanning)
    const qingxiu = await signIn(app, world.users.qingxiu);
    expect((await qingxiu.ok(RESET, { id: world.accounts.instB.id })).resetAccountPassword).toBe(true);
    const nanning = await signIn(app, world.users.nanning);
    expect((await nanning.ok(RESET, { id: world.accounts.instB.id })).resetAccountPassword).toBe(true);
    const liuzhou = await signIn(app, world.users.liuzhou);
    expect((await liuzhou.fails(RESET, { id: world.accounts.instB.id })).extensions?.code).toBe("NOT_FOUND");
    // 甲医院 is supervised by Nanning itself: the county may not reset it
    expect((await qingxiu.fails(RESET, { id: world.accounts.instA.id })).extensions?.code).toBe("NOT_FOUND");
  });
});
