import { computed, watch } from "vue";
import { useRouter } from "vue-router";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { useListFilter } from "@/common/useListFilter";
import { usePagination } from "@/common/usePagination";
import { ReviewQueueDocument, RosterFilterOptionsDocument, type Procedure, type ReviewQueue } from "@/gql/graphql";
import { RouteName } from "@/router/names";

export interface ReviewFilter {
  name: string;
  idNumber: string;
  departmentId: number | "";
}

const QUEUE: Record<Procedure, ReviewQueue> = { SIMPLE: "SIMPLE_REVIEW", GENERAL: "GENERAL_REVIEW" };
const DETAIL_ROUTE = { SIMPLE: RouteName.reviewSimple, GENERAL: RouteName.reviewGeneral } as const;

/** 简易程序审核 / 一般程序审核 lists (manual 2.2.6, 2.2.7): the institution's queue, first submitted first. */
export function useReviewList(procedure: Procedure) {
  const router = useRouter();
  const { filter, applied, search, resetFilter } = useListFilter<ReviewFilter>(
    () => ({ name: "", idNumber: "", departmentId: "" }),
    (): void => void refetch(),
  );
  const paging = usePagination({ pageSize: 10, resetOn: [() => ({ ...applied })] });

  const variables = computed(() => ({
    filter: {
      queue: QUEUE[procedure],
      name: applied.name.trim() || undefined,
      idNumber: applied.idNumber.trim() || undefined,
      departmentId: applied.departmentId === "" ? undefined : applied.departmentId,
    },
    sort: "SUBMITTED_AT" as const,
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(ReviewQueueDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.applications.items ?? []);
  const total = computed(() => result.value?.applications.total ?? 0);
  const filtered = computed(() => !!(applied.name.trim() || applied.idNumber.trim() || applied.departmentId !== ""));

  const { result: options } = useQuery(RosterFilterOptionsDocument, null, { fetchPolicy: "cache-first" });
  const departments = computed(() => options.value?.departmentOptions ?? []);

  function review(id: number) {
    void router.push({ name: DETAIL_ROUTE[procedure], params: { id } });
  }

  return { filter, paging, rows, total, loading, filtered, departments, search, resetFilter, refetch, review };
}
