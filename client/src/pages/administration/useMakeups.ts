import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction, promptReason } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import { ConfirmMakeupsDocument, MakeupQueueDocument, type MakeupRowFragment } from "@/gql/graphql";
import { makeupActions, makeupFilters } from "./makeup.list";

export interface MakeupOutcomeRow {
  applicationId: number;
  name: string;
  ok: boolean;
  text: string;
}

/** 补考确认 (province): allow or refuse make-up tests, for one physician or the ticked ones. */
export function useMakeups() {
  const list = useList({
    query: MakeupQueueDocument,
    filters: makeupFilters,
    variables: (f, paging) => ({
      filter: {
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        statuses: ["AWAITING_MAKEUP_CONFIRMATION" as const],
      },
      ...paging,
    }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的待确认补考" : "暂无待确认补考的医师"),
  });

  const busy = ref(new Set<number>());
  const outcomes = ref<MakeupOutcomeRow[]>([]);
  const outcomeVisible = ref(false);
  const { mutate } = useMutation(ConfirmMakeupsDocument);

  async function decide(rows: MakeupRowFragment[], allow: boolean) {
    if (!rows.length) return;
    const who = rows.length === 1 ? `“${rows[0].physician.name}”` : `选中的 ${rows.length} 名医师`;
    let reason: string | null = null;
    if (allow) {
      const ok = await confirmAction(`允许${who}参加补考？确认后将安排补考。`, {
        title: "允许补考",
        confirmText: "允许补考",
      });
      if (!ok) return;
    } else {
      reason = await promptReason(`不允许${who}补考，考核结果将为不合格。请填写理由。`, {
        title: "不允许补考",
        confirmText: "不允许",
        placeholder: "不允许补考的理由",
        required: "请填写不允许补考的理由",
      });
      if (reason === null) return;
    }
    busy.value = new Set(rows.map((r) => r.id));
    try {
      const res = await mutate({
        input: { decisions: rows.map((r) => ({ applicationId: r.id, allow, reason, expectedVersion: r.version })) },
      });
      const answer = res?.data?.confirmMakeups ?? [];
      const names = new Map(rows.map((r) => [r.id, r.physician.name]));
      outcomes.value = answer.map((o) => ({
        applicationId: o.applicationId,
        name: names.get(o.applicationId) ?? String(o.applicationId),
        ok: o.ok,
        text: o.ok ? `已办理，当前状态：${o.statusLabel}` : (o.message ?? "未办理"),
      }));
      const failed = outcomes.value.filter((o) => !o.ok).length;
      if (rows.length === 1 && !failed) ElMessage.success(allow ? "已允许补考" : "已确认不允许补考，结果为不合格");
      else outcomeVisible.value = true;
      list.selection.value = [];
      await list.reload();
    } catch (err) {
      reportError(err);
    } finally {
      busy.value = new Set();
    }
  }

  const actions = makeupActions({ decide, busy: (a) => busy.value.has(a.id) });
  return { list, actions, decide, outcomes, outcomeVisible };
}
