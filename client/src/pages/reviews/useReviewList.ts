import { useRouter } from "vue-router";
import { useList } from "@/components/list/useList";
import { ReviewQueueDocument, type Procedure, type ReviewQueue, type ReviewRowFragment } from "@/gql/graphql";
import { RouteName } from "@/router/names";
import { reviewActions, reviewColumns, reviewFilters } from "./reviews.list";

const QUEUE: Record<Procedure, ReviewQueue> = { SIMPLE: "SIMPLE_REVIEW", GENERAL: "GENERAL_REVIEW" };
const DETAIL_ROUTE = { SIMPLE: RouteName.reviewSimple, GENERAL: RouteName.reviewGeneral } as const;

/** 简易程序审核 / 一般程序审核 lists (manual 2.2.6, 2.2.7): the institution's queue, first submitted first. */
export function useReviewList(procedure: Procedure) {
  const router = useRouter();
  const list = useList({
    query: ReviewQueueDocument,
    filters: reviewFilters,
    variables: (f, paging) => ({
      filter: {
        queue: QUEUE[procedure],
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        departmentId: f.departmentId === "" ? undefined : f.departmentId,
      },
      sort: "SUBMITTED_AT" as const,
      ...paging,
    }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的申请" : "暂无待审核的申请"),
  });

  const review = (a: ReviewRowFragment) => void router.push({ name: DETAIL_ROUTE[procedure], params: { id: a.id } });
  return { list, columns: reviewColumns(review), actions: reviewActions(review) };
}
