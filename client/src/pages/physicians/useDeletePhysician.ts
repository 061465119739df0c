import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { isHandledGlobally, reportError, toFailure } from "@/common/errors";
import { DeletePhysicianDocument, SetPhysicianPractisingStatusDocument, type RosterRowFragment } from "@/gql/graphql";

/**
 * 删除 (manual 2.2.5: 删除已确认不执业的医师信息): only a physician confirmed as no longer practising
 * and never enrolled may be deleted. The dialog first has the user confirm 已确认不执业 (recorded as
 * the physician's practising status), then deletes; the server's refusal is shown in the dialog.
 */
export function useDeletePhysician(onChanged: () => void) {
  const visible = ref(false);
  const physician = ref<RosterRowFragment | null>(null);
  const confirmed = ref(false);
  const refusal = ref("");
  const { mutate: setStatus, loading: settingStatus } = useMutation(SetPhysicianPractisingStatusDocument);
  const { mutate: remove, loading: removing } = useMutation(DeletePhysicianDocument);

  function open(row: RosterRowFragment) {
    physician.value = row;
    confirmed.value = row.practisingStatus === "NOT_PRACTISING";
    refusal.value = "";
    visible.value = true;
  }

  async function submit() {
    const p = physician.value;
    if (!p || !confirmed.value) return;
    refusal.value = "";
    try {
      if (p.practisingStatus !== "NOT_PRACTISING") {
        await setStatus({ physicianId: p.id, status: "NOT_PRACTISING" });
        physician.value = { ...p, practisingStatus: "NOT_PRACTISING" };
        onChanged();
      }
      await remove({ physicianId: p.id });
      ElMessage.success(`已删除医师 ${p.name}`);
      visible.value = false;
      onChanged();
    } catch (err) {
      const failure = toFailure(err);
      if (isHandledGlobally(failure)) return;
      // A refusal (e.g. already enrolled) belongs in the dialog, where the user is looking.
      if (failure.code === "INVALID_STATE" || failure.code === "NOT_FOUND") refusal.value = failure.message;
      else reportError(err);
    }
  }

  return { visible, physician, confirmed, refusal, settingStatus, removing, open, submit };
}
