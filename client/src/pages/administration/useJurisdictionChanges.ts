import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction, promptReason } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import {
  DecideJurisdictionChangeDocument,
  JurisdictionChangeRequestsDocument,
  type JurisdictionChangeRowFragment,
} from "@/gql/graphql";
import { decisionActions } from "./administration.list";
import { jurisdictionFilters } from "./jurisdiction.list";

/**
 * 隶属关系变更审批: the administration approves a request (the institution moves at once: region, superior,
 * assessment institution and its counts) or rejects it with a reason the institution sees on its profile.
 */
export function useJurisdictionChanges() {
  const list = useList({
    query: JurisdictionChangeRequestsDocument,
    filters: jurisdictionFilters,
    variables: (f, paging) => ({ status: f.status || null, ...paging }),
    rows: (data) => data.jurisdictionChangeRequests,
    empty: ({ filter }) => (filter.status === "PENDING" ? "暂无待审批的变更申请" : "暂无符合条件的变更申请"),
  });
  const busyId = ref<number | null>(null);
  const { mutate } = useMutation(DecideJurisdictionChangeDocument);

  async function decide(row: JurisdictionChangeRowFragment, approve: boolean) {
    const reason = approve
      ? null
      : await promptReason("请填写驳回理由，机构可在本机构信息页看到。", {
          title: `驳回“${row.institutionName}”的变更申请`,
          confirmText: "驳回",
          placeholder: "驳回理由",
          required: "请填写驳回理由",
        });
    if (!approve && reason === null) return;
    if (
      approve &&
      !(await confirmAction(
        `同意后立即生效：“${row.institutionName}”的所在地区、上级部门与考核机构按申请变更，统计随之调整。确定同意吗？`,
        {
          title: "同意变更",
          confirmText: "同意",
        },
      ))
    )
      return;
    busyId.value = row.id;
    try {
      await mutate({ id: row.id, approve, reason });
      ElMessage.success(approve ? "已同意，变更已生效" : "已驳回该变更申请");
      await list.reload();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  const actions = decisionActions<JurisdictionChangeRowFragment>({ decide, busy: (r) => busyId.value === r.id });
  return { list, actions };
}
