import { computed } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { useWorkflow } from "@/common/workflow";
import type { FilterValues } from "@/components/list/filters";
import { useList } from "@/components/list/useList";
import { AssessorAssignedInstitutionsDocument, AssessorQueueDocument, type ReviewQueue } from "@/gql/graphql";
import { queueFilters, REVIEW_STATUSES, reviewStatusFilter, submittedBetween } from "./assessor.list";

/** The 所在机构 choices: the institutions assigned to this assessment institution (the API's page cap). */
export function useAssignedInstitutionOptions() {
  const { result } = useQuery(
    AssessorAssignedInstitutionsDocument,
    { filter: { assignedToMe: true }, page: 1, pageSize: 100 },
    { fetchPolicy: "cache-first" },
  );
  return computed(() => (result.value?.institutions.items ?? []).map((i) => ({ value: i.id, label: i.name })));
}

type QueueValues = FilterValues<ReturnType<typeof queueFilters>>;
const queueVariables = (f: QueueValues) => ({
  name: f.name || undefined,
  idNumber: f.idNumber || undefined,
  institutionId: f.institutionId === "" ? undefined : f.institutionId,
  departmentName: f.departmentName || undefined,
  procedure: f.procedure || undefined,
  ...submittedBetween(f.submitted),
});

/** One of the assessment institution's queues, first submitted first, paged on the server. */
export function useAssessorQueue(queue: ReviewQueue, empty: string) {
  const institutions = useAssignedInstitutionOptions();
  return useList({
    query: AssessorQueueDocument,
    filters: queueFilters(institutions),
    variables: (f, paging) => ({ filter: { queue, ...queueVariables(f) }, ...paging }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的申请" : empty),
  });
}

/** 复核: the queue (待考核机构复核) by default, or what became of what it re-reviewed, by 考核状态. */
export function useReReviewQueue() {
  const institutions = useAssignedInstitutionOptions();
  const workflow = useWorkflow();
  const statuses = computed(() =>
    REVIEW_STATUSES.map((value) => ({ value, label: workflow.statusLabel(value) || value })),
  );
  return useList({
    query: AssessorQueueDocument,
    filters: [...queueFilters(institutions), reviewStatusFilter(statuses)] as const,
    variables: (f, paging) => ({
      filter: { statuses: f.status ? [f.status] : REVIEW_STATUSES, ...queueVariables(f) },
      ...paging,
    }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的申请" : "暂无待复核的申请"),
  });
}
