import { computed, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type UploadFile } from "element-plus";
import { reportActionError, reportError } from "@/common/errors";
import {
  AssessorImportResultsDocument,
  AssessorPapersDocument,
  AssessorRecordScoreDocument,
  type AssessorImportResultsMutation,
  type AssessorRowFragment,
} from "@/gql/graphql";
import { useAssessorQueue } from "./useAssessorQueue";

/**
 * 录入成绩: the physicians awaiting a test (or a make-up test), one result at a time against a paper
 * (its pass mark decides, 缺考 counts as failed), and the batch import: all rows of a file or none.
 */
export function useResults() {
  const list = useAssessorQueue("TESTING", "暂无待录入成绩的医师");
  const { result: papersResult } = useQuery(AssessorPapersDocument, null, { fetchPolicy: "cache-and-network" });
  const papers = computed(() => papersResult.value?.testPapers ?? []);

  // ---- one result
  const dialog = reactive({
    open: false,
    row: null as AssessorRowFragment | null,
    paperId: null as number | null,
    score: null as number | null,
    absent: false,
    error: "",
  });
  const { mutate: record, loading: recording } = useMutation(AssessorRecordScoreDocument);
  function openRecord(a: AssessorRowFragment) {
    Object.assign(dialog, { open: true, row: a, paperId: null, score: null, absent: false, error: "" });
  }
  async function saveRecord() {
    const a = dialog.row;
    if (!a) return;
    if (!dialog.paperId) return void (dialog.error = "请选择试卷");
    if (!dialog.absent && (dialog.score === null || dialog.score === undefined))
      return void (dialog.error = "请填写分数，或勾选缺考");
    dialog.error = "";
    try {
      const res = await record({
        input: {
          applicationId: a.id,
          paperId: dialog.paperId,
          score: dialog.absent ? null : dialog.score,
          absent: dialog.absent,
          expectedVersion: a.version,
        },
      });
      dialog.open = false;
      ElMessage.success(`已录入成绩，当前状态：${res?.data?.recordTestScore.statusLabel ?? ""}`);
      await list.reload();
    } catch (err) {
      reportActionError(err, () => list.reload(), {
        mapFields: (f) => {
          dialog.error = f.message;
          return f.code === "BAD_USER_INPUT";
        },
        onRefused: (f) => (dialog.error = f.message),
      });
    }
  }

  // ---- import
  const file = ref<File | null>(null);
  const fileList = ref<UploadFile[]>([]);
  const fileError = ref("");
  const report = ref<AssessorImportResultsMutation["importTestResults"] | null>(null);
  const { mutate: importFile, loading: importing } = useMutation(AssessorImportResultsDocument);
  function onFileChange(f: UploadFile) {
    fileList.value = [f];
    file.value = f.raw ?? null;
    fileError.value = "";
  }
  function onFileRemove() {
    file.value = null;
    fileList.value = [];
  }
  async function startImport() {
    if (!file.value) return void (fileError.value = "请先选择要导入的成绩文件");
    fileError.value = "";
    report.value = null;
    try {
      const res = await importFile({ file: file.value });
      const r = res?.data?.importTestResults;
      if (!r) return;
      report.value = r;
      onFileRemove();
      if (r.written) {
        ElMessage.success(`已导入 ${r.totalRows} 条成绩`);
        await list.reload();
      } else ElMessage.warning(`文件中有 ${r.refused} 行有误，整个文件未导入`);
    } catch (err) {
      const failure = reportError(err, (f) => f.code === "BAD_USER_INPUT");
      if (failure.code === "BAD_USER_INPUT") fileError.value = failure.message;
    }
  }

  return {
    list,
    papers,
    dialog,
    recording,
    openRecord,
    saveRecord,
    file,
    fileList,
    fileError,
    onFileChange,
    onFileRemove,
    importing,
    startImport,
    report,
  };
}
