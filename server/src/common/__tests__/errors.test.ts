import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFormattedError } from "graphql";
import { QueryFailedError } from "typeorm";
import { AppError, badInput, ErrorCode, formatError, unavailableStatusPlugin } from "../errors";

/**
 * formatError decides what a client may see of a failure. These tests run errors through a real (tiny) Apollo
 * Server, so formatError receives exactly what Apollo hands it: a resolver error wrapped with its path, a
 * request error raised before execution, a context failure without a path.
 */
let thrown: unknown;
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      fails: {
        type: GraphQLString,
        resolve: () => {
          throw thrown;
        },
      },
      fine: { type: GraphQLString, resolve: () => "ok" },
    },
  }),
});

const silence = { debug() {}, info() {}, warn() {}, error() {} };
const server = new ApolloServer({ schema, formatError, logger: silence, includeStacktraceInErrorResponses: true });
beforeAll(() => server.start());
afterAll(() => server.stop());

async function errorsOf(query: string, contextValue = {}): Promise<readonly GraphQLFormattedError[]> {
  const res = await server.executeOperation({ query }, { contextValue });
  if (res.body.kind !== "single") throw new Error("unexpected incremental result");
  return res.body.singleResult.errors ?? [];
}

async function whenResolverThrows(error: unknown): Promise<GraphQLFormattedError> {
  thrown = error;
  const errors = await errorsOf("{ fails }");
  expect(errors).toHaveLength(1);
  return errors[0];
}

/** A TypeORM QueryFailedError around a driver error, as services meet them. */
const queryFailed = (driverError: Record<string, unknown>) =>
  new QueryFailedError(
    "INSERT INTO `account` (`username`) VALUES (?)",
    ["nnyy"],
    Object.assign(new Error(String(driverError.message ?? "driver error")), driverError),
  );

describe("formatError: coded errors", () => {
  it("keeps an AppError's Chinese message and code, and drops Apollo's http head", async () => {
    const error = new AppError(ErrorCode.QUERY_TOO_COMPLEX, "查询代价估算为 9000，超过上限 3000", {
      cost: 9000,
      http: { status: 400 },
    });
    const formatted = await whenResolverThrows(error);
    expect(formatted).toEqual({
      message: "查询代价估算为 9000，超过上限 3000",
      locations: [{ line: 1, column: 3 }],
      path: ["fails"],
      extensions: { code: "QUERY_TOO_COMPLEX", cost: 9000 },
    });
  });

  it("keeps extra extensions of a BAD_USER_INPUT error (the field to highlight)", async () => {
    expect(await whenResolverThrows(badInput("请填写姓名", "name"))).toMatchObject({
      message: "请填写姓名",
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: "name" },
    });
  });

  it("turns class-validator failures into BAD_USER_INPUT with every field and its Chinese message", async () => {
    const validation = new GraphQLError("Argument Validation Error", {
      extensions: {
        validationErrors: [
          { property: "input", children: [{ property: "name", constraints: { maxLength: "姓名不能超过 64 个字符" } }] },
        ],
      },
    });
    expect(await whenResolverThrows(validation)).toEqual({
      message: "姓名不能超过 64 个字符",
      path: ["fails"],
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        fields: [{ field: "input.name", message: "姓名不能超过 64 个字符" }],
      },
    });
  });

  it("keeps request errors raised before execution, with Apollo's own codes and no stack trace", async () => {
    const [parse] = await errorsOf("{ fails ");
    expect(parse.extensions).toEqual({ code: ApolloServerErrorCode.GRAPHQL_PARSE_FAILED });
    const [validation] = await errorsOf("{ nosuchfield }");
    expect(validation.extensions).toEqual({ code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED });
    expect(validation.message).toMatch(/^请求不符合接口定义：.*nosuchfield/);
    expect(parse.message).toMatch(/^请求语法有误：/);
  });

  it("keeps a GraphQLError's own non-internal code but nothing else of its extensions", async () => {
    const error = new GraphQLError("custom", { extensions: { code: "FORBIDDEN", secret: "x" } });
    expect(await whenResolverThrows(error)).toEqual({
      message: "custom",
      path: ["fails"],
      extensions: { code: "FORBIDDEN" },
    });
  });
});

describe("formatError: masking", () => {
  it("masks an unexpected error: a generic Chinese message, no SQL, no stack trace", async () => {
    const formatted = await whenResolverThrows(new Error("SELECT secret FROM account WHERE id = 1 failed"));
    expect(formatted).toEqual({
      message: "系统繁忙，请稍后重试",
      path: ["fails"],
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR },
    });
  });

  it("masks a database error that carries a request-looking code", async () => {
    const sqlError = Object.assign(new Error("ER_PARSE_ERROR near 'SELECT'"), {
      sql: "SELECT 1",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const formatted = await whenResolverThrows(sqlError);
    expect(formatted.extensions?.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|ER_PARSE/);
  });

  it("masks a GraphQLError that says INTERNAL_SERVER_ERROR", async () => {
    const formatted = await whenResolverThrows(
      new GraphQLError("internal details", { extensions: { code: "INTERNAL_SERVER_ERROR" } }),
    );
    expect(formatted.message).toBe("系统繁忙，请稍后重试");
  });
});

describe("formatError: database errors become codes", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["MySQL duplicate key", { code: "ER_DUP_ENTRY", errno: 1062 }, "CONFLICT", "数据已存在，请勿重复提交"],
    [
      "SQLite unique constraint",
      { code: "SQLITE_CONSTRAINT_UNIQUE", message: "UNIQUE constraint failed: account.username" },
      "CONFLICT",
      "数据已存在，请勿重复提交",
    ],
    [
      "MySQL row still referenced",
      { code: "ER_ROW_IS_REFERENCED_2", errno: 1451 },
      "CONFLICT",
      "该数据正在被使用，无法删除或修改",
    ],
    [
      "SQLite foreign key",
      { code: "SQLITE_CONSTRAINT_FOREIGNKEY", message: "FOREIGN KEY constraint failed" },
      "CONFLICT",
      "该数据正在被使用，无法删除或修改",
    ],
    ["InnoDB deadlock", { code: "ER_LOCK_DEADLOCK", errno: 1213 }, "CONFLICT", "数据已被他人修改，请刷新后重试"],
    [
      "InnoDB lock wait timeout",
      { code: "ER_LOCK_WAIT_TIMEOUT", errno: 1205 },
      "SERVICE_UNAVAILABLE",
      "数据正被其他操作占用，请稍后重试",
    ],
    [
      "SQLite busy timeout",
      { code: "SQLITE_BUSY", message: "database is locked" },
      "SERVICE_UNAVAILABLE",
      "数据正被其他操作占用，请稍后重试",
    ],
    [
      "MariaDB max_statement_time",
      { code: "ER_STATEMENT_TIMEOUT", errno: 1969 },
      "SERVICE_UNAVAILABLE",
      "数据库暂时无法访问，请稍后重试",
    ],
    [
      "MySQL max_execution_time",
      { code: "ER_QUERY_TIMEOUT", errno: 3024 },
      "SERVICE_UNAVAILABLE",
      "数据库暂时无法访问，请稍后重试",
    ],
    [
      "client-side query timeout",
      { code: "PROTOCOL_SEQUENCE_TIMEOUT", message: "Query inactivity timeout" },
      "SERVICE_UNAVAILABLE",
      "数据库暂时无法访问，请稍后重试",
    ],
    ["connection lost", { code: "PROTOCOL_CONNECTION_LOST" }, "SERVICE_UNAVAILABLE", "数据库暂时无法访问，请稍后重试"],
    [
      "closed connection",
      { message: "Can't add new command when connection is in closed state" },
      "SERVICE_UNAVAILABLE",
      "数据库暂时无法访问，请稍后重试",
    ],
  ];
  it.each(cases)("%s", async (_name, driverError, code, message) => {
    const formatted = await whenResolverThrows(queryFailed(driverError));
    expect(formatted).toEqual({ message, path: ["fails"], extensions: { code } });
  });

  it("maps errors that never reached a query (refused connection, pool acquire timeout)", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });
    expect((await whenResolverThrows(refused)).extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
    const acquire = Object.assign(new Error("timed out"), { code: "DB_TIMEOUT" });
    expect((await whenResolverThrows(acquire)).extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
  });

  it("maps a database that fails while the context is built (Apollo wraps it, without a path)", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });
    const res = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers: new HeaderMap([["content-type", "application/json"]]),
        search: "",
        body: { query: "{ fine }" },
      },
      context: async () => {
        throw refused;
      },
    });
    if (res.body.kind !== "complete") throw new Error("unexpected chunked body");
    expect(JSON.parse(res.body.string)).toEqual({
      errors: [{ message: "数据库暂时无法访问，请稍后重试", extensions: { code: "SERVICE_UNAVAILABLE" } }],
    });
  });

  it("does not mistake other driver errors for an unavailable database", async () => {
    const formatted = await whenResolverThrows(queryFailed({ code: "ER_BAD_FIELD_ERROR", errno: 1054 }));
    expect(formatted.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });
});

describe("unavailableStatusPlugin: the HTTP status of an operation the database could not serve", () => {
  const withStatus = new ApolloServer({
    schema,
    formatError,
    logger: silence,
    allowBatchedHttpRequests: true,
    plugins: [unavailableStatusPlugin],
  });
  beforeAll(() => withStatus.start());
  afterAll(() => withStatus.stop());
  const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });

  async function post(body: unknown) {
    const res = await withStatus.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers: new HeaderMap([["content-type", "application/json"]]),
        search: "",
        body,
      },
      context: async () => ({}),
    });
    return { status: res.status ?? 200, retryAfter: res.headers.get("retry-after"), body: res.body };
  }

  it("nothing answered and the database unavailable: 503 with Retry-After", async () => {
    thrown = refused();
    expect(await post({ query: "{ fails }" })).toMatchObject({ status: 503, retryAfter: "5" });
  });

  it("a partial answer, another error, or one operation of a batch: 200, no Retry-After", async () => {
    thrown = refused();
    expect(await post({ query: "{ fails fine }" })).toMatchObject({ status: 200, retryAfter: undefined });
    thrown = queryFailed({ code: "ER_BAD_FIELD_ERROR", errno: 1054 });
    expect(await post({ query: "{ fails }" })).toMatchObject({ status: 200, retryAfter: undefined });
    thrown = refused();
    expect(await post([{ query: "{ fine }" }, { query: "{ fails }" }])).toMatchObject({
      status: 200,
      retryAfter: undefined,
    });
  });
});
