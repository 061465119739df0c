// Creates an API client as the provincial health administration and prints its token (shown once).
//   BASE_URL=http://localhost:4000 ADMIN_USER=gxwjw ADMIN_PASSWORD=Demo@2026 node docs/examples/create-client.mjs
const base = process.env.BASE_URL ?? "http://localhost:4000";

async function gql(query, variables, headers = {}) {
  const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
  return { data: body.data, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

// 1. Sign in (the console's way: an HttpOnly session cookie).
const { cookie } = await gql(`mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { displayName } }`, {
  u: process.env.ADMIN_USER ?? "gxwjw",
  p: process.env.ADMIN_PASSWORD ?? "Demo@2026",
});
// 2. Create a client scoped to a region, read-only unless permissions are granted.
const { data } = await gql(
  `mutation($input: ApiClientInput!) { createApiClient(input: $input) { token client { id name regionCode permissions } } }`,
  { input: { name: process.env.CLIENT_NAME ?? "示例对接系统", regionCode: process.env.REGION ?? "450000", permissions: [] } },
  { cookie },
);
console.log(JSON.stringify(data.createApiClient));
