/**
 * The stable codes of `extensions.code` the server sends and the console branches on. The console adds
 * NETWORK_ERROR (no answer at all) itself.
 */
export const ERROR_CODES = Object.freeze([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  /** The action is not allowed from the record's current workflow state. */
  "INVALID_STATE",
  "PASSWORD_CHANGE_REQUIRED",
  "ACCOUNT_LOCKED",
  "RATE_LIMITED",
  "QUERY_TOO_COMPLEX",
  /** The database does not answer (down, hung, overloaded, or a lock held too long): retry later. */
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
]);
