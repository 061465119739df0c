import { nextTick, reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { reportActionError, useServerErrors } from "@/common/errors";
import { AddOtherInstitutionOpinionDocument } from "@/gql/graphql";
import type { OpinionForm } from "./opinion.rules";

interface Target {
  id: number;
  version: number;
  /** Sites the physician registered, offered as names. */
  sites: string[];
}

/** 【新增意见】 dialog (manual 2.2.6/2.2.7, 多机构执业). */
export function useOpinionForm(reload: () => unknown) {
  const visible = ref(false);
  const target = ref<Target | null>(null);
  const formRef = ref<FormInstance>();
  const form = reactive<OpinionForm>({ institutionName: "", opinion: "" });
  const { serverErrors, apply, clear } = useServerErrors(["institutionName", "opinion"] as const);
  const { mutate, loading: saving } = useMutation(AddOtherInstitutionOpinionDocument);

  function open(t: Target) {
    target.value = t;
    Object.assign(form, { institutionName: t.sites[0] ?? "", opinion: "" });
    clear();
    visible.value = true;
    void nextTick(() => formRef.value?.clearValidate());
  }

  async function save() {
    clear();
    const t = target.value;
    if (!t || !(await formRef.value?.validate().catch(() => false))) return;
    try {
      await mutate({
        id: t.id,
        institutionName: form.institutionName.trim(),
        opinion: form.opinion.trim(),
        expectedVersion: t.version,
      });
      ElMessage.success("已新增其他执业机构意见");
      visible.value = false;
      await reload();
    } catch (err) {
      reportActionError(err, reload, { mapFields: apply });
    }
  }

  return { visible, target, formRef, form, serverErrors, saving, open, save };
}
