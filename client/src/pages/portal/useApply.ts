import { computed, reactive, ref, watch } from "vue";
import { ElMessage } from "element-plus";
import { useApolloClient, useQuery } from "@vue/apollo-composable";
import { reportActionError, reportError, toFailure, useServerErrors } from "@/common/errors";
import {
  PortalApplyContextDocument,
  PortalEligibilityDocument,
  PortalRemoveAttachmentDocument,
  PortalRequirementsDocument,
  PortalSaveDraftDocument,
  PortalSubmitDocument,
  PortalUploadDocument,
  type ApplicationFormInput,
  type AttachmentPurpose,
  type PortalApplicationFragment,
  type Procedure,
  type ReturnSection,
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

/** Which step of the guided form holds each section a return may name (the server's ReturnSection). */
export const SECTION_STEP: Record<ReturnSection, number> = {
  RECORDS: 0,
  PROCEDURE: 0,
  EXPERIENCE: 1,
  WORK_ACHIEVEMENT: 1,
  ETHICS: 1,
  WORK_QUANTITY: 1,
  REPORT: 2,
  MATERIALS: 2,
};

export interface UploadState {
  key: number;
  name: string;
  percent: number;
  error: string;
  /** Kept so a failed upload can be tried again without picking the file anew. */
  retry: () => void;
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

  // What is still missing comes from the server: the very check 提交报名 runs (submissionRequirements), asked
  // again a moment after each change, so the page can neither demand less nor more than the submission.
  const requirements = ref<{ required: string[]; missing: { field: string; message: string }[] } | null>(null);
  /** The answer is for an older form (or none yet): the page says 正在核对 instead of a verdict. */
  const checking = ref(true);
  let asked = 0;
  async function askRequirements() {
    const mine = ++asked;
    try {
      const { data } = await client.query({
        query: PortalRequirementsDocument,
        variables: { input: input() },
        fetchPolicy: "network-only",
      });
      if (mine === asked) requirements.value = data.submissionRequirements;
      return data.submissionRequirements;
    } finally {
      if (mine === asked) checking.value = false;
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => [editable.value, JSON.stringify(input()), materials.value.length] as const,
    ([canEdit]) => {
      clearTimeout(timer);
      if (!canEdit) return;
      checking.value = true;
      timer = setTimeout(() => void askRequirements().catch(() => undefined), 300);
    },
    { immediate: true },
  );
  const asField = (f: string): ApplyField =>
    ((APPLY_FIELDS as readonly string[]).includes(f) ? f : "procedure") as ApplyField;
  /** What is still missing, in the words shown beside each field. */
  const missing = computed(() =>
    (requirements.value?.missing ?? []).map((m) => ({ field: asField(m.field), message: m.message })),
  );
  /** Required under the chosen procedure, by the server's list (述职报告 and 材料 for the simple one, 工作数量 for the general). */
  const isRequired = (field: ApplyField) => !!requirements.value?.required.includes(field);

  const { serverErrors, clear, apply } = useServerErrors(APPLY_FIELDS);
  const step = ref(0);
  const saving = ref(false);
  const submitting = ref(false);
  const refusal = ref("");

  let marked = false;
  function markMissing(items: { field: string; message: string }[]) {
    clear();
    for (const m of items) serverErrors[asField(m.field)] ||= m.message;
    marked = true;
  }
  // After a refused 提交, each mark goes as soon as the server no longer lists it, and so does the refusal.
  watch(missing, (now) => {
    if (!marked) return;
    const still = new Set(now.map((m) => m.field));
    for (const f of APPLY_FIELDS) if (serverErrors[f] && !still.has(f)) clear(f);
    if (now.length) refusal.value = `还有 ${now.length} 项未完成，请按提示补充后再提交`;
    else {
      refusal.value = "";
      marked = false;
    }
  });

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
    marked = false;
    clear();
    submitting.value = true;
    try {
      const { missing: lacking } = await askRequirements();
      if (lacking.length) {
        markMissing(lacking);
        step.value = STEP_OF[asField(lacking[0]!.field)];
        refusal.value = `还有 ${lacking.length} 项未完成，请按提示补充后再提交`;
        return false;
      }
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
  async function send(purpose: AttachmentPurpose, file: File, state: UploadState) {
    state.error = "";
    state.percent = 0;
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
  async function upload(purpose: AttachmentPurpose, files: FileList | File[] | null) {
    for (const file of Array.from(files ?? [])) {
      const state: UploadState = reactive({
        key: ++uploadKey,
        name: file.name,
        percent: 0,
        error: "",
        retry: () => void send(purpose, file, state).then(() => refetch()),
      });
      uploads.value.push(state);
      await send(purpose, file, state);
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
    checking,
    isRequired,
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
