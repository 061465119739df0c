import { useList } from "@/components/list/useList";
import { AssessorQueueDocument, type ReviewQueue } from "@/gql/graphql";
import { queueFilters } from "./assessor.list";

/** One of the assessment institution's queues, first submitted first, paged on the server. */
export function useAssessorQueue(queue: ReviewQueue, empty: string) {
  return useList({
    query: AssessorQueueDocument,
    filters: queueFilters,
    variables: (f, paging) => ({
      filter: {
        queue,
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        procedure: f.procedure || undefined,
      },
      ...paging,
    }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的申请" : empty),
  });
}
