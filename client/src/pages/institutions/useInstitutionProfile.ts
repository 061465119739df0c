import { computed, reactive, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { creditCodeProblem } from "@/common/credit-code";
import { reportError, useServerErrors } from "@/common/errors";
import {
  InstitutionFormOptionsDocument,
  MyInstitutionDocument,
  UpdateMyInstitutionDocument,
  type InstitutionProfileFieldsFragment,
} from "@/gql/graphql";
import { PROFILE_LABELS, type ProfileForm } from "./profile.rules";

const FIELDS = [
  "name",
  "creditCode",
  "licenseNo",
  "type",
  "levelCode",
  "natureCode",
  "address",
  "legalRepresentative",
  "contactPerson",
  "contactPhone",
  "bedCount",
] as const;

function formOf(i: InstitutionProfileFieldsFragment): ProfileForm {
  return {
    name: i.name,
    creditCode: i.creditCode,
    licenseNo: i.licenseNo,
    type: i.type,
    levelCode: i.levelCode,
    natureCode: i.natureCode,
    address: i.address,
    legalRepresentative: i.legalRepresentative,
    contactPerson: i.contactPerson,
    contactPhone: i.contactPhone,
    bedCount: i.bedCount ?? null,
  };
}

/** 本机构信息 (manual 2.2.2): load, edit, validate on both sides, 【提交】. */
export function useInstitutionProfile() {
  const formRef = ref<FormInstance>();
  const form = reactive<ProfileForm>({
    name: "",
    creditCode: "",
    licenseNo: "",
    type: "",
    levelCode: "",
    natureCode: "",
    address: "",
    legalRepresentative: "",
    contactPerson: "",
    contactPhone: "",
    bedCount: null,
  });

  const { result, loading, error, refetch } = useQuery(MyInstitutionDocument, null, { fetchPolicy: "network-only" });
  const { result: optionsResult, error: optionsError } = useQuery(InstitutionFormOptionsDocument, null, {
    fetchPolicy: "cache-first",
  });
  watch([error, optionsError], ([a, b]) => (a || b) && reportError(a || b));

  const institution = computed(() => result.value?.myInstitution ?? null);
  const options = computed(() => optionsResult.value?.referenceLists ?? null);

  // Fill the form whenever fresh data arrives (first load, after saving).
  watch(institution, (i) => i && Object.assign(form, formOf(i)), { immediate: true });

  const { serverErrors, apply, clear } = useServerErrors(FIELDS);
  const { mutate, loading: saving } = useMutation(UpdateMyInstitutionDocument);

  /** Live hint under the credit code. */
  const creditCodeHint = computed(() => {
    if (!form.creditCode) return { ok: false, text: "18 位，含末位校验码（GB 32100-2015）" };
    const problem = creditCodeProblem(form.creditCode);
    return problem ? { ok: false, text: problem } : { ok: true, text: "校验码正确" };
  });

  /**
   * What the header says: never submitted since the administration entered it (it is prefilled, so the task is to
   * check and submit it, not to complete it), changed here and not yet submitted, or as saved.
   */
  const state = computed<"unconfirmed" | "edited" | "saved">(() => {
    const i = institution.value;
    if (!i || !i.profileCompletedAt) return "unconfirmed";
    const saved = formOf(i);
    return FIELDS.some((f) => saved[f] !== form[f]) ? "edited" : "saved";
  });

  async function submit() {
    clear();
    const invalid = await formRef.value?.validate().then(
      () => null,
      (fields: Record<string, unknown>) => Object.keys(fields ?? {}),
    );
    if (invalid === undefined) return;
    if (invalid) {
      // Each message stands under its field; the toast names the fields, so one out of view is not missed.
      const names = invalid.map((f) => PROFILE_LABELS[f as keyof ProfileForm] ?? f);
      ElMessage.warning(`请按红色提示修改：${names.join("、")}`);
      return;
    }
    try {
      await mutate({
        input: {
          name: form.name.trim(),
          creditCode: form.creditCode.trim().toUpperCase(),
          licenseNo: form.licenseNo.trim(),
          type: form.type,
          levelCode: form.levelCode,
          natureCode: form.natureCode,
          address: form.address.trim(),
          legalRepresentative: form.legalRepresentative.trim(),
          contactPerson: form.contactPerson.trim(),
          contactPhone: form.contactPhone.trim(),
          bedCount: form.bedCount ?? null,
        },
      });
      ElMessage.success("本机构信息已保存");
    } catch (err) {
      const failure = reportError(err, apply);
      // The message sits under its field, which may be out of view on this long form.
      const first = failure.fields.find((f) => (FIELDS as readonly string[]).includes(f.field));
      if (first) formRef.value?.scrollToField(first.field);
    }
  }

  function reset() {
    clear();
    if (institution.value) Object.assign(form, formOf(institution.value));
    formRef.value?.clearValidate();
  }

  return {
    formRef,
    form,
    institution,
    options,
    loading,
    error,
    refetch,
    saving,
    serverErrors,
    creditCodeHint,
    state,
    submit,
    reset,
  };
}
