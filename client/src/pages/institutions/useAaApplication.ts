import { computed, nextTick, reactive, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance, type UploadFile, type UploadFiles } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError, useServerErrors } from "@/common/errors";
import { ApplyForAssessmentInstitutionDocument, MyAaApplicationsDocument } from "@/gql/graphql";
import { fileProblem, MAX_FILES, type AaApplicationForm } from "./aa-application.rules";

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
  const canApply = computed(() => !!institution.value && !institution.value.isAssessmentInstitution && !pending.value);

  const formRef = ref<FormInstance>();
  const form = reactive<AaApplicationForm>({ statement: "", bedCount: null, physicianCount: null, files: [] });
  /** What el-upload shows; `form.files` holds the raw files of the accepted entries. */
  const fileList = ref<UploadFile[]>([]);
  watch(institution, (i) => {
    if (i && form.bedCount === null && i.bedCount !== null && i.bedCount !== undefined) form.bedCount = i.bedCount;
  });

  const { serverErrors, apply, clear } = useServerErrors(["statement", "bedCount", "physicianCount", "files"] as const);

  const acceptable = (f: UploadFile) => !!f.raw && !fileProblem(f.raw);

  function syncFiles(files: UploadFiles) {
    form.files = files.filter(acceptable).map((f) => f.raw!);
    void formRef.value?.validateField("files").catch(() => undefined);
  }

  function onFileChange(file: UploadFile, files: UploadFiles) {
    const problem = file.raw ? fileProblem(file.raw) : null;
    if (problem) ElMessage.warning(problem);
    syncFiles(files);
    if (files.some((f) => !acceptable(f))) {
      // The list the upload just emitted reaches us on the next tick; drop refused files from it then.
      void nextTick(() => (fileList.value = fileList.value.filter(acceptable)));
    }
  }

  function onFileRemove(_file: UploadFile, files: UploadFiles) {
    syncFiles(files);
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
      form.files = [];
      await refetch();
    } catch (err) {
      reportError(err, apply);
    }
  }

  return {
    applications,
    loadedAt,
    renewLinks,
    institution,
    pending,
    canApply,
    loading,
    error,
    refetch,
    formRef,
    form,
    fileList,
    serverErrors,
    onFileChange,
    onFileRemove,
    onExceed,
    submitting,
    submit,
  };
}
