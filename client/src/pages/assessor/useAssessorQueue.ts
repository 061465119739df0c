import { computed } from "vue";
import { useApolloClient } from "@vue/apollo-composable";
import { useWorkflow } from "@/common/workflow";
import type { ChoiceSource, FilterValues } from "@/components/list/filters";
import { useList } from "@/components/list/useList";
import {
  AssessorAssignedInstitutionsDocument,
  AssessorInstitutionNameDocument,
  AssessorQueueDocument,
  type ReviewQueue,
} from "@/gql/graphql";
import { queueFilters, REVIEW_STATUSES, reviewStatusFilter, submittedBetween } from "./assessor.list";

/** Choices offered per search: enough to pick from, small enough to answer at once. */
const CHOICES_PAGE = 20;

/**
 * The 所在机构 choices: the institutions assigned to this assessment institution, searched by name on the
 * server (an assessor may have a thousand), and the name of one read back from the address.
 */
export function useAssignedInstitutionSearch(): ChoiceSource {
  const { resolveClient } = useApolloClient();
  return {
    async search(name) {
      const { data } = await resolveClient().query({
        query: AssessorAssignedInstitutionsDocument,
        variables: { filter: { assignedToMe: true, name: name || undefined }, page: 1, pageSize: CHOICES_PAGE },
      });
      return data.institutions.items.map((i) => ({ value: i.id, label: i.name }));
    },
    async labelOf(id) {
      const { data } = await resolveClient().query({ query: AssessorInstitutionNameDocument, variables: { id } });
      return data.institution.name;
    },
  };
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
  const institutions = useAssignedInstitutionSearch();
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
  const institutions = useAssignedInstitutionSearch();
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
