import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage, ElMessageBox } from "element-plus";
import { reportActionError, reportError } from "@/common/errors";
import {
  AssessorBatchReReviewDocument,
  AssessorReReviewDocument,
  type AssessorBatchReReviewMutation,
  type AssessorRowFragment,
} from "@/gql/graphql";
import { useRouter } from "vue-router";
import { RouteName } from "@/router/names";
import { useReReviewQueue } from "./useAssessorQueue";

type Outcome = AssessorBatchReReviewMutation["reReviewApplications"]["outcomes"][number] & { name: string };

/** 复核 (manual 2.3): the queue, one-by-one 通过/驳回 with the version seen, and batch 通过 with a per-row outcome. */
export function useReReview() {
  const router = useRouter();
  const list = useReReviewQueue();
  const open = (a: AssessorRowFragment) => router.push({ name: RouteName.assessorApplication, params: { id: a.id } });
  const reload = () => list.reload();
  const { mutate: reReview } = useMutation(AssessorReReviewDocument);
  const { mutate: batch, loading: batching } = useMutation(AssessorBatchReReviewDocument);

  async function approve(a: AssessorRowFragment) {
    try {
      await ElMessageBox.confirm(`确认复核通过 ${a.physician.name} 的申请？`, "复核通过", {
        confirmButtonText: "通过",
        cancelButtonText: "取消",
      });
    } catch {
      return;
    }
    try {
      const res = await reReview({ id: a.id, approve: true, opinion: "复核通过", expectedVersion: a.version });
      ElMessage.success(`已复核通过，当前状态：${res?.data?.reReviewApplication.statusLabel ?? ""}`);
      await reload();
    } catch (err) {
      reportActionError(err, reload);
    }
  }

  async function reject(a: AssessorRowFragment) {
    let reason: string;
    try {
      const answer = await ElMessageBox.prompt(
        `驳回 ${a.physician.name} 的申请至所在机构，请填写驳回理由：`,
        "复核驳回",
        {
          confirmButtonText: "驳回",
          cancelButtonText: "取消",
          inputType: "textarea",
          inputValidator: (v: string) => (!v?.trim() ? "请填写驳回理由" : v.length > 500 ? "理由不能超过500字" : true),
        },
      );
      reason = (answer as { value: string }).value.trim();
    } catch {
      return;
    }
    try {
      await reReview({ id: a.id, approve: false, opinion: "", reason, expectedVersion: a.version });
      ElMessage.success("已驳回至医疗卫生机构");
      await reload();
    } catch (err) {
      reportActionError(err, reload);
    }
  }

  const outcomes = ref<Outcome[] | null>(null);
  const succeeded = ref(0);

  async function approveSelected() {
    const rows = [...list.selection.value];
    if (!rows.length) return;
    const names = new Map(rows.map((r) => [r.id, r.physician.name]));
    try {
      const res = await batch({ ids: rows.map((r) => r.id), opinion: "复核通过" });
      const result = res?.data?.reReviewApplications;
      if (!result) return;
      succeeded.value = result.succeeded;
      outcomes.value = result.outcomes.map((o) => ({ ...o, name: names.get(o.applicationId) ?? "" }));
      list.selection.value = [];
      await reload();
    } catch (err) {
      reportError(err);
    }
  }

  return { list, open, approve, reject, approveSelected, batching, outcomes, succeeded };
}
