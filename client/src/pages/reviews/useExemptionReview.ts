import { computed, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction, promptReason } from "@/common/confirm";
import { reportActionError, reportError } from "@/common/errors";
import { useWorkflow } from "@/common/workflow";
import {
  ApplicationReviewDocument,
  ApproveExemptionDocument,
  RejectExemptionDocument,
  type ExemptionAction,
} from "@/gql/graphql";

/**
 * 【审核】 one exemption request: reason, note and evidence, then 【通过】 (to the assessment institution's
 * re-review) or 【驳回】 with a reason (the physician may apply again). Buttons follow
 * `availableExemptionActions`; each action carries the loaded version.
 */
export function useExemptionReview(onDecided: () => void) {
  const workflow = useWorkflow();
  const visible = ref(false);
  const applicationId = ref<number | null>(null);
  const { result, loading, error, refetch } = useQuery(
    ApplicationReviewDocument,
    () => ({ id: applicationId.value ?? 0 }),
    () => ({ enabled: visible.value && applicationId.value !== null, fetchPolicy: "network-only" }),
  );
  watch(error, (e) => e && reportError(e));
  const app = computed(() =>
    result.value?.application.id === applicationId.value ? (result.value?.application ?? null) : null,
  );
  const evidence = computed(() => (app.value?.attachments ?? []).filter((a) => a.purpose === "EVIDENCE"));
  const loadedAt = ref(Date.now());
  watch(result, () => (loadedAt.value = Date.now()));
  const renewLinks = async () => {
    await refetch();
  };
  const can = (a: ExemptionAction) => !!app.value?.availableExemptionActions.includes(a);

  function open(id: number) {
    applicationId.value = id;
    visible.value = true;
  }

  const { mutate: approveMutation, loading: approving } = useMutation(ApproveExemptionDocument);
  const { mutate: rejectMutation, loading: rejecting } = useMutation(RejectExemptionDocument);

  async function approve() {
    const a = app.value;
    if (!a) return;
    const label = workflow.exemptionActionLabel("APPROVE_EXEMPTION");
    const ok = await confirmAction(
      `确定${label} ${a.physician.name} 的免考申请吗？${label}后免考信息将提交考核机构复核。`,
      {
        title: `${label}免考申请`,
        confirmText: label,
      },
    );
    if (!ok) return;
    try {
      await approveMutation({ id: a.id, expectedVersion: a.version });
      ElMessage.success(`已${label} ${a.physician.name} 的免考申请，等待考核机构复核`);
      visible.value = false;
      onDecided();
    } catch (err) {
      reportActionError(err, () => {
        onDecided();
        return refetch();
      });
    }
  }

  async function reject() {
    const a = app.value;
    if (!a) return;
    const label = workflow.exemptionActionLabel("REJECT_EXEMPTION");
    const reason = await promptReason(`请填写${label}理由。${label}后医师可重新申请免考。`, {
      title: `${label} ${a.physician.name} 的免考申请`,
      confirmText: label,
      placeholder: "如：证明材料不清晰或不符合免考条件……",
      required: `请填写${label}理由`,
    });
    if (reason === null) return;
    try {
      await rejectMutation({ id: a.id, reason, expectedVersion: a.version });
      ElMessage.success(`已${label} ${a.physician.name} 的免考申请`);
      visible.value = false;
      onDecided();
    } catch (err) {
      reportActionError(err, () => {
        onDecided();
        return refetch();
      });
    }
  }

  return {
    workflow,
    visible,
    app,
    evidence,
    loading,
    loadedAt,
    renewLinks,
    can,
    open,
    approving,
    rejecting,
    approve,
    reject,
  };
}
