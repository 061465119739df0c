import { computed, nextTick, reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { reportActionError, useServerErrors } from "@/common/errors";
import { AddOtherInstitutionOpinionDocument, UpdateOtherInstitutionOpinionDocument } from "@/gql/graphql";
import type { OpinionForm } from "./opinion.rules";

interface Target {
  id: number;
  version: number;
  /** Sites the physician registered, offered as names. */
  sites: string[];
  /** The opinion to change (【修改】), absent for 【新增意见】. */
  existing?: { id: number; institutionName: string; opinion: string };
}

/** 【新增意见】 / 【修改】 dialog (manual 2.2.6/2.2.7, 多机构执业), while this institution reviews. */
export function useOpinionForm(reload: () => unknown) {
  const visible = ref(false);
  const target = ref<Target | null>(null);
  const formRef = ref<FormInstance>();
  const form = reactive<OpinionForm>({ institutionName: "", opinion: "" });
  const { serverErrors, apply, clear } = useServerErrors(["institutionName", "opinion"] as const);
  const { mutate: add, loading: adding } = useMutation(AddOtherInstitutionOpinionDocument);
  const { mutate: update, loading: updating } = useMutation(UpdateOtherInstitutionOpinionDocument);
  const saving = computed(() => adding.value || updating.value);

  function open(t: Target) {
    target.value = t;
    Object.assign(
      form,
      t.existing
        ? { institutionName: t.existing.institutionName, opinion: t.existing.opinion }
        : { institutionName: t.sites[0] ?? "", opinion: "" },
    );
    clear();
    visible.value = true;
    void nextTick(() => formRef.value?.clearValidate());
  }

  async function save() {
    clear();
    const t = target.value;
    if (!t || !(await formRef.value?.validate().catch(() => false))) return;
    try {
      const values = { institutionName: form.institutionName.trim(), opinion: form.opinion.trim() };
      if (t.existing) await update({ opinionId: t.existing.id, ...values, expectedVersion: t.version });
      else await add({ id: t.id, ...values, expectedVersion: t.version });
      ElMessage.success(t.existing ? "已修改其他执业机构意见" : "已新增其他执业机构意见");
      visible.value = false;
      await reload();
    } catch (err) {
      reportActionError(err, reload, { mapFields: apply });
    }
  }

  return { visible, target, formRef, form, serverErrors, saving, open, save };
}
