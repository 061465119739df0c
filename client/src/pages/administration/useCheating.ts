import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { alertRefusal, promptReason } from "@/common/confirm";
import { reportError, toFailure } from "@/common/errors";
import { useList } from "@/components/list/useList";
import {
  JudgeSuspectedAttemptDocument,
  SuspectedAttemptsDocument,
  type SuspectedAttemptRowFragment,
} from "@/gql/graphql";
import { cheatingActions, cheatingFilters } from "./cheating.list";

/** 疑似作弊 (manual 2.2.9 (3)): the province confirms cheating (the attempt is void) or removes the mark. */
export function useCheating() {
  const list = useList({
    query: SuspectedAttemptsDocument,
    filters: cheatingFilters,
    variables: (f, paging) => ({
      filter: { name: f.name || undefined, idNumber: f.idNumber || undefined, viewStatus: "MARKED" as const },
      ...paging,
    }),
    rows: (data) => data.testAttempts,
    empty: ({ filtered }) => (filtered ? "没有符合条件的疑似作弊记录" : "暂无待认定的疑似作弊"),
  });

  const busyId = ref<number | null>(null);
  const { mutate } = useMutation(JudgeSuspectedAttemptDocument);
  async function judge(row: SuspectedAttemptRowFragment, confirm: boolean) {
    const reason = await promptReason(
      confirm
        ? `认定“${row.physicianName}”的${row.testKindLabel}作弊：本次测评作废，按不合格处理。请填写认定理由。`
        : `撤销“${row.physicianName}”的${row.testKindLabel}疑似作弊标记：测评结果照常有效。请填写理由。`,
      {
        title: confirm ? "认定作弊" : "撤销标记",
        confirmText: confirm ? "认定作弊" : "撤销标记",
        placeholder: "认定理由",
        required: "请填写认定理由",
      },
    );
    if (reason === null) return;
    busyId.value = row.id;
    try {
      await mutate({ attemptId: row.id, verdict: confirm ? "CONFIRMED" : "CLEARED", reason });
      ElMessage.success(confirm ? "已认定作弊，本次测评作废" : "已撤销疑似作弊标记");
      await list.reload();
    } catch (err) {
      const f = toFailure(err);
      if (f.code === "INVALID_STATE") {
        await alertRefusal(`${f.message}。列表已刷新。`);
        await list.reload();
      } else reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  const actions = cheatingActions({ judge, busy: (a) => busyId.value === a.id });
  return { list, actions };
}
