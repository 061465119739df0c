import { computed, nextTick, ref } from "vue";
import { useRoute, useRouter } from "vue-router";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage, type UploadFile } from "element-plus";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import { ImportPhysiciansDocument, PhysicianImportReportDocument } from "@/gql/graphql";
import { importReportFilters } from "./roster-import.list";
import { importFileProblem } from "./roster-import.rules";

/**
 * 名册导入: upload a roster (.xlsx/.csv from the template), then read the row-level report — every
 * row is 新增, 更新 or 拒绝 with its reasons; refused rows wrote nothing. The report's id is kept in the
 * address (?job=) so that it survives a reload.
 */
export function useRosterImport() {
  const route = useRoute();
  const router = useRouter();

  const file = ref<File | null>(null);
  const fileList = ref<UploadFile[]>([]);
  const fileError = ref("");

  function onFileChange(f: UploadFile) {
    const problem = f.raw ? importFileProblem(f.raw) : "请选择文件";
    if (problem) ElMessage.warning(problem);
    else {
      fileError.value = "";
      file.value = f.raw ?? null;
    }
    // The list the upload just emitted reaches us on the next tick: keep one acceptable file, the latest.
    void nextTick(() => {
      fileList.value = problem
        ? fileList.value.filter((x) => x.uid !== f.uid).slice(-1)
        : fileList.value.filter((x) => x.uid === f.uid);
      if (!fileList.value.length) file.value = null;
    });
  }
  function onFileRemove() {
    file.value = null;
    fileList.value = [];
  }

  const jobId = computed(() => {
    const n = Number(route.query.job);
    return Number.isInteger(n) && n > 0 ? n : null;
  });

  const { mutate, loading: importing } = useMutation(ImportPhysiciansDocument);

  async function startImport() {
    if (!file.value) {
      fileError.value = "请先选择要导入的名册文件";
      return;
    }
    fileError.value = "";
    try {
      const res = await mutate({ file: file.value });
      const job = res?.data?.importPhysicians;
      if (!job) return;
      ElMessage({
        type: job.refused ? "warning" : "success",
        message: `导入完成：新增 ${job.created} 人，更新 ${job.updated} 人，拒绝 ${job.refused} 行`,
      });
      onFileRemove();
      // A new report starts on its first page with every outcome.
      await router.replace({ query: { job: String(job.id) } });
    } catch (err) {
      const failure = reportError(err, (f) => {
        const fe = f.fields.find((x) => x.field === "file");
        if (fe) fileError.value = fe.message;
        return !!fe;
      });
      if (failure.code === "BAD_USER_INPUT" && !failure.fields.length) fileError.value = failure.message;
    }
  }

  // The report, filtered by outcome (the radio group) and paged on the server.
  const list = useList({
    query: PhysicianImportReportDocument,
    filters: importReportFilters,
    variables: (f, paging) => ({ id: jobId.value ?? 0, outcome: f.outcome || null, ...paging }),
    rows: (data) => data.physicianImport.rows,
    rowKey: (r) => r.rowNumber,
    pageSize: 20,
    enabled: () => jobId.value !== null,
    empty: ({ filtered }) => (filtered ? "没有符合条件的行" : "文件中没有数据行"),
  });

  const job = computed(() => {
    const report = list.data.value?.physicianImport;
    return report && report.id === jobId.value ? report : null;
  });

  function newImport() {
    void router.replace({ query: {} });
  }

  return {
    file,
    fileList,
    fileError,
    onFileChange,
    onFileRemove,
    importing,
    startImport,
    jobId,
    job,
    list,
    newImport,
  };
}
