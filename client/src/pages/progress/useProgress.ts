import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { useWorkflow } from "@/common/workflow";
import { useList } from "@/components/list/useList";
import {
  ProgressListDocument,
  ProgressSummaryDocument,
  type ApplicationStatus,
  type ProgressRowFragment,
} from "@/gql/graphql";
import { progressActions, progressFilters } from "./progress.list";

/**
 * 考核进度 (manual 2.2.9 (1), 2.3.0): the counts per status (labels from the API, 被机构驳回 variants
 * included) with the completion rate; clicking a count filters the list. The list is every physician's
 * application of the current cycle, latest action first; 合格 rows print their certificate.
 */
export function useProgress(dialogs: {
  timeline: (a: ProgressRowFragment) => unknown;
  print: (a: ProgressRowFragment) => unknown;
}) {
  const workflow = useWorkflow();
  /** 考核状态 choices and the manual's explanation of each (`workflow.statuses`: label and meaning). */
  const statuses = computed(() => workflow.statuses.value);

  const list = useList({
    query: ProgressListDocument,
    filters: progressFilters(statuses),
    variables: (f, paging) => ({
      filter: {
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        departmentId: f.departmentId === "" ? undefined : f.departmentId,
        procedure: f.procedure || undefined,
        statuses: f.status ? [f.status] : undefined,
      },
      ...paging,
    }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的医师" : "本周期暂无医师考核记录"),
  });

  const {
    result: summaryResult,
    loading: summaryLoading,
    error: summaryError,
    refetch: refetchSummary,
  } = useQuery(ProgressSummaryDocument, null, { fetchPolicy: "cache-and-network" });
  watch(summaryError, (e) => e && reportError(e));
  const summary = computed(() => summaryResult.value?.progressSummary ?? null);
  const completionPercent = computed(() => Math.round((summary.value?.completion.rate ?? 0) * 1000) / 10);

  /** A click on a count: that status only (again, or 全部: every status). */
  function pickStatus(status: ApplicationStatus | "") {
    list.apply({ status });
  }

  async function reload() {
    await Promise.all([list.reload(), refetchSummary()]);
  }

  return {
    list,
    actions: progressActions(dialogs),
    summary,
    summaryLoading,
    summaryError,
    completionPercent,
    statuses,
    pickStatus,
    reload,
  };
}
