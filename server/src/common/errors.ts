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

/** Map database errors that slipped through a service to user-facing codes, never leaking SQL. */
function fromDatabaseError(err: { code?: string; message?: string }): GraphQLFormattedError | null {
  const code = err.code ?? "";
  const message = err.message ?? "";
  if (code === "ER_DUP_ENTRY" || message.includes("UNIQUE constraint failed")) {
    return { message: "数据已存在，请勿重复提交", extensions: { code: ErrorCode.CONFLICT } };
  }
  if (code.startsWith("ER_ROW_IS_REFERENCED") || message.includes("FOREIGN KEY constraint failed")) {
    return { message: "该数据正在被使用，无法删除或修改", extensions: { code: ErrorCode.CONFLICT } };
  }
  if (code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT" || message.includes("SQLITE_BUSY")) {
    return { message: "数据已被他人修改，请刷新后重试", extensions: { code: ErrorCode.CONFLICT } };
  }
  return null;
}

/**
 * Apollo's formatError: keeps coded errors as they are, turns validation errors into
 * BAD_USER_INPUT with the Chinese constraint messages, and masks everything else.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (original instanceof AppError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: original.extensions,
    };
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
  // Errors raised by graphql-js/Apollo before execution (parse, validation, variable coercion)
  // describe the request, not the data: keep them for developers, without stack traces.
  const requestErrorCodes = [
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "BAD_USER_INPUT",
    "BAD_REQUEST",
    "PERSISTED_QUERY_NOT_FOUND",
    "PERSISTED_QUERY_NOT_SUPPORTED",
    "OPERATION_RESOLUTION_FAILURE",
  ];
  if (code && requestErrorCodes.includes(code) && !(original instanceof Error && "sql" in original)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (original instanceof GraphQLError && code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: formatted.message, path: formatted.path, extensions: { code } };
  }
  const db = fromDatabaseError(original as { code?: string; message?: string });
  if (db) return { ...db, path: formatted.path };
  logger.error({ err: original, path: formatted.path }, "unexpected error in resolver");
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
