import { computed, reactive, watch } from "vue";
import { useRouter } from "vue-router";
import { useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { reportError } from "@/common/errors";
import { idNumberProblem } from "@/common/id-number";
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
  const filter = reactive<ReviewFilter>({ name: "", idNumber: "", departmentId: "" });
  const applied = reactive<ReviewFilter>({ name: "", idNumber: "", departmentId: "" });
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
  const { result, loading, error, refetch } = useQuery(ReviewQueueDocument, variables, { fetchPolicy: "cache-and-network" });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.applications.items ?? []);
  const total = computed(() => result.value?.applications.total ?? 0);
  const filtered = computed(() => !!(applied.name.trim() || applied.idNumber.trim() || applied.departmentId !== ""));

  const { result: options } = useQuery(RosterFilterOptionsDocument, null, { fetchPolicy: "cache-first" });
  const departments = computed(() => options.value?.departmentOptions ?? []);

  function search() {
    const id = filter.idNumber.trim();
    if (id && id.length !== 15 && id.length !== 18) {
      ElMessage.warning(idNumberProblem(id) ?? "请输入15位或18位身份证号码");
      return;
    }
    const unchanged = JSON.stringify(applied) === JSON.stringify(filter);
    Object.assign(applied, filter);
    if (unchanged) void refetch();
  }
  function resetFilter() {
    Object.assign(filter, { name: "", idNumber: "", departmentId: "" });
    search();
  }

  function review(id: number) {
    void router.push({ name: DETAIL_ROUTE[procedure], params: { id } });
  }

  return { filter, paging, rows, total, loading, filtered, departments, search, resetFilter, refetch, review };
}
