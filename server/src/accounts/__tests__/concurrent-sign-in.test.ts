import { appWithWorld } from "../../testing/app-with-world";
import { TEST_PASSWORD } from "../../testing/world";

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { id } }`;

describe("concurrent sign-ins with the right password", () => {
  const t = appWithWorld({ lockoutAttempts: 5, lockoutMinutes: 15 });

  it("twelve at once all sign in: the slot-taking attempts' provisional lock is lifted, not reported", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        fetch(`${t.app.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: LOGIN,
            variables: { input: { username: t.world.users.instA, password: TEST_PASSWORD } },
          }),
        }).then((r) => r.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>),
      ),
    );
    expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? "OK")).toEqual(Array(12).fill("OK"));
  });
});
