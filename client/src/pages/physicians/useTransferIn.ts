import { computed, nextTick, reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { apolloClient } from "@/apollo/client";
import { confirmAction } from "@/common/confirm";
import { reportError, useServerErrors } from "@/common/errors";
import { idNumberHint } from "@/common/id-number";
import { TransferCandidateDocument, TransferPhysicianInDocument, type TransferCandidateQuery } from "@/gql/graphql";
import type { TransferInForm } from "./transfer-in.rules";

export type Candidate = TransferCandidateQuery["transferCandidate"] & { searchedFor: string };

/**
 * 调入医师 (manual 2.2.5 (4)): a physician transferred out by the former institution is found by the
 * ID number (either the 15- or the 18-digit form) and taken in with 【调入】.
 */
export interface Arrival {
  id: number;
  name: string;
  idNumberMasked: string;
  /** The former institution's department does not come along: null until one is assigned here. */
  departmentName: string | null;
}

/** `assignDepartment` opens the physician's edit form, where the 科室 is chosen among this institution's. */
export function useTransferIn(assignDepartment: (arrival: Arrival) => void) {
  const formRef = ref<FormInstance>();
  const form = reactive<TransferInForm>({ idNumber: "" });
  const { serverErrors, apply, clear } = useServerErrors(["idNumber"] as const);
  const hint = computed(() => idNumberHint(form.idNumber));
  const searching = ref(false);
  const candidate = ref<Candidate | null>(null);
  /** Those taken in during this visit. */
  const done = ref<Arrival[]>([]);

  async function search() {
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    const idNumber = form.idNumber.trim().toUpperCase();
    searching.value = true;
    try {
      const { data } = await apolloClient.query({
        query: TransferCandidateDocument,
        variables: { idNumber },
        fetchPolicy: "network-only",
      });
      candidate.value = { ...data.transferCandidate, searchedFor: idNumber };
    } catch (err) {
      candidate.value = null;
      reportError(err, apply);
    } finally {
      searching.value = false;
    }
  }

  const { mutate, loading: transferring } = useMutation(TransferPhysicianInDocument);

  async function transferIn() {
    const c = candidate.value;
    if (!c?.canTransferIn) return;
    const ok = await confirmAction(
      `确定将 ${c.name}（${c.idNumberMasked}）调入本机构吗？调入后该医师出现在本机构“未确认参加”名单中。`,
      {
        title: "调入医师",
        confirmText: "调入",
      },
    );
    if (!ok) return;
    try {
      const res = await mutate({ idNumber: c.searchedFor });
      const p = res?.data?.transferPhysicianIn;
      ElMessage.success(`${p?.name ?? c.name} 已调入本机构`);
      candidate.value = null;
      form.idNumber = "";
      void nextTick(() => formRef.value?.clearValidate());
      if (!p) return;
      const arrival: Arrival = { id: p.id, name: p.name, idNumberMasked: p.idNumberMasked, departmentName: null };
      done.value.unshift(arrival);
      // In the same flow: an arrival without a 科室 cannot be chosen by department or submit an application.
      const now = await confirmAction(
        `${p.name} 尚未分配本机构的科室（原单位的科室不随调入）。现在为其分配科室吗？也可稍后在下方或医师列表中分配。`,
        { title: "分配科室", confirmText: "分配科室" },
      );
      if (now) assignDepartment(arrival);
    } catch (err) {
      reportError(err);
      // What changed (e.g. another institution took him in first) shows on a fresh look-up.
      await search();
    }
  }

  /** The edit form saved: show the arrival's new department. */
  function departmentAssigned(physicianId: number, departmentName: string | null) {
    const arrival = done.value.find((d) => d.id === physicianId);
    if (arrival) arrival.departmentName = departmentName;
  }

  function reset() {
    form.idNumber = "";
    candidate.value = null;
    clear();
    formRef.value?.clearValidate();
  }

  return {
    formRef,
    form,
    serverErrors,
    hint,
    searching,
    candidate,
    done,
    search,
    transferring,
    transferIn,
    departmentAssigned,
    reset,
  };
}
