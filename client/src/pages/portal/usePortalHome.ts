import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { PortalHomeDocument } from "@/gql/graphql";

/** 我的考核: the cycle, the application, the one next step, the institution's contact, unread messages. */
export function usePortalHome() {
  const { result, loading, error, refetch } = useQuery(PortalHomeDocument, null, {
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  watch(error, (e) => e && reportError(e));
  const home = computed(() => result.value?.portalHome ?? null);
  const application = computed(() => home.value?.application ?? null);
  return { home, application, loading, error, refetch: () => refetch() };
}
