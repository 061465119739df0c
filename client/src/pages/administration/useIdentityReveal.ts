import { reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { reportError, toFailure } from "@/common/errors";
import { RevealPhysicianIdentityDocument, type RevealPhysicianIdentityMutation } from "@/gql/graphql";

/**
 * 查看完整证件号: lists show ID numbers masked; an administration asks for one physician's in full with a reason,
 * which the audit log keeps with who, when and from where. The numbers live in this dialog only, never in a list.
 */
export function useIdentityReveal() {
  const dialog = reactive({
    visible: false,
    physicianId: 0,
    name: "",
    masked: "",
    reason: "",
    error: "",
    shown: null as RevealPhysicianIdentityMutation["revealPhysicianIdentity"] | null,
  });
  const saving = ref(false);
  const { mutate } = useMutation(RevealPhysicianIdentityDocument, { fetchPolicy: "no-cache" });

  function open(p: { id: number; name: string; idNumberMasked: string }) {
    Object.assign(dialog, {
      visible: true,
      physicianId: p.id,
      name: p.name,
      masked: p.idNumberMasked,
      reason: "",
      error: "",
      shown: null,
    });
  }

  async function reveal() {
    dialog.error = "";
    saving.value = true;
    try {
      const r = await mutate({ physicianId: dialog.physicianId, reason: dialog.reason });
      dialog.shown = r?.data?.revealPhysicianIdentity ?? null;
    } catch (err) {
      const f = toFailure(err);
      if (f.fields.some((x) => x.field === "reason")) dialog.error = f.message;
      else reportError(err);
    } finally {
      saving.value = false;
    }
  }

  return { dialog, saving, open, reveal };
}
