import { computed, nextTick, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { reportError, useServerErrors } from "@/common/errors";
import {
  CreateDepartmentDocument,
  PracticeSubjectsDocument,
  UpdateDepartmentDocument,
  type DepartmentFieldsFragment,
} from "@/gql/graphql";
import type { DepartmentForm } from "./department.rules";

/** 创建科室 / 编辑 dialog: name plus the linked 诊疗科目 (any level of the catalog tree). */
export function useDepartmentForm(onSaved: () => void) {
  const visible = ref(false);
  const editing = ref<DepartmentFieldsFragment | null>(null);
  const formRef = ref<FormInstance>();
  const form = reactive<DepartmentForm>({ name: "", subjectCodes: [] });
  const { serverErrors, apply, clear } = useServerErrors(["name", "subjectCodes"] as const);

  const { result: subjectsResult, loading: subjectsLoading } = useQuery(PracticeSubjectsDocument, null, {
    fetchPolicy: "cache-first",
  });
  const subjects = computed(() => subjectsResult.value?.practiceSubjects ?? []);

  const { mutate: create, loading: creating } = useMutation(CreateDepartmentDocument);
  const { mutate: update, loading: updating } = useMutation(UpdateDepartmentDocument);
  const saving = computed(() => creating.value || updating.value);
  const title = computed(() => (editing.value ? "编辑科室" : "创建科室"));

  function open(row?: DepartmentFieldsFragment) {
    editing.value = row ?? null;
    form.name = row?.name ?? "";
    form.subjectCodes = [...(row?.subjectCodes ?? [])];
    clear();
    visible.value = true;
    formRef.value?.clearValidate();
  }

  async function save() {
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    const input = { name: form.name.trim(), subjectCodes: [...form.subjectCodes] };
    try {
      if (editing.value) {
        await update({ id: editing.value.id, input });
        ElMessage.success(`科室“${input.name}”已保存`);
      } else {
        await create({ input });
        ElMessage.success(`科室“${input.name}”已创建`);
      }
      visible.value = false;
      onSaved();
    } catch (err) {
      const failure = reportError(err, apply);
      // A duplicate name comes back as CONFLICT without a field: show it on the name as well.
      if (failure.code === "CONFLICT" && !failure.fields.length)
        void nextTick(() => (serverErrors.name = failure.message));
    }
  }

  return { visible, editing, title, formRef, form, serverErrors, subjects, subjectsLoading, saving, open, save };
}
