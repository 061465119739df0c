import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { ATTEMPT_STATUS, PROCEDURE } from "@/common/labels";
import { useListFilter } from "@/common/useListFilter";
import { usePagination } from "@/common/usePagination";
import { TestAttemptsDocument, type AttemptFilterInput, type AttemptStatus, type Procedure } from "@/gql/graphql";
import { usePapers } from "./usePapers";

export interface TestProgressFilter {
  name: string;
  idNumber: string;
  procedure: Procedure | "";
  paperId: number | "";
  status: AttemptStatus | "";
}

const emptyFilter = (): TestProgressFilter => ({ name: "", idNumber: "", procedure: "", paperId: "", status: "" });

/**
 * 测评进度 (manual 2.2.9 (2)): the institution's physicians taking the online tests, by 考核程序,
 * 试卷名称 and 测评状态, with their scores once graded.
 */
export function useTestProgress() {
  const { filter, applied, search, resetFilter } = useListFilter(emptyFilter, (): void => void refetch());
  const paging = usePagination({ pageSize: 10, resetOn: [() => ({ ...applied })] });

  const variables = computed(() => ({
    filter: {
      name: applied.name.trim() || undefined,
      idNumber: applied.idNumber.trim() || undefined,
      procedure: applied.procedure || undefined,
      paperId: applied.paperId === "" ? undefined : applied.paperId,
      statuses: applied.status ? [applied.status] : undefined,
    } satisfies AttemptFilterInput,
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(TestAttemptsDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.testAttempts.items ?? []);
  const total = computed(() => result.value?.testAttempts.total ?? 0);
  const filtered = computed(() => Object.values(applied).some((v) => v !== ""));

  const papers = usePapers();
  const procedures = Object.entries(PROCEDURE).map(([value, label]) => ({ value: value as Procedure, label }));
  const statuses = Object.entries(ATTEMPT_STATUS).map(([value, s]) => ({
    value: value as AttemptStatus,
    label: s.label,
  }));

  return { filter, paging, rows, total, loading, filtered, papers, procedures, statuses, search, resetFilter, refetch };
}
