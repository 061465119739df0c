import { computed, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { alertRefusal, confirmAction } from "@/common/confirm";
import { reportActionError } from "@/common/errors";
import { PRACTISING_STATUS } from "@/common/labels";
import { useWorkflow } from "@/common/workflow";
import { useList } from "@/components/list/useList";
import {
  CancelEnrollmentDocument,
  EnrollPhysicianDocument,
  PhysicianFormOptionsDocument,
  ResetPhysicianPasswordDocument,
  RosterDocument,
  SetPhysicianPractisingStatusDocument,
  type EnrollmentTab,
  type PhysicianFilter,
  type PractisingStatus,
  type RosterRowFragment,
  type WorkflowAction,
} from "@/gql/graphql";
import { rosterActions, rosterColumns, rosterFilters, type RosterHandlers } from "./roster.list";

/** What the page opens for a row (its dialogs and drawer). */
export interface RosterDialogs {
  detail: (p: RosterRowFragment) => unknown;
  edit: (p: RosterRowFragment) => unknown;
  transferOut: (p: RosterRowFragment) => unknown;
  remove: (p: RosterRowFragment) => unknown;
}

/** 医师列表 (manual 2.2.5): two tabs with counts, filters, server paging, selection and the row actions. */
export function usePhysicians(dialogs: RosterDialogs) {
  const workflow = useWorkflow();
  const { result: formOptions } = useQuery(PhysicianFormOptionsDocument, null, { fetchPolicy: "cache-first" });
  const categories = computed(() =>
    (formOptions.value?.practiceCategories ?? []).map((c) => ({ value: c.code, label: c.name })),
  );
  /** 考核状态 choices on the 已确认参加 tab: every status past 未确认参加, labelled by the API. */
  const statuses = computed(() => workflow.statuses.value.filter((s) => s.value !== "NOT_ENROLLED"));

  const list = useList({
    query: RosterDocument,
    filters: rosterFilters({ categories, statuses }),
    variables: (f, paging) => {
      const common: PhysicianFilter = {
        name: f.name || undefined,
        idNumber: f.idNumber || undefined,
        departmentId: f.departmentId === "" ? undefined : f.departmentId,
        categoryCode: f.categoryCode || undefined,
        practisingStatus: f.practisingStatus || undefined,
      };
      const enrolled = f.tab === "ENROLLED";
      return {
        filter: { ...common, tab: f.tab || "NOT_ENROLLED", statuses: enrolled && f.status ? [f.status] : undefined },
        counts: common,
        ...paging,
      };
    },
    rows: (data) => data.physicians,
    // The tab is a view, not a filter: only the other fields make "no match".
    empty: ({ filter: f }) =>
      f.name || f.idNumber || f.departmentId !== "" || f.categoryCode || f.status || f.practisingStatus
        ? "没有符合条件的医师"
        : f.tab === "ENROLLED"
          ? "暂无已确认参加的医师"
          : "本机构医师均已确认参加本周期考核",
  });

  const tab = computed<EnrollmentTab>(() => list.applied.value.tab || "NOT_ENROLLED");
  function openTab(next: EnrollmentTab) {
    if (next === tab.value) return;
    list.selection.value = [];
    list.apply({ tab: next, status: "" });
  }

  /** `rosterCounts` counts both tabs under the common filter; the 考核状态 filter narrows 已确认参加 only (its list total). */
  const counts = computed(() => {
    const r = list.data.value;
    if (!r) return { NOT_ENROLLED: null, ENROLLED: null };
    const statusFiltered = tab.value === "ENROLLED" && !!list.applied.value.status;
    return {
      NOT_ENROLLED: r.rosterCounts.notEnrolled,
      ENROLLED: statusFiltered ? r.physicians.total : r.rosterCounts.enrolled,
    };
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
      reportActionError(err, list.reload, { onRefused: (f) => void alertRefusal(f.message, refusalTitle) });
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
    await list.reload();
  }

  /**
   * Row buttons follow the application's `availableActions`. 【参加】 shows only when it may be done; 【取消报名】
   * stays on every row not yet finished, disabled with the workflow table's refusal once the application was
   * reviewed, because the manual wants the user told whom to contact (manual 2.2.5 备注).
   */
  const canDo = (row: RosterRowFragment, action: WorkflowAction) =>
    !row.currentApplication || row.currentApplication.availableActions.includes(action);
  const showEnroll = (row: RosterRowFragment) => canDo(row, "ENROLL");
  const showCancel = (row: RosterRowFragment) => {
    const status = row.currentApplication?.status;
    return !!status && status !== "NOT_ENROLLED" && !workflow.statuses.value.find((s) => s.value === status)?.final;
  };
  const cancelRefusal = (row: RosterRowFragment) =>
    canDo(row, "CANCEL_ENROLLMENT")
      ? ""
      : workflow.refusal("CANCEL_ENROLLMENT", row.currentApplication?.status) || "该申请当前不能取消报名";

  /** 【取消报名】: back to 未确认参加; refused once the application was reviewed (manual 2.2.5 备注). */
  async function cancelEnrollment(row: RosterRowFragment) {
    const label = workflow.actionLabel("CANCEL_ENROLLMENT");
    // A submission under review (or an exemption request) is withdrawn: say so, naming it (the server lists it).
    const lost = row.currentApplication?.withdrawnOnCancel ?? [];
    const message = lost.length
      ? `确定为 ${row.name} ${label}吗？取消后该医师将回到“未确认参加”名单，并且：${lost.join("；")}。`
      : `确定为 ${row.name} ${label}吗？取消后该医师将回到“未确认参加”名单。`;
    const confirmed = await confirmAction(message, {
      title: lost.length ? `${label}（将撤回已提交的内容）` : label,
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
    await list.reload();
  }

  async function resetPassword(row: RosterRowFragment) {
    const confirmed = await confirmAction(
      `确定将 ${row.name} 的定期考核账户密码重置为初始密码 666666 吗？医师下次登录时须修改密码。`,
      { title: "重置密码", confirmText: "重置" },
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
    await list.reload();
  }

  const handlers: RosterHandlers = {
    ...dialogs,
    enroll,
    cancel: cancelEnrollment,
    resetPassword,
    setPractising,
    busy: (p) => busyId.value === p.id,
    enrollLabel: () => workflow.actionLabel("ENROLL"),
    cancelLabel: () => workflow.actionLabel("CANCEL_ENROLLMENT"),
    showEnroll: (p) => workflow.ready.value && showEnroll(p),
    showCancel: (p) => workflow.ready.value && showCancel(p),
    cancelRefusal,
  };
  const columns = computed(() => rosterColumns(tab.value, dialogs.detail));
  const actions = computed(() => rosterActions(tab.value, handlers));

  return { list, tab, openTab, counts, columns, actions };
}
