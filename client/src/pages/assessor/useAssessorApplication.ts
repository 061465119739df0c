import { ref } from "vue";
import { useRouter } from "vue-router";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction, promptReason } from "@/common/confirm";
import { reportActionError } from "@/common/errors";
import { AssessorReReviewDocument } from "@/gql/graphql";
import { useReview } from "@/pages/reviews/useReview";
import { RouteName } from "@/router/names";

/**
 * 复核 one application in full: everything the institution saw and decided (its ratings and opinion,
 * other sites' opinions, the timeline), read through the institution's own review model, then 复核通过
 * or 驳回 to the institution with a reason. The buttons are the server's `availableActions`; each carries
 * the version that was loaded.
 */
export function useAssessorApplication(id: number) {
  const router = useRouter();
  // The procedure only names the institution's list to go back to; this page has its own, and the
  // model reads the procedure of the application itself for the ratings.
  const review = useReview(id, "SIMPLE");
  const { app, refetch, workflow } = review;
  const opinion = ref("");
  const { mutate, loading: deciding } = useMutation(AssessorReReviewDocument);
  const backToList = () => router.push({ name: RouteName.assessorReviews });
  const can = (action: "REREVIEW_APPROVE" | "REREVIEW_REJECT") => !!app.value?.availableActions.includes(action);

  async function approve() {
    const a = app.value;
    if (!a) return;
    const label = workflow.actionLabel("REREVIEW_APPROVE") || "复核通过";
    const unqualified = a.institutionReview?.outcome === "UNQUALIFIED";
    const ok = await confirmAction(
      unqualified
        ? `医疗卫生机构评定 ${a.physician.name} 为“不合格”。${label}后考核结果为不合格，确定${label}吗？`
        : `确定${label} ${a.physician.name} 的申请吗？通过后进入测评（无需测评时直接得出结果）。`,
      { title: label, confirmText: label, danger: unqualified },
    );
    if (!ok) return;
    try {
      const res = await mutate({
        id: a.id,
        approve: true,
        opinion: opinion.value.trim() || "复核通过",
        expectedVersion: a.version,
      });
      ElMessage.success(`已${label}，当前状态：${res?.data?.reReviewApplication.statusLabel ?? ""}`);
      await backToList();
    } catch (err) {
      reportActionError(err, refetch);
    }
  }

  async function reject() {
    const a = app.value;
    if (!a) return;
    const reason = await promptReason(`驳回 ${a.physician.name} 的申请至 ${a.institutionName}，由该机构重新审核：`, {
      title: workflow.actionLabel("REREVIEW_REJECT") || "复核驳回",
      confirmText: "驳回",
      placeholder: "如：工作数量与申报材料不一致，请核实后重新提交",
      required: "请填写驳回理由",
    });
    if (reason === null) return;
    try {
      await mutate({ id: a.id, approve: false, opinion: "", reason, expectedVersion: a.version });
      ElMessage.success("已驳回至医疗卫生机构");
      await backToList();
    } catch (err) {
      reportActionError(err, refetch);
    }
  }

  return { ...review, opinion, deciding, can, approve, reject, backToList };
}
