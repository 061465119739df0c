import { useMutation } from "@vue/apollo-composable";
import { ElMessage, ElMessageBox } from "element-plus";
import { reportActionError } from "@/common/errors";
import { AssessorReReviewExemptionDocument, type AssessorRowFragment } from "@/gql/graphql";
import { useAssessorQueue } from "./useAssessorQueue";

/** 免考复核: exemptions the institution approved, 通过 or 驳回 (with a reason) through the exemption flow. */
export function useExemptionReReview() {
  const list = useAssessorQueue("EXEMPTION_REREVIEW", "暂无待复核的免考申请");
  const { mutate } = useMutation(AssessorReReviewExemptionDocument);
  const reload = () => list.reload();

  async function decide(a: AssessorRowFragment, approve: boolean) {
    let reason: string | null = null;
    try {
      if (approve)
        await ElMessageBox.confirm(`确认通过 ${a.physician.name} 的免考申请？`, "免考复核", {
          confirmButtonText: "通过",
          cancelButtonText: "取消",
        });
      else {
        const answer = await ElMessageBox.prompt(`驳回 ${a.physician.name} 的免考申请，请填写理由：`, "免考复核驳回", {
          confirmButtonText: "驳回",
          cancelButtonText: "取消",
          inputType: "textarea",
          inputValidator: (v: string) => (!v?.trim() ? "请填写驳回理由" : true),
        });
        reason = (answer as { value: string }).value.trim();
      }
    } catch {
      return;
    }
    try {
      await mutate({ id: a.id, approve, reason, expectedVersion: a.version });
      ElMessage.success(approve ? "免考申请已复核通过" : "免考申请已驳回");
      await reload();
    } catch (err) {
      reportActionError(err, reload);
    }
  }

  return {
    list,
    approve: (a: AssessorRowFragment) => decide(a, true),
    reject: (a: AssessorRowFragment) => decide(a, false),
  };
}
