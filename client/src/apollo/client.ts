import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client/core";
import { onError } from "@apollo/client/link/error";
import createUploadLink from "apollo-upload-client/createUploadLink.mjs";
import { errorCode, type ErrorCode } from "@/common/errors";
import { progressFetch } from "./progress-fetch";

/**
 * Operations whose auth errors the caller handles itself: signing in (wrong password is
 * UNAUTHENTICATED too) and the session probe the router guard runs.
 */
const SELF_HANDLED = new Set(["Login", "Me", "Logout"]);

export interface AuthProblem {
  code: Extract<ErrorCode, "UNAUTHENTICATED" | "PASSWORD_CHANGE_REQUIRED">;
  reason?: string;
  message: string;
}

let authProblemHandler: (problem: AuthProblem) => void = () => {};

/** The router installs this: expired session → login page, pending password change → password page. */
export function onAuthProblem(handler: (problem: AuthProblem) => void) {
  authProblemHandler = handler;
}

const authLink = onError(({ graphQLErrors, operation }) => {
  if (!graphQLErrors?.length || SELF_HANDLED.has(operation.operationName)) return;
  for (const e of graphQLErrors) {
    const code = errorCode(e);
    if (code === "UNAUTHENTICATED" || code === "PASSWORD_CHANGE_REQUIRED") {
      authProblemHandler({ code, reason: e.extensions?.reason as string | undefined, message: e.message });
      return;
    }
  }
});

// One terminating link for JSON and multipart requests. CSRF prevention is on at the server, so every
// request carries `apollo-require-preflight` (required for multipart uploads, harmless for JSON).
const httpLink = createUploadLink({
  uri: "/graphql",
  credentials: "same-origin",
  headers: { "apollo-require-preflight": "true" },
  fetch: progressFetch as typeof fetch,
});

export const apolloClient = new ApolloClient({
  link: ApolloLink.from([authLink, httpLink]),
  cache: new InMemoryCache({
    typePolicies: {
      // Singletons without an id: replace, never merge field by field across accounts.
      InstitutionHome: { keyFields: false },
      PortalHome: { keyFields: false },
      ReferenceLists: { keyFields: false, merge: true },
      PasswordPolicy: { keyFields: false, merge: true },
      // Regions are identified by their code, subjects too.
      Region: { keyFields: ["code"] },
      PracticeSubject: { keyFields: ["code"] },
      PracticeCategory: { keyFields: ["code"] },
      // The workflow table is one document for everybody; keep it whole.
      WorkflowView: { keyFields: false, merge: true },
      // 考核进度 counts: one per institution and cycle, replaced as a whole.
      ProgressSummary: { keyFields: false, merge: true },
    },
  }),
  defaultOptions: {
    watchQuery: { fetchPolicy: "cache-and-network", errorPolicy: "none" },
    query: { fetchPolicy: "network-only", errorPolicy: "none" },
    mutate: { errorPolicy: "none" },
  },
});
