import { computed, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { reportError, toFailure } from "@/common/errors";
import { AdminCyclesDocument, ExtendCyclePhaseDocument, type AdminCycleFragment } from "@/gql/graphql";

/** 考核周期 (province): the cycles, newest first, and 延长 of one phase (new end date and a reason). */
export function useCycles() {
  const { result, loading, error, refetch } = useQuery(AdminCyclesDocument, null, { fetchPolicy: "cache-and-network" });
  const cycles = computed(() =>
    [...(result.value?.cycles ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate)),
  );
  const failure = computed(() => (error.value ? toFailure(error.value) : null));

  const dialog = reactive({
    visible: false,
    cycle: null as AdminCycleFragment | null,
    phase: null as AdminCycleFragment["phases"][number] | null,
    endDate: "",
    reason: "",
    errors: {} as Record<string, string>,
  });
  const saving = ref(false);
  const { mutate } = useMutation(ExtendCyclePhaseDocument);

  function openExtend(cycle: AdminCycleFragment, phase: AdminCycleFragment["phases"][number]) {
    Object.assign(dialog, { visible: true, cycle, phase, endDate: "", reason: "", errors: {} });
  }

  async function submit() {
    if (!dialog.cycle || !dialog.phase) return;
    dialog.errors = {};
    if (!dialog.endDate) dialog.errors.endDate = "请选择新的结束日期";
    if (!dialog.reason.trim()) dialog.errors.reason = "请填写延长理由";
    if (Object.keys(dialog.errors).length) return;
    saving.value = true;
    try {
      await mutate({
        id: dialog.cycle.id,
        phase: dialog.phase.key,
        endDate: dialog.endDate,
        reason: dialog.reason.trim(),
      });
      ElMessage.success(`“${dialog.phase.name}”已延长至 ${dialog.endDate}`);
      dialog.visible = false;
    } catch (err) {
      const f = toFailure(err);
      if (f.code === "BAD_USER_INPUT" && f.fields.length) {
        for (const field of f.fields) dialog.errors[field.field] = field.message;
      } else reportError(err);
    } finally {
      saving.value = false;
    }
  }

  return {
    cycles,
    loading,
    failure,
    reload: () => void refetch()?.catch(() => undefined),
    dialog,
    saving,
    openExtend,
    submit,
  };
}
