import { useQuery } from "@vue/apollo-composable";
import { useList } from "@/components/list/useList";
import { ReviewOptionsDocument, ReviewQueueDocument, type TestKind } from "@/gql/graphql";

/** 免考审核 list (manual 2.2.8): exemption requests waiting for the institution. */
export function useExemptionReviews() {
  const list = useList({
    query: ReviewQueueDocument,
    filters: [],
    variables: (_f, paging) => ({ filter: { queue: "EXEMPTION_REVIEW" as const }, sort: "ID" as const, ...paging }),
    rows: (data) => data.applications,
    empty: "暂无待审核的免考申请",
  });

  // Test names (医学人文测评 / 业务水平测评) as the API lists them.
  const { result: options } = useQuery(ReviewOptionsDocument, null, { fetchPolicy: "cache-first" });
  const testName = (kind: TestKind | null | undefined) =>
    options.value?.referenceLists.testKinds.find((t) => t.code === kind)?.name ?? "—";

  return { list, testName };
}
