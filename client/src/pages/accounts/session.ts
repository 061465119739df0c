import { computed, reactive, shallowReadonly } from "vue";
import { apolloClient } from "@/apollo/client";
import { toFailure } from "@/common/errors";
import { LogoutDocument, MeDocument, type MeFieldsFragment, type Role } from "@/gql/graphql";

interface SessionState {
  me: MeFieldsFragment | null;
  /** The last probe found a session cookie that had timed out. */
  expired: boolean;
}

const state = reactive<SessionState>({ me: null, expired: false });

/** The signed-in account, shared by the router guards, the layout and the pages. */
export const session = shallowReadonly(state);

export const currentMe = computed(() => state.me);

export function hasRole(...roles: Role[]) {
  return !!state.me && roles.some((r) => state.me!.roles.includes(r));
}

export function setMe(me: MeFieldsFragment | null) {
  state.me = me;
  if (me) state.expired = false;
}

/** Asks the server who is signed in (the session is an HttpOnly cookie the page cannot read). */
export async function loadMe(): Promise<MeFieldsFragment | null> {
  try {
    const { data } = await apolloClient.query({ query: MeDocument, fetchPolicy: "network-only" });
    setMe(data.me);
  } catch (err) {
    const failure = toFailure(err);
    if (failure.code !== "UNAUTHENTICATED") throw err;
    state.me = null;
    state.expired = failure.reason === "SESSION_EXPIRED";
  }
  return state.me;
}

/** Forgets the account and everything cached for it (another account may sign in next). */
export async function forgetSession(expired = false) {
  state.me = null;
  state.expired = expired;
  await apolloClient.clearStore();
}

export async function signOut() {
  try {
    await apolloClient.mutate({ mutation: LogoutDocument });
  } finally {
    await forgetSession();
  }
}
