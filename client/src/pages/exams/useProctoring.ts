import { computed, h } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { alertRefusal, confirmWithNote } from "@/common/confirm";
import { reportActionError } from "@/common/errors";
import type { ChoiceSource, FilterValues } from "@/components/list/filters";
import { useList } from "@/components/list/useList";
import { MarkAttemptSuspectedDocument, ProctoringAttemptsDocument, type ProctoringRowFragment } from "@/gql/graphql";
import { proctoringAcrossFilters, proctoringActions, proctoringFilters } from "./exams.list";
import { LOW_SIMILARITY } from "./proctoring.rules";
import { usePapers } from "./usePapers";

/**
 * 监考管理 (manual 2.2.9 (3)): attempts with proctoring snapshots, lowest similarity first when filtered by
 * 相似度 (default: below 40%, the manual's suggestion); 查看照片 marks them viewed; 标记疑似 is one-way for
 * the institution (the province decides, and only it can take the mark back).
 */
export function useProctoring(
  gallery: {
    open: (row: ProctoringRowFragment) => unknown;
    /** The row after 标记疑似, for the gallery when it is open. */
    update: (row: ProctoringRowFragment) => unknown;
  },
  /** The assessment institution's read-only view across the institutions assigned to it. */
  across?: { institutions: ChoiceSource },
) {
  const papers = usePapers();
  const paperOptions = computed(() => papers.value.map((p) => ({ value: p.id, label: p.name })));
  const variables = (f: FilterValues<ReturnType<typeof proctoringFilters>>) => ({
    withSnapshots: true,
    name: f.name || undefined,
    idNumber: f.idNumber || undefined,
    paperId: f.paperId === "" ? undefined : f.paperId,
    maxSimilarity: f.maxSimilarity === "" ? undefined : f.maxSimilarity,
    viewStatus: f.viewStatus || undefined,
  });
  // Narrower than the default view (the 40% hint alone is the default).
  const empty = ({ filtered }: { filtered: boolean }) =>
    filtered
      ? "没有符合条件的监考记录"
      : `没有最低相似度低于 ${LOW_SIMILARITY}% 的监考记录，可清除【相似度】条件查看全部`;
  const list = across
    ? useList({
        query: ProctoringAttemptsDocument,
        filters: proctoringAcrossFilters(paperOptions, across.institutions),
        variables: (f, paging) => ({
          filter: { ...variables(f), institutionId: f.institutionId === "" ? undefined : f.institutionId },
          ...paging,
        }),
        rows: (data) => data.testAttempts,
        empty,
      })
    : useList({
        query: ProctoringAttemptsDocument,
        filters: proctoringFilters(paperOptions),
        variables: (f, paging) => ({ filter: variables(f), ...paging }),
        rows: (data) => data.testAttempts,
        empty,
      });

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
      await list.reload();
      const updated = r?.data?.markAttemptSuspected ?? null;
      if (updated) gallery.update(updated);
      return updated;
    } catch (err) {
      reportActionError(err, list.reload, { onRefused: (f) => void alertRefusal(f.message, "无法标记疑似") });
      return null;
    }
  }

  const actions = proctoringActions({
    view: gallery.open,
    mark,
    marking: () => marking.value,
    readOnly: !!across,
  });
  return { list, actions, mark, marking };
}
