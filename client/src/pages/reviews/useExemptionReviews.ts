import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { usePagination } from "@/common/usePagination";
import { ReviewOptionsDocument, ReviewQueueDocument, type TestKind } from "@/gql/graphql";

/** 免考审核 list (manual 2.2.8): exemption requests waiting for the institution. */
export function useExemptionReviews() {
  const paging = usePagination({ pageSize: 10 });
  const variables = computed(() => ({
    filter: { queue: "EXEMPTION_REVIEW" as const },
    sort: "ID" as const,
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(ReviewQueueDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.applications.items ?? []);
  const total = computed(() => result.value?.applications.total ?? 0);

  // Test names (医学人文测评 / 业务水平测评) as the API lists them.
  const { result: options } = useQuery(ReviewOptionsDocument, null, { fetchPolicy: "cache-first" });
  const testName = (kind: TestKind | null | undefined) =>
    options.value?.referenceLists.testKinds.find((t) => t.code === kind)?.name ?? "—";

  return { paging, rows, total, loading, refetch, testName };
}
