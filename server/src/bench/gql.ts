/** GraphQL over fetch for set-up calls (login, mutations); the load runs use load.ts. */

export interface GqlResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T = any>(
  baseUrl: string,
  cookie: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResult<T>;
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data as T;
}

/** Signs in through the `login` mutation and returns the session cookie ("pa_sid=…"). */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation($input: LoginInput!) { login(input: $input) { id username } }",
      variables: { input: { username, password } },
    }),
  });
  const body = (await res.json()) as GqlResult<unknown>;
  if (body.errors?.length) throw new Error(`login ${username} failed: ${JSON.stringify(body.errors)}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("pa_sid="));
  if (!sid) throw new Error(`login ${username}: no session cookie`);
  return sid;
}

/** GraphQL multipart request (one file) with the CSRF preflight header Apollo requires. */
export async function upload<T = any>(
  baseUrl: string,
  cookie: string,
  query: string,
  fileVariable: string,
  file: { name: string; content: Buffer; type: string },
): Promise<GqlResult<T>> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables: { [fileVariable]: null } }));
  form.append("map", JSON.stringify({ 0: [`variables.${fileVariable}`] }));
  form.append("0", new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { cookie, "apollo-require-preflight": "true" },
    body: form,
  });
  const text = await res.text();
  try {
    return JSON.parse(text) as GqlResult<T>;
  } catch {
    return { errors: [{ message: `${res.status} ${text.slice(0, 300)}` }] };
  }
}
