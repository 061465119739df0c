import { reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { reportError, toFailure } from "@/common/errors";
import { AdminCyclesDocument, CreateAssessmentCycleDocument, type Procedure, type TestKind } from "@/gql/graphql";

/** The five phases every cycle has, in the order they run (the server's PHASE_KEYS, the demo's names). */
export const CYCLE_PHASES = [
  { key: "REGISTRATION", name: "医师报名" },
  { key: "INSTITUTION_REVIEW", name: "医疗卫生机构审核" },
  { key: "ASSESSMENT_REVIEW", name: "考核机构复核" },
  { key: "TEST", name: "在线测评" },
  { key: "MAKEUP", name: "补考" },
] as const;

type Range = [string, string] | null;
const blank = () => ({
  name: "",
  dates: null as Range,
  phases: Object.fromEntries(CYCLE_PHASES.map((p) => [p.key, null])) as Record<string, Range>,
  // The rules a province usually keeps (the server's defaults): the form shows them for change.
  tests: {
    SIMPLE: { tests: ["HUMANITIES"], exemptable: "HUMANITIES" },
    GENERAL: { tests: ["PROFESSIONAL", "HUMANITIES"], exemptable: "PROFESSIONAL" },
  } as Record<Procedure, { tests: TestKind[]; exemptable: TestKind | "" }>,
  goodYears: 5,
  noBadYears: 12,
  notice: "",
  makeCurrent: false,
});

/**
 * 新建考核周期 (province): name, dates, the five phases, the tests each procedure requires, the simple-procedure
 * rule and the notice. The server checks everything and names each wrong field (a phase's under its key), so the
 * form only gathers and shows; work-quantity standards keep the province's defaults.
 */
export function useCycleCreate() {
  const form = reactive({ visible: false, ...blank(), errors: {} as Record<string, string> });
  const saving = ref(false);
  const { mutate } = useMutation(CreateAssessmentCycleDocument, {
    refetchQueries: [{ query: AdminCyclesDocument }],
    awaitRefetchQueries: true,
  });

  function open() {
    Object.assign(form, { visible: true, ...blank(), errors: {} });
  }

  async function submit() {
    form.errors = {};
    saving.value = true;
    try {
      await mutate({
        makeCurrent: form.makeCurrent,
        input: {
          name: form.name,
          startDate: form.dates?.[0] ?? "",
          endDate: form.dates?.[1] ?? "",
          phases: CYCLE_PHASES.map((p) => ({
            key: p.key,
            name: p.name,
            startDate: form.phases[p.key]?.[0] ?? "",
            endDate: form.phases[p.key]?.[1] ?? "",
          })),
          requiredTests: (Object.keys(form.tests) as Procedure[]).map((procedure) => ({
            procedure,
            tests: form.tests[procedure].tests,
            exemptable: form.tests[procedure].exemptable || null,
          })),
          simpleProcedureRule: { minYearsWithGoodRecord: form.goodYears, minYearsWithoutBadRecord: form.noBadYears },
          notice: form.notice,
        },
      });
      ElMessage.success(`已新建考核周期“${form.name.trim()}”`);
      form.visible = false;
    } catch (err) {
      const f = toFailure(err);
      if (f.fields.length) for (const field of f.fields) form.errors[field.field] ??= field.message;
      else reportError(err);
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, open, submit };
}
