import { appWithWorld } from "../../testing/app-with-world";
import { startPeer } from "../../testing/test-app";
import { testDbKind } from "../../testing/test-db";
import { TEST_PASSWORD } from "../../testing/world";

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { id } }`;

type Answer = { errors?: { extensions?: { code?: string } }[] };
const login = (url: string, username: string, password: string) =>
  fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { input: { username, password } } }),
  }).then((r) => r.json() as Promise<Answer>);
const codeOf = (a: Answer) => a.errors?.[0]?.extensions?.code ?? "OK";

describe("concurrent sign-ins with the right password", () => {
  const t = appWithWorld({ lockoutAttempts: 5, lockoutMinutes: 15 });

  it("twelve at once all sign in: attempts beyond the free slots wait for one, none is told of a lock", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(t.app.url, t.world.users.instA, TEST_PASSWORD)),
    );
    expect(answers.map(codeOf)).toEqual(Array(12).fill("OK"));
  });

  it("four wrong passwords among them lock nothing: every right one signs in", async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(t.app.url, t.world.users.instB, i % 4 ? TEST_PASSWORD : `bad-${i}`)),
    );
    expect(answers.map(codeOf).filter((c) => c === "OK")).toHaveLength(12);
    expect(answers.map(codeOf).filter((c) => c === "ACCOUNT_LOCKED")).toEqual([]);
  });
});

// Two server processes on one database (their own pools and memory): the counts live in the database row.
(testDbKind() === "mysql" ? describe : describe.skip)("sign-ins spread over two server processes", () => {
  const t = appWithWorld({ lockoutAttempts: 5, lockoutMinutes: 15 });

  it("right passwords all sign in; 40 wrong ones check five passwords in all and lock the account", async () => {
    const peer = await startPeer(t.app);
    try {
      const urls = [t.app.url, peer.url];
      const right = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(urls[i % 2], t.world.users.instC, TEST_PASSWORD)),
      );
      expect(right.map(codeOf)).toEqual(Array(12).fill("OK"));
      const wrong = (
        await Promise.all(Array.from({ length: 40 }, (_, i) => login(urls[i % 2], t.world.users.instC, `w-${i}`)))
      ).map(codeOf);
      expect(wrong.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(4);
      expect(wrong.filter((c) => c === "ACCOUNT_LOCKED")).toHaveLength(36);
      expect(codeOf(await login(peer.url, t.world.users.instC, TEST_PASSWORD))).toBe("ACCOUNT_LOCKED");
    } finally {
      await peer.close();
    }
  });
});
