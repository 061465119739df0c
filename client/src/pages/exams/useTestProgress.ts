import { computed } from "vue";
import { useList } from "@/components/list/useList";
import { TestAttemptsDocument } from "@/gql/graphql";
import { testProgressFilters } from "./exams.list";
import { usePapers } from "./usePapers";

/**
 * 测评进度 (manual 2.2.9 (2)): the institution's physicians taking the online tests, by 考核程序,
 * 试卷名称 and 测评状态, with their scores once graded.
 */
export function useTestProgress() {
  const papers = usePapers();
  const paperOptions = computed(() => papers.value.map((p) => ({ value: p.id, label: p.name })));
  const list = useList({
    query: TestAttemptsDocument,
    filters: testProgressFilters(paperOptions),
    variables: (f, paging) => ({
      filter: {
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        procedure: f.procedure || undefined,
        paperId: f.paperId === "" ? undefined : f.paperId,
        statuses: f.status ? [f.status] : undefined,
      },
      ...paging,
    }),
    rows: (data) => data.testAttempts,
    empty: ({ filtered }) => (filtered ? "没有符合条件的测评记录" : "本周期暂无测评记录"),
  });
  return { list };
}
