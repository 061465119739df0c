import { computed, reactive, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { reportError } from "@/common/errors";
import { idNumberProblem } from "@/common/id-number";
import { ATTEMPT_STATUS, PROCEDURE } from "@/common/labels";
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
  const filter = reactive<TestProgressFilter>(emptyFilter());
  const applied = reactive<TestProgressFilter>(emptyFilter());
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
  const { result, loading, error, refetch } = useQuery(TestAttemptsDocument, variables, { fetchPolicy: "cache-and-network" });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.testAttempts.items ?? []);
  const total = computed(() => result.value?.testAttempts.total ?? 0);
  const filtered = computed(() => Object.values(applied).some((v) => v !== ""));

  const papers = usePapers();
  const procedures = Object.entries(PROCEDURE).map(([value, label]) => ({ value: value as Procedure, label }));
  const statuses = Object.entries(ATTEMPT_STATUS).map(([value, s]) => ({ value: value as AttemptStatus, label: s.label }));

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
    Object.assign(filter, emptyFilter());
    search();
  }

  return { filter, paging, rows, total, loading, filtered, papers, procedures, statuses, search, resetFilter, refetch };
}
