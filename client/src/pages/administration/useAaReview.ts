import { ref, watch } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage, ElMessageBox } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import {
  AaApplicationsForReviewDocument,
  DecideAaApplicationDocument,
  type AaApplicationFieldsFragment,
} from "@/gql/graphql";
import { aaReviewFilters, decisionActions } from "./administration.list";

/** 考核机构申请审批: the health administration approves (granting the role) or rejects with a reason. */
export function useAaReview() {
  const list = useList({
    query: AaApplicationsForReviewDocument,
    filters: aaReviewFilters,
    variables: (f, paging) => ({ status: f.status || null, ...paging }),
    rows: (data) => data.assessmentInstitutionApplications,
    empty: ({ filter }) => (filter.status === "PENDING" ? "暂无待审批的申请" : "暂无符合条件的申请"),
  });

  // Signed file links expire: the attachment list renews them from a fresh page.
  const loadedAt = ref(Date.now());
  watch(list.rows, () => (loadedAt.value = Date.now()));
  async function renewLinks() {
    await list.reload();
    return list.rows.value.flatMap((a) => a.attachments);
  }

  const busyId = ref<number | null>(null);
  const { mutate } = useMutation(DecideAaApplicationDocument);

  async function decide(row: AaApplicationFieldsFragment, approve: boolean) {
    let reason: string | null = null;
    if (approve) {
      const ok = await confirmAction(`同意后，“${row.institutionName}”将获得考核机构角色。确定同意该申请吗？`, {
        title: "同意申请",
        confirmText: "同意",
      });
      if (!ok) return;
    } else {
      try {
        const { value } = await ElMessageBox.prompt(
          "请填写驳回理由，机构可据此修改后重新申请。",
          `驳回“${row.institutionName}”的申请`,
          {
            confirmButtonText: "驳回",
            cancelButtonText: "取消",
            confirmButtonClass: "el-button--danger",
            inputType: "textarea",
            inputPlaceholder: "驳回理由",
            inputValidator: (v: string) => (v && v.trim() ? true : "请填写驳回理由"),
            closeOnClickModal: false,
          },
        );
        reason = value.trim();
      } catch {
        return;
      }
    }
    busyId.value = row.id;
    try {
      await mutate({ id: row.id, approve, reason });
      ElMessage.success(approve ? "已同意该申请" : "已驳回该申请");
      await list.reload();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  const actions = decisionActions<AaApplicationFieldsFragment>({ decide, busy: (a) => busyId.value === a.id });
  return { list, actions, loadedAt, renewLinks };
}
