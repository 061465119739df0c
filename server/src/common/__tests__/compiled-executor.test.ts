import {
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { createApp, type RunningApp } from "../../app";
import { ProgressResolver } from "../../assessment/progress.resolver";
import { DEMO_PASSWORD, seedDemo } from "../../demo/demo";
import { buildAppSchema } from "../../schema";
import { clientDocuments } from "../../testing/client-documents";
import { startTestApp, type TestApp } from "../../testing/test-app";

/**
 * Queries run compiled (graphql-jit) must answer exactly what graphql-js answers: every query the console sends,
 * as every kind of user, and the GraphQL behaviours clients rely on (fragments, directives, aliases, errors in
 * nested fields, refused variables, introspection). Two servers share one database: the app as configured
 * (compiled) and one with COMPILED_QUERIES off; each request goes to both and the two HTTP answers must be equal
 * byte for byte.
 */

const consoleQueries = [...clientDocuments().values()].filter((d) => d.operation.operation === "query");

/** A value for each required variable (nullable ones are left out), from the schema's types. */
function sampleOf(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleOf(type.ofType);
  if (isListType(type)) return [sampleOf(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleOf(f.type)]),
    );
  const name = getNamedType(type).name;
  return name === "Int" || name === "Float"
    ? 1
    : name === "Boolean"
      ? true
      : name === "DateTimeISO"
        ? "2026-01-01T00:00:00Z"
        : "1";
}

function variablesOf(schema: GraphQLSchema, op: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const v of op.variableDefinitions ?? []) {
    if (v.type.kind !== Kind.NON_NULL_TYPE || v.defaultValue) continue;
    variables[v.variable.name.value] = sampleOf(typeFromAST(schema, v.type) as GraphQLInputType);
  }
  return variables;
}

let compiledApp: TestApp;
let standardApp: RunningApp;
let schema: GraphQLSchema;
const cookies = new Map<string, string>();

async function answer(url: string, cookie: string, body: unknown) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

async function expectSameAnswer(who: string, body: unknown) {
  const cookie = cookies.get(who) ?? "";
  // A query text is compiled from its second use on: the first runs on graphql-js, the second compiled.
  const first = await answer(compiledApp.url, cookie, body);
  const compiled = await answer(compiledApp.url, cookie, body);
  const standard = await answer(standardApp.url, cookie, body);
  expect({ who, request: body, ...compiled }).toEqual({ who, request: body, ...standard });
  expect({ who, request: body, ...first }).toEqual({ who, request: body, ...standard });
  return JSON.parse(compiled.body) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

beforeAll(async () => {
  compiledApp = await startTestApp();
  standardApp = await createApp({ ...compiledApp.config, compiledQueries: false }, { ds: compiledApp.deps.ds });
  schema = await buildAppSchema();
  const logins = await seedDemo(compiledApp.deps.ds, compiledApp.deps.storage);
  const physician = logins.find((l) => l.who.startsWith("医师") && l.password === DEMO_PASSWORD)!.username;
  const users = { institution: "nnyy", assessor: "gxysxh", province: "gxwjw", county: "qxwjj", physician };
  for (const [who, username] of Object.entries(users)) {
    const res = await fetch(`${compiledApp.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation($input: LoginInput!) { login(input: $input) { id } }",
        variables: { input: { username, password: DEMO_PASSWORD } },
      }),
    });
    const sid = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("pa_sid="));
    if (!sid) throw new Error(`${username} did not sign in: ${await res.text()}`);
    cookies.set(who, sid);
  }
}, 120_000);

afterAll(async () => {
  await standardApp?.close();
  await compiledApp?.close();
});

describe("compiled queries", () => {
  it("compiles every query the console sends (so the comparisons below exercise the compiled path)", () => {
    expect(consoleQueries.length).toBeGreaterThan(30);
    const refused = consoleQueries.filter((q) => !isCompiledQuery(compileQuery(schema, parse(q.document))));
    expect(refused.map((q) => q.operation.name?.value)).toEqual([]);
  });

  it("answers every console query as graphql-js does, for every kind of user and for nobody", async () => {
    let withData = 0;
    for (const { operation, document } of consoleQueries) {
      const body = { query: document, variables: variablesOf(schema, operation) };
      for (const who of ["anonymous", ...cookies.keys()]) {
        const result = await expectSameAnswer(who, body);
        if (result.data && !result.errors) withData++;
      }
    }
    // Not only refusals compared: most queries answer someone with data.
    expect(withData).toBeGreaterThan(consoleQueries.length);
  }, 180_000);

  it("keeps fragments, directives, aliases, __typename and variables' defaults", async () => {
    const query = `query Q($withItems: Boolean!, $skipTotal: Boolean = false, $size: Int = 3) {
      first: applications(pageSize: $size) { ...PageParts total @skip(if: $skipTotal) }
      second: applications(page: 2, pageSize: 2) { total items @include(if: $withItems) { id ... on ApplicationView { status } } }
      third: applications(pageSize: 2) { ...Items @include(if: $withItems) ... on ApplicationPage @skip(if: $withItems) { total } }
      __typename
    }
    fragment PageParts on ApplicationPage { __typename page pageSize items { id physician { name idNumberMasked } } }
    fragment Items on ApplicationPage { items { id ...Status @skip(if: $skipTotal) } }
    fragment Status on ApplicationView { status statusLabel }`;
    for (const variables of [{ withItems: true }, { withItems: false, skipTotal: true, size: 1 }]) {
      const result = await expectSameAnswer("institution", { query, variables });
      expect(result.errors).toBeUndefined();
    }
  });

  it("words errors alike: a refused field inside an answer, a null bubbling up, refused variables", async () => {
    const partial = await expectSameAnswer("institution", {
      query: `{ me { displayName } auditLogs(pageSize: 1) { total } regionProgress(input: { groupBy: CITY }) { code } }`,
    });
    expect(partial.errors?.length).toBeGreaterThan(0);
    for (const [query, variables] of [
      [`query($p: Int!) { applications(page: $p) { total } }`, { p: "one" }],
      [`query($p: Int!) { applications(page: $p) { total } }`, {}],
      [`query($f: ApplicationFilter) { applications(filter: $f) { total } }`, { f: { statuses: ["NOPE"] } }],
      [`query($f: ApplicationFilter) { applications(filter: $f) { total } }`, { f: { unknown: 1 } }],
      [`query { applications(page: 0) { total } }`, {}],
      [`query { applications(pageSize: 100000) { total } }`, {}],
    ] as const) {
      const result = await expectSameAnswer("institution", { query, variables });
      expect(result.errors?.[0]?.extensions?.code).toBeTruthy();
    }
  });

  it("words a resolver's unexpected failure and a database that does not answer alike (HTTP status too)", async () => {
    const failures: [Error, string][] = [
      [new Error("boom"), "INTERNAL_SERVER_ERROR"],
      [
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" }),
        "SERVICE_UNAVAILABLE",
      ],
    ];
    for (const [failure, code] of failures) {
      const spy = jest.spyOn(ProgressResolver.prototype, "regionProgress").mockRejectedValue(failure);
      try {
        for (const query of [
          `{ regionProgress(input: { groupBy: CITY }) { code } }`,
          `{ regionProgress(input: { groupBy: CITY }) { code } me { displayName } }`,
        ]) {
          const result = await expectSameAnswer("province", { query });
          expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
        }
      } finally {
        spy.mockRestore();
      }
    }
  });

  it("answers introspection as graphql-js does (Apollo Sandbox, codegen)", async () => {
    const result = await expectSameAnswer("anonymous", { query: getIntrospectionQuery({ descriptions: true }) });
    expect(result.errors).toBeUndefined();
  });

  it("leaves mutations to graphql-js: a refused one answers alike", async () => {
    const result = await expectSameAnswer("physician", {
      query: `mutation { cancelEnrollment(physicianId: 999999) { id } }`,
    });
    expect(result.errors?.length).toBe(1);
  });
});
