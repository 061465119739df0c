import { computed, h, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { alertRefusal, confirmWithNote } from "@/common/confirm";
import { reportActionError, reportError } from "@/common/errors";
import { SNAPSHOT_VIEW_STATUS } from "@/common/labels";
import { useListFilter } from "@/common/useListFilter";
import { usePagination } from "@/common/usePagination";
import {
  MarkAttemptSuspectedDocument,
  ProctoringAttemptsDocument,
  type AttemptFilterInput,
  type ProctoringRowFragment,
  type SnapshotViewStatus,
} from "@/gql/graphql";
import { usePapers } from "./usePapers";

/** The manual's hint: look first at physicians whose pictures match less than 40%. */
export const LOW_SIMILARITY = 40;
export const SIMILARITY_CHOICES = [20, 30, 40, 50, 60, 80];

export interface ProctoringFilter {
  name: string;
  idNumber: string;
  paperId: number | "";
  /** 最低相似度低于 (%); "" = any. */
  maxSimilarity: number | "";
  viewStatus: SnapshotViewStatus | "";
}

/** The default view (also what 重置 returns to): below the manual's 40% hint, every view status. */
const defaultFilter = (): ProctoringFilter => ({
  name: "",
  idNumber: "",
  paperId: "",
  maxSimilarity: LOW_SIMILARITY,
  viewStatus: "",
});

/** 查看状态 of a row: marked, viewed, or not yet looked at. */
export function viewStatusOf(row: Pick<ProctoringRowFragment, "suspected" | "viewed">): SnapshotViewStatus {
  return row.suspected ? "MARKED" : row.viewed ? "VIEWED" : "UNVIEWED";
}

/** 【标记疑似】 is the institution's only move, once, before the province has judged the attempt. */
export const canMark = (row: Pick<ProctoringRowFragment, "suspected" | "verdict" | "voided">) =>
  !row.suspected && row.verdict === "NONE" && !row.voided;

export const isLow = (similarity: number | null | undefined) =>
  similarity !== null && similarity !== undefined && similarity < LOW_SIMILARITY;

/**
 * 监考管理 (manual 2.2.9 (3)): attempts with proctoring snapshots, lowest similarity first when filtered by
 * 相似度 (default: below 40%, the manual's suggestion); 查看照片 marks them viewed; 标记疑似 is one-way for
 * the institution (the province decides, and only it can take the mark back).
 */
export function useProctoring() {
  const { filter, applied, search, resetFilter } = useListFilter(defaultFilter, (): void => void refetch());
  const paging = usePagination({ pageSize: 10, resetOn: [() => ({ ...applied })] });

  const variables = computed(() => ({
    filter: {
      withSnapshots: true,
      name: applied.name.trim() || undefined,
      idNumber: applied.idNumber.trim() || undefined,
      paperId: applied.paperId === "" ? undefined : applied.paperId,
      maxSimilarity: applied.maxSimilarity === "" ? undefined : applied.maxSimilarity,
      viewStatus: applied.viewStatus || undefined,
    } satisfies AttemptFilterInput,
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(ProctoringAttemptsDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const rows = computed(() => result.value?.testAttempts.items ?? []);
  const total = computed(() => result.value?.testAttempts.total ?? 0);
  /** Narrower than the default view (the 40% hint alone is the default). */
  const filtered = computed(() => JSON.stringify(applied) !== JSON.stringify(defaultFilter()));

  const papers = usePapers();
  const viewStatuses = Object.entries(SNAPSHOT_VIEW_STATUS).map(([value, s]) => ({
    value: value as SnapshotViewStatus,
    label: s.label,
  }));

  const { mutate: markMutation, loading: marking } = useMutation(MarkAttemptSuspectedDocument);

  /** 【标记疑似】 after a confirmation (optional note); resolves the updated row, or null. */
  async function mark(row: ProctoringRowFragment): Promise<ProctoringRowFragment | null> {
    const answer = await confirmWithNote(
      h("div", { class: "mark-confirm" }, [
        h("p", { style: "margin: 0 0 8px" }, `确定将 ${row.physicianName} 的${row.testKindLabel}标记为疑似作弊吗？`),
        h(
          "p",
          { style: "margin: 0 0 6px; color: var(--el-color-danger)" },
          "标记后本机构不能撤销；若需取消作弊标记，联系主管卫生行政部门。",
        ),
        h(
          "p",
          { style: "margin: 0; color: var(--pa-text-secondary); font-size: 13px" },
          "疑似作弊标记仅作为标记操作，不代表最终监考处理结果，最终由省级卫生行政部门认定。",
        ),
      ]),
      {
        title: "标记疑似作弊",
        confirmText: "标记疑似",
        placeholder: "标记说明（选填），如：第 3 张监考照片疑似非本人",
      },
    );
    if (!answer) return null;
    try {
      const r = await markMutation({ attemptId: row.id, note: answer.note || null });
      ElMessage.success(`已将 ${row.physicianName} 标记为疑似作弊`);
      await refetch();
      return r?.data?.markAttemptSuspected ?? null;
    } catch (err) {
      reportActionError(err, refetch, { onRefused: (f) => void alertRefusal(f.message, "无法标记疑似") });
      return null;
    }
  }

  return {
    filter,
    paging,
    rows,
    total,
    loading,
    filtered,
    papers,
    viewStatuses,
    search,
    resetFilter,
    refetch,
    mark,
    marking,
  };
}
