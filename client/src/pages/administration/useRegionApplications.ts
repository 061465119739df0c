import { computed, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { alertRefusal } from "@/common/confirm";
import { useReturnDialog } from "@/common/return-dialog";
import { reportError, toFailure } from "@/common/errors";
import { useWorkflow } from "@/common/workflow";
import { useList } from "@/components/list/useList";
import {
  AdminReturnApplicationDocument,
  RegionApplicationsDocument,
  type RegionApplicationRowFragment,
} from "@/gql/graphql";
import { regionApplicationActions, regionApplicationFilters } from "./applications.list";

/** 辖区考核申请: the region's applications; 驳回 undoes an already reviewed enrolment (manual 2.2.5). */
export function useRegionApplications(h: {
  timeline: (a: RegionApplicationRowFragment) => unknown;
  reveal: (a: RegionApplicationRowFragment) => unknown;
}) {
  const workflow = useWorkflow();
  const statuses = computed(() => workflow.statuses.value);
  const list = useList({
    query: RegionApplicationsDocument,
    filters: regionApplicationFilters(statuses),
    variables: (f, paging) => ({
      filter: {
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        procedure: f.procedure || undefined,
        statuses: f.status ? [f.status] : undefined,
        institutionId: f.institution || undefined,
      },
      ...paging,
    }),
    rows: (data) => data.applications,
    empty: ({ filtered }) => (filtered ? "没有符合条件的考核申请" : "本周期辖区内暂无考核申请"),
  });
  const institutionFilter = computed(() => list.applied.value.institution || null);
  const institutionName = computed(() => (institutionFilter.value ? (list.rows.value[0]?.institutionName ?? "") : ""));

  const busyId = ref<number | null>(null);
  const { mutate } = useMutation(AdminReturnApplicationDocument);
  const returnDialog = useReturnDialog();
  async function giveBack(row: RegionApplicationRowFragment) {
    const answer = await returnDialog.ask({
      message: `驳回后，“${row.physician.name}”的申请（${row.statusLabel}）将退回医师本人修改后重新提交，机构与医师均可看到驳回理由。`,
      title: "驳回已审核的申请",
      confirmText: "驳回",
      placeholder: "驳回理由",
    });
    if (answer === null) return;
    busyId.value = row.id;
    try {
      await mutate({ id: row.id, ...answer, expectedVersion: row.version });
      ElMessage.success("已驳回，申请已退回医师");
      await list.reload();
    } catch (err) {
      const f = toFailure(err);
      if (f.code === "INVALID_STATE" || f.code === "CONFLICT") {
        await alertRefusal(`${f.message}。列表已刷新，请按最新状态办理。`);
        await list.reload();
      } else reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  const actions = regionApplicationActions({
    timeline: h.timeline,
    reveal: h.reveal,
    giveBack,
    busy: (a) => busyId.value === a.id,
  });
  return { list, actions, institutionFilter, institutionName, returnDialog };
}
