import { computed, reactive } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, ElMessageBox } from "element-plus";
import { reportError } from "@/common/errors";
import {
  AssessorCreatePaperDocument,
  AssessorDeletePaperDocument,
  AssessorPapersDocument,
  AssessorUpdatePaperDocument,
  type AssessorPapersQuery,
  type TestKind,
} from "@/gql/graphql";
import { session } from "@/pages/accounts/session";

export type Paper = AssessorPapersQuery["testPapers"][number];

export const KIND_OPTIONS: { value: TestKind; label: string }[] = [
  { value: "HUMANITIES", label: "医学人文" },
  { value: "PROFESSIONAL", label: "业务水平" },
];

/**
 * 测评·试卷: the cycle's papers; this assessment institution creates papers and edits or deletes its own
 * while no attempt refers to them (the server refuses otherwise, with the reason shown here).
 */
export function usePapersAdmin() {
  const { result, loading, error, refetch } = useQuery(AssessorPapersDocument, null, {
    fetchPolicy: "cache-and-network",
  });
  const papers = computed(() => result.value?.testPapers ?? []);
  const mine = (p: Paper) =>
    p.createdByInstitutionId !== null && p.createdByInstitutionId === session.me?.institutionId;

  const form = reactive({
    open: false,
    id: null as number | null,
    name: "",
    kind: "HUMANITIES" as TestKind,
    window: null as [Date, Date] | null,
    passMark: 60,
    fullMarks: 100,
    error: "",
  });
  function openCreate() {
    Object.assign(form, {
      open: true,
      id: null,
      name: "",
      kind: "HUMANITIES",
      window: null,
      passMark: 60,
      fullMarks: 100,
      error: "",
    });
  }
  function openEdit(p: Paper) {
    Object.assign(form, {
      open: true,
      id: p.id,
      name: p.name,
      kind: p.kind,
      window: [new Date(p.windowStart), new Date(p.windowEnd)],
      passMark: p.passMark,
      fullMarks: p.fullMarks,
      error: "",
    });
  }
  const { mutate: create, loading: creating } = useMutation(AssessorCreatePaperDocument);
  const { mutate: update, loading: updating } = useMutation(AssessorUpdatePaperDocument);
  const { mutate: remove } = useMutation(AssessorDeletePaperDocument);

  async function save() {
    if (!form.name.trim()) return void (form.error = "请填写试卷名称");
    if (!form.window) return void (form.error = "请选择考试时间");
    form.error = "";
    const input = {
      name: form.name.trim(),
      kind: form.kind,
      windowStart: form.window[0].toISOString(),
      windowEnd: form.window[1].toISOString(),
      passMark: form.passMark,
      fullMarks: form.fullMarks,
    };
    try {
      if (form.id) await update({ id: form.id, input });
      else await create({ input });
      form.open = false;
      ElMessage.success(form.id ? "试卷已修改" : "试卷已创建");
      await refetch();
    } catch (err) {
      reportError(err, (f) => ((form.error = f.message), true));
    }
  }

  async function del(p: Paper) {
    try {
      await ElMessageBox.confirm(`确认删除试卷“${p.name}”？`, "删除试卷", {
        confirmButtonText: "删除",
        cancelButtonText: "取消",
      });
    } catch {
      return;
    }
    try {
      await remove({ id: p.id });
      ElMessage.success("试卷已删除");
      await refetch();
    } catch (err) {
      reportError(err);
    }
  }

  return {
    papers,
    loading,
    error,
    refetch,
    mine,
    form,
    openCreate,
    openEdit,
    save,
    saving: computed(() => creating.value || updating.value),
    del,
  };
}
