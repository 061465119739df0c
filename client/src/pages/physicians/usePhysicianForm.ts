import { computed, nextTick, reactive, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { apolloClient } from "@/apollo/client";
import { reportError, useServerErrors } from "@/common/errors";
import { idNumberHint } from "@/common/id-number";
import {
  CreatePhysicianDocument,
  PhysicianDetailDocument,
  PhysicianFormOptionsDocument,
  UpdatePhysicianDocument,
  type PhysicianDetailFieldsFragment,
  type PhysicianInput,
} from "@/gql/graphql";
import { FORM_PROP, PHYSICIAN_FIELDS, type PhysicianForm } from "./physician.rules";

const emptyForm = (): PhysicianForm => ({
  name: "",
  idNumber: "",
  phone: "",
  categoryCode: "",
  scopeCodes: [],
  level: "",
  title: "",
  firstPracticeDate: "",
  departmentId: "",
  qualificationCertNo: "",
  practiceCertNo: "",
  otherPracticeSites: [],
});

function formOf(p: PhysicianDetailFieldsFragment): PhysicianForm {
  return {
    name: p.name,
    idNumber: p.idNumber,
    phone: p.phone,
    categoryCode: p.categoryCode,
    scopeCodes: p.scopes.map((s) => s.code),
    level: p.level,
    title: p.title,
    firstPracticeDate: p.firstPracticeDate ?? "",
    departmentId: p.departmentId ?? "",
    qualificationCertNo: p.qualificationCertNo,
    practiceCertNo: p.practiceCertNo,
    otherPracticeSites: p.otherPracticeSites.map((s) => ({
      institutionName: s.institutionName,
      startDate: s.startDate ?? "",
      endDate: s.endDate ?? "",
    })),
  };
}

/**
 * 新增医师 / 编辑 dialog: categories and scopes from `practiceCategories`, levels and titles from
 * `referenceLists`, departments from `departmentOptions`; the ID number cannot change once registered.
 */
export function usePhysicianForm(onSaved: (p: PhysicianDetailFieldsFragment) => void) {
  const visible = ref(false);
  const editingId = ref<number | null>(null);
  const loadingDetail = ref(false);
  const formRef = ref<FormInstance>();
  const form = reactive<PhysicianForm>(emptyForm());
  const { serverErrors, apply, clear } = useServerErrors(PHYSICIAN_FIELDS);

  const { result: optionsResult, loading: optionsLoading } = useQuery(PhysicianFormOptionsDocument, null, {
    fetchPolicy: "cache-first",
  });
  const categories = computed(() => optionsResult.value?.practiceCategories ?? []);
  const scopes = computed(() => categories.value.find((c) => c.code === form.categoryCode)?.scopes ?? []);
  const levels = computed(() => optionsResult.value?.referenceLists.physicianLevels ?? []);
  const titles = computed(() => optionsResult.value?.referenceLists.titles ?? []);
  const departments = computed(() => optionsResult.value?.departmentOptions ?? []);

  // Scopes belong to a category: drop those of the previous one.
  watch(
    () => form.categoryCode,
    () => {
      const allowed = new Set(scopes.value.map((s) => s.code));
      if (scopes.value.length) form.scopeCodes = form.scopeCodes.filter((c) => allowed.has(c));
    },
  );

  const idHint = computed(() => idNumberHint(form.idNumber));
  const title = computed(() => (editingId.value ? "编辑医师信息" : "新增医师"));

  const { mutate: create, loading: creating } = useMutation(CreatePhysicianDocument);
  const { mutate: update, loading: updating } = useMutation(UpdatePhysicianDocument);
  const saving = computed(() => creating.value || updating.value);

  async function open(physicianId?: number) {
    editingId.value = physicianId ?? null;
    Object.assign(form, emptyForm());
    clear();
    visible.value = true;
    void nextTick(() => formRef.value?.clearValidate());
    if (!physicianId) return;
    loadingDetail.value = true;
    try {
      // Full identifiers come from the detail (the roster row is masked).
      const { data } = await apolloClient.query({
        query: PhysicianDetailDocument,
        variables: { id: physicianId },
        fetchPolicy: "network-only",
      });
      Object.assign(form, formOf(data.physician));
      void nextTick(() => formRef.value?.clearValidate());
    } catch (err) {
      reportError(err);
      visible.value = false;
    } finally {
      loadingDetail.value = false;
    }
  }

  function addSite() {
    form.otherPracticeSites.push({ institutionName: "", startDate: "", endDate: "" });
  }
  function removeSite(index: number) {
    form.otherPracticeSites.splice(index, 1);
  }

  function input(): PhysicianInput {
    return {
      name: form.name.trim(),
      idNumber: form.idNumber.trim().toUpperCase(),
      phone: form.phone.trim() || null,
      categoryCode: form.categoryCode,
      scopeCodes: [...form.scopeCodes],
      level: form.level || "PHYSICIAN",
      title: form.title || null,
      firstPracticeDate: form.firstPracticeDate || null,
      departmentId: form.departmentId === "" ? null : form.departmentId,
      qualificationCertNo: form.qualificationCertNo.trim() || null,
      practiceCertNo: form.practiceCertNo.trim() || null,
      otherPracticeSites: form.otherPracticeSites
        .filter((s) => s.institutionName.trim())
        .map((s) => ({
          institutionName: s.institutionName.trim(),
          startDate: s.startDate || null,
          endDate: s.endDate || null,
        })),
    };
  }

  async function save() {
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    try {
      const values = input();
      const res = editingId.value
        ? await update({ id: editingId.value, input: values })
        : await create({ input: values });
      const saved = res?.data && ("updatePhysician" in res.data ? res.data.updatePhysician : res.data.createPhysician);
      ElMessage.success(
        editingId.value
          ? `已保存 ${values.name} 的信息`
          : `已新增医师 ${values.name}，其账户为身份证号码，初始密码 666666`,
      );
      visible.value = false;
      if (saved) onSaved(saved);
    } catch (err) {
      const failure = reportError(err, apply);
      // A duplicate ID number comes back as CONFLICT without a field: show it on the ID number.
      if (failure.code === "CONFLICT" && !failure.fields.length)
        void nextTick(() => (serverErrors.idNumber = failure.message));
      const first = failure.fields.find((f) => (PHYSICIAN_FIELDS as readonly string[]).includes(f.field));
      if (first) formRef.value?.scrollToField(FORM_PROP[first.field as (typeof PHYSICIAN_FIELDS)[number]]);
    }
  }

  return {
    visible,
    editingId,
    title,
    loadingDetail,
    formRef,
    form,
    serverErrors,
    optionsLoading,
    categories,
    scopes,
    levels,
    titles,
    departments,
    idHint,
    saving,
    open,
    addSite,
    removeSite,
    save,
  };
}
