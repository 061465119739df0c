import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { logger } from "../logger";

/**
 * The stable error codes every client may branch on (`extensions.code`).
 * Messages are Chinese and meant for the end user; codes are for programs.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  /** The action is not allowed from the record's current workflow state. */
  INVALID_STATE: "INVALID_STATE",
  PASSWORD_CHANGE_REQUIRED: "PASSWORD_CHANGE_REQUIRED",
  ACCOUNT_LOCKED: "ACCOUNT_LOCKED",
  RATE_LIMITED: "RATE_LIMITED",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** The database does not answer (down, hung, overloaded, or a lock held too long): retry later. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

export const unauthenticated = (message = "请先登录", reason?: string) =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, reason ? { reason } : {});
export const forbidden = (message = "当前账户无权执行此操作") => new AppError(ErrorCode.FORBIDDEN, message);
export const badInput = (message: string, field?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what}不存在或无权查看`);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
export const invalidState = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.INVALID_STATE, message, extensions);
/** Raised when a guarded update finds the row changed by someone else in between. */
export const stateChanged = () =>
  new AppError(ErrorCode.CONFLICT, "数据已被他人修改，请刷新后重试", { reason: "STALE_VERSION" });

const INTERNAL_MESSAGE = "系统繁忙，请稍后重试";

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix = ""): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

type DriverErrorLike = { code?: string; errno?: number; message?: string; driverError?: DriverErrorLike };

/**
 * Driver codes that mean "the database is not answering", not "your data is wrong": connection refused, reset or
 * lost, a connect/acquire/query timeout (db/database-timeouts.ts), the server-side statement timeout
 * (MariaDB max_statement_time, MySQL max_execution_time), too many connections, a server shutting down.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "DB_TIMEOUT",
  "ER_STATEMENT_TIMEOUT",
  "ER_QUERY_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
]);
/** A lock held by someone else for longer than we wait: MySQL row locks, SQLite's file lock (busy timeout). */
const BUSY_CODES = new Set(["ER_LOCK_WAIT_TIMEOUT", "SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_TIMEOUT"]);
// MySQL 3024 ER_QUERY_TIMEOUT, MariaDB 1969 ER_STATEMENT_TIMEOUT (mysql2 may name them after the other server)
const UNAVAILABLE_ERRNOS = new Set([1969, 3024]);
const UNAVAILABLE_MESSAGES = [/connection is in closed state/i, /^Pool is closed/i, /Connection lost/i];

export const DATABASE_UNAVAILABLE_MESSAGE = "数据库暂时无法访问，请稍后重试";
export const DATABASE_BUSY_MESSAGE = "数据正被其他操作占用，请稍后重试";

/** Tells a database that is down or hung (or a lock that outlasted our wait) from any other error. */
export function databaseUnavailability(err: unknown): "UNAVAILABLE" | "BUSY" | null {
  for (let e = err as DriverErrorLike | undefined, depth = 0; e && depth < 3; e = e.driverError, depth++) {
    const code = e.code ?? "";
    if (BUSY_CODES.has(code)) return "BUSY";
    if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_ERRNOS.has(Number(e.errno))) return "UNAVAILABLE";
    if (UNAVAILABLE_MESSAGES.some((m) => m.test(e!.message ?? ""))) return "UNAVAILABLE";
  }
  return null;
}

/** The error a client sees when the database does not answer; also used outside GraphQL (Express, /healthz). */
export function serviceUnavailableError(err: unknown): GraphQLFormattedError | null {
  const kind = databaseUnavailability(err);
  if (!kind) return null;
  return {
    message: kind === "BUSY" ? DATABASE_BUSY_MESSAGE : DATABASE_UNAVAILABLE_MESSAGE,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  };
}

/** Map database errors that slipped through a service to user-facing codes, never leaking SQL. */
function fromDatabaseError(err: DriverErrorLike): GraphQLFormattedError | null {
  const code = err.code ?? "";
  const message = err.message ?? "";
  if (code === "ER_DUP_ENTRY" || message.includes("UNIQUE constraint failed")) {
    return { message: "数据已存在，请勿重复提交", extensions: { code: ErrorCode.CONFLICT } };
  }
  if (code.startsWith("ER_ROW_IS_REFERENCED") || message.includes("FOREIGN KEY constraint failed")) {
    return { message: "该数据正在被使用，无法删除或修改", extensions: { code: ErrorCode.CONFLICT } };
  }
  if (code === "ER_LOCK_DEADLOCK") {
    return { message: "数据已被他人修改，请刷新后重试", extensions: { code: ErrorCode.CONFLICT } };
  }
  return serviceUnavailableError(err);
}

/** Errors graphql-js/Apollo raise before execution (parse, validation, coercion): they describe the request. */
const REQUEST_ERROR_CODES: string[] = [
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
];

/**
 * graphql-js and Apollo word request errors in English. A Chinese lead says what kind of mistake it is; the original
 * words follow for the developer (they name the field, variable or value). Messages already in Chinese (our own
 * limits and refusals) are kept as they are.
 */
const REQUEST_ERROR_LEAD: Record<string, string> = {
  [ApolloServerErrorCode.GRAPHQL_PARSE_FAILED]: "请求语法有误",
  [ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED]: "请求不符合接口定义",
  [ApolloServerErrorCode.BAD_USER_INPUT]: "输入的取值无效",
  [ApolloServerErrorCode.BAD_REQUEST]: "请求格式有误",
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND]: "未找到已登记的查询",
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: "不支持已登记查询",
  [ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE]: "无法确定要执行的操作",
};
const HAS_CHINESE = /[\u4e00-\u9fff]/;
const requestErrorMessage = (code: string, message: string) =>
  HAS_CHINESE.test(message) ? message : `${REQUEST_ERROR_LEAD[code] ?? "请求有误"}：${message}`;

/**
 * What was thrown. Apollo hands formatError a resolver's error wrapped with its path (unwrapResolverError), and an
 * error from a validation rule or from building the context as the originalError of a GraphQLError of its own.
 */
function causeOf(error: unknown): unknown {
  const unwrapped = unwrapResolverError(error);
  return unwrapped instanceof GraphQLError && unwrapped.originalError ? unwrapped.originalError : unwrapped;
}

/**
 * Apollo's formatError: keeps coded errors as they are, turns validation errors into
 * BAD_USER_INPUT with the Chinese constraint messages, and masks everything else.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = causeOf(error);
  if (original instanceof AppError) {
    // `http` (status, headers) is for Apollo's response head, not for the client's error object.
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } })?.extensions
    ?.validationErrors;
  if (Array.isArray(validationErrors)) {
    const fields = flattenValidation(validationErrors);
    return {
      message: fields[0]?.message ?? "输入有误",
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  // Request errors are kept for developers, without stack traces.
  if (code && REQUEST_ERROR_CODES.includes(code) && !(original instanceof Error && "sql" in original)) {
    return {
      message: requestErrorMessage(code, formatted.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  }
  if (original instanceof GraphQLError && code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: formatted.message, path: formatted.path, extensions: { code } };
  }
  const db = fromDatabaseError(original as DriverErrorLike);
  if (db) return { ...db, path: formatted.path };
  logger.error({ err: original, path: formatted.path }, "unexpected error in resolver");
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * An operation that produced nothing because the database did not answer (every error SERVICE_UNAVAILABLE, no
 * field with a value) is answered 503 with Retry-After, as when the session lookup before it fails: a client or
 * proxy sees from the status alone that trying again later is the way out. A partial answer, or one operation of a
 * batch, stays 200.
 */
export const unavailableStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, requestIsBatched }) {
        // In a batch another operation may have succeeded (a mutation): the whole answer must not invite a retry.
        if (requestIsBatched || response.body.kind !== "single") return;
        const { errors, data } = response.body.singleResult;
        if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
        if (data && Object.values(data).some((v) => v !== null)) return;
        response.http.status = 503;
        response.http.headers.set("retry-after", "5");
      },
    };
  },
};
