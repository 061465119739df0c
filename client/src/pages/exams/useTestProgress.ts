import { computed } from "vue";
import { useList } from "@/components/list/useList";
import type { ChoiceSource, FilterValues } from "@/components/list/filters";
import { TestAttemptsDocument } from "@/gql/graphql";
import { testProgressAcrossFilters, testProgressFilters } from "./exams.list";
import { usePapers } from "./usePapers";

const EMPTY = ({ filtered }: { filtered: boolean }) => (filtered ? "没有符合条件的测评记录" : "本周期暂无测评记录");

function usePaperOptions() {
  const papers = usePapers();
  return computed(() => papers.value.map((p) => ({ value: p.id, label: p.name })));
}

const attemptVariables = (f: FilterValues<ReturnType<typeof testProgressFilters>>) => ({
  name: f.name || undefined,
  idNumber: f.idNumber || undefined,
  procedure: f.procedure || undefined,
  paperId: f.paperId === "" ? undefined : f.paperId,
  statuses: f.status ? [f.status] : undefined,
});

/**
 * 测评进度 (manual 2.2.9 (2)): the institution's physicians taking the online tests, by 考核程序,
 * 试卷名称 and 测评状态, with their scores once graded.
 */
export function useTestProgress() {
  const list = useList({
    query: TestAttemptsDocument,
    filters: testProgressFilters(usePaperOptions()),
    variables: (f, paging) => ({ filter: attemptVariables(f), ...paging }),
    rows: (data) => data.testAttempts,
    empty: EMPTY,
  });
  return { list };
}

/** The same list across the institutions an assessment institution is responsible for, by 所在机构 too. */
export function useTestProgressAcross(institutions: ChoiceSource) {
  const list = useList({
    query: TestAttemptsDocument,
    filters: testProgressAcrossFilters(usePaperOptions(), institutions),
    variables: (f, paging) => ({
      filter: { ...attemptVariables(f), institutionId: f.institutionId === "" ? undefined : f.institutionId },
      ...paging,
    }),
    rows: (data) => data.testAttempts,
    empty: EMPTY,
  });
  return { list };
}
