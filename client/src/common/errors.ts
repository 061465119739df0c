import type { GraphQLFormattedError } from "graphql";
import { ElMessage } from "element-plus";
import { nextTick, reactive } from "vue";
import type { ErrorCode as ServerErrorCode } from "./rules";

/** The codes the API puts in `extensions.code` (the shared rules package's ERROR_CODES), and the console's own. */
export type ErrorCode =
  | ServerErrorCode
  /** The server runs an allow-list of operations and this document is not on it (an outdated console). */
  | "PERSISTED_QUERY_NOT_ALLOWED"
  | "PERSISTED_QUERY_NOT_FOUND"
  | "NETWORK_ERROR";

export interface FieldError {
  field: string;
  message: string;
}

/** What the console needs to know about a failed request, whatever its shape. */
export interface AppFailure {
  code: ErrorCode | string;
  /** Chinese, fit for the user. */
  message: string;
  /** e.g. SESSION_EXPIRED, INVALID_CREDENTIALS */
  reason?: string;
  fields: FieldError[];
}

export const errorCode = (e: GraphQLFormattedError) =>
  (e.extensions?.code as ErrorCode | undefined) ?? "INTERNAL_SERVER_ERROR";

const NETWORK_MESSAGE = "网络连接失败，请检查网络后重试";
const FALLBACK_MESSAGE = "系统繁忙，请稍后重试";

/** `input.name` → `name`: form items are named after the input's own fields. */
const fieldName = (path: string) => path.split(".").pop() ?? path;

function fromGraphQLError(e: GraphQLFormattedError): AppFailure {
  const ext = e.extensions ?? {};
  const fields: FieldError[] = [];
  if (Array.isArray(ext.fields)) {
    for (const f of ext.fields as FieldError[])
      if (f?.field) fields.push({ field: fieldName(f.field), message: f.message });
  } else if (typeof ext.field === "string") {
    fields.push({ field: fieldName(ext.field), message: e.message });
  }
  return {
    code: errorCode(e),
    message: e.message || FALLBACK_MESSAGE,
    reason: typeof ext.reason === "string" ? ext.reason : undefined,
    fields,
  };
}

interface ApolloLikeError {
  graphQLErrors?: readonly GraphQLFormattedError[];
  networkError?: (Error & { statusCode?: number; result?: { errors?: GraphQLFormattedError[] } | string }) | null;
  message?: string;
}

/** Normalises an ApolloError (GraphQL errors, HTTP errors with a JSON body, offline) into one shape. */
export function toFailure(err: unknown): AppFailure {
  const e = (err ?? {}) as ApolloLikeError;
  if (e.graphQLErrors?.length) return fromGraphQLError(e.graphQLErrors[0]);
  const network = e.networkError;
  if (network) {
    const result = network.result;
    if (result && typeof result === "object" && Array.isArray(result.errors) && result.errors.length) {
      return fromGraphQLError(result.errors[0]);
    }
    if (network.statusCode === 413) return { code: "BAD_USER_INPUT", message: "上传的文件过大", fields: [] };
    if (network.statusCode && network.statusCode >= 500)
      return { code: "INTERNAL_SERVER_ERROR", message: FALLBACK_MESSAGE, fields: [] };
    return { code: "NETWORK_ERROR", message: NETWORK_MESSAGE, fields: [] };
  }
  return { code: "INTERNAL_SERVER_ERROR", message: FALLBACK_MESSAGE, fields: [] };
}

/** Handled once, centrally, by the Apollo link and the router (redirects); pages stay quiet about them. */
export const isHandledGlobally = (f: AppFailure) =>
  f.code === "UNAUTHENTICATED" || f.code === "PASSWORD_CHANGE_REQUIRED";

/**
 * Server-side messages bound to form items: `<el-form-item :error="serverErrors.name">`.
 * `apply` maps field errors onto the form and reports whether any field matched.
 */
export function useServerErrors<F extends string>(fields: readonly F[]) {
  const serverErrors = reactive(Object.fromEntries(fields.map((f) => [f, ""]))) as Record<F, string>;
  function clear(field?: F) {
    for (const f of field ? [field] : fields) serverErrors[f] = "";
  }
  function apply(failure: AppFailure): boolean {
    clear();
    const mine = failure.fields.filter((fe) => (fields as readonly string[]).includes(fe.field));
    // Element Plus shows `error` when the prop changes: set it a tick after clearing, so that the
    // same message shows again on a second failed attempt.
    if (mine.length) void nextTick(() => mine.forEach((fe) => (serverErrors[fe.field as F] = fe.message)));
    return mine.length > 0;
  }
  return { serverErrors, clear, apply };
}

/**
 * The default way to report a failed request: field errors go onto the form items when a mapper is
 * given and matches; anything else is the server's Chinese message in a toast. Auth problems are left
 * to the central handler.
 */
export function reportError(err: unknown, mapFields?: (f: AppFailure) => boolean): AppFailure {
  const failure = toFailure(err);
  if (isHandledGlobally(failure)) return failure;
  if (mapFields?.(failure)) return failure;
  ElMessage({ type: failure.code === "NETWORK_ERROR" ? "warning" : "error", message: failure.message, grouping: true });
  return failure;
}

/** CONFLICT because the record changed after it was loaded (the version sent back no longer matches). */
export const isStaleVersion = (f: AppFailure) => f.code === "CONFLICT" && f.reason === "STALE_VERSION";

/**
 * For workflow actions sent with `expectedVersion`: CONFLICT with reason STALE_VERSION means someone else
 * acted on the record after it was loaded. Say so and reload, instead of the generic "please refresh".
 * Other conflicts (already marked, already there …) are the server's own sentence, and reload too.
 * Refusals for the record's state (INVALID_STATE) and everything else go the default way
 * (`reportError`), or to `onRefused` when the caller shows them in its own place.
 */
export function reportActionError(
  err: unknown,
  reload: () => unknown,
  options: { mapFields?: (f: AppFailure) => boolean; onRefused?: (f: AppFailure) => void } = {},
): AppFailure {
  const failure = toFailure(err);
  if (isHandledGlobally(failure)) return failure;
  if (failure.code === "CONFLICT") {
    if (!isStaleVersion(failure) && options.mapFields?.(failure)) return failure;
    const message = isStaleVersion(failure)
      ? "他人已先行处理了该记录，页面已刷新为最新数据，请核对后再操作"
      : failure.message;
    ElMessage({ type: "warning", message, grouping: true, duration: 5000 });
    void reload();
    return failure;
  }
  if (failure.code === "INVALID_STATE" && options.onRefused) {
    options.onRefused(failure);
    return failure;
  }
  return reportError(err, options.mapFields);
}
