import { startTestApp, type TestApp } from "../../testing/test-app";
import { searchOf } from "../graphql-http";

describe("searchOf", () => {
  it.each([
    ["/", ""],
    ["/?query=%7B__typename%7D", "?query=%7B__typename%7D"],
    ["/?a=1&b=2#frag", "?a=1&b=2"],
    ["/#only-a-fragment", ""],
    ["/?", "?"],
  ])("%s → %s", (url, search) => expect(searchOf(url)).toBe(search));
});

describe("the /graphql handler", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("answers a GET query from its query string, with a length and without an ETag", async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: "Query" } });
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
  });

  it("passes the variables of a GET and Apollo's own refusals through unchanged", async () => {
    const query = encodeURIComponent("query($shown: Boolean!) { __typename @include(if: $shown) }");
    const get = (variables: string) =>
      fetch(`${app.url}/graphql?query=${query}&variables=${encodeURIComponent(variables)}`, {
        headers: { "apollo-require-preflight": "1" },
      }).then((res) => res.json());
    expect(await get('{"shown":true}')).toEqual({ data: { __typename: "Query" } });
    expect(await get('{"shown":false}')).toEqual({ data: {} });
    // A mutation over GET is refused by Apollo (405), whatever carries the request.
    const mutation = encodeURIComponent("mutation { logout }");
    const refused = await fetch(`${app.url}/graphql?query=${mutation}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(refused.status).toBe(405);
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/GET/);
  });

  it("answers HEAD without a body", async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      method: "HEAD",
      headers: { "apollo-require-preflight": "1" },
    });
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).toBe("");
  });
});
