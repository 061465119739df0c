import { computed, reactive, ref, watch } from "vue";
import { ElMessage } from "element-plus";
import { useApolloClient, useQuery } from "@vue/apollo-composable";
import { reportActionError, reportError, toFailure, useServerErrors } from "@/common/errors";
import {
  PortalApplyContextDocument,
  PortalEligibilityDocument,
  PortalRemoveAttachmentDocument,
  PortalSaveDraftDocument,
  PortalSubmitDocument,
  PortalUploadDocument,
  type ApplicationFormInput,
  type AttachmentPurpose,
  type PortalApplicationFragment,
  type Procedure,
} from "@/gql/graphql";

export const APPLY_FIELDS = [
  "procedure",
  "departmentId",
  "practiceExperience",
  "workPerformance",
  "ethics",
  "workQuantities",
  "report",
  "attachments",
] as const;
export type ApplyField = (typeof APPLY_FIELDS)[number];

/** Which step of the guided form holds each field. */
export const STEP_OF: Record<ApplyField, number> = {
  procedure: 0,
  departmentId: 0,
  practiceExperience: 1,
  workPerformance: 1,
  ethics: 1,
  workQuantities: 1,
  report: 2,
  attachments: 2,
};

export interface UploadState {
  key: number;
  name: string;
  percent: number;
  error: string;
}

/** Accepted by the server's content check (PDF, JPEG, PNG); the server decides, this only filters the picker. */
export const ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";

/** 报名: the guided form, its draft, its uploads and its submission. */
export function useApply() {
  const { client } = useApolloClient();
  const { result, loading, error, refetch } = useQuery(PortalApplyContextDocument, null, {
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  watch(error, (e) => e && reportError(e));

  const home = computed(() => result.value?.portalHome ?? null);
  const cycle = computed(() => home.value?.cycle ?? null);
  const application = computed<PortalApplicationFragment | null>(() => home.value?.application ?? null);
  const departments = computed(() => result.value?.departmentOptions ?? []);
  const reasons = computed(() => result.value?.referenceLists.exemptionReasons ?? []);
  const editable = computed(() => !!application.value?.availableActions.includes("SUBMIT"));
  const returned = computed(() => application.value?.status === "RETURNED_TO_PHYSICIAN");
  const materials = computed(() => (application.value?.attachments ?? []).filter((a) => a.purpose === "MATERIAL"));
  const reportFiles = computed(() => (application.value?.attachments ?? []).filter((a) => a.purpose === "REPORT"));

  const form = reactive({
    procedure: undefined as Procedure | undefined,
    departmentId: null as number | null,
    practiceExperience: "",
    workPerformance: "",
    ethics: "",
    report: "",
    hasGoodRecord: false,
    hasBadRecord: false,
    quantities: {} as Record<string, number | undefined>,
  });
  const dirty = ref(false);
  let loadedFor: string | null = null;

  // Fill the form once per application version that was not typed over: the draft, else the last submission.
  watch(
    application,
    (app) => {
      if (!app) return;
      const key = `${app.id}`;
      if (loadedFor === key) return;
      loadedFor = key;
      const s = app.draft ?? app.submission;
      form.procedure = s?.procedure ?? app.procedure ?? undefined;
      form.departmentId = s?.departmentId ?? null;
      form.practiceExperience = s?.practiceExperience ?? "";
      form.workPerformance = s?.workPerformance ?? "";
      form.ethics = s?.ethics ?? "";
      form.report = s?.report ?? "";
      form.hasGoodRecord = s?.hasGoodRecord ?? false;
      form.hasBadRecord = s?.hasBadRecord ?? false;
      form.quantities = Object.fromEntries((s?.workQuantities ?? []).map((q) => [q.code, q.value]));
      dirty.value = false;
    },
    { immediate: true },
  );
  watch(form, () => (dirty.value = true), { deep: true });

  // 简易程序适用条件: asked of the server whenever the choice or the records change.
  const eligibility = ref<{ eligible: boolean; reason?: string | null; ruleText: string } | null>(null);
  watch(
    () => [form.hasGoodRecord, form.hasBadRecord, !!cycle.value] as const,
    async ([good, bad, hasCycle]) => {
      if (!hasCycle) return;
      try {
        const { data } = await client.query({
          query: PortalEligibilityDocument,
          variables: { hasGoodRecord: good, hasBadRecord: bad },
          fetchPolicy: "network-only",
        });
        eligibility.value = data.simpleProcedureEligibility;
      } catch {
        eligibility.value = null;
      }
    },
    { immediate: true },
  );

  const input = (): ApplicationFormInput => ({
    procedure: form.procedure ?? null,
    departmentId: form.departmentId,
    practiceExperience: form.practiceExperience,
    workPerformance: form.workPerformance,
    ethics: form.ethics,
    report: form.procedure === "SIMPLE" ? form.report : "",
    hasGoodRecord: form.hasGoodRecord,
    hasBadRecord: form.hasBadRecord,
    workQuantities:
      form.procedure === "GENERAL"
        ? Object.entries(form.quantities)
            .filter(([, v]) => typeof v === "number" && !Number.isNaN(v))
            .map(([code, value]) => ({ code, value: value as number }))
        : [],
  });

  /** What is still missing, in the words shown beside each field. */
  const missing = computed(() => {
    const m: { field: ApplyField; message: string }[] = [];
    if (!form.procedure) m.push({ field: "procedure", message: "请选择考核程序（简易程序或一般程序）" });
    else if (form.procedure === "SIMPLE" && eligibility.value && !eligibility.value.eligible)
      m.push({ field: "procedure", message: eligibility.value.reason ?? "不符合简易程序条件，请选择一般程序" });
    if (!form.departmentId) m.push({ field: "departmentId", message: "请选择科室" });
    if (!form.practiceExperience.trim()) m.push({ field: "practiceExperience", message: "请填写执业经历" });
    if (!form.workPerformance.trim()) m.push({ field: "workPerformance", message: "请填写工作成绩自评" });
    if (!form.ethics.trim()) m.push({ field: "ethics", message: "请填写职业道德自评" });
    if (form.procedure === "GENERAL" && !input().workQuantities?.length)
      m.push({ field: "workQuantities", message: "一般程序须填写工作数量" });
    if (form.procedure === "SIMPLE") {
      if (!form.report.trim()) m.push({ field: "report", message: "简易程序须填写个人述职报告" });
      if (!materials.value.length) m.push({ field: "attachments", message: "简易程序须上传申请材料" });
    }
    return m;
  });

  const { serverErrors, clear, apply } = useServerErrors(APPLY_FIELDS);
  const step = ref(0);
  const saving = ref(false);
  const submitting = ref(false);
  const refusal = ref("");

  function markMissing() {
    clear();
    for (const m of missing.value) serverErrors[m.field] = m.message;
  }

  async function saveDraft() {
    if (saving.value) return;
    saving.value = true;
    try {
      await client.mutate({ mutation: PortalSaveDraftDocument, variables: { input: input() } });
      dirty.value = false;
      ElMessage.success("草稿已保存（所在机构看不到草稿）");
    } catch (err) {
      reportActionError(err, refetch, { mapFields: apply });
    } finally {
      saving.value = false;
    }
  }

  /** 提交: refused here with every missing item marked, else sent once (the button waits for the answer). */
  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    refusal.value = "";
    clear();
    if (missing.value.length) {
      markMissing();
      step.value = STEP_OF[missing.value[0]!.field];
      refusal.value = `还有 ${missing.value.length} 项未完成，请按提示补充后再提交`;
      return false;
    }
    submitting.value = true;
    try {
      await client.mutate({
        mutation: PortalSubmitDocument,
        variables: { input: input(), expectedVersion: application.value?.version ?? null },
      });
      dirty.value = false;
      ElMessage.success(returned.value ? "已重新提交，请等待所在机构审核" : "报名已提交，请等待所在机构审核");
      return true;
    } catch (err) {
      const failure = toFailure(err);
      const field = failure.fields[0]?.field as ApplyField | undefined;
      if (field && field in STEP_OF) step.value = STEP_OF[field];
      reportActionError(err, refetch, {
        mapFields: apply,
        onRefused: (f) => (refusal.value = f.message),
      });
      if (field) refusal.value = failure.message;
      return false;
    } finally {
      submitting.value = false;
    }
  }

  // Uploads: one at a time per pick, with progress; the server checks what the file really is.
  const uploads = ref<UploadState[]>([]);
  let uploadKey = 0;
  async function upload(purpose: AttachmentPurpose, files: FileList | File[] | null) {
    for (const file of Array.from(files ?? [])) {
      const state = reactive<UploadState>({ key: ++uploadKey, name: file.name, percent: 0, error: "" });
      uploads.value.push(state);
      try {
        await client.mutate({
          mutation: PortalUploadDocument,
          variables: { purpose, file },
          context: {
            fetchOptions: {
              onUploadProgress: (loaded: number, total: number) =>
                (state.percent = Math.min(99, Math.round((loaded / total) * 100))),
            },
          },
        });
        state.percent = 100;
        clear("attachments");
        uploads.value = uploads.value.filter((u) => u.key !== state.key);
        ElMessage.success(`已上传：${file.name}`);
      } catch (err) {
        state.error = toFailure(err).message;
      }
    }
    await refetch();
  }
  const dismissUpload = (key: number) => (uploads.value = uploads.value.filter((u) => u.key !== key));

  async function removeAttachment(id: number) {
    try {
      await client.mutate({ mutation: PortalRemoveAttachmentDocument, variables: { attachmentId: id } });
      await refetch();
    } catch (err) {
      reportError(err);
    }
  }

  return {
    loading,
    error,
    refetch: () => refetch(),
    home,
    cycle,
    application,
    departments,
    reasons,
    editable,
    returned,
    materials,
    reportFiles,
    form,
    dirty,
    eligibility,
    missing,
    serverErrors,
    step,
    saving,
    submitting,
    refusal,
    saveDraft,
    submit,
    uploads,
    upload,
    dismissUpload,
    removeAttachment,
  };
}
