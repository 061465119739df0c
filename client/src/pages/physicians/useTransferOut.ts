import { computed, nextTick, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { reportError, useServerErrors } from "@/common/errors";
import { PhysicianFormOptionsDocument, TransferPhysicianOutDocument, type RosterRowFragment } from "@/gql/graphql";
import type { TransferOutForm } from "./transfer-out.rules";

/** 调离 (manual 2.2.5): the physician leaves the institution (history kept); another institution may take him in. */
export function useTransferOut(onDone: () => void) {
  const visible = ref(false);
  const physician = ref<RosterRowFragment | null>(null);
  const formRef = ref<FormInstance>();
  const form = reactive<TransferOutForm>({ reason: "", note: "" });
  const { serverErrors, apply, clear } = useServerErrors(["reason", "note"] as const);
  const { result } = useQuery(PhysicianFormOptionsDocument, null, { fetchPolicy: "cache-first" });
  const reasons = computed(() => result.value?.referenceLists.transferOutReasons ?? []);
  const { mutate, loading: saving } = useMutation(TransferPhysicianOutDocument);

  function open(row: RosterRowFragment) {
    physician.value = row;
    Object.assign(form, { reason: "", note: "" });
    clear();
    visible.value = true;
    void nextTick(() => formRef.value?.clearValidate());
  }

  async function submit() {
    clear();
    const p = physician.value;
    if (!p || !(await formRef.value?.validate().catch(() => false))) return;
    try {
      await mutate({ input: { physicianId: p.id, reason: form.reason, note: form.note.trim() || null } });
      ElMessage.success(`${p.name} 已调离本机构`);
      visible.value = false;
      onDone();
    } catch (err) {
      reportError(err, apply);
    }
  }

  return { visible, physician, formRef, form, serverErrors, reasons, saving, open, submit };
}
