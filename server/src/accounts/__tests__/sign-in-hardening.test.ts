import { AuditLog } from "../../audit/audit-log.entity";
import { appWithWorld } from "../../testing/app-with-world";
import type { TestApp } from "../../testing/test-app";
import { signIn, TEST_PASSWORD } from "../../testing/world";

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { id } }`;
const ME = `{ me { username } }`;

type Answer = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post(app: TestApp, body: unknown, cookie = ""): Promise<Answer | Answer[]> {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer | Answer[];
}
const loginBody = (username: string, password: string) => ({
  query: LOGIN,
  variables: { input: { username, password } },
});
const codeOf = (a: Answer) => a.errors?.[0]?.extensions?.code ?? "OK";

/** Waits out the end of a one-minute rate-limit window, so a test's requests all fall in one window. */
async function awayFromWindowEdge() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 200));
}

describe("lockout under concurrent sign-ins", () => {
  const t = appWithWorld({ lockoutAttempts: 5, lockoutMinutes: 15 });

  it("40 concurrent wrong passwords check at most 5, and the locked account refuses the right one", async () => {
    const username = t.world.users.instA;
    const answers = (await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(t.app, loginBody(username, `wrong-${i}`))),
    )) as Answer[];
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(4);
    expect(codes.filter((c) => c === "ACCOUNT_LOCKED")).toHaveLength(36);
    // every checked password left a "bad-password" record: no more than the five allowed were checked
    const checked = await t.app.deps.ds
      .getRepository(AuditLog)
      .createQueryBuilder("l")
      .where("l.action = 'auth.login' AND l.targetId = :id AND l.detail LIKE :reason", {
        id: t.world.accounts.instA.id,
        reason: "%bad-password%",
      })
      .getCount();
    expect(checked).toBe(5);
    expect(await t.app.deps.ds.getRepository(AuditLog).countBy({ action: "auth.lockout" })).toBe(1);

    const right = (await post(t.app, loginBody(username, TEST_PASSWORD))) as Answer;
    expect(codeOf(right)).toBe("ACCOUNT_LOCKED");
  });

  it("once locked, a concurrent burst mixing the right password with wrong ones signs nothing in", async () => {
    const username = t.world.users.instB;
    const lock = (await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(t.app, loginBody(username, `bad-${i}`))),
    )) as Answer[];
    expect(lock.map(codeOf).filter((c) => c === "ACCOUNT_LOCKED")).toHaveLength(6);
    const answers = (await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(t.app, loginBody(username, i % 2 ? TEST_PASSWORD : `bad-${i}`))),
    )) as Answer[];
    expect(answers.map(codeOf)).toEqual(Array(40).fill("ACCOUNT_LOCKED"));
    const sessions = await t.app.deps.ds.query("SELECT COUNT(*) AS n FROM session");
    expect(Number(sessions[0].n)).toBe(0);
  });
});

describe("unknown accounts are answered like known ones", () => {
  const t = appWithWorld({ lockoutAttempts: 5, lockoutMinutes: 15 });

  const messages = async (username: string) => {
    const out: string[] = [];
    for (let i = 0; i < 7; i++) {
      const a = (await post(t.app, loginBody(username, "not-the-password"))) as Answer;
      out.push(`${codeOf(a)} ${a.errors?.[0]?.message.replace(/\d+ 分钟后/, "N 分钟后")}`);
    }
    return out;
  };

  it("gives the same countdown, the same lock and the same messages", async () => {
    const known = await messages(t.world.users.instC);
    const unknownId = await messages("450103198001011234"); // an ID number nobody registered
    expect(unknownId).toEqual(known);
    expect(known[0]).toBe("UNAUTHENTICATED 账号或密码错误，再错 4 次账户将被锁定");
    expect(known[4]).toBe("ACCOUNT_LOCKED 连续 5 次密码错误，账户已锁定 15 分钟");
    expect(known[5]).toBe("ACCOUNT_LOCKED 登录失败次数过多，账户已锁定，请 N 分钟后再试");
  });

  it("takes the same time for a known and an unknown name", async () => {
    const time = async (username: string) => {
      const t0 = performance.now();
      await post(t.app, loginBody(username, "wrong"));
      return performance.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const measure = async () => {
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        // fresh names each round so neither side reaches the lock (a lock skips the password check for both)
        known.push(await time(i % 2 ? t.world.users.aiA : t.world.users.aiB));
        unknown.push(await time(`nobody-${i % 2}`));
        if (i % 4 === 3) await t.app.deps.ds.query("DELETE FROM login_throttle");
      }
      return { k: median(known), u: median(unknown) };
    };
    // A burst of load on the shared cores can slow one side's hashes for a whole round. A name check that skips
    // the hash for unknown names is off by the hash's full cost every time; so a round within the margin, out of
    // three, shows the two paths do the same work, and three rounds off show they do not.
    let gap = { k: 0, u: Infinity };
    for (let round = 0; round < 3; round++) {
      gap = await measure();
      if (Math.abs(gap.k - gap.u) < Math.max(10, 0.5 * gap.k)) break;
    }
    expect(Math.abs(gap.k - gap.u)).toBeLessThan(Math.max(10, 0.5 * gap.k));
  });
});

describe("sign-in rate limits", () => {
  const t = appWithWorld({ signInRateLimitPerAddress: 12, signInRateLimitPerAccount: 3, lockoutAttempts: 100 });

  it("counts every login operation of a batched request, for a caller holding a session, per address", async () => {
    await awayFromWindowEdge();
    await t.app.deps.ds.query("DELETE FROM rate_limit_bucket");
    const client = await signIn(t.app, t.world.users.instA); // one sign-in counted
    const cookie = (client as unknown as { cookie: string }).cookie;
    const batch = Array.from({ length: 5 }, (_, i) => loginBody(`guess-${i}`, "x"));
    const first = (await post(t.app, batch, cookie)) as Answer[];
    expect(first.map(codeOf)).toEqual(Array(5).fill("UNAUTHENTICATED"));
    const second = (await post(t.app, batch, cookie)) as Answer[];
    // 1 + 5 + 5 = 11 so far; the 12th is the last allowed
    expect(second.map(codeOf)).toEqual(Array(5).fill("UNAUTHENTICATED"));
    const third = (await post(t.app, batch, cookie)) as Answer[];
    expect(third.map(codeOf).sort()).toEqual([...Array(4).fill("RATE_LIMITED"), "UNAUTHENTICATED"]);
    const limited = third.find((a) => codeOf(a) === "RATE_LIMITED")!.errors![0];
    expect(limited.message).toMatch(/本地址登录尝试过于频繁（每分钟最多 12 次），请 \d+ 秒后重试/);
    expect(limited.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // the session itself still works: only sign-in is limited
    expect((await client.ok(ME)).me.username).toBe(t.world.users.instA);
  });

  it("limits attempts on one account name, whichever address they come from", async () => {
    await awayFromWindowEdge();
    await t.app.deps.ds.query("DELETE FROM rate_limit_bucket");
    const answers = (await post(
      t.app,
      Array.from({ length: 5 }, () => loginBody(t.world.users.instB, "x")),
    )) as Answer[];
    // the operations of one batch run concurrently: which three get through is not fixed
    expect(answers.map(codeOf).sort()).toEqual(["RATE_LIMITED", "RATE_LIMITED", ...Array(3).fill("UNAUTHENTICATED")]);
    expect(answers.find((a) => codeOf(a) === "RATE_LIMITED")!.errors?.[0].message).toContain("该账号登录尝试过于频繁");
    // the right password is refused too while the name is over its limit
    expect(codeOf((await post(t.app, loginBody(t.world.users.instB, TEST_PASSWORD))) as Answer)).toBe("RATE_LIMITED");
  });
});
