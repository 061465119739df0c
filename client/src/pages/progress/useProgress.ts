import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { PROCEDURE } from "@/common/labels";
import { useListFilter } from "@/common/useListFilter";
import { usePagination } from "@/common/usePagination";
import { useWorkflow } from "@/common/workflow";
import {
  ProgressListDocument,
  ProgressSummaryDocument,
  RosterFilterOptionsDocument,
  type ApplicationFilter,
  type ApplicationStatus,
  type Procedure,
} from "@/gql/graphql";

export interface ProgressFilter {
  name: string;
  idNumber: string;
  departmentId: number | "";
  procedure: Procedure | "";
  /** 考核状态: also chosen by clicking a count. */
  status: ApplicationStatus | "";
}

const emptyFilter = (): ProgressFilter => ({ name: "", idNumber: "", departmentId: "", procedure: "", status: "" });

/**
 * 考核进度 (manual 2.2.9 (1), 2.3.0): the counts per status (labels from the API, 被机构驳回 variants
 * included) with the completion rate; clicking a count filters the list. The list is every physician's
 * application of the current cycle, latest action first; 合格 rows print their certificate.
 */
export function useProgress() {
  const workflow = useWorkflow();
  const { filter, applied, search, resetFilter } = useListFilter(emptyFilter, (): void => void reload());
  const paging = usePagination({ pageSize: 10, resetOn: [() => ({ ...applied })] });

  const variables = computed(() => ({
    filter: {
      name: applied.name.trim() || undefined,
      idNumber: applied.idNumber.trim() || undefined,
      departmentId: applied.departmentId === "" ? undefined : applied.departmentId,
      procedure: applied.procedure || undefined,
      statuses: applied.status ? [applied.status] : undefined,
    } satisfies ApplicationFilter,
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(ProgressListDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.applications.items ?? []);
  const total = computed(() => result.value?.applications.total ?? 0);
  const filtered = computed(() => Object.values(applied).some((v) => v !== ""));

  const {
    result: summaryResult,
    loading: summaryLoading,
    error: summaryError,
    refetch: refetchSummary,
  } = useQuery(ProgressSummaryDocument, null, {
    fetchPolicy: "cache-and-network",
  });
  watch(summaryError, (e) => e && reportError(e));
  const summary = computed(() => summaryResult.value?.progressSummary ?? null);
  const completionPercent = computed(() => Math.round((summary.value?.completion.rate ?? 0) * 1000) / 10);

  const { result: options } = useQuery(RosterFilterOptionsDocument, null, { fetchPolicy: "cache-first" });
  const departments = computed(() => options.value?.departmentOptions ?? []);
  const procedures = Object.entries(PROCEDURE).map(([value, label]) => ({ value: value as Procedure, label }));

  /** 考核状态 choices and the manual's explanation of each (`workflow.statuses`: label and meaning). */
  const statuses = computed(() => workflow.statuses.value);

  /** A click on a count: that status only (again, or 全部: every status). */
  function pickStatus(status: ApplicationStatus | "") {
    filter.status = status;
    applied.status = status;
  }

  async function reload() {
    await Promise.all([refetch(), refetchSummary()]);
  }

  return {
    filter,
    applied,
    paging,
    rows,
    total,
    loading,
    filtered,
    summary,
    summaryLoading,
    completionPercent,
    departments,
    procedures,
    statuses,
    search,
    resetFilter,
    pickStatus,
    reload,
  };
}
