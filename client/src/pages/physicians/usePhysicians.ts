import { computed, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { alertRefusal, confirmAction } from "@/common/confirm";
import { reportActionError, reportError } from "@/common/errors";
import { PRACTISING_STATUS } from "@/common/labels";
import { useListFilter } from "@/common/useListFilter";
import { usePagination } from "@/common/usePagination";
import { useWorkflow } from "@/common/workflow";
import {
  CancelEnrollmentDocument,
  EnrollPhysicianDocument,
  PhysicianFormOptionsDocument,
  ResetPhysicianPasswordDocument,
  RosterDocument,
  RosterFilterOptionsDocument,
  SetPhysicianPractisingStatusDocument,
  type ApplicationStatus,
  type EnrollmentTab,
  type PhysicianFilter,
  type PractisingStatus,
  type RosterRowFragment,
  type WorkflowAction,
} from "@/gql/graphql";

export interface RosterFilter {
  name: string;
  idNumber: string;
  departmentId: number | "";
  categoryCode: string;
  practisingStatus: PractisingStatus | "";
  /** 考核状态, on the 已确认参加 tab */
  status: ApplicationStatus | "";
}

const emptyFilter = (): RosterFilter => ({
  name: "",
  idNumber: "",
  departmentId: "",
  categoryCode: "",
  practisingStatus: "",
  status: "",
});

/** 医师列表 (manual 2.2.5): two tabs with counts, filters, server paging, selection and the row actions. */
export function usePhysicians() {
  const tab = ref<EnrollmentTab>("NOT_ENROLLED");
  const { filter, applied, search, resetFilter } = useListFilter(emptyFilter, (): void => void refetch());
  const paging = usePagination({ pageSize: 10, resetOn: [() => ({ ...applied }), tab] });

  const common = computed<PhysicianFilter>(() => ({
    name: applied.name.trim() || undefined,
    idNumber: applied.idNumber.trim() || undefined,
    departmentId: applied.departmentId === "" ? undefined : applied.departmentId,
    categoryCode: applied.categoryCode || undefined,
    practisingStatus: applied.practisingStatus || undefined,
  }));
  const enrolledFilter = computed<PhysicianFilter>(() => ({
    ...common.value,
    tab: "ENROLLED",
    statuses: applied.status ? [applied.status] : undefined,
  }));
  const notEnrolledFilter = computed<PhysicianFilter>(() => ({ ...common.value, tab: "NOT_ENROLLED" }));
  const variables = computed(() => ({
    filter: tab.value === "ENROLLED" ? enrolledFilter.value : notEnrolledFilter.value,
    counts: common.value,
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(RosterDocument, variables, { fetchPolicy: "cache-and-network" });
  watch(error, (e) => e && reportError(e));

  const rows = computed(() => result.value?.physicians.items ?? []);
  const total = computed(() => result.value?.physicians.total ?? 0);
  /** `rosterCounts` counts both tabs under the common filter; the 考核状态 filter narrows 已确认参加 only (its list total). */
  const counts = computed(() => {
    const r = result.value;
    if (!r) return { NOT_ENROLLED: null, ENROLLED: null };
    const statusFiltered = tab.value === "ENROLLED" && !!applied.status;
    return {
      NOT_ENROLLED: r.rosterCounts.notEnrolled,
      ENROLLED: statusFiltered ? r.physicians.total : r.rosterCounts.enrolled,
    };
  });
  const filtered = computed(() => Object.entries(applied).some(([, v]) => v !== ""));

  // Filter choices.
  const { result: filterOptions } = useQuery(RosterFilterOptionsDocument, null, { fetchPolicy: "cache-and-network" });
  const { result: formOptions } = useQuery(PhysicianFormOptionsDocument, null, { fetchPolicy: "cache-first" });
  const departments = computed(() => filterOptions.value?.departmentOptions ?? []);
  const categories = computed(() => formOptions.value?.practiceCategories ?? []);
  const workflow = useWorkflow();
  /** 考核状态 choices on the 已确认参加 tab: every status past 未确认参加, labelled by the API. */
  const statusOptions = computed(() => workflow.statuses.value.filter((s) => s.value !== "NOT_ENROLLED"));
  const practisingOptions = Object.entries(PRACTISING_STATUS).map(([value, s]) => ({
    value: value as PractisingStatus,
    label: s.label,
  }));

  /** Rows ticked on the 未确认参加 tab, for 【批量参加】. */
  const selection = ref<RosterRowFragment[]>([]);
  watch(rows, () => (selection.value = selection.value.filter((s) => rows.value.some((r) => r.id === s.id))));

  // The status filter belongs to the 已确认参加 tab only.
  watch(tab, (t) => {
    if (t === "NOT_ENROLLED" && (filter.status || applied.status)) {
      filter.status = "";
      applied.status = "";
    }
    selection.value = [];
  });

  const busyId = ref<number | null>(null);
  const { mutate: enrollMutation } = useMutation(EnrollPhysicianDocument);
  const { mutate: cancelMutation } = useMutation(CancelEnrollmentDocument);
  const { mutate: resetMutation } = useMutation(ResetPhysicianPasswordDocument);
  const { mutate: practisingMutation } = useMutation(SetPhysicianPractisingStatusDocument);

  async function run(row: RosterRowFragment, work: () => Promise<unknown>, refusalTitle: string) {
    busyId.value = row.id;
    try {
      await work();
      return true;
    } catch (err) {
      reportActionError(err, refetch, { onRefused: (f) => void alertRefusal(f.message, refusalTitle) });
      return false;
    } finally {
      busyId.value = null;
    }
  }

  /** 【参加】: one physician into the current cycle (未确认参加 → 待报名). */
  async function enroll(row: RosterRowFragment) {
    const label = workflow.actionLabel("ENROLL");
    const ok = await run(
      row,
      () => enrollMutation({ physicianId: row.id, expectedVersion: row.currentApplication?.version ?? null }),
      `无法${label}`,
    );
    if (!ok) return;
    ElMessage.success(`${row.name} 已确认参加本周期考核，已移入“已确认参加”`);
    await refetch();
  }

  /**
   * Row buttons follow the application's `availableActions`. 【参加】 shows only when it may be done; 【取消报名】
   * stays on every row not yet finished, because the manual wants the user told whom to contact once the
   * application was reviewed (manual 2.2.5 备注): the workflow table's refusal says so, without a request.
   */
  const canDo = (row: RosterRowFragment, action: WorkflowAction) =>
    !row.currentApplication || row.currentApplication.availableActions.includes(action);
  const showEnroll = (row: RosterRowFragment) => canDo(row, "ENROLL");
  const showCancel = (row: RosterRowFragment) => {
    const status = row.currentApplication?.status;
    return !!status && status !== "NOT_ENROLLED" && !workflow.statuses.value.find((s) => s.value === status)?.final;
  };

  /** 【取消报名】: back to 未确认参加; refused once the application was reviewed (manual 2.2.5 备注). */
  async function cancelEnrollment(row: RosterRowFragment) {
    const label = workflow.actionLabel("CANCEL_ENROLLMENT");
    if (!canDo(row, "CANCEL_ENROLLMENT")) {
      await alertRefusal(workflow.action("CANCEL_ENROLLMENT")?.refusal || "该申请当前不能取消报名", `无法${label}`);
      return;
    }
    const confirmed = await confirmAction(`确定为 ${row.name} ${label}吗？取消后该医师将回到“未确认参加”名单。`, {
      title: label,
      confirmText: label,
      danger: true,
    });
    if (!confirmed) return;
    const ok = await run(
      row,
      () => cancelMutation({ physicianId: row.id, expectedVersion: row.currentApplication?.version ?? null }),
      `无法${label}`,
    );
    if (!ok) return;
    ElMessage.success(`已为 ${row.name} ${label}`);
    await refetch();
  }

  async function resetPassword(row: RosterRowFragment) {
    const confirmed = await confirmAction(
      `确定将 ${row.name} 的定期考核账户密码重置为初始密码 666666 吗？医师下次登录时须修改密码。`,
      {
        title: "重置密码",
        confirmText: "重置",
      },
    );
    if (!confirmed) return;
    const ok = await run(row, () => resetMutation({ physicianId: row.id }), "无法重置密码");
    if (ok) ElMessage.success(`已重置 ${row.name} 的密码为 666666`);
  }

  async function setPractising(row: RosterRowFragment, status: PractisingStatus) {
    const label = PRACTISING_STATUS[status].label;
    const confirmed = await confirmAction(`确定将 ${row.name} 的执业状态设为“${label}”吗？`, {
      title: "执业状态",
      confirmText: "确定",
    });
    if (!confirmed) return;
    const ok = await run(row, () => practisingMutation({ physicianId: row.id, status }), "无法修改执业状态");
    if (!ok) return;
    ElMessage.success(`${row.name} 的执业状态已设为“${label}”`);
    await refetch();
  }

  return {
    tab,
    filter,
    paging,
    rows,
    total,
    counts,
    loading,
    filtered,
    search,
    resetFilter,
    refetch,
    departments,
    categories,
    statusOptions,
    practisingOptions,
    workflow,
    selection,
    busyId,
    canDo,
    showEnroll,
    showCancel,
    enroll,
    cancelEnrollment,
    resetPassword,
    setPractising,
  };
}
