import { computed, reactive, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance, type UploadFile, type UploadFiles } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError, useServerErrors, type AppFailure } from "@/common/errors";
import { ApplyForAssessmentInstitutionDocument, MyAaApplicationsDocument } from "@/gql/graphql";
import { contentProblem, fileProblem, MAX_FILES, type AaApplicationForm } from "./aa-application.rules";

/** 申请考核机构 (manual 2.2.4): the application with its materials, and the history of applications. */
export function useAaApplication() {
  const { result, loading, error, refetch } = useQuery(MyAaApplicationsDocument, null, { fetchPolicy: "network-only" });
  watch(error, (e) => e && reportError(e));

  const applications = computed(() => result.value?.myAssessmentInstitutionApplications ?? []);
  /** When the signed attachment links were fetched. */
  const loadedAt = ref(Date.now());
  watch(result, () => (loadedAt.value = Date.now()));
  async function renewLinks() {
    const res = await refetch();
    return res?.data.myAssessmentInstitutionApplications.flatMap((a) => a.attachments) ?? [];
  }
  const institution = computed(() => result.value?.myInstitution ?? null);
  const pending = computed(() => applications.value.find((a) => a.status === "PENDING") ?? null);
  /** The administration has not opened the right to apply: said before the form, which is not shown. */
  const notAllowed = computed(
    () =>
      !!institution.value &&
      !institution.value.isAssessmentInstitution &&
      !institution.value.assessmentApplicationAllowed,
  );
  const canApply = computed(
    () => !!institution.value && !institution.value.isAssessmentInstitution && !notAllowed.value && !pending.value,
  );

  const formRef = ref<FormInstance>();
  const form = reactive<AaApplicationForm>({
    statement: "",
    bedCount: null,
    physicianCount: null,
    files: [],
    refused: 0,
  });
  /** What el-upload shows; `form.files` holds the raw files of the accepted entries. */
  const fileList = ref<UploadFile[]>([]);
  watch(institution, (i) => {
    if (i && form.bedCount === null && i.bedCount !== null && i.bedCount !== undefined) form.bedCount = i.bedCount;
  });

  const { serverErrors, apply, clear } = useServerErrors(["statement", "bedCount", "physicianCount", "files"] as const);

  /**
   * Why a listed file will not be sent, by el-upload's uid: its type or size at once, its content once its first
   * bytes are read, or the server's check at submit. The file stays in the list with the reason beside it.
   */
  const refusals = reactive(new Map<number, string>());

  function syncFiles() {
    form.files = fileList.value.filter((f) => f.raw && !refusals.has(f.uid)).map((f) => f.raw!);
    form.refused = fileList.value.filter((f) => refusals.has(f.uid)).length;
    if (fileList.value.length) void formRef.value?.validateField("files").catch(() => undefined);
  }

  async function onFileChange(file: UploadFile, files: UploadFiles) {
    fileList.value = files;
    const raw = file.raw;
    const problem = raw ? (fileProblem(raw) ?? (await contentProblem(raw))) : null;
    if (problem) refusals.set(file.uid, problem);
    syncFiles();
  }

  function onFileRemove(file: UploadFile, files: UploadFiles) {
    refusals.delete(file.uid);
    fileList.value = files;
    syncFiles();
  }

  /** A server refusal that names a listed file (its structure check): marked on that file, not only toasted. */
  function markRefusedByServer(failure: AppFailure): boolean {
    const named = fileList.value.filter((f) => failure.message.includes(`“${f.name}”`));
    for (const f of named) refusals.set(f.uid, failure.message);
    if (!named.length) return apply(failure);
    syncFiles();
    return true;
  }

  function onExceed() {
    ElMessage.warning(`申请材料最多上传 ${MAX_FILES} 个文件`);
  }

  const { mutate, loading: submitting } = useMutation(ApplyForAssessmentInstitutionDocument);

  async function submit() {
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    if (
      !(await confirmAction("提交后将由上级卫生行政部门审批，审批完成前不能再次提交。确定提交申请吗？", {
        title: "提交申请",
        confirmText: "提交",
      }))
    )
      return;
    try {
      await mutate({
        input: {
          statement: form.statement.trim(),
          bedCount: form.bedCount ?? 0,
          physicianCount: form.physicianCount ?? 0,
        },
        files: form.files,
      });
      ElMessage.success("申请已提交，请等待卫生行政部门审批");
      formRef.value?.resetFields();
      fileList.value = [];
      refusals.clear();
      syncFiles();
      await refetch();
    } catch (err) {
      reportError(err, markRefusedByServer);
    }
  }

  return {
    applications,
    loadedAt,
    renewLinks,
    institution,
    pending,
    notAllowed,
    canApply,
    loading,
    error,
    refetch,
    formRef,
    form,
    fileList,
    refusals,
    serverErrors,
    onFileChange,
    onFileRemove,
    onExceed,
    submitting,
    submit,
  };
}
