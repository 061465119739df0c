import { computed, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, ElMessageBox } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { usePagination } from "@/common/usePagination";
import {
  AaApplicationsForReviewDocument,
  DecideAaApplicationDocument,
  type AaApplicationFieldsFragment,
  type AssessmentInstitutionApplicationStatus,
} from "@/gql/graphql";

/** 考核机构申请审批: the health administration approves (granting the role) or rejects with a reason. */
export function useAaReview() {
  const status = ref<AssessmentInstitutionApplicationStatus | "">("PENDING");
  const paging = usePagination({ pageSize: 10, resetOn: [status] });
  const variables = computed(() => ({ status: status.value || null, page: paging.page, pageSize: paging.pageSize }));
  const { result, loading, error, refetch } = useQuery(AaApplicationsForReviewDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));

  const rows = computed(() => result.value?.assessmentInstitutionApplications.items ?? []);
  const total = computed(() => result.value?.assessmentInstitutionApplications.total ?? 0);
  const loadedAt = ref(Date.now());
  watch(result, () => (loadedAt.value = Date.now()));
  async function renewLinks() {
    const res = await refetch();
    return res?.data.assessmentInstitutionApplications.items.flatMap((a) => a.attachments) ?? [];
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
      await refetch();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  return { status, paging, rows, total, loading, refetch, loadedAt, renewLinks, busyId, decide };
}
